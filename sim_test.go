package fakemessenger_test

import (
	"context"
	"errors"
	"html"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// The conformance suite: one row per documented behaviour, each naming the
// documentation page or point it pins (the Communicator 2007 and Windows
// Messenger reference pages the README links), run over every
// transport in `transports`. Rows use only the World interface and the
// model interfaces, so the same row checks the in-process sim and the wire
// server. The default world is sim.DefaultScenario: alex@contoso.com
// ("Alex Wilber", online) signed in, with jaya@contoso.com ("Jaya Rao",
// online), sam@contoso.com ("Sam Lee", away) and kim@fabrikam.com ("Kim
// Akers", offline) on the contact list.

type conformanceRow struct {
	name string
	ref  string
	run  func(t *testing.T, w World)
}

const (
	jaya = "jaya@contoso.com"
	sam  = "sam@contoso.com"
	kim  = "kim@fabrikam.com"
	alex = "alex@contoso.com"
	pat  = "pat@contoso.com" // not on the contact list
)

var (
	// name129 is the longest acceptable sign-in name (64 + "@" + 64).
	name129 = strings.Repeat("a", 64) + "@" + strings.Repeat("b", 60) + ".com"
	name130 = strings.Repeat("a", 64) + "@" + strings.Repeat("b", 61) + ".com"
)

// rowTables holds the conformance tables kept in other files (one per
// interface family); each adds itself in an init. TestConformance runs
// them all, over every transport, and the coverage table counts them.
var rowTables = map[string][]conformanceRow{}

// allRows is the root table and every registered one.
func allRows() []conformanceRow {
	rows := append([]conformanceRow(nil), conformance...)
	names := make([]string, 0, len(rowTables))
	for n := range rowTables {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		rows = append(rows, rowTables[n]...)
	}
	return rows
}

func TestConformance(t *testing.T) {
	rows := allRows()
	checkRowTable(t, rows)
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			for _, r := range rows {
				t.Run(r.name, func(t *testing.T) {
					t.Parallel()
					t.Logf("reference: %s", r.ref)
					r.run(t, tr.start(t))
				})
			}
		})
	}
}

// withOptions rows need a world made with options (a handle quota, a
// scenario); every transport carries them (the wire one through the
// POST /v1/worlds body).
var withOptions = []struct {
	conformanceRow
	opts []sim.Option
}{
	{conformanceRow{"InstantMessage/E_FAIL when no window handle can be had", "§4 [seed] E_FAIL 'could not get window handle' by world state (handle quota, sim.WithHandleQuota)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			// The main window holds one of the two handles.
			mustIM(t, ctx, m, jaya)
			before := mustState(t, ctx, w)
			win, err := m.InstantMessage(ctx, model.BSTR(sam))
			expectHR(t, "InstantMessage over the quota", err, hresult.E_FAIL)
			if win != nil {
				t.Errorf("InstantMessage over the quota returned a window %v", win.ObjectID())
			}
			drain(t, ctx, w)
			after := mustState(t, ctx, w)
			if len(after.Conversations) != 1 || after.Events != before.Events {
				t.Errorf("a failed InstantMessage changed the world: %d windows, events %d -> %d", len(after.Conversations), before.Events, after.Events)
			}
			if n := len(log.named(model.OnIMWindowCreated)); n != 1 {
				t.Errorf("OnIMWindowCreated fired %d times, want 1", n)
			}
		}}, []sim.Option{sim.WithHandleQuota(2)}},
	{conformanceRow{"InstantMessage/at the handle quota an open window is still returned", "§9.1 [wm-doc] second call returns the existing window (needs no new handle)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			want(t, "InstantMessage at the quota for an open window", win)(m.InstantMessage(ctx, model.BSTR(jaya)))
		}}, []sim.Option{sim.WithHandleQuota(2)}},
	{conformanceRow{"InstantMessage/closing a window frees its handle", "§2.2 a closed conversation window is removed from the client",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			_, err := m.InstantMessage(ctx, model.BSTR(sam))
			expectHR(t, "InstantMessage over the quota", err, hresult.E_FAIL)
			expectHR(t, "Close", win.Close(ctx), hresult.S_OK)
			mustIM(t, ctx, m, sam)
		}}, []sim.Option{sim.WithHandleQuota(2)}},
	{conformanceRow{"AutoSignin/no saved credentials E_FAIL", "bb787260 AutoSignin E_FAIL 'first-time user; no available credentials'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			expectHR(t, "AutoSignin", m.AutoSignin(ctx), hresult.E_FAIL)
			expectHR(t, "Signin", m.Signin(ctx, 0, "", ""), hresult.E_FAIL)
			_, err := m.MySigninName(ctx)
			expectHR(t, "MySigninName after the failed sign-in", err, hresult.MSGR_E_NOT_LOGGED_ON)
			expectNoEvents(t, ctx, w, log, "a failed AutoSignin")
		}}, []sim.Option{sim.WithScenario(noCredsScenario())}},
}

func noCredsScenario() sim.Scenario {
	s := sim.DefaultScenario()
	f := false
	s.User.SignedIn = &f
	s.User.NoSavedCredentials = true
	return s
}

func TestConformanceWithOptions(t *testing.T) {
	rows := make([]conformanceRow, len(withOptions))
	for i, r := range withOptions {
		rows[i] = r.conformanceRow
	}
	checkRowTable(t, rows)
	for _, tr := range transports {
		for _, r := range withOptions {
			t.Run(tr.name+"/"+r.name, func(t *testing.T) {
				t.Parallel()
				t.Logf("reference: %s", r.ref)
				r.run(t, tr.start(t, r.opts...))
			})
		}
	}
}

// checkRowTable keeps the table honest: every row names its reference and
// no two rows share a name (t.Run would silently suffix them).
func checkRowTable(t *testing.T, rows []conformanceRow) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range rows {
		if r.ref == "" || r.run == nil {
			t.Errorf("row %q has no reference or no run", r.name)
		}
		if seen[r.name] {
			t.Errorf("two rows are named %q", r.name)
		}
		seen[r.name] = true
	}
}

