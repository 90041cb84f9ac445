package sim_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

func seqsOf(cs []sim.Call) string {
	var out []uint64
	for _, c := range cs {
		out = append(out, c.Seq)
	}
	return fmt.Sprint(out)
}

// An entry names its contact even after the contact object was released
// and the world forgot it: the identity is the point of the entry.
func TestJournalKeepsIdentityOfReleasedObjects(t *testing.T) {
	ctx := testCtx(t)
	m := sim.RunT(t, sim.WithoutLifetimeChecks())
	w := m.World()
	loose, err := m.GetContact(ctx, "kim@example.com", "") // not on the list: forgotten after Release
	mustOK(t, "GetContact", err)
	win, err := m.InstantMessage(ctx, model.Dispatched(loose))
	mustOK(t, "InstantMessage", err)
	mustOK(t, "CloseWindow", m.Person().CloseWindow(win))
	mustOK(t, "Release window", win.Release(ctx))
	mustOK(t, "Release contact", loose.Release(ctx))
	if st := w.State(); len(st.Objects) != 1 {
		t.Fatalf("the world still holds %d objects", len(st.Objects))
	}

	p, err := w.Query(sim.CallFilter{Contact: "KIM@example.com"})
	mustOK(t, "Query", err)
	if got := seqsOf(p.Calls); got != "[1 2 4]" || !p.ContactSeen {
		t.Fatalf("calls involving kim: %s (seen %v), want [1 2 4]", got, p.ContactSeen)
	}
	if s := p.Calls[2].String(); !strings.HasPrefix(s, "#4 IUnknown(kim@example.com)::Release()") {
		t.Errorf("the released contact's Release: %s", s)
	}
}

func TestJournalEntryFields(t *testing.T) {
	ctx := testCtx(t)
	m := sim.RunT(t, sim.WithoutLifetimeChecks())
	w := m.World()
	jaya, err := m.GetContact(ctx, "jaya@contoso.com", "")
	mustOK(t, "GetContact", err)
	_, err = w.InjectFault(sim.Fault{Member: "InstantMessage", HR: hresult.MSGR_E_NOT_LOGGED_ON, Times: 1})
	mustOK(t, "InjectFault", err)
	_, err = m.InstantMessage(ctx, model.Dispatched(jaya))
	if !errors.Is(err, hresult.MSGR_E_NOT_LOGGED_ON) {
		t.Fatalf("faulted InstantMessage: %v", err)
	}
	win, err := m.InstantMessage(ctx, model.Dispatched(jaya))
	mustOK(t, "InstantMessage", err)
	hwnd, err := win.HWND(ctx)
	mustOK(t, "HWND", err)
	mainWin, err := m.Window(ctx)
	mustOK(t, "Window", err)
	_, err = jaya.Status(ctx)
	mustOK(t, "Status", err)

	calls := w.Journal()
	if len(calls) != 6 {
		t.Fatalf("%d calls", len(calls))
	}
	gc, faulted, im, _, wnd, st := calls[0], calls[1], calls[2], calls[3], calls[4], calls[5]
	if gc.Result == nil || gc.Result.Identity.SigninName != "jaya@contoso.com" || gc.Result.Obj != jaya {
		t.Errorf("GetContact result %v", gc.Result)
	}
	if !faulted.Fault || faulted.Result != nil || len(faulted.Events) != 0 || faulted.Args[0].Identity.SigninName != "jaya@contoso.com" {
		t.Errorf("faulted call %s", faulted)
	}
	if im.Fault || im.Result == nil || im.Result.Identity != (sim.Identity{HWND: hwnd}) ||
		len(im.Events) != 1 || im.Events[0] != (sim.CallEvent{Name: model.OnIMWindowCreated, Seq: 1}) {
		t.Errorf("InstantMessage %s", im)
	}
	if wnd.Result == nil || !wnd.Result.Identity.MainWindow || wnd.Result.Obj != mainWin {
		t.Errorf("Window result %v", wnd.Result)
	}
	if st.Self.SigninName != "jaya@contoso.com" || st.Result == nil || st.Result.VT != model.VT_I4 {
		t.Errorf("Status on the contact: %s", st)
	}
	want := fmt.Sprintf(`#3 IMessenger::InstantMessage(VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)) -> S_OK (0x00000000) = VT_DISPATCH(IMessengerConversationWndAdvanced hwnd %d) [OnIMWindowCreated #1]`, hwnd)
	if im.String() != want {
		t.Errorf("String:\n got %s\nwant %s", im, want)
	}
	if s := faulted.String(); !strings.Contains(s, "MSGR_E_NOT_LOGGED_ON") || !strings.Contains(s, "(injected fault)") {
		t.Errorf("faulted String %s", s)
	}
	if s := st.String(); !strings.HasPrefix(s, "#6 IMessengerContact(jaya@contoso.com)::Status() -> S_OK") {
		t.Errorf("call on a contact: %s", s)
	}
}