var conformance = []conformanceRow{
	// ---- IMessenger::InstantMessage (§4, §9.1) ----
	{"InstantMessage/BSTR listed contact opens a visible window", "§4 [seed] VT_BSTR, S_OK, returns IMessengerConversationWnd; §2.5 OnIMWindowCreated",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win, err := m.InstantMessage(ctx, model.BSTR(jaya))
			expectHR(t, "InstantMessage", err, hresult.S_OK)
			if win == nil {
				t.Fatal("InstantMessage returned no window")
			}
			if got := win.InterfaceName(); got != model.IMessengerConversationWndAdvanced {
				t.Errorf("InterfaceName = %q, want %q", got, model.IMessengerConversationWndAdvanced)
			}
			closed, err := win.IsClosed(ctx)
			expectHR(t, "IsClosed", err, hresult.S_OK)
			if closed {
				t.Error("IsClosed = true on a window just opened")
			}
			h, err := win.HWND(ctx)
			expectHR(t, "HWND", err, hresult.S_OK)
			if h == 0 {
				t.Error("HWND = 0")
			}
			drain(t, ctx, w)
			created := log.named(model.OnIMWindowCreated)
			if len(created) != 1 {
				t.Fatalf("OnIMWindowCreated fired %d times, want 1", len(created))
			}
			if created[0].Window() != win {
				t.Error("OnIMWindowCreated's pIMWindow is not the object InstantMessage returned")
			}
		}},
	{"InstantMessage/BSTR name not in the list makes a contact", "§4 [seed] 'a new MessengerContact object is made internally'; §9.7 partly valid contact",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, pat)
			c := onlyParticipant(t, ctx, win)
			if got := mustString(t, "SigninName", c.SigninName, ctx); got != pat {
				t.Errorf("participant SigninName = %q, want %q", got, pat)
			}
			if got := mustString(t, "FriendlyName", c.FriendlyName, ctx); got != pat {
				t.Errorf("participant FriendlyName = %q, want the sign-in name %q", got, pat)
			}
			want(t, "Status", model.MISTATUS_UNKNOWN)(c.Status(ctx))
		}},
	{"InstantMessage/VT_DISPATCH uses the existing contact object", "§4 [seed] VT_DISPATCH 'a pointer to an existing IMessengerContact'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, jaya)
			win, err := m.InstantMessage(ctx, model.Dispatched(c))
			expectHR(t, "InstantMessage(contact)", err, hresult.S_OK)
			if p := onlyParticipant(t, ctx, win); p != c {
				t.Error("the conversation's participant is not the contact object passed in")
			}
		}},
	{"InstantMessage/second call returns the same window", "§9.1 [wm-doc] a second call for a contact whose window is open returns S_OK and that window",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			first := mustIM(t, ctx, m, jaya)
			second, err := m.InstantMessage(ctx, model.BSTR(jaya))
			expectHR(t, "second InstantMessage", err, hresult.S_OK)
			c := mustContact(t, ctx, m, jaya)
			third, err := m.InstantMessage(ctx, model.Dispatched(c))
			expectHR(t, "third InstantMessage (by contact)", err, hresult.S_OK)
			for i, x := range []model.ConversationWnd{second, third} {
				if x != first || x.ObjectID() != first.ObjectID() {
					t.Errorf("call %d returned %v, want the first window %v", i+2, x, first.ObjectID())
				}
			}
			drain(t, ctx, w)
			if n := len(log.named(model.OnIMWindowCreated)); n != 1 {
				t.Errorf("OnIMWindowCreated fired %d times, want 1", n)
			}
			if st := mustState(t, ctx, w); len(st.Conversations) != 1 {
				t.Errorf("%d conversation windows open, want 1", len(st.Conversations))
			}
		}},
	{"InstantMessage/same contact spelled differently returns the same window", "§9.1 + model.NormalizeSigninName: names compare case-insensitively, with or without sip:",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			first := mustIM(t, ctx, m, jaya)
			for _, n := range []string{"JAYA@contoso.com", "sip:jaya@contoso.com", "SIP:Jaya@Contoso.Com"} {
				got, err := m.InstantMessage(ctx, model.BSTR(n))
				expectHR(t, "InstantMessage("+n+")", err, hresult.S_OK)
				if got != first {
					t.Errorf("InstantMessage(%q) opened another window", n)
				}
			}
		}},
	{"InstantMessage/different contacts get different windows", "§9.1 [wm-doc] 'different contacts: several conversation windows may be open'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a, b := mustIM(t, ctx, m, jaya), mustIM(t, ctx, m, sam)
			if a == b || a.ObjectID() == b.ObjectID() {
				t.Fatal("two contacts share one window object")
			}
			ha, hb := mustInt(t, "HWND", a.HWND, ctx), mustInt(t, "HWND", b.HWND, ctx)
			if ha == 0 || hb == 0 || ha == hb {
				t.Errorf("HWNDs %#x and %#x: want two distinct non-zero handles", ha, hb)
			}
		}},
	{"InstantMessage/self by name E_FAIL", "§9.1 [wm-doc] E_FAIL 'called against the local client user'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, n := range []string{alex, "ALEX@contoso.com", "sip:alex@contoso.com"} {
				win, err := m.InstantMessage(ctx, model.BSTR(n))
				expectHR(t, "InstantMessage("+n+")", err, hresult.E_FAIL)
				if win != nil {
					t.Errorf("InstantMessage(%q) returned a window", n)
				}
			}
			expectNoWindows(t, ctx, w)
		}},
	{"InstantMessage/self by contact object E_FAIL", "§9.1 [wm-doc] E_FAIL for self; bb758790 check IsSelf first",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			self := mustContact(t, ctx, m, alex)
			if !mustBool(t, "IsSelf", self.IsSelf, ctx) {
				t.Error("IsSelf = false for the signed-in user")
			}
			_, err := m.InstantMessage(ctx, model.Dispatched(self))
			expectHR(t, "InstantMessage(self contact)", err, hresult.E_FAIL)
			expectNoWindows(t, ctx, w)
		}},
	{"InstantMessage/signed out MSGR_E_NOT_LOGGED_ON", "§9.1 [wm-doc] MSGR_E_NOT_LOGGED_ON 'not signed in to the primary service'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, jaya)
			mustDo(t, "person signs out", w.SignOut(ctx))
			_, err := m.InstantMessage(ctx, model.BSTR(jaya))
			expectHR(t, "InstantMessage(BSTR) signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
			_, err = m.InstantMessage(ctx, model.Dispatched(c))
			expectHR(t, "InstantMessage(contact) signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
			expectNoWindows(t, ctx, w)
		}},
	{"InstantMessage/arguments are checked before the sign-in state", "README decision 1: MSGR_E_NOT_LOGGED_ON is checked after the arguments",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			_, err := m.InstantMessage(ctx, model.BSTR(""))
			expectHR(t, "InstantMessage(\"\") signed out", err, hresult.E_INVALIDARG)
			_, err = m.InstantMessage(ctx, model.I4(7))
			expectHR(t, "InstantMessage(VT_I4) signed out", err, hresult.E_INVALIDARG)
		}},
	{"InstantMessage/NULL BSTR E_INVALIDARG", "§9.1 [wm-doc] E_INVALIDARG 'points to a NULL string'",
		func(t *testing.T, w World) {
			expectIMInvalid(t, w, model.NullBSTR())
		}},
	{"InstantMessage/empty name E_INVALIDARG", "§9.1 [wm-doc] E_INVALIDARG (NULL/empty vContact); model.ProblemEmpty",
		func(t *testing.T, w World) {
			expectIMInvalid(t, w, model.BSTR(""))
		}},
	{"InstantMessage/leading space E_INVALIDARG", "§9.1 [wm-doc] E_INVALIDARG 'a string whose first character is a space'",
		func(t *testing.T, w World) {
			expectIMInvalid(t, w, model.BSTR(" "+jaya))
		}},
	{"InstantMessage/130 characters E_INVALIDARG", "§9.1 [wm-doc] E_INVALIDARG 'VT_BSTR longer than 129 characters'",
		func(t *testing.T, w World) {
			expectIMInvalid(t, w, model.BSTR(name130))
		}},
	{"InstantMessage/129 characters accepted", "bb787229 / wm:im-imessenger-instantmessage: the limit is 129 = 64-character name + '@' + 64-character domain",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, name129)
			if got := mustString(t, "SigninName", onlyParticipant(t, ctx, win).SigninName, ctx); got != name129 {
				t.Errorf("participant SigninName = %q, want the 129-character name", got)
			}
		}},
	{"InstantMessage/CR or LF E_INVALIDARG", "§9.1 [wm-doc] E_INVALIDARG 'VT_BSTR containing a carriage return or linefeed'",
		func(t *testing.T, w World) {
			expectIMInvalid(t, w, model.BSTR(jaya+"\r"))
			expectIMInvalid(t, w, model.BSTR("ja\nya@contoso.com"))
			expectIMInvalid(t, w, model.BSTR(jaya+"\r\n"))
		}},
	{"InstantMessage/other VARIANT types E_INVALIDARG", "§4 [seed] is silent; README decision 1 ([wm-doc] 'vContact is NULL or the wrong type')",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			main := mustMainWindow(t, ctx, m)
			for _, v := range []model.Variant{
				model.Empty(), model.Null(), model.I4(1), model.Bool(true),
				{VT: model.VT_I2, Int: 3}, {VT: model.VT_R8, Float: 1.5}, {VT: model.VT_ERROR, Int: int64(hresult.DISP_E_PARAMNOTFOUND)},
				model.Array(model.BSTR(jaya)), model.Dispatched(nil), model.Dispatched(main), model.Dispatched(m),
			} {
				expectIMInvalid(t, w, v)
			}
		}},
	{"InstantMessage/a failed call creates nothing and raises no event", "issue 3: 'A failed call creates nothing and raises no event'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			before := mustState(t, ctx, w)
			for _, v := range []model.Variant{model.BSTR(""), model.BSTR(alex), model.I4(1), model.NullBSTR()} {
				if _, err := m.InstantMessage(ctx, v); !hresult.Failed(err) {
					t.Errorf("InstantMessage(%v) = %v, want a failure", v, err)
				}
			}
			drain(t, ctx, w)
			after := mustState(t, ctx, w)
			if len(after.Conversations) != 0 || after.Events != before.Events || len(after.Objects) != len(before.Objects) {
				t.Errorf("failed calls changed the world: windows %d, events %d -> %d, objects %d -> %d",
					len(after.Conversations), before.Events, after.Events, len(before.Objects), len(after.Objects))
			}
			if evs := log.events(); len(evs) != 0 {
				t.Errorf("failed calls raised %v", eventNames(evs))
			}
		}},
	{"InstantMessage/S_FALSE when the person closes the window before it is returned", "§4 [seed] S_FALSE 'the messenger window is already closed', by world state (Person.CloseNextWindows)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "CloseNextWindows", w.CloseNextWindows(ctx, 1))
			win, err := m.InstantMessage(ctx, model.BSTR(jaya))
			expectHR(t, "InstantMessage", err, hresult.S_FALSE)
			if hresult.Failed(err) {
				t.Error("S_FALSE counted as a failure")
			}
			if win == nil {
				t.Fatal("S_FALSE came without the (closed) window")
			}
			_, err = win.IsClosed(ctx)
			expectHR(t, "IsClosed on the closed window", err, hresult.E_FAIL)
			drain(t, ctx, w)
			evs := log.named(model.OnIMWindowCreated, model.OnIMWindowDestroyed)
			if got := eventNames(evs); strings.Join(got, ",") != "OnIMWindowCreated,OnIMWindowDestroyed" {
				t.Fatalf("events %v, want OnIMWindowCreated, OnIMWindowDestroyed", got)
			}
			for _, e := range evs {
				if e.Window() != win {
					t.Errorf("%s carries another object than the one InstantMessage returned", e.Name)
				}
			}
			expectNoWindows(t, ctx, w)
			expectHR(t, "Release", win.Release(ctx), hresult.S_OK)
		}},
	{"InstantMessage/CloseNextWindows closes only the next n windows", "§4 [seed] S_FALSE by world state",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "CloseNextWindows", w.CloseNextWindows(ctx, 2))
			for _, n := range []string{jaya, sam} {
				_, err := m.InstantMessage(ctx, model.BSTR(n))
				expectHR(t, "InstantMessage("+n+")", err, hresult.S_FALSE)
			}
			if st := mustState(t, ctx, w); st.CloseNext != 0 {
				t.Errorf("state closeNextWindows = %d, want 0", st.CloseNext)
			}
			mustIM(t, ctx, m, jaya)
		}},
	{"InstantMessage/S_FALSE by fault creates nothing", "§4 [seed] S_FALSE, by fault injection",
		func(t *testing.T, w World) {
			expectIMFault(t, w, hresult.S_FALSE)
		}},
	{"InstantMessage/E_FAIL by fault creates nothing", "§4 [seed] E_FAIL 'could not get window handle', by fault injection",
		func(t *testing.T, w World) {
			expectIMFault(t, w, hresult.E_FAIL)
		}},
	{"InstantMessage/returns the window the person opened", "§9.1 [wm-doc] existing window returned; bb758726 OnIMWindowCreated for user-opened windows",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "person opens a conversation", w.OpenConversation(ctx, sam))
			drain(t, ctx, w)
			created := log.named(model.OnIMWindowCreated)
			if len(created) != 1 || created[0].Window() == nil {
				t.Fatalf("OnIMWindowCreated: %v, want one with a window", eventNames(created))
			}
			win, err := m.InstantMessage(ctx, model.BSTR(sam))
			expectHR(t, "InstantMessage", err, hresult.S_OK)
			if win != created[0].Window() {
				t.Error("InstantMessage did not return the window the person opened")
			}
		}},
	{"InstantMessage/a contact object of another client of the same world is accepted", "README decision 1: the same server object",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			m2 := mustNewMessenger(t, ctx, w, model.CallerCompiled)
			c2 := mustContact(t, ctx, m2, jaya)
			win, err := m.InstantMessage(ctx, model.Dispatched(c2))
			expectHR(t, "InstantMessage(contact of client 2)", err, hresult.S_OK)
			if got := mustString(t, "SigninName", onlyParticipant(t, ctx, win).SigninName, ctx); got != jaya {
				t.Errorf("participant %q, want %q", got, jaya)
			}
		}},

	// ---- IMessenger::GetContact (bb758743; README decision 7) ----
	{"GetContact/listed contact", "bb758743 GetContact S_OK; bb758790 contact members",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, jaya)
			if c.InterfaceName() != model.IMessengerContactAdvanced {
				t.Errorf("InterfaceName = %q", c.InterfaceName())
			}
			if got := mustString(t, "FriendlyName", c.FriendlyName, ctx); got != "Jaya Rao" {
				t.Errorf("FriendlyName = %q, want Jaya Rao", got)
			}
			if got := mustString(t, "SigninName", c.SigninName, ctx); got != jaya {
				t.Errorf("SigninName = %q", got)
			}
			want(t, "Status", model.MISTATUS_ONLINE)(c.Status(ctx))
		}},
	{"GetContact/not in the list S_OK with a partly valid contact", "§9.7 remarks: S_OK, Status MISTATUS_UNKNOWN, FriendlyName = sign-in name",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, pat)
			want(t, "Status", model.MISTATUS_UNKNOWN)(c.Status(ctx))
			if got := mustString(t, "FriendlyName", c.FriendlyName, ctx); got != pat {
				t.Errorf("FriendlyName = %q, want the sign-in name", got)
			}
			if got := mustString(t, "SigninName", c.SigninName, ctx); got != pat {
				t.Errorf("SigninName = %q, want the input name", got)
			}
		}},
	{"GetContact/NULL sign-in name E_FAIL", "bb758743 GetContact E_FAIL 'bstrSigninName is a null string'; §8 [jitsi]",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			r, err := m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.NullBSTR(), model.BSTR(""))
			expectHR(t, "GetContact(NULL, \"\")", err, hresult.E_FAIL)
			if r.Obj != nil {
				t.Error("a failed GetContact returned an object")
			}
		}},
	{"GetContact/NULL service ID E_FAIL", "bb758743 GetContact E_FAIL 'bstrServiceId is a null string'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			_, err := m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.BSTR(jaya), model.NullBSTR())
			expectHR(t, "GetContact(jaya, NULL)", err, hresult.E_FAIL)
		}},
	{"GetContact/130 characters E_INVALIDARG", "bb758743 GetContact E_INVALIDARG 'longer than 129 characters'",
		func(t *testing.T, w World) {
			expectGetContact(t, w, name130, "", hresult.E_INVALIDARG)
		}},
	{"GetContact/space E_INVALIDARG", "bb758743 GetContact E_INVALIDARG 'contains spaces'",
		func(t *testing.T, w World) {
			expectGetContact(t, w, "ja ya@contoso.com", "", hresult.E_INVALIDARG)
			expectGetContact(t, w, " "+jaya, "", hresult.E_INVALIDARG)
			expectGetContact(t, w, jaya+" ", "", hresult.E_INVALIDARG)
		}},
	{"GetContact/CR or LF E_INVALIDARG", "bb758743 GetContact E_INVALIDARG 'a carriage return or a linefeed'",
		func(t *testing.T, w World) {
			expectGetContact(t, w, jaya+"\r", "", hresult.E_INVALIDARG)
			expectGetContact(t, w, jaya+"\n", "", hresult.E_INVALIDARG)
		}},
	{"GetContact/service ID of 39 characters E_INVALIDARG", "bb758743 GetContact E_INVALIDARG 'bstrServiceId longer than 38 characters'",
		func(t *testing.T, w World) {
			expectGetContact(t, w, jaya, "{8C6E2F4A-1D3B-4E5F-9A70-C2B1D0E3F456}x", hresult.E_INVALIDARG)
		}},
	{"GetContact/service ID with a space E_INVALIDARG", "bb758743 GetContact E_INVALIDARG 'bstrServiceId contains spaces, CR or LF'",
		func(t *testing.T, w World) {
			expectGetContact(t, w, jaya, "{8C6E2F4A 1D3B}", hresult.E_INVALIDARG)
			expectGetContact(t, w, jaya, "{8C6E2F4A\r\n}", hresult.E_INVALIDARG)
		}},
	{"GetContact/service ID other than Communicator's E_INVALIDARG", "bb758743: 'the only valid service ID is the Live Communications Service ID'",
		func(t *testing.T, w World) {
			expectGetContact(t, w, jaya, "{00000000-0000-0000-0000-000000000000}", hresult.E_INVALIDARG)
		}},
	{"GetContact/MyServiceId and the empty service ID find the same contact", "bb758743 GetContact: empty bstrServiceId searches the contact list; §4 sample passes MyServiceId",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			sid := mustString(t, "MyServiceId", m.MyServiceId, ctx)
			a, err := m.GetContact(ctx, jaya, sid)
			expectHR(t, "GetContact(jaya, MyServiceId)", err, hresult.S_OK)
			b := mustContact(t, ctx, m, jaya)
			if a != b {
				t.Error("GetContact with MyServiceId and with \"\" gave two objects")
			}
		}},
	{"GetContact/signed out MSGR_E_NOT_LOGGED_ON", "bb758743 GetContact MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			mustDo(t, "person signs out", w.SignOut(ctx))
			expectGetContact(t, w, jaya, "", hresult.MSGR_E_NOT_LOGGED_ON)
			expectGetContact(t, w, pat, "", hresult.MSGR_E_NOT_LOGGED_ON)
		}},
	{"GetContact/same object while the earlier one is unreleased", "bb758743 GetContact remarks: 'returns the same pointer as long as the earlier one was not released'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, n := range []string{jaya, pat} {
				a, b := mustContact(t, ctx, m, n), mustContact(t, ctx, m, n)
				if a != b || a.ObjectID() != b.ObjectID() {
					t.Errorf("GetContact(%q) twice gave two objects (%s, %s)", n, a.ObjectID(), b.ObjectID())
				}
			}
		}},
	{"GetContact/a new identity after Release", "bb758743 GetContact remarks (same pointer only while unreleased); README decision 7",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, n := range []string{jaya, pat} {
				a := mustContact(t, ctx, m, n)
				expectHR(t, "Release", a.Release(ctx), hresult.S_OK)
				_, err := a.SigninName(ctx)
				expectHR(t, "SigninName on the released contact", err, hresult.RPC_E_DISCONNECTED)
				b := mustContact(t, ctx, m, n)
				if a == b || a.ObjectID() == b.ObjectID() {
					t.Errorf("GetContact(%q) after Release returned the released object", n)
				}
				if got := mustString(t, "SigninName", b.SigninName, ctx); got != n {
					t.Errorf("new object SigninName = %q", got)
				}
			}
		}},
	{"GetContact/MSGR_E_USER_NOT_FOUND only by fault", "§9.7 README decision 7",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "GetContact", HR: hresult.MSGR_E_USER_NOT_FOUND, Times: 1}))
			expectGetContact(t, w, pat, "", hresult.MSGR_E_USER_NOT_FOUND)
			expectGetContact(t, w, pat, "", hresult.S_OK)
		}},
	{"GetContact/late-bound result is an IMessengerContact", "§6 GetContact DISPID 1286 [out, retval] IDispatch**",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			r, err := m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.BSTR(jaya), model.BSTR(""))
			expectHR(t, "Invoke GetContact", err, hresult.S_OK)
			if r.VT != model.VT_DISPATCH || r.Obj == nil || r.Obj.InterfaceName() != model.IMessengerContactAdvanced {
				t.Fatalf("result %v, want a VT_DISPATCH IMessengerContact", r)
			}
			if r.Obj != model.Dispatch(mustContact(t, ctx, m, jaya)) {
				t.Error("Invoke and the typed call returned different objects")
			}
		}},

	// ---- the local user (bb787252, wm:im-imessenger-myfriendlyname; README decision 6) ----
	{"MySigninName/signed in", "bb787252 MySigninName S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			if got := mustString(t, "MySigninName", m.MySigninName, ctx); got != alex {
				t.Errorf("MySigninName = %q, want %q", got, alex)
			}
		}},
	{"MySigninName/offline MSGR_E_NOT_LOGGED_ON", "§9.6 README decision 6: MSGR_E_NOT_LOGGED_ON, not E_FAIL",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			s, err := m.MySigninName(ctx)
			expectHR(t, "MySigninName offline", err, hresult.MSGR_E_NOT_LOGGED_ON)
			if s != "" {
				t.Errorf("MySigninName offline returned %q", s)
			}
		}},
	{"MyFriendlyName/signed in", "wm:im-imessenger-myfriendlyname MyFriendlyName S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			if got := mustString(t, "MyFriendlyName", m.MyFriendlyName, ctx); got != "Alex Wilber" {
				t.Errorf("MyFriendlyName = %q", got)
			}
		}},
	{"MyFriendlyName/offline empty string S_OK", "§9.6 README decision 6 ([wm-doc] remarks: offline succeeds with \"\")",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			if got := mustString(t, "MyFriendlyName offline", m.MyFriendlyName, ctx); got != "" {
				t.Errorf("MyFriendlyName offline = %q, want \"\"", got)
			}
		}},
	{"MyServiceId and MyServiceName/offline still answer", "wm:im-imessenger-myserviceid MyServiceId/MyServiceName remarks: offline, the default service",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			id := mustString(t, "MyServiceId", m.MyServiceId, ctx)
			name := mustString(t, "MyServiceName", m.MyServiceName, ctx)
			mustDo(t, "person signs out", w.SignOut(ctx))
			if got := mustString(t, "MyServiceId offline", m.MyServiceId, ctx); got != id || len(got) != 38 {
				t.Errorf("MyServiceId offline = %q, want %q (a 38-character GUID)", got, id)
			}
			if got := mustString(t, "MyServiceName offline", m.MyServiceName, ctx); got != name || got == "" {
				t.Errorf("MyServiceName offline = %q, want %q", got, name)
			}
		}},
	{"MyStatus/get online, and offline while signed out", "bb787215 MyStatus: 'returns a MISTATUS value even when offline'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectMyStatus(t, ctx, m, model.MISTATUS_ONLINE)
			mustDo(t, "person signs out", w.SignOut(ctx))
			expectMyStatus(t, ctx, m, model.MISTATUS_OFFLINE)
		}},
	{"MyStatus/put raises OnMyStatusChange then OnContactStatusChange for self", "§9.9 README decision 9 ([oc-doc]: the local user receives it too)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			expectHR(t, "MyStatus put", m.SetMyStatus(ctx, model.MISTATUS_BUSY), hresult.S_OK)
			expectMyStatus(t, ctx, m, model.MISTATUS_BUSY)
			drain(t, ctx, w)
			evs := log.events()
			if got := eventNames(evs); strings.Join(got, ",") != "OnMyStatusChange,OnContactStatusChange" {
				t.Fatalf("events %v, want OnMyStatusChange, OnContactStatusChange", got)
			}
			if evs[0].HR() != hresult.S_OK || evs[0].Status() != model.MISTATUS_BUSY {
				t.Errorf("OnMyStatusChange(hr %v, %v), want (S_OK, MISTATUS_BUSY)", evs[0].HR(), evs[0].Status())
			}
			c := evs[1].Contact()
			if c == nil || evs[1].Status() != model.MISTATUS_BUSY {
				t.Fatalf("OnContactStatusChange(%v, %v), want (self, MISTATUS_BUSY)", c, evs[1].Status())
			}
			if !mustBool(t, "IsSelf", c.IsSelf, ctx) {
				t.Error("OnContactStatusChange's contact is not the local user")
			}
			if c != mustContact(t, ctx, m, alex) {
				t.Error("the self contact in the event is not the object GetContact(self) returns")
			}
		}},
	{"MyStatus/put of the current value still raises OnMyStatusChange", "bb758726 OnMyStatusChange [wm-doc]: 'fires even if the status is set to its current value'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			expectHR(t, "MyStatus put ONLINE", m.SetMyStatus(ctx, model.MISTATUS_ONLINE), hresult.S_OK)
			drain(t, ctx, w)
			if evs := log.named(model.OnMyStatusChange); len(evs) != 1 || evs[0].Status() != model.MISTATUS_ONLINE {
				t.Errorf("OnMyStatusChange events %v, want one with MISTATUS_ONLINE", eventNames(evs))
			}
		}},
	{"MyStatus/put of a status a user cannot choose E_INVALIDARG", "README 'MyStatus put': UNKNOWN, OFFLINE, LOCAL_* and undocumented values",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			for _, s := range []model.MISTATUS{model.MISTATUS_UNKNOWN, model.MISTATUS_OFFLINE, model.MISTATUS_LOCAL_CONNECTING_TO_SERVER, model.MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER, 0x1234, -1} {
				expectHR(t, "MyStatus put "+s.String(), m.SetMyStatus(ctx, s), hresult.E_INVALIDARG)
			}
			expectMyStatus(t, ctx, m, model.MISTATUS_ONLINE)
			expectNoEvents(t, ctx, w, log, "rejected puts")
		}},
	{"MyStatus/put while offline S_OK and changes nothing", "bb787215 MyStatus (only S_OK documented); README 'MyStatus put'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			log := watch(t, ctx, m)
			expectHR(t, "MyStatus put offline", m.SetMyStatus(ctx, model.MISTATUS_BUSY), hresult.S_OK)
			expectMyStatus(t, ctx, m, model.MISTATUS_OFFLINE)
			expectNoEvents(t, ctx, w, log, "an offline put")
		}},
	{"MyStatus/the person choosing a status raises the same events", "bb758726: events are raised for UI actions too",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "person sets status", w.SetMyStatus(ctx, model.MISTATUS_AWAY))
			drain(t, ctx, w)
			if got := eventNames(log.events()); strings.Join(got, ",") != "OnMyStatusChange,OnContactStatusChange" {
				t.Errorf("events %v", got)
			}
			expectMyStatus(t, ctx, m, model.MISTATUS_AWAY)
		}},

	// ---- presence of contacts ----
	{"OnContactStatusChange/a contact's presence changes", "bb758726 OnContactStatusChange (pMContact, current mStatus)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "SetContactStatus", w.SetContactStatus(ctx, jaya, model.MISTATUS_BUSY))
			drain(t, ctx, w)
			evs := log.events()
			if len(evs) != 1 || evs[0].Name != model.OnContactStatusChange {
				t.Fatalf("events %v, want one OnContactStatusChange", eventNames(evs))
			}
			if evs[0].Status() != model.MISTATUS_BUSY || evs[0].Contact() == nil {
				t.Fatalf("OnContactStatusChange(%v, %v)", evs[0].Contact(), evs[0].Status())
			}
			if got := mustString(t, "SigninName", evs[0].Contact().SigninName, ctx); got != jaya {
				t.Errorf("event contact %q, want %q", got, jaya)
			}
			want(t, "Status", model.MISTATUS_BUSY)(mustContact(t, ctx, m, jaya).Status(ctx))
		}},
	{"OnContactStatusChange/the event's contact is the client's contact object", "issue 3 Identity; bb758775 'the stored status is updated when OnContactStatusChange arrives'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, sam)
			log := watch(t, ctx, m)
			mustDo(t, "SetContactStatus", w.SetContactStatus(ctx, sam, model.MISTATUS_ONLINE))
			drain(t, ctx, w)
			evs := log.named(model.OnContactStatusChange)
			if len(evs) != 1 || evs[0].Contact() != c {
				t.Fatal("OnContactStatusChange did not carry the contact object the client holds")
			}
		}},
	{"IMessengerContact/Status while signed out is MISTATUS_UNKNOWN", "sim decision (contact.go): signed out, nobody's presence is known",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, jaya)
			mustDo(t, "person signs out", w.SignOut(ctx))
			want(t, "Status offline", model.MISTATUS_UNKNOWN)(c.Status(ctx))
		}},

	// ---- sign-in and sign-out (§9.5, §9.10) ----
	{"AutoSignin/signs in with the documented event sequence", "bb787260 AutoSignin; bb758726 OnSignin, OnMyStatusChange, OnContactStatusChange at sign-in",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			log := watch(t, ctx, m)
			expectHR(t, "AutoSignin", m.AutoSignin(ctx), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.events()
			want := []struct {
				name   string
				status model.MISTATUS
				who    string
			}{
				{model.OnMyStatusChange, model.MISTATUS_LOCAL_FINDING_SERVER, ""},
				{model.OnMyStatusChange, model.MISTATUS_LOCAL_CONNECTING_TO_SERVER, ""},
				{model.OnSignin, 0, ""},
				{model.OnMyStatusChange, model.MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER, ""},
				{model.OnMyStatusChange, model.MISTATUS_ONLINE, ""},
				{model.OnContactStatusChange, model.MISTATUS_ONLINE, jaya},
				{model.OnContactStatusChange, model.MISTATUS_AWAY, sam},
			}
			if len(evs) != len(want) {
				t.Fatalf("events %v, want %d", eventNames(evs), len(want))
			}
			for i, x := range want {
				e := evs[i]
				if e.Name != x.name || e.HR() != hresult.S_OK || (x.name != model.OnSignin && e.Status() != x.status) {
					t.Errorf("event %d = %s(hr %v, %v), want %s(S_OK, %v)", i, e.Name, e.HR(), e.Status(), x.name, x.status)
				}
				if x.who != "" {
					if got := mustString(t, "SigninName", e.Contact().SigninName, ctx); got != x.who {
						t.Errorf("event %d contact %q, want %q", i, got, x.who)
					}
				}
			}
			if got := mustString(t, "MySigninName", m.MySigninName, ctx); got != alex {
				t.Errorf("MySigninName after AutoSignin = %q", got)
			}
		}},
	{"AutoSignin/already signed in MSGR_E_ALREADY_LOGGED_ON", "bb787260 AutoSignin MSGR_E_ALREADY_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectHR(t, "AutoSignin signed in", m.AutoSignin(ctx), hresult.MSGR_E_ALREADY_LOGGED_ON)
		}},
	{"AutoSignin/already signed in, script caller S_FALSE", "bb787260 AutoSignin S_FALSE 'already signed in (scripting)'",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			expectHR(t, "AutoSignin (script) signed in", s.AutoSignin(ctx), hresult.S_FALSE)
			expectHR(t, "Signin (script) signed in", s.Signin(ctx, 0, "", ""), hresult.S_FALSE)
		}},
	{"AutoSignin/an authentication failure is reported through OnSignin", "bb787260 AutoSignin remarks: failures come asynchronously in OnSignin's hr; Signin remarks: MSGR_E_LOGON_TIMEOUT with MISTATUS_OFFLINE",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			mustDo(t, "FailNextSignin", w.FailNextSignin(ctx, hresult.MSGR_E_LOGON_TIMEOUT))
			log := watch(t, ctx, m)
			expectHR(t, "AutoSignin", m.AutoSignin(ctx), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.events()
			// finding the server, connecting (where the timeout is shown), then the failure
			if got := eventNames(evs); strings.Join(got, ",") != "OnMyStatusChange,OnMyStatusChange,OnSignin,OnMyStatusChange" {
				t.Fatalf("events %v", got)
			}
			if evs[0].Status() != model.MISTATUS_LOCAL_FINDING_SERVER || evs[1].Status() != model.MISTATUS_LOCAL_CONNECTING_TO_SERVER {
				t.Errorf("transitional statuses %v, %v, want LOCAL_FINDING_SERVER, LOCAL_CONNECTING_TO_SERVER", evs[0].Status(), evs[1].Status())
			}
			if evs[2].HR() != hresult.MSGR_E_LOGON_TIMEOUT {
				t.Errorf("OnSignin hr = %v, want MSGR_E_LOGON_TIMEOUT", evs[2].HR())
			}
			if evs[3].HR() != hresult.MSGR_E_LOGON_TIMEOUT || evs[3].Status() != model.MISTATUS_OFFLINE {
				t.Errorf("OnMyStatusChange(hr %v, %v), want (MSGR_E_LOGON_TIMEOUT, MISTATUS_OFFLINE)", evs[3].HR(), evs[3].Status())
			}
			_, err := m.MySigninName(ctx)
			expectHR(t, "MySigninName after the failed sign-in", err, hresult.MSGR_E_NOT_LOGGED_ON)
			// The failure is armed for one sign-in only.
			expectHR(t, "AutoSignin again", m.AutoSignin(ctx), hresult.S_OK)
			expectMyStatus(t, ctx, m, model.MISTATUS_ONLINE)
		}},
	{"Signin/ignores both strings and signs in", "§9.5 README decision 5 (current [oc-doc] bb787261: both strings ignored)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			expectHR(t, "Signin", m.Signin(ctx, 0, "someone@else.com", "secret"), hresult.S_OK)
			if got := mustString(t, "MySigninName", m.MySigninName, ctx); got != alex {
				t.Errorf("MySigninName = %q, want the saved user %q", got, alex)
			}
		}},
	{"Signin/compiled caller: white space in name or password E_INVALIDARG", "§9.5 bb787261 E_INVALIDARG 'sign-in name or password contains spaces, CR or LF'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			expectHR(t, "Signin(name with space)", m.Signin(ctx, 0, "a b@contoso.com", ""), hresult.E_INVALIDARG)
			expectHR(t, "Signin(password with space)", m.Signin(ctx, 0, alex, "pass word"), hresult.E_INVALIDARG)
			expectHR(t, "Signin(password with LF)", m.Signin(ctx, 0, alex, "pass\n"), hresult.E_INVALIDARG)
			expectHR(t, "Signin(130 characters)", m.Signin(ctx, 0, name130, ""), hresult.E_INVALIDARG)
			expectMyStatus(t, ctx, m, model.MISTATUS_OFFLINE)
		}},
	{"Signin/script caller: strings are never validated", "§9.5 bb787261: 'in scripting, the first case is never returned'",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			mustDo(t, "person signs out", w.SignOut(ctx))
			expectHR(t, "Signin (script) with spaces", s.Signin(ctx, 0, "a b@contoso.com", "pass word"), hresult.S_OK)
			expectMyStatus(t, ctx, s, model.MISTATUS_ONLINE)
		}},
	{"Signin/already signed in MSGR_E_ALREADY_LOGGED_ON", "bb787261 Signin MSGR_E_ALREADY_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectHR(t, "Signin signed in", m.Signin(ctx, 0, "", ""), hresult.MSGR_E_ALREADY_LOGGED_ON)
		}},
	{"Signout/closes every window, then signs out", "§9.10 README decision 10; bb787258 Signout remarks (OnSignout, LOCAL_DISCONNECTING_FROM_SERVER)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a, b := mustIM(t, ctx, m, jaya), mustIM(t, ctx, m, sam)
			log := watch(t, ctx, m)
			expectHR(t, "Signout", m.Signout(ctx), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.events()
			if got := eventNames(evs); strings.Join(got, ",") != "OnIMWindowDestroyed,OnIMWindowDestroyed,OnMyStatusChange,OnSignout,OnMyStatusChange" {
				t.Fatalf("events %v", got)
			}
			if evs[0].Window() != a || evs[1].Window() != b {
				t.Error("OnIMWindowDestroyed did not carry the windows InstantMessage returned, in the order they opened")
			}
			if evs[2].Status() != model.MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER || evs[4].Status() != model.MISTATUS_OFFLINE {
				t.Errorf("status events %v then %v, want LOCAL_DISCONNECTING_FROM_SERVER then OFFLINE", evs[2].Status(), evs[4].Status())
			}
			for _, win := range []model.ConversationWnd{a, b} {
				_, err := win.IsClosed(ctx)
				expectHR(t, "IsClosed after sign-out", err, hresult.E_FAIL)
				_, err = win.HWND(ctx)
				expectHR(t, "HWND after sign-out", err, hresult.E_FAIL)
				expectHR(t, "Show after sign-out", win.Show(ctx), hresult.E_FAIL)
			}
			expectNoWindows(t, ctx, w)
		}},
	{"Signout/offline MSGR_E_NOT_LOGGED_ON", "bb787258 Signout MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectHR(t, "Signout", m.Signout(ctx), hresult.S_OK)
			expectHR(t, "Signout again", m.Signout(ctx), hresult.MSGR_E_NOT_LOGGED_ON)
		}},
	{"Signout/the person signing out closes every window", "§9.10 [wm-doc] 'all windows close when the client signs out'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, kim)
			log := watch(t, ctx, m)
			mustDo(t, "person signs out", w.SignOut(ctx))
			drain(t, ctx, w)
			d := log.named(model.OnIMWindowDestroyed)
			if len(d) != 1 || d[0].Window() != win {
				t.Fatalf("OnIMWindowDestroyed %v, want one for the open window", eventNames(d))
			}
			_, err := win.Contacts(ctx)
			expectHR(t, "Contacts after sign-out", err, hresult.E_FAIL)
		}},

	// ---- MyContacts and IMessengerContacts (bb758746) ----
	{"MyContacts/the contact list in order, without the local user", "bb758815 MyContacts; bb758746 Count/Item (zero-based)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := mustMyContacts(t, ctx, m)
			if list.InterfaceName() != model.IMessengerContacts {
				t.Errorf("InterfaceName = %q", list.InterfaceName())
			}
			got := contactNames(t, ctx, list)
			if strings.Join(got, ",") != jaya+","+sam+","+kim {
				t.Errorf("MyContacts = %v", got)
			}
		}},
	{"MyContacts/offline S_OK and empty", "bb758815 MyContacts remarks: not signed in, S_OK with zero members",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "person signs out", w.SignOut(ctx))
			list := mustMyContacts(t, ctx, m)
			want(t, "Count offline", int32(0))(list.Count(ctx))
			_, err := list.Item(ctx, 0)
			expectHR(t, "Item(0) offline", err, hresult.E_FAIL)
		}},
	{"IMessengerContacts/Item(-1) E_INVALIDARG", "bb758746 Item E_INVALIDARG 'Index is not a positive integer'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c, err := mustMyContacts(t, ctx, m).Item(ctx, -1)
			expectHR(t, "Item(-1)", err, hresult.E_INVALIDARG)
			if c != nil {
				t.Error("Item(-1) returned a contact")
			}
		}},
	{"IMessengerContacts/Item past the end E_FAIL", "bb758746 Item E_FAIL 'Index is past the end of the collection'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := mustMyContacts(t, ctx, m)
			n, _ := list.Count(ctx)
			_, err := list.Item(ctx, n)
			expectHR(t, "Item(Count)", err, hresult.E_FAIL)
			_, err = list.Item(ctx, 1<<31-1)
			expectHR(t, "Item(MaxInt32)", err, hresult.E_FAIL)
		}},
	{"IMessengerContacts/Item is the object GetContact returns", "bb758746 Item remarks: GetContact returns the same object pointer as the collection",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			item, err := mustMyContacts(t, ctx, m).Item(ctx, 1)
			expectHR(t, "Item(1)", err, hresult.S_OK)
			if item != mustContact(t, ctx, m, sam) {
				t.Error("Item(1) and GetContact(sam) are different objects")
			}
		}},
	{"IMessengerContacts/late-bound coll(i) with method|propget", "§6 Item is DISPID_VALUE 0; model.InvokeKind: a late-bound coll(i) sends DISPATCH_METHOD|DISPATCH_PROPERTYGET",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := mustMyContacts(t, ctx, m)
			r, err := list.Invoke(ctx, "Item", model.DISPATCH_METHOD|model.DISPATCH_PROPERTYGET, model.I4(0))
			expectHR(t, "Invoke Item method|propget", err, hresult.S_OK)
			if r.Obj != model.Dispatch(mustContact(t, ctx, m, jaya)) {
				t.Error("coll(0) is not jaya's contact object")
			}
		}},
	{"IMessengerContacts/Remove raises OnContactListRemove; the object stays usable", "bb758746 Remove S_OK + OnContactListRemove; the removed contact stays valid (usable in InstantMessage) until released",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := mustMyContacts(t, ctx, m)
			c := mustContact(t, ctx, m, sam)
			log := watch(t, ctx, m)
			expectHR(t, "Remove", list.Remove(ctx, c), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.events()
			if len(evs) != 1 || evs[0].Name != model.OnContactListRemove || evs[0].HR() != hresult.S_OK || evs[0].Contact() != c {
				t.Fatalf("events %v, want OnContactListRemove(S_OK, the removed object)", eventNames(evs))
			}
			if got := contactNames(t, ctx, list); strings.Join(got, ",") != jaya+","+kim {
				t.Errorf("after Remove the list is %v", got)
			}
			win, err := m.InstantMessage(ctx, model.Dispatched(c))
			expectHR(t, "InstantMessage(removed contact)", err, hresult.S_OK)
			if win == nil {
				t.Error("no window for the removed contact")
			}
		}},
	{"IMessengerContacts/Remove(NULL) E_POINTER", "bb758746 Remove E_POINTER 'pMContact is NULL'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectHR(t, "Remove(nil)", mustMyContacts(t, ctx, m).Remove(ctx, nil), hresult.E_POINTER)
		}},
	{"IMessengerContacts/Remove of a contact not in the list E_FAIL without an event", "bb758746 Remove E_FAIL 'not in the collection'; 'if Remove does not return S_OK, no event fires'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			expectHR(t, "Remove(pat)", mustMyContacts(t, ctx, m).Remove(ctx, mustContact(t, ctx, m, pat)), hresult.E_FAIL)
			expectNoEvents(t, ctx, w, log, "a failed Remove")
		}},
	{"IMessengerContacts/Remove on a conversation's Contacts E_FAIL", "bb758818 [wm-doc] 'Remove cannot be used on it'; README",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			parts, err := win.Contacts(ctx)
			expectHR(t, "Contacts", err, hresult.S_OK)
			expectHR(t, "Remove on the conversation's collection", parts.Remove(ctx, mustContact(t, ctx, m, jaya)), hresult.E_FAIL)
			if got := contactNames(t, ctx, parts); len(got) != 1 {
				t.Errorf("participants after a failed Remove: %v", got)
			}
		}},
	{"IMessengerContact/properties of a listed contact", "bb758790: ServiceName, ServiceId (bb787246 always the OCS service ID), IsSelf, Blocked",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, jaya)
			if got, want := mustString(t, "ServiceId", c.ServiceId, ctx), mustString(t, "MyServiceId", m.MyServiceId, ctx); got != want {
				t.Errorf("ServiceId = %q, want MyServiceId %q", got, want)
			}
			if got, want := mustString(t, "ServiceName", c.ServiceName, ctx), mustString(t, "MyServiceName", m.MyServiceName, ctx); got != want {
				t.Errorf("ServiceName = %q, want %q", got, want)
			}
			if mustBool(t, "IsSelf", c.IsSelf, ctx) {
				t.Error("IsSelf = true for jaya")
			}
			if mustBool(t, "Blocked", c.Blocked, ctx) {
				t.Error("Blocked = true for jaya")
			}
		}},
	{"IMessengerContact/IsSelf is false while offline", "bb758790 IsSelf remarks: offline it does not fail but always returns false",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			self := mustContact(t, ctx, m, alex)
			mustDo(t, "person signs out", w.SignOut(ctx))
			if mustBool(t, "IsSelf offline", self.IsSelf, ctx) {
				t.Error("IsSelf offline = true")
			}
		}},
	{"IMessengerContact/Blocked put: OnContactBlockChange; the same value S_FALSE; offline get FALSE", "bb787238 Blocked S_OK/S_FALSE, OnContactBlockChange; offline get returns FALSE",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, sam)
			log := watch(t, ctx, m)
			expectHR(t, "Blocked put true", c.SetBlocked(ctx, true), hresult.S_OK)
			expectHR(t, "Blocked put true again", c.SetBlocked(ctx, true), hresult.S_FALSE)
			if !mustBool(t, "Blocked", c.Blocked, ctx) {
				t.Error("Blocked = false after blocking")
			}
			drain(t, ctx, w)
			evs := log.events()
			if len(evs) != 1 || evs[0].Name != model.OnContactBlockChange || evs[0].Contact() != c {
				t.Fatalf("events %v, want one OnContactBlockChange for the contact", eventNames(evs))
			}
			if v, _ := evs[0].Param("pBoolBlock"); v.VT != model.VT_BOOL || !v.Truth() {
				t.Errorf("pBoolBlock = %v, want VT_BOOL true", v)
			}
			mustDo(t, "person signs out", w.SignOut(ctx))
			if mustBool(t, "Blocked offline", c.Blocked, ctx) {
				t.Error("Blocked offline = true")
			}
		}},

	// ---- the main window (§2.1, §9.2, §9.4) ----
	{"Window/main Close sends it to the tray; Show brings it back", "§2.1 bb758747 Close: main window to the tray, object alive; bb758769 IsClosed true; bb787227 Show",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			main := mustMainWindow(t, ctx, m)
			expectHR(t, "Close", main.Close(ctx), hresult.S_OK)
			if !mustBool(t, "IsClosed", main.IsClosed, ctx) {
				t.Error("IsClosed = false after Close")
			}
			if again := mustMainWindow(t, ctx, m); again != main {
				t.Error("the main window object changed after Close")
			}
			expectHR(t, "Show", main.Show(ctx), hresult.S_OK)
			if mustBool(t, "IsClosed", main.IsClosed, ctx) {
				t.Error("IsClosed = true after Show")
			}
			expectHR(t, "Show when visible", main.Show(ctx), hresult.S_OK)
		}},
	{"Window/main second Close S_FALSE", "§9.2 README decision 2 ([wm-doc] S_FALSE 'already closed')",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			main := mustMainWindow(t, ctx, m)
			expectHR(t, "Close", main.Close(ctx), hresult.S_OK)
			expectHR(t, "second Close", main.Close(ctx), hresult.S_FALSE)
		}},
	{"Window/main in the tray: HWND and geometry E_FAIL", "§9.4 README decision 4 (bb787227 Show: Left while closed is E_FAIL; Top/Width/Height E_FAIL)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			main := mustMainWindow(t, ctx, m)
			left := mustInt(t, "Left", main.Left, ctx)
			expectHR(t, "Close", main.Close(ctx), hresult.S_OK)
			for name, get := range windowGetters(main) {
				_, err := get(ctx)
				expectHR(t, name+" in the tray", err, hresult.E_FAIL)
			}
			expectHR(t, "Left put in the tray", main.SetLeft(ctx, 5), hresult.E_FAIL)
			expectHR(t, "Show", main.Show(ctx), hresult.S_OK)
			if got := mustInt(t, "Left", main.Left, ctx); got != left {
				t.Errorf("Left after Show = %d, want %d", got, left)
			}
		}},
	{"Window/the person closing the main window sends it to the tray", "§2.1; bb758726 (no event for the main window)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			main := mustMainWindow(t, ctx, m)
			log := watch(t, ctx, m)
			mustDo(t, "person closes the main window", w.CloseWindow(ctx, main))
			if !mustBool(t, "IsClosed", main.IsClosed, ctx) {
				t.Error("IsClosed = false")
			}
			expectNoEvents(t, ctx, w, log, "closing the main window")
		}},
	{"Window/geometry put and get; zero or negative size E_INVALIDARG", "bb787202/bb787226 Left/Top put (negative accepted); bb758771/bb787213 Width/Height E_INVALIDARG for zero or negative",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			main := mustMainWindow(t, ctx, m)
			expectHR(t, "Left put", main.SetLeft(ctx, 100), hresult.S_OK)
			expectHR(t, "Top put -50", main.SetTop(ctx, -50), hresult.S_OK)
			expectHR(t, "Width put", main.SetWidth(ctx, 500), hresult.S_OK)
			expectHR(t, "Height put", main.SetHeight(ctx, 700), hresult.S_OK)
			for name, put := range map[string]func(context.Context, int32) error{"Width": main.SetWidth, "Height": main.SetHeight} {
				expectHR(t, name+" put 0", put(ctx, 0), hresult.E_INVALIDARG)
				expectHR(t, name+" put -1", put(ctx, -1), hresult.E_INVALIDARG)
			}
			for name, x := range map[string]struct {
				get  func(context.Context) (int32, error)
				want int32
			}{"Left": {main.Left, 100}, "Top": {main.Top, -50}, "Width": {main.Width, 500}, "Height": {main.Height, 700}} {
				if got := mustInt(t, name, x.get, ctx); got != x.want {
					t.Errorf("%s = %d, want %d", name, got, x.want)
				}
			}
		}},
	{"Window/Left is clamped at half the width off screen", "bb787202 Left put: 'will not move further off the left edge than half its width'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			width := mustInt(t, "Width", win.Width, ctx)
			expectHR(t, "Left put -10000", win.SetLeft(ctx, -10000), hresult.S_OK)
			if got := mustInt(t, "Left", win.Left, ctx); got != -width/2 {
				t.Errorf("Left = %d, want -width/2 = %d", got, -width/2)
			}
		}},
	{"Window/a minimized window reports -32000", "bb787202/bb787226 Left/Top: minimized value looks out of range (>= -32000); bb758769 IsClosed false when minimized",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			left, width := mustInt(t, "Left", win.Left, ctx), mustInt(t, "Width", win.Width, ctx)
			mustDo(t, "person minimizes", w.MinimizeWindow(ctx, win))
			if got := mustInt(t, "Left", win.Left, ctx); got != -32000 {
				t.Errorf("Left minimized = %d, want -32000", got)
			}
			if got := mustInt(t, "Top", win.Top, ctx); got != -32000 {
				t.Errorf("Top minimized = %d, want -32000", got)
			}
			if got := mustInt(t, "Width", win.Width, ctx); got != width {
				t.Errorf("Width minimized = %d, want %d", got, width)
			}
			if mustBool(t, "IsClosed", win.IsClosed, ctx) {
				t.Error("IsClosed = true for a minimized window")
			}
			expectHR(t, "Show", win.Show(ctx), hresult.S_OK)
			if got := mustInt(t, "Left", win.Left, ctx); got != left {
				t.Errorf("Left after Show = %d, want %d", got, left)
			}
		}},
	{"Window/Property is not implemented", "bb758816: IMessengerWindow::Property 'Not Implemented' -> E_NOTIMPL (README 'Not supported')",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, win := range []model.Window{mustMainWindow(t, ctx, m), mustIM(t, ctx, m, jaya)} {
				_, err := win.Property(ctx, model.MWINDOWPROP_VIEW_SIDEBAR)
				expectHR(t, win.InterfaceName()+" Property get", err, hresult.E_NOTIMPL)
				expectHR(t, win.InterfaceName()+" Property put", win.SetProperty(ctx, model.MWINDOWPROP_VIEW_TOOLBAR, model.Bool(false)), hresult.E_NOTIMPL)
			}
		}},

	// ---- conversation windows (§2.2-2.5, §9.3, §9.8) ----
	{"ConversationWnd/Close raises OnIMWindowDestroyed with the same object; every later member E_FAIL", "§2.2 bb758747 Close dereferences; §2.4 bb758769 IsClosed E_FAIL, bb787227 Show E_FAIL; §9.3",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := mustIM(t, ctx, m, jaya)
			expectHR(t, "Close", win.Close(ctx), hresult.S_OK)
			drain(t, ctx, w)
			d := log.named(model.OnIMWindowDestroyed)
			if len(d) != 1 || d[0].Window() != win {
				t.Fatalf("OnIMWindowDestroyed %v, want one carrying the window InstantMessage returned", eventNames(d))
			}
			_, err := win.IsClosed(ctx)
			expectHR(t, "IsClosed after Close", err, hresult.E_FAIL)
			expectHR(t, "Show after Close", win.Show(ctx), hresult.E_FAIL)
			expectHR(t, "Close after Close", win.Close(ctx), hresult.E_FAIL)
			for name, get := range windowGetters(win) {
				_, err := get(ctx)
				expectHR(t, name+" after Close", err, hresult.E_FAIL)
			}
			expectHR(t, "Left put after Close", win.SetLeft(ctx, 1), hresult.E_FAIL)
			expectHR(t, "Width put after Close", win.SetWidth(ctx, 100), hresult.E_FAIL)
			_, err = win.History(ctx)
			expectHR(t, "History after Close", err, hresult.E_FAIL)
			_, err = win.Contacts(ctx)
			expectHR(t, "Contacts after Close", err, hresult.E_FAIL)
			expectHR(t, "AddContact after Close", win.AddContact(ctx, model.BSTR(sam)), hresult.E_FAIL)
			expectNoWindows(t, ctx, w)
		}},
	{"ConversationWnd/the person closing it raises OnIMWindowDestroyed", "§2.5; bb787247 OnIMWindowDestroyed 'closed by the user or Close'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "person closes", w.CloseWindow(ctx, win))
			drain(t, ctx, w)
			d := log.named(model.OnIMWindowDestroyed)
			if len(d) != 1 || d[0].Window() != win {
				t.Fatal("OnIMWindowDestroyed did not carry the window")
			}
			_, err := win.IsClosed(ctx)
			expectHR(t, "IsClosed", err, hresult.E_FAIL)
		}},
	{"ConversationWnd/after Release every call RPC_E_DISCONNECTED", "§9.3 README decision 3 (RPC_E_DISCONNECTED 0x80010108 on a released proxy)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			expectHR(t, "Close", win.Close(ctx), hresult.S_OK)
			expectHR(t, "Release", win.Release(ctx), hresult.S_OK)
			_, err := win.IsClosed(ctx)
			expectHR(t, "IsClosed after Release", err, hresult.RPC_E_DISCONNECTED)
			_, err = win.HWND(ctx)
			expectHR(t, "HWND after Release", err, hresult.RPC_E_DISCONNECTED)
			expectHR(t, "Show after Release", win.Show(ctx), hresult.RPC_E_DISCONNECTED)
			expectHR(t, "Close after Release", win.Close(ctx), hresult.RPC_E_DISCONNECTED)
			_, err = win.History(ctx)
			expectHR(t, "History after Release", err, hresult.RPC_E_DISCONNECTED)
			expectHR(t, "Release after Release", win.Release(ctx), hresult.RPC_E_DISCONNECTED)
		}},
	{"ConversationWnd/releasing an open window leaves it open; InstantMessage gives a new object", "issue 3 COM lifetime: Release drops the client's reference, not the window",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			h := mustInt(t, "HWND", win.HWND, ctx)
			r, err := win.Invoke(ctx, "Release", model.DISPATCH_METHOD)
			expectHR(t, "Release", err, hresult.S_OK)
			if r.VT != model.VT_I4 || r.Int != 0 {
				t.Errorf("Release returned %v, want the remaining count VT_I4(0)", r)
			}
			if st := mustState(t, ctx, w); len(st.Conversations) != 1 {
				t.Fatalf("%d windows open after Release, want 1", len(st.Conversations))
			}
			again := mustIM(t, ctx, m, jaya)
			if again == win || again.ObjectID() == win.ObjectID() {
				t.Error("InstantMessage returned the released object")
			}
			if got := mustInt(t, "HWND", again.HWND, ctx); got != h {
				t.Errorf("HWND of the new object = %#x, want the open window's %#x", got, h)
			}
		}},
	{"ConversationWnd/InstantMessage after Close opens a new window", "§2.2 a closed conversation window is gone; §9.1 'whose window is open' no longer holds",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			first := mustIM(t, ctx, m, jaya)
			h1 := mustInt(t, "HWND", first.HWND, ctx)
			expectHR(t, "Close", first.Close(ctx), hresult.S_OK)
			second := mustIM(t, ctx, m, jaya)
			if second == first || second.ObjectID() == first.ObjectID() {
				t.Fatal("InstantMessage after Close returned the closed window")
			}
			if h2 := mustInt(t, "HWND", second.HWND, ctx); h2 == h1 || h2 == 0 {
				t.Errorf("new window HWND %#x, old %#x: want a fresh non-zero handle", h2, h1)
			}
		}},
	{"ConversationWnd/Contacts excludes the local user", "§9.8 README decision 8 (parameter text of bb758733 and [wm-doc])",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			parts, err := win.Contacts(ctx)
			expectHR(t, "Contacts", err, hresult.S_OK)
			if got := contactNames(t, ctx, parts); strings.Join(got, ",") != jaya {
				t.Errorf("participants %v, want only %s", got, jaya)
			}
			for i := range mustCount(t, ctx, parts) {
				c, _ := parts.Item(ctx, i)
				if mustBool(t, "IsSelf", c.IsSelf, ctx) {
					t.Error("the local user is among the participants")
				}
			}
		}},
	{"ConversationWnd/AddContact adds a participant and raises OnIMWindowContactAdded", "bb787244 AddContact S_OK; bb758726 OnIMWindowContactAdded (pContact, pIMWindow)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			log := watch(t, ctx, m)
			expectHR(t, "AddContact(sam)", win.AddContact(ctx, model.BSTR(sam)), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.events()
			if len(evs) != 1 || evs[0].Name != model.OnIMWindowContactAdded || evs[0].Window() != win {
				t.Fatalf("events %v, want OnIMWindowContactAdded for the window", eventNames(evs))
			}
			if got := mustString(t, "SigninName", evs[0].Contact().SigninName, ctx); got != sam {
				t.Errorf("added contact %q", got)
			}
			parts, _ := win.Contacts(ctx)
			if got := contactNames(t, ctx, parts); strings.Join(got, ",") != jaya+","+sam {
				t.Errorf("participants %v", got)
			}
		}},
	{"ConversationWnd/AddContact of self E_FAIL; of a participant S_OK without an event", "bb787244 AddContact E_FAIL 'called for the local client user'; bb758733 'the API does not stop you adding a contact who is already in the conference'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			log := watch(t, ctx, m)
			expectHR(t, "AddContact(self)", win.AddContact(ctx, model.BSTR(alex)), hresult.E_FAIL)
			expectHR(t, "AddContact(self contact)", win.AddContact(ctx, model.Dispatched(mustContact(t, ctx, m, alex))), hresult.E_FAIL)
			expectHR(t, "AddContact(jaya again)", win.AddContact(ctx, model.BSTR(jaya)), hresult.S_OK)
			expectHR(t, "AddContact(\"\")", win.AddContact(ctx, model.BSTR("")), hresult.E_INVALIDARG)
			expectHR(t, "AddContact(VT_I4)", win.AddContact(ctx, model.I4(2)), hresult.E_INVALIDARG)
			drain(t, ctx, w)
			if evs := log.events(); len(evs) != 0 {
				t.Errorf("events %v, want none", eventNames(evs))
			}
			parts, _ := win.Contacts(ctx)
			if n := mustCount(t, ctx, parts); n != 1 {
				t.Errorf("%d participants, want 1", n)
			}
		}},
	{"ConversationWnd/History is HTML with the archiving element ids", "issue 3 History: imsendname, imsendtimestamp, imcontent; bb758818 History",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "Say", w.Say(ctx, win, "hello <b>Jaya</b> & co"))
			mustDo(t, "ContactSays", w.ContactSays(ctx, win, jaya, `hi "Alex"`))
			h, err := win.History(ctx)
			expectHR(t, "History", err, hresult.S_OK)
			for _, want := range []string{`id="imsendname"`, `id="imsendtimestamp"`, `id="imcontent"`, "Alex Wilber", "Jaya Rao",
				html.EscapeString("hello <b>Jaya</b> & co"), html.EscapeString(`hi "Alex"`)} {
				if !strings.Contains(h, want) {
					t.Errorf("History lacks %q:\n%s", want, h)
				}
			}
			if strings.Contains(h, "<b>Jaya</b>") {
				t.Error("History does not escape message text")
			}
			if n := strings.Count(h, `id="imsendname"`); n != 2 {
				t.Errorf("%d imsendname elements, want 2", n)
			}
			if strings.Index(h, "Alex Wilber") > strings.Index(h, "Jaya Rao") {
				t.Error("messages are not in the order they were said")
			}
			if !regexp.MustCompile(`id="imsendtimestamp">\d{2}:\d{2}<`).MatchString(h) {
				t.Errorf("no HH:MM timestamp in\n%s", h)
			}
		}},
	{"ConversationWnd/HWNDs are non-zero and unique", "bb787224 HWND: 'several conversation windows, hence several HWNDs'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			seen := map[int32]bool{mustInt(t, "main HWND", mustMainWindow(t, ctx, m).HWND, ctx): true}
			for _, n := range []string{jaya, sam, kim, pat} {
				h := mustInt(t, "HWND", mustIM(t, ctx, m, n).HWND, ctx)
				if h == 0 || seen[h] {
					t.Errorf("HWND %#x for %s is zero or repeated", h, n)
				}
				seen[h] = true
			}
		}},

	// ---- confirmation dialogs (§2.3) ----
	{"Close dialog/accept closes the window S_OK", "§2.3 bb758747 remarks: confirmation dialog blocks the caller until the user answers; README 'Confirmation dialog'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			done := closeAsync(ctx, win)
			awaitDialog(t, ctx, w, win, done)
			if st := mustState(t, ctx, w); len(st.Conversations) != 1 || !st.Conversations[0].DialogUp {
				t.Error("state does not show the pending dialog")
			}
			mustDo(t, "AnswerDialog(accept)", w.AnswerDialog(ctx, win, true))
			expectHR(t, "Close", <-done, hresult.S_OK)
			drain(t, ctx, w)
			if d := log.named(model.OnIMWindowDestroyed); len(d) != 1 || d[0].Window() != win {
				t.Error("no OnIMWindowDestroyed for the accepted Close")
			}
			_, err := win.IsClosed(ctx)
			expectHR(t, "IsClosed", err, hresult.E_FAIL)
		}},
	{"Close dialog/refuse keeps the window open S_FALSE", "§2.3; README 'Confirmation dialog': refuse -> S_FALSE, nothing done",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			done := closeAsync(ctx, win)
			awaitDialog(t, ctx, w, win, done)
			mustDo(t, "AnswerDialog(refuse)", w.AnswerDialog(ctx, win, false))
			expectHR(t, "Close", <-done, hresult.S_FALSE)
			if mustBool(t, "IsClosed", win.IsClosed, ctx) {
				t.Error("IsClosed = true after a refused Close")
			}
			st := mustState(t, ctx, w)
			if len(st.Conversations) != 1 || st.Conversations[0].DialogUp || st.Conversations[0].Action != "file transfer" {
				t.Errorf("after refusing: %+v, want the window open, its action going on, no dialog", st.Conversations)
			}
			drain(t, ctx, w)
			if d := log.named(model.OnIMWindowDestroyed); len(d) != 0 {
				t.Error("OnIMWindowDestroyed after a refused Close")
			}
		}},
	{"Close dialog/the caller giving up gets E_ABORT; the window stays open", "§2.3; README 'Confirmation dialog': caller's context ends -> dialog withdrawn, E_ABORT",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			done := closeAsync(cctx, win)
			awaitDialog(t, ctx, w, win, done)
			cancel()
			expectHR(t, "Close with the context cancelled", <-done, hresult.E_ABORT)
			if mustBool(t, "IsClosed", win.IsClosed, ctx) {
				t.Error("IsClosed = true after an abandoned Close")
			}
			// Over the wire the server sees the abandoned request a moment
			// after the client returns; wait for it, boundedly.
			var st sim.State
			settle(ctx, func() bool {
				st = mustState(t, ctx, w)
				return len(st.Conversations) == 1 && !st.Conversations[0].DialogUp
			})
			if len(st.Conversations) != 1 || st.Conversations[0].DialogUp {
				t.Errorf("after giving up: %+v, want the window open without a dialog", st.Conversations)
			}
		}},
	{"Close dialog/a second Close while the dialog is pending E_FAIL", "§2.3; README 'Confirmation dialog': the window is modal behind its dialog (E_FAIL, bb758747's failure)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			done := closeAsync(ctx, win)
			awaitDialog(t, ctx, w, win, done)
			expectHR(t, "second Close", win.Close(ctx), hresult.E_FAIL)
			mustDo(t, "AnswerDialog(accept)", w.AnswerDialog(ctx, win, true))
			expectHR(t, "first Close", <-done, hresult.S_OK)
		}},
	{"Close dialog/policy accept closes at once", "§2.3; sim.DialogAccept",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "SetDialogPolicy", w.SetDialogPolicy(ctx, sim.DialogAccept))
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			expectHR(t, "Close", win.Close(ctx), hresult.S_OK)
			expectNoWindows(t, ctx, w)
		}},
	{"Close dialog/policy refuse keeps the window S_FALSE", "§2.3; sim.DialogRefuse",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "SetDialogPolicy", w.SetDialogPolicy(ctx, sim.DialogRefuse))
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			expectHR(t, "Close", win.Close(ctx), hresult.S_FALSE)
			if mustBool(t, "IsClosed", win.IsClosed, ctx) {
				t.Error("IsClosed = true")
			}
			if st := mustState(t, ctx, w); st.DialogPolicy != "refuse" {
				t.Errorf("state dialogPolicy = %q", st.DialogPolicy)
			}
		}},
	{"Close dialog/no dialog once the action has ended", "§2.3 'a window being closed while an action is in progress'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			mustDo(t, "EndAction", w.EndAction(ctx, win))
			expectHR(t, "Close", win.Close(ctx), hresult.S_OK)
			expectNoWindows(t, ctx, w)
		}},
	{"Close dialog/signing out while Close waits closes the window once", "§2.3 + §9.10: sign-out closes every window",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "StartAction", w.StartAction(ctx, win, "file transfer"))
			done := closeAsync(ctx, win)
			awaitDialog(t, ctx, w, win, done)
			mustDo(t, "person signs out", w.SignOut(ctx))
			expectHR(t, "Close", <-done, hresult.S_OK)
			drain(t, ctx, w)
			if d := log.named(model.OnIMWindowDestroyed); len(d) != 1 {
				t.Errorf("OnIMWindowDestroyed fired %d times, want 1", len(d))
			}
		}},
	{"Close dialog/the main window goes to the tray after accept", "§2.1 + §2.3",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			main := mustMainWindow(t, ctx, m)
			mustDo(t, "StartAction", w.StartAction(ctx, main, "file transfer"))
			done := closeAsync(ctx, main)
			awaitDialog(t, ctx, w, main, done)
			mustDo(t, "AnswerDialog(accept)", w.AnswerDialog(ctx, main, true))
			expectHR(t, "Close", <-done, hresult.S_OK)
			if !mustBool(t, "IsClosed", main.IsClosed, ctx) {
				t.Error("main window not in the tray")
			}
		}},

	// ---- callers: script vs compiled ----
	{"Script caller/Not scriptable members E_NOTIMPL; InstantMessage works", "bb787224 HWND E_NOTIMPL 'cannot be accessed through scripting'; bb758816 markings; bb787252 MySigninName Not scriptable, InstantMessage Scriptable",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			_, err := s.MySigninName(ctx)
			expectHR(t, "MySigninName (script)", err, hresult.E_NOTIMPL)
			expectHR(t, "MyStatus put (script)", s.SetMyStatus(ctx, model.MISTATUS_BUSY), hresult.E_NOTIMPL)
			expectHR(t, "Signout (script)", s.Signout(ctx), hresult.E_NOTIMPL)
			expectMyStatus(t, ctx, s, model.MISTATUS_ONLINE)
			win, err := s.InstantMessage(ctx, model.BSTR(jaya))
			expectHR(t, "InstantMessage (script)", err, hresult.S_OK)
			for name, get := range windowGetters(win) {
				_, err := get(ctx)
				expectHR(t, name+" (script)", err, hresult.E_NOTIMPL)
			}
			expectHR(t, "Left put (script)", win.SetLeft(ctx, 1), hresult.E_NOTIMPL)
			expectHR(t, "Close (script)", win.Close(ctx), hresult.E_NOTIMPL)
			_, err = win.History(ctx)
			expectHR(t, "History (script)", err, hresult.E_NOTIMPL)
			_, err = win.Contacts(ctx)
			expectHR(t, "Contacts (script)", err, hresult.E_NOTIMPL)
			expectHR(t, "Show (script)", win.Show(ctx), hresult.S_OK)
			if mustBool(t, "IsClosed (script)", win.IsClosed, ctx) {
				t.Error("IsClosed (script) = true")
			}
			c := mustContact(t, ctx, s, jaya)
			if got := mustString(t, "FriendlyName (script)", c.FriendlyName, ctx); got != "Jaya Rao" {
				t.Errorf("FriendlyName (script) = %q", got)
			}
			_, err = mustMyContacts(t, ctx, s).Count(ctx)
			expectHR(t, "IMessengerContacts::Count (script)", err, hresult.E_NOTIMPL)
		}},
	{"Script caller/a compiled caller reaches the same members", "issue 3 Callers: 'work for a compiled one'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			mainS := mustMainWindow(t, ctx, s)
			_, err := mainS.HWND(ctx)
			expectHR(t, "main HWND (script)", err, hresult.E_NOTIMPL)
			mainC := mustMainWindow(t, ctx, m)
			if h := mustInt(t, "main HWND (compiled)", mainC.HWND, ctx); h == 0 {
				t.Error("HWND = 0")
			}
		}},
	{"IMessenger/members Communicator does not support E_NOTIMPL", "README 'Not supported' (StartVideo bb787216, Page; IMessengerContact::CanPage bb758754 'Not supported')",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			// StartVoice (bb787248) and SendFile are supported: sim_conversations_test.go
			_, err := m.Invoke(ctx, "StartVideo", model.DISPATCH_METHOD, model.BSTR(jaya))
			expectHR(t, "StartVideo", err, hresult.E_NOTIMPL)
			_, err = m.Invoke(ctx, "Page", model.DISPATCH_METHOD, model.BSTR(jaya))
			expectHR(t, "Page", err, hresult.E_NOTIMPL)
			_, err = mustContact(t, ctx, m, jaya).Invoke(ctx, "CanPage", model.DISPATCH_PROPERTYGET)
			expectHR(t, "CanPage", err, hresult.E_NOTIMPL)
			expectNoWindows(t, ctx, w)
		}},

	// ---- the IDispatch layer ----
	{"Invoke/unknown member DISP_E_UNKNOWNNAME", "§3.1 DISP_E_UNKNOWNNAME; README 'IDispatch layer'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			_, err := m.Invoke(ctx, "Frobnicate", model.DISPATCH_METHOD)
			expectHR(t, "Frobnicate", err, hresult.DISP_E_UNKNOWNNAME)
			_, err = mustMainWindow(t, ctx, m).Invoke(ctx, "History", model.DISPATCH_PROPERTYGET)
			expectHR(t, "History on the main window", err, hresult.DISP_E_UNKNOWNNAME)
		}},
	{"Invoke/member names are case-insensitive", "§6; IDispatch::GetIDsOfNames is case-insensitive",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			r, err := m.Invoke(ctx, "mysigninname", model.DISPATCH_PROPERTYGET)
			expectHR(t, "mysigninname", err, hresult.S_OK)
			if r.VT != model.VT_BSTR || r.Str != alex {
				t.Errorf("result %v", r)
			}
		}},
	{"Invoke/put on a read-only property DISP_E_MEMBERNOTFOUND", "§3.1 DISP_E_MEMBERNOTFOUND 'e.g. put on a read-only property'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			_, err := m.Invoke(ctx, "MySigninName", model.DISPATCH_PROPERTYPUT, model.BSTR("x@y.com"))
			expectHR(t, "MySigninName put", err, hresult.DISP_E_MEMBERNOTFOUND)
			_, err = mustMainWindow(t, ctx, m).Invoke(ctx, "HWND", model.DISPATCH_PROPERTYPUT, model.I4(1))
			expectHR(t, "HWND put", err, hresult.DISP_E_MEMBERNOTFOUND)
			if got := mustString(t, "MySigninName", m.MySigninName, ctx); got != alex {
				t.Errorf("MySigninName = %q after a rejected put", got)
			}
		}},
	{"Invoke/wrong argument count DISP_E_BADPARAMCOUNT", "§3.1 DISP_E_BADPARAMCOUNT",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			_, err := m.Invoke(ctx, "InstantMessage", model.DISPATCH_METHOD)
			expectHR(t, "InstantMessage()", err, hresult.DISP_E_BADPARAMCOUNT)
			_, err = m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.BSTR(jaya))
			expectHR(t, "GetContact(one)", err, hresult.DISP_E_BADPARAMCOUNT)
			expectNoWindows(t, ctx, w)
		}},
	{"Invoke/wrong argument type DISP_E_TYPEMISMATCH; out of range DISP_E_OVERFLOW", "§3.1 DISP_E_TYPEMISMATCH, DISP_E_OVERFLOW; README 'IDispatch layer' (arguments convert as VariantChangeType does)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			_, err := m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.Null(), model.BSTR(""))
			expectHR(t, "GetContact(VT_NULL, \"\")", err, hresult.DISP_E_TYPEMISMATCH)
			list := mustMyContacts(t, ctx, m)
			_, err = list.Invoke(ctx, "Item", model.DISPATCH_METHOD, model.Variant{VT: model.VT_I8, Int: 1 << 40})
			expectHR(t, "Item(VT_I8 2^40)", err, hresult.DISP_E_OVERFLOW)
			r, err := list.Invoke(ctx, "Item", model.DISPATCH_METHOD, model.Variant{VT: model.VT_I2, Int: 2})
			expectHR(t, "Item(VT_I2 2)", err, hresult.S_OK)
			if r.Obj == nil {
				t.Error("Item(VT_I2) returned no contact")
			}
		}},

	// ---- events (§6, issue 3 Events) ----
	{"Events/sequence numbers in order, with the documented DISPIDs", "§6 DMessengerEvents DISPIDs; issue 3 'each with a sequence number'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := mustIM(t, ctx, m, jaya)
			expectHR(t, "MyStatus put", m.SetMyStatus(ctx, model.MISTATUS_BUSY), hresult.S_OK)
			mustDo(t, "SetContactStatus", w.SetContactStatus(ctx, sam, model.MISTATUS_ONLINE))
			expectHR(t, "Close", win.Close(ctx), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.events()
			want := "OnIMWindowCreated,OnMyStatusChange,OnContactStatusChange,OnContactStatusChange,OnIMWindowDestroyed"
			if got := strings.Join(eventNames(evs), ","); got != want {
				t.Fatalf("events %s, want %s", got, want)
			}
			for i, e := range evs {
				spec, ok := model.LookupEvent(e.Name)
				if !ok || e.DISPID != spec.DISPID {
					t.Errorf("%s has DISPID %d", e.Name, e.DISPID)
				}
				if i > 0 && e.Seq != evs[i-1].Seq+1 {
					t.Errorf("event %d has seq %d after %d", i, e.Seq, evs[i-1].Seq)
				}
				if e.Time.IsZero() {
					t.Errorf("%s has no time", e.Name)
				}
			}
		}},
	{"Events/every subscriber gets every event, in order", "issue 3 'Events go to every subscriber in order'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a, b := watch(t, ctx, m), watch(t, ctx, m)
			mustIM(t, ctx, m, jaya)
			mustIM(t, ctx, m, sam)
			mustDo(t, "person signs out", w.SignOut(ctx))
			drain(t, ctx, w)
			ea, eb := a.events(), b.events()
			if len(ea) != 7 || len(ea) != len(eb) {
				t.Fatalf("subscriber A got %d events, B %d; want 7 each", len(ea), len(eb))
			}
			for i := range ea {
				if ea[i].Seq != eb[i].Seq || ea[i].Name != eb[i].Name {
					t.Errorf("event %d: A %s#%d, B %s#%d", i, ea[i].Name, ea[i].Seq, eb[i].Name, eb[i].Seq)
				}
			}
		}},
	{"Events/a closed subscription gets nothing more", "IConnectionPoint::Unadvise (model.Subscription.Close)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			var l eventLog
			sub, err := m.Subscribe(ctx, l.add)
			expectHR(t, "Subscribe", err, hresult.S_OK)
			mustIM(t, ctx, m, jaya)
			drain(t, ctx, w)
			if err := sub.Close(); err != nil {
				t.Fatalf("Subscription.Close: %v", err)
			}
			n := len(l.events())
			mustIM(t, ctx, m, sam)
			drain(t, ctx, w)
			if got := len(l.events()); got != n || n != 1 {
				t.Errorf("events before/after Close: %d/%d, want 1/1", n, got)
			}
		}},
	{"Events/one identity across InstantMessage, OnIMWindowCreated and OnIMWindowDestroyed", "issue 3 Identity; bb758726 OnIMWindowCreated 'compare pIMWindow with ReferenceEquals'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			a, b := mustIM(t, ctx, m, jaya), mustIM(t, ctx, m, sam)
			expectHR(t, "Close b", b.Close(ctx), hresult.S_OK)
			expectHR(t, "Close a", a.Close(ctx), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.named(model.OnIMWindowCreated, model.OnIMWindowDestroyed)
			want := []model.ConversationWnd{a, b, b, a}
			if len(evs) != len(want) {
				t.Fatalf("events %v", eventNames(evs))
			}
			for i, e := range evs {
				if e.Window() != want[i] || e.Window().ObjectID() != want[i].ObjectID() {
					t.Errorf("event %d (%s) carries %v, want %v", i, e.Name, e.Window().ObjectID(), want[i].ObjectID())
				}
			}
		}},
	{"Events/the sample's release in OnIMWindowDestroyed", "§4 [seed] sample: Marshal.ReleaseComObject(pIMWindow) in OnIMWindowDestroyed",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			var l eventLog
			released := make(chan error, 4)
			sub, err := m.Subscribe(ctx, func(e model.Event) {
				l.add(e)
				if e.Name == model.OnIMWindowDestroyed {
					released <- e.Window().Release(ctx)
				}
			})
			expectHR(t, "Subscribe", err, hresult.S_OK)
			t.Cleanup(func() { _ = sub.Close() })
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "person closes", w.CloseWindow(ctx, win))
			drain(t, ctx, w)
			expectHR(t, "Release in the handler", <-released, hresult.S_OK)
			calls, err := w.Calls(ctx, sim.CallFilter{Object: win.ObjectID(), Member: "Release"})
			mustDo(t, "Calls", err)
			if len(calls) != 1 || calls[0].HR != hresult.S_OK {
				t.Errorf("journal has %d Release calls on the window, want 1 with S_OK", len(calls))
			}
		}},

	// ---- the journal ----
	{"Journal/records every call with its HRESULT", "issue 3 journal: 'sequence, time, object, member, arguments, HRESULT'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustIM(t, ctx, m, jaya)
			_, _ = m.InstantMessage(ctx, model.BSTR(""))
			mustContact(t, ctx, m, sam)
			calls, err := w.Calls(ctx, sim.CallFilter{Member: "instantmessage"})
			mustDo(t, "Calls", err)
			if len(calls) != 2 {
				t.Fatalf("%d InstantMessage calls in the journal, want 2", len(calls))
			}
			for i, want := range []struct {
				arg string
				hr  hresult.HRESULT
			}{{jaya, hresult.S_OK}, {"", hresult.E_INVALIDARG}} {
				c := calls[i]
				if c.HR != want.hr || c.Member != "InstantMessage" || c.Interface != model.IMessenger || c.Object != m.ObjectID() || c.Kind != model.DISPATCH_METHOD {
					t.Errorf("call %d = %+v", i, c)
				}
				if len(c.Args) != 1 || c.Args[0].VT != model.VT_BSTR || c.Args[0].Str != want.arg {
					t.Errorf("call %d args %v, want [VT_BSTR(%q)]", i, c.Args, want.arg)
				}
				if c.Time.IsZero() || c.Seq == 0 {
					t.Errorf("call %d has no time or seq", i)
				}
			}
			if calls[1].Seq <= calls[0].Seq {
				t.Errorf("seqs %d then %d", calls[0].Seq, calls[1].Seq)
			}
			all, _ := w.Calls(ctx, sim.CallFilter{})
			if st := mustState(t, ctx, w); uint64(len(all)) != st.Calls || len(all) != 3 {
				t.Errorf("journal holds %d calls, state counts %d, want 3", len(all), st.Calls)
			}
		}},
	{"Journal/query by argument: was InstantMessage called with jaya, and what did it return?", "issue 3 journal queries",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustIM(t, ctx, m, sam)
			mustDo(t, "CloseNextWindows", w.CloseNextWindows(ctx, 1))
			_, _ = m.InstantMessage(ctx, model.BSTR(jaya))
			arg := model.BSTR(jaya)
			calls, err := w.Calls(ctx, sim.CallFilter{Member: "InstantMessage", Arg: &arg})
			mustDo(t, "Calls", err)
			if len(calls) != 1 || calls[0].HR != hresult.S_FALSE {
				t.Fatalf("calls with %s: %+v, want one with S_FALSE", jaya, calls)
			}
		}},
	{"Journal/query by object and interface", "issue 3 journal queries",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a, b := mustIM(t, ctx, m, jaya), mustIM(t, ctx, m, sam)
			_, _ = a.HWND(ctx)
			_, _ = b.HWND(ctx)
			_ = a.Show(ctx)
			calls, err := w.Calls(ctx, sim.CallFilter{Object: a.ObjectID()})
			mustDo(t, "Calls", err)
			if len(calls) != 2 || calls[0].Member != "HWND" || calls[1].Member != "Show" {
				t.Errorf("calls on a: %+v", calls)
			}
			conv, _ := w.Calls(ctx, sim.CallFilter{Interface: model.IMessengerConversationWnd})
			if len(conv) != 3 {
				t.Errorf("%d calls on conversation windows, want 3", len(conv))
			}
		}},
	{"Journal/records IDispatch failures and Release", "issue 3 Bad input: 'appears in the journal with that HRESULT'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			_, _ = m.Invoke(ctx, "Frobnicate", model.DISPATCH_METHOD)
			c := mustContact(t, ctx, m, jaya)
			_ = c.Release(ctx)
			_ = c.Release(ctx)
			all, err := w.Calls(ctx, sim.CallFilter{})
			mustDo(t, "Calls", err)
			want := []struct {
				member string
				hr     hresult.HRESULT
			}{{"Frobnicate", hresult.DISP_E_UNKNOWNNAME}, {"GetContact", hresult.S_OK}, {"Release", hresult.S_OK}, {"Release", hresult.RPC_E_DISCONNECTED}}
			if len(all) != len(want) {
				t.Fatalf("journal %+v", all)
			}
			for i, x := range want {
				if all[i].Member != x.member || all[i].HR != x.hr {
					t.Errorf("call %d = %s %v, want %s %v", i, all[i].Member, all[i].HR, x.member, x.hr)
				}
			}
		}},

	// ---- fault injection ----
	{"Fault/once", "issue 3 faults: 'once'",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "GetContact", HR: hresult.E_OUTOFMEMORY, Times: 1}))
			expectGetContact(t, w, jaya, "", hresult.E_OUTOFMEMORY)
			expectGetContact(t, w, jaya, "", hresult.S_OK)
			if st := mustState(t, ctx, w); len(st.Faults) != 0 {
				t.Errorf("a used-up fault is still armed: %+v", st.Faults)
			}
		}},
	{"Fault/N times", "issue 3 faults: 'N times'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "MyFriendlyName", HR: hresult.E_FAIL, Times: 3}))
			for i := range 3 {
				_, err := m.MyFriendlyName(ctx)
				expectHR(t, "MyFriendlyName #"+string(rune('1'+i)), err, hresult.E_FAIL)
			}
			_, err := m.MyFriendlyName(ctx)
			expectHR(t, "MyFriendlyName #4", err, hresult.S_OK)
		}},
	{"Fault/forever until cleared", "issue 3 faults: 'always'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "InstantMessage", HR: hresult.MSGR_E_SERVER_TOO_BUSY, Times: sim.Forever}))
			for range 5 {
				_, err := m.InstantMessage(ctx, model.BSTR(jaya))
				expectHR(t, "InstantMessage", err, hresult.MSGR_E_SERVER_TOO_BUSY)
			}
			mustDo(t, "ClearFaults", w.ClearFaults(ctx))
			mustIM(t, ctx, m, jaya)
		}},
	{"Fault/cleared by Reset", "issue 3 faults: 'cleared by reset'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "MySigninName", HR: hresult.E_FAIL, Times: sim.Forever}))
			mustDo(t, "Reset", w.Reset(ctx))
			if got := mustString(t, "MySigninName after Reset", m.MySigninName, ctx); got != alex {
				t.Errorf("MySigninName = %q", got)
			}
		}},
	{"Fault/narrowed to one object", "sim.Fault.Object",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a, b := mustIM(t, ctx, m, jaya), mustIM(t, ctx, m, sam)
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "HWND", Object: a.ObjectID(), HR: hresult.E_FAIL, Times: sim.Forever}))
			_, err := b.HWND(ctx)
			expectHR(t, "HWND of the other window", err, hresult.S_OK)
			_, err = a.HWND(ctx)
			expectHR(t, "HWND of the faulted window", err, hresult.E_FAIL)
		}},
	{"Fault/narrowed to an interface", "sim.Fault.Interface",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "Show", Interface: model.IMessengerConversationWnd, HR: hresult.E_FAIL, Times: sim.Forever}))
			expectHR(t, "main Show", mustMainWindow(t, ctx, m).Show(ctx), hresult.S_OK)
			expectHR(t, "conversation Show", win.Show(ctx), hresult.E_FAIL)
		}},
	{"Fault/RPC_X_NULL_REF_POINTER can be injected", "§8: over the wire no out-pointer is null, 'a simulator should still be able to inject it'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "MyContacts", HR: hresult.RPC_X_NULL_REF_POINTER, Times: 1}))
			_, err := m.MyContacts(ctx)
			expectHR(t, "MyContacts", err, hresult.RPC_X_NULL_REF_POINTER)
		}},
	{"Fault/a delay honours the caller's context", "issue 3 faults: 'or to take a given time'; sim.Fault.Delay",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "InstantMessage", Delay: time.Hour, Times: 1}))
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			_, err := m.InstantMessage(cctx, model.BSTR(jaya))
			expectHR(t, "InstantMessage with an ended context", err, hresult.E_ABORT)
			expectNoWindows(t, ctx, w)
		}},
	{"Fault/a delay, then the member runs", "sim.Fault.Delay with HR S_OK only slows the member down",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "MySigninName", Delay: time.Millisecond, Times: 1}))
			if got := mustString(t, "MySigninName", m.MySigninName, ctx); got != alex {
				t.Errorf("MySigninName = %q", got)
			}
		}},
	{"Fault/a call abandoned during a delay is journaled with E_ABORT", "issue 3: 'The call journal records every automation call'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "MySigninName", Delay: time.Hour, Times: 1}))
			// The call must reach the world before it is abandoned, on
			// every transport: give up after a moment rather than at once.
			cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
			defer cancel()
			_, err := m.MySigninName(cctx)
			expectHR(t, "MySigninName", err, hresult.E_ABORT)
			var calls []sim.Call
			settle(ctx, func() bool {
				calls, _ = w.Calls(ctx, sim.CallFilter{Member: "MySigninName"})
				return len(calls) == 1
			})
			if len(calls) != 1 || calls[0].HR != hresult.E_ABORT {
				t.Errorf("journal %+v, want one MySigninName with E_ABORT", calls)
			}
		}},

	// ---- root objects, shutdown and reset ----
	{"Root/a second root object sees the same world", "issue 3: 'a second CoCreateInstance gives a new root object onto the same world'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			m2 := mustNewMessenger(t, ctx, w, model.CallerCompiled)
			if m2.ObjectID() == m.ObjectID() {
				t.Fatal("the second root has the first one's identity")
			}
			if got := mustString(t, "MySigninName (root 2)", m2.MySigninName, ctx); got != alex {
				t.Errorf("root 2 MySigninName = %q", got)
			}
			log2 := watch(t, ctx, m2)
			a := mustIM(t, ctx, m, jaya)
			b := mustIM(t, ctx, m2, jaya)
			if model.Dispatch(a) == model.Dispatch(b) || a.ObjectID() == b.ObjectID() {
				t.Error("two clients share one proxy object")
			}
			if ha, hb := mustInt(t, "HWND", a.HWND, ctx), mustInt(t, "HWND", b.HWND, ctx); ha != hb {
				t.Errorf("root 2 got window %#x, root 1 %#x: want the same window", hb, ha)
			}
			if st := mustState(t, ctx, w); len(st.Conversations) != 1 {
				t.Errorf("%d windows, want 1", len(st.Conversations))
			}
			drain(t, ctx, w)
			if c := log2.named(model.OnIMWindowCreated); len(c) != 1 || c[0].Window() != b {
				t.Error("root 2's OnIMWindowCreated does not carry root 2's object for the window")
			}
		}},
	{"Root/releasing a root object does not end the world", "issue 3: 'releasing a root object does not end the world'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			m2 := mustNewMessenger(t, ctx, w, model.CallerCompiled)
			expectHR(t, "Release root 2", m2.Release(ctx), hresult.S_OK)
			_, err := m2.MySigninName(ctx)
			expectHR(t, "MySigninName on the released root", err, hresult.RPC_E_DISCONNECTED)
			_, err = m2.Subscribe(ctx, func(model.Event) {})
			expectHR(t, "Subscribe on the released root", err, hresult.RPC_E_DISCONNECTED)
			if got := mustString(t, "MySigninName (root 1)", m.MySigninName, ctx); got != alex {
				t.Errorf("root 1 MySigninName = %q", got)
			}
			mustIM(t, ctx, m, jaya)
			mustNewMessenger(t, ctx, w, model.CallerCompiled)
		}},
	{"Root/Shutdown: OnAppShutdown, then RPC_E_DISCONNECTED, and no new root", "bb758726 OnAppShutdown ('all held references become invalid'); §7 CLASS_E_CLASSNOTAVAILABLE when Communicator is not running",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			log := watch(t, ctx, m)
			mustDo(t, "Shutdown", w.Shutdown(ctx))
			drain(t, ctx, w)
			if evs := log.events(); len(evs) != 1 || evs[0].Name != model.OnAppShutdown {
				t.Fatalf("events %v, want OnAppShutdown", eventNames(evs))
			}
			_, err := m.MySigninName(ctx)
			expectHR(t, "MySigninName after Shutdown", err, hresult.RPC_E_DISCONNECTED)
			_, err = win.HWND(ctx)
			expectHR(t, "HWND after Shutdown", err, hresult.RPC_E_DISCONNECTED)
			_, err = m.InstantMessage(ctx, model.BSTR(sam))
			expectHR(t, "InstantMessage after Shutdown", err, hresult.RPC_E_DISCONNECTED)
			_, err = w.NewMessenger(ctx, model.CallerCompiled)
			expectHR(t, "CoCreateInstance after Shutdown", err, hresult.CLASS_E_CLASSNOTAVAILABLE)
		}},
	{"Root/Reset after Shutdown starts Communicator again", "sim.Person.Shutdown: 'new Messenger objects cannot be created until Reset'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "Shutdown", w.Shutdown(ctx))
			mustDo(t, "Reset", w.Reset(ctx))
			if got := mustString(t, "MySigninName", m.MySigninName, ctx); got != alex {
				t.Errorf("MySigninName after Reset = %q", got)
			}
			mustNewMessenger(t, ctx, w, model.CallerCompiled)
		}},
	{"Root/Reset keeps the root handle and its subscriptions", "sim.World.Reset (resetLocked: 'root handles and subscriptions stay connected'); brief: Reset keeps the root handle usable",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustIM(t, ctx, m, jaya)
			log := watch(t, ctx, m)
			expectHR(t, "MyStatus put", m.SetMyStatus(ctx, model.MISTATUS_AWAY), hresult.S_OK)
			mustDo(t, "Reset", w.Reset(ctx))
			expectNoWindows(t, ctx, w)
			expectMyStatus(t, ctx, m, model.MISTATUS_ONLINE)
			if st := mustState(t, ctx, w); st.Calls != 1 {
				t.Errorf("state counts %d calls after Reset and one call, want 1", st.Calls)
			}
			mustIM(t, ctx, m, jaya)
			drain(t, ctx, w)
			// The subscription was made after the first window opened: it
			// sees only the one opened after Reset, which it survived.
			if c := log.named(model.OnIMWindowCreated); len(c) != 1 {
				t.Errorf("the subscription saw %d OnIMWindowCreated after Reset, want 1", len(c))
			}
		}},
	{"Root/objects from before Reset answer RPC_E_DISCONNECTED", "sim.World.Reset: 'every other object they held is gone and answers as disconnected'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			c := mustContact(t, ctx, m, sam)
			mustDo(t, "Reset", w.Reset(ctx))
			_, err := win.HWND(ctx)
			expectHR(t, "HWND of a window from before Reset", err, hresult.RPC_E_DISCONNECTED)
			_, err = c.Status(ctx)
			expectHR(t, "Status of a contact from before Reset", err, hresult.RPC_E_DISCONNECTED)
		}},
	{"Root/objects made after Reset have their own identity", "issue 3 Identity: 'one object keeps one identity'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "Reset", w.Reset(ctx))
			c := mustContact(t, ctx, m, jaya)
			win := mustIM(t, ctx, m, sam)
			if c.ObjectID() == m.ObjectID() || win.ObjectID() == m.ObjectID() || c.ObjectID() == win.ObjectID() {
				t.Errorf("IDs after Reset: root %s, contact %s, window %s", m.ObjectID(), c.ObjectID(), win.ObjectID())
			}
		}},
}

// ---- helpers ----

// settle polls cond until it holds or two seconds pass: the wait for a
// remote server to act on a request its client has already given up on.
// It asserts nothing; the caller checks the outcome.
func settle(ctx context.Context, cond func() bool) {
	deadline := time.Now().Add(2 * time.Second)
	for !cond() && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(5 * time.Millisecond)
	}
}

// want checks a getter's answer in one line: S_OK and the value.
// Use: want(t, "Status", model.MISTATUS_ONLINE)(c.Status(ctx)).
func want[T comparable](t *testing.T, what string, v T) func(T, error) {
	t.Helper()
	return func(got T, err error) {
		t.Helper()
		expectHR(t, what, err, hresult.S_OK)
		if got != v {
			t.Errorf("%s = %v, want %v", what, got, v)
		}
	}
}

func rowCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// expectHR asserts the exact HRESULT, both ways a caller tests one:
// errors.Is and hresult.Code. S_OK is a nil error.
func expectHR(t *testing.T, what string, err error, want hresult.HRESULT) {
	t.Helper()
	if want == hresult.S_OK {
		if err != nil || hresult.Code(err) != hresult.S_OK {
			t.Fatalf("%s: got %v, want S_OK", what, err)
		}
		return
	}
	if !errors.Is(err, want) || hresult.Code(err) != want {
		t.Fatalf("%s: got %v (code %v), want %v", what, err, hresult.Code(err), want)
	}
}