func TestJournalQueryFilters(t *testing.T) {
	ctx := testCtx(t)
	m := sim.RunT(t, sim.WithoutLifetimeChecks())
	w := m.World()
	jaya, _ := m.GetContact(ctx, "jaya@contoso.com", "")            // 1
	_, _ = m.InstantMessage(ctx, model.Dispatched(jaya))            // 2
	_, _ = jaya.FriendlyName(ctx)                                   // 3
	_, _ = m.InstantMessage(ctx, model.BSTR("sip:Sam@Contoso.com")) // 4
	_, _ = m.InstantMessage(ctx, model.BSTR(" bad"))                // 5 E_INVALIDARG
	other := w.MustMessenger(model.CallerScript)                    //
	_, _ = other.MyStatus(ctx)                                      // 6
	einval, sok, one := hresult.E_INVALIDARG, hresult.S_OK, 1
	for _, tc := range []struct {
		f    sim.CallFilter
		want string
	}{
		{sim.CallFilter{Contact: "jaya@contoso.com"}, "[1 2 3]"},
		{sim.CallFilter{Contact: "SAM@contoso.com"}, "[4]"},
		{sim.CallFilter{Contact: "sam@contoso.com", Member: "GetContact"}, "[]"},
		{sim.CallFilter{HR: &einval}, "[5]"},
		{sim.CallFilter{HR: &sok, Member: "InstantMessage"}, "[2 4]"},
		{sim.CallFilter{Failed: true}, "[5]"},
		{sim.CallFilter{Client: &one}, "[6]"},
		{sim.CallFilter{After: 2, Before: 5}, "[3 4]"},
		{sim.CallFilter{Object: jaya.ObjectID()}, "[3]"},
		{sim.CallFilter{Arg: &model.Variant{VT: model.VT_DISPATCH, Obj: jaya}}, "[2]"},
	} {
		p, err := w.Query(tc.f)
		mustOK(t, "Query", err)
		if got := seqsOf(p.Calls); got != tc.want || p.Total != len(p.Calls) || p.All != 6 {
			t.Errorf("%+v: %s (total %d, all %d), want %s of 6", tc.f, got, p.Total, p.All, tc.want)
		}
		if n, _ := w.CountCalls(tc.f); n != len(p.Calls) {
			t.Errorf("%+v: CountCalls %d, Query %d", tc.f, n, len(p.Calls))
		}
	}
	if p, _ := w.Query(sim.CallFilter{Contact: "nobody@contoso.com"}); p.ContactSeen {
		t.Error("a contact nobody mentioned was seen")
	}
	if p, _ := w.Query(sim.CallFilter{Contact: "kim@fabrikam.com"}); !p.ContactSeen || p.Total != 0 {
		t.Errorf("pat is on the contact list: %+v", p)
	}
	for _, bad := range []sim.CallFilter{{Contact: " jaya@contoso.com"}, {Object: "nope"}, {After: 3, Before: 4}, {HR: &sok, Failed: true}} {
		var fe *sim.FilterError
		if _, err := w.Query(bad); !errors.As(err, &fe) {
			t.Errorf("%+v: %v, want a *FilterError", bad, err)
		}
	}
}

// The journal is bounded: All counts what it dropped, Total what matched.
func TestJournalAllCountsDroppedCalls(t *testing.T) {
	ctx := testCtx(t)
	m := sim.RunT(t, sim.WithJournalSize(3))
	for range 5 {
		_, _ = m.MyStatus(ctx)
	}
	p, err := m.World().Query(sim.CallFilter{Member: "MyStatus"})
	mustOK(t, "Query", err)
	if p.All != 5 || p.Total != 3 || seqsOf(p.Calls) != "[3 4 5]" {
		t.Errorf("%+v", p)
	}
}

// A Control does nothing once its context has ended, as a request with
// that context would not reach the server.
func TestControlHonoursAnEndedContext(t *testing.T) {
	m := sim.RunT(t)
	c := m.Control()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.SignOut(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("SignOut with an ended context: %v", err)
	}
	if _, err := c.InjectFault(ctx, sim.Fault{Member: "Signout", HR: hresult.E_FAIL, Times: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("InjectFault: %v", err)
	}
	st, err := c.State(context.Background())
	mustOK(t, "State", err)
	if !st.SignedIn || len(st.Faults) != 0 {
		t.Errorf("an ended context changed the world: signed in %v, faults %v", st.SignedIn, st.Faults)
	}
	if err := c.CloseNextWindows(context.Background(), -1); err == nil {
		t.Error("CloseNextWindows(-1) accepted")
	}
	if err := c.SetDialogPolicy(context.Background(), sim.DialogPolicy(9)); err == nil {
		t.Error("an unknown dialog policy accepted")
	}
}