// mustDo fails the row when a person, control or query step fails: those
// are the test's setup, not the behaviour under test.
func mustDo(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func mustIM(t *testing.T, ctx context.Context, m model.Messenger, name string) model.ConversationWnd {
	t.Helper()
	win, err := m.InstantMessage(ctx, model.BSTR(name))
	expectHR(t, "InstantMessage("+name+")", err, hresult.S_OK)
	if win == nil {
		t.Fatalf("InstantMessage(%s) returned no window", name)
	}
	return win
}

func mustContact(t *testing.T, ctx context.Context, m model.Messenger, name string) model.Contact {
	t.Helper()
	c, err := m.GetContact(ctx, name, "")
	expectHR(t, "GetContact("+name+")", err, hresult.S_OK)
	if c == nil {
		t.Fatalf("GetContact(%s) returned no contact", name)
	}
	return c
}

func mustMainWindow(t *testing.T, ctx context.Context, m model.Messenger) model.Window {
	t.Helper()
	win, err := m.Window(ctx)
	expectHR(t, "Window", err, hresult.S_OK)
	if win == nil || win.InterfaceName() != model.IMessengerWindow {
		t.Fatalf("Window returned %v", win)
	}
	return win
}

func mustMyContacts(t *testing.T, ctx context.Context, m model.Messenger) model.Contacts {
	t.Helper()
	list, err := m.MyContacts(ctx)
	expectHR(t, "MyContacts", err, hresult.S_OK)
	if list == nil {
		t.Fatal("MyContacts returned no collection")
	}
	return list
}

func mustNewMessenger(t *testing.T, ctx context.Context, w World, kind model.CallerKind) model.Messenger {
	t.Helper()
	m, err := w.NewMessenger(ctx, kind)
	expectHR(t, "CoCreateInstance ("+kind.String()+")", err, hresult.S_OK)
	return m
}

func mustState(t *testing.T, ctx context.Context, w World) sim.State {
	t.Helper()
	st, err := w.State(ctx)
	mustDo(t, "State", err)
	return st
}

func mustString(t *testing.T, what string, get func(context.Context) (string, error), ctx context.Context) string {
	t.Helper()
	s, err := get(ctx)
	expectHR(t, what, err, hresult.S_OK)
	return s
}

func mustBool(t *testing.T, what string, get func(context.Context) (bool, error), ctx context.Context) bool {
	t.Helper()
	b, err := get(ctx)
	expectHR(t, what, err, hresult.S_OK)
	return b
}

func mustInt(t *testing.T, what string, get func(context.Context) (int32, error), ctx context.Context) int32 {
	t.Helper()
	n, err := get(ctx)
	expectHR(t, what, err, hresult.S_OK)
	return n
}

func mustCount(t *testing.T, ctx context.Context, c model.Contacts) int32 {
	t.Helper()
	return mustInt(t, "Count", c.Count, ctx)
}

func expectMyStatus(t *testing.T, ctx context.Context, m model.Messenger, st model.MISTATUS) {
	t.Helper()
	want(t, "MyStatus", st)(m.MyStatus(ctx))
}

// expectNoEvents waits for every event raised so far, then checks that
// what happened (a failed or rejected call, say) raised none.
func expectNoEvents(t *testing.T, ctx context.Context, w World, log *eventLog, what string) {
	t.Helper()
	drain(t, ctx, w)
	if evs := log.events(); len(evs) != 0 {
		t.Errorf("%s raised %v", what, eventNames(evs))
	}
}

func drain(t *testing.T, ctx context.Context, w World) {
	t.Helper()
	mustDo(t, "Drain", w.Drain(ctx))
}

func expectNoWindows(t *testing.T, ctx context.Context, w World) {
	t.Helper()
	if st := mustState(t, ctx, w); len(st.Conversations) != 0 {
		t.Errorf("%d conversation windows open, want none", len(st.Conversations))
	}
}

// expectIMInvalid: InstantMessage(v) is E_INVALIDARG and opens nothing.
func expectIMInvalid(t *testing.T, w World, v model.Variant) {
	t.Helper()
	ctx, m := rowCtx(t), w.Messenger()
	win, err := m.InstantMessage(ctx, v)
	expectHR(t, "InstantMessage("+v.String()+")", err, hresult.E_INVALIDARG)
	if win != nil {
		t.Errorf("InstantMessage(%v) returned a window", v)
	}
	expectNoWindows(t, ctx, w)
}

// expectIMFault: an injected InstantMessage failure returns hr and, like
// every failure, creates nothing and raises no event.
func expectIMFault(t *testing.T, w World, hr hresult.HRESULT) {
	t.Helper()
	ctx, m := rowCtx(t), w.Messenger()
	log := watch(t, ctx, m)
	mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "InstantMessage", HR: hr, Times: 1}))
	win, err := m.InstantMessage(ctx, model.BSTR(jaya))
	expectHR(t, "InstantMessage with the fault", err, hr)
	if win != nil {
		t.Error("an injected fault returned a window")
	}
	expectNoWindows(t, ctx, w)
	expectNoEvents(t, ctx, w, log, "an injected fault")
	calls, err := w.Calls(ctx, sim.CallFilter{Member: "InstantMessage"})
	mustDo(t, "Calls", err)
	if len(calls) != 1 || calls[0].HR != hr {
		t.Errorf("journal %+v, want one InstantMessage with %v", calls, hr)
	}
	mustIM(t, ctx, m, jaya)
}

func expectGetContact(t *testing.T, w World, name, service string, want hresult.HRESULT) {
	t.Helper()
	ctx, m := rowCtx(t), w.Messenger()
	c, err := m.GetContact(ctx, name, service)
	expectHR(t, "GetContact("+name+", "+service+")", err, want)
	if want == hresult.S_OK && c == nil {
		t.Error("GetContact S_OK without a contact")
	}
	if hresult.Failed(err) && c != nil {
		t.Error("a failed GetContact returned a contact")
	}
}

func onlyParticipant(t *testing.T, ctx context.Context, win model.ConversationWnd) model.Contact {
	t.Helper()
	parts, err := win.Contacts(ctx)
	expectHR(t, "Contacts", err, hresult.S_OK)
	if n := mustCount(t, ctx, parts); n != 1 {
		t.Fatalf("%d participants, want 1", n)
	}
	c, err := parts.Item(ctx, 0)
	expectHR(t, "Item(0)", err, hresult.S_OK)
	return c
}

func contactNames(t *testing.T, ctx context.Context, list model.Contacts) []string {
	t.Helper()
	var out []string
	for i := range mustCount(t, ctx, list) {
		c, err := list.Item(ctx, i)
		expectHR(t, "Item", err, hresult.S_OK)
		out = append(out, mustString(t, "SigninName", c.SigninName, ctx))
	}
	return out
}

func windowGetters(win model.Window) map[string]func(context.Context) (int32, error) {
	return map[string]func(context.Context) (int32, error){
		"HWND": win.HWND, "Left": win.Left, "Top": win.Top, "Width": win.Width, "Height": win.Height,
	}
}

// closeAsync starts a Close that may block on a confirmation dialog.
func closeAsync(ctx context.Context, win model.Window) <-chan error {
	done := make(chan error, 1)
	go func() { done <- win.Close(ctx) }()
	return done
}

// awaitDialog waits until the person sees the confirmation dialog that
// the Close in done raised; it fails the row at once if that Close
// returns without raising one.
func awaitDialog(t *testing.T, ctx context.Context, w World, win model.Window, done <-chan error) {
	t.Helper()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	waited := make(chan error, 1)
	go func() { waited <- w.WaitDialog(wctx, win) }()
	select {
	case err := <-waited:
		mustDo(t, "WaitDialog", err)
	case err := <-done:
		t.Fatalf("Close returned %v without raising a confirmation dialog", err)
	}
}

// eventLog collects the events one subscription receives.
type eventLog struct {
	mu  sync.Mutex
	evs []model.Event
}

func (l *eventLog) add(e model.Event) {
	l.mu.Lock()
	l.evs = append(l.evs, e)
	l.mu.Unlock()
}

func (l *eventLog) events() []model.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]model.Event(nil), l.evs...)
}

// named returns the events with one of the names, in arrival order.
func (l *eventLog) named(names ...string) []model.Event {
	var out []model.Event
	for _, e := range l.events() {
		for _, n := range names {
			if e.Name == n {
				out = append(out, e)
			}
		}
	}
	return out
}

func watch(t *testing.T, ctx context.Context, m model.Messenger) *eventLog {
	t.Helper()
	l := &eventLog{}
	sub, err := m.Subscribe(ctx, l.add)
	expectHR(t, "Subscribe", err, hresult.S_OK)
	t.Cleanup(func() { _ = sub.Close() })
	return l
}

func eventNames(evs []model.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Name
	}
	return out
}
