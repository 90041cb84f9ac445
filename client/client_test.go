package client_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// session is what a parity step may use: the root, and what earlier steps
// kept.
type session struct {
	m    model.Messenger
	win  model.ConversationWnd
	ct   model.Contact
	list model.Contacts
	main model.Window
}

// render prints a result and its error so two transports can be compared
// byte for byte: objects by interface and ID, errors by their full text.
func render(v any, err error) string {
	var s string
	switch x := v.(type) {
	case model.Dispatch:
		if x == nil || fmt.Sprint(x) == "<nil>" {
			s = "nil"
		} else {
			s = x.InterfaceName() + " " + x.ObjectID()
		}
	case model.Variant:
		s = x.String()
	default:
		s = fmt.Sprint(v)
	}
	if err != nil {
		s += " | " + err.Error()
	}
	return s
}

// paritySteps run in order on one world; every one must answer the same
// over the wire as in process: same values, same object IDs, same error
// text (member, HRESULT, reason).
var paritySteps = []struct {
	name string
	do   func(ctx context.Context, s *session) string
}{
	{"MySigninName", func(ctx context.Context, s *session) string { return render(s.m.MySigninName(ctx)) }},
	{"MyFriendlyName", func(ctx context.Context, s *session) string { return render(s.m.MyFriendlyName(ctx)) }},
	{"MyStatus", func(ctx context.Context, s *session) string { return render(s.m.MyStatus(ctx)) }},
	{"MyServiceId", func(ctx context.Context, s *session) string { return render(s.m.MyServiceId(ctx)) }},
	{"MyServiceName", func(ctx context.Context, s *session) string { return render(s.m.MyServiceName(ctx)) }},
	{"GetContact listed", func(ctx context.Context, s *session) string {
		ct, err := s.m.GetContact(ctx, "jaya@contoso.com", "")
		s.ct = ct
		return render(ct, err)
	}},
	{"GetContact again is the same object", func(ctx context.Context, s *session) string {
		ct, err := s.m.GetContact(ctx, "JAYA@contoso.com", "")
		return render(ct == s.ct, err)
	}},
	{"Contact FriendlyName", func(ctx context.Context, s *session) string { return render(s.ct.FriendlyName(ctx)) }},
	{"Contact Status", func(ctx context.Context, s *session) string { return render(s.ct.Status(ctx)) }},
	{"Contact Blocked", func(ctx context.Context, s *session) string { return render(s.ct.Blocked(ctx)) }},
	{"Contact SetBlocked same state: S_FALSE", func(ctx context.Context, s *session) string {
		return render(nil, s.ct.SetBlocked(ctx, false))
	}},
	{"GetContact bad service", func(ctx context.Context, s *session) string {
		return render(s.m.GetContact(ctx, "jaya@contoso.com", "{nope}"))
	}},
	{"GetContact not listed", func(ctx context.Context, s *session) string {
		return render(s.m.GetContact(ctx, "stranger@example.com", ""))
	}},
	{"InstantMessage yourself", func(ctx context.Context, s *session) string {
		return render(s.m.InstantMessage(ctx, model.BSTR("alex@contoso.com")))
	}},
	{"InstantMessage VT_EMPTY", func(ctx context.Context, s *session) string {
		return render(s.m.InstantMessage(ctx, model.Empty()))
	}},
	{"InstantMessage VT_I4", func(ctx context.Context, s *session) string {
		return render(s.m.InstantMessage(ctx, model.I4(7)))
	}},
	{"InstantMessage by contact object", func(ctx context.Context, s *session) string {
		w, err := s.m.InstantMessage(ctx, model.Dispatched(s.ct))
		s.win = w
		return render(w, err)
	}},
	{"InstantMessage again: same window", func(ctx context.Context, s *session) string {
		w, err := s.m.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
		return render(w == s.win, err)
	}},
	{"HWND", func(ctx context.Context, s *session) string { return render(s.win.HWND(ctx)) }},
	{"Left", func(ctx context.Context, s *session) string { return render(s.win.Left(ctx)) }},
	{"SetWidth negative", func(ctx context.Context, s *session) string { return render(nil, s.win.SetWidth(ctx, -5)) }},
	{"SetWidth", func(ctx context.Context, s *session) string { return render(nil, s.win.SetWidth(ctx, 500)) }},
	{"Width", func(ctx context.Context, s *session) string { return render(s.win.Width(ctx)) }},
	{"Property not implemented", func(ctx context.Context, s *session) string {
		return render(s.win.Property(ctx, model.MWINDOWPROP_VIEW_SIDEBAR))
	}},
	{"AddContact", func(ctx context.Context, s *session) string {
		return render(nil, s.win.AddContact(ctx, model.BSTR("sam@contoso.com")))
	}},
	{"conversation Contacts", func(ctx context.Context, s *session) string {
		cs, err := s.win.Contacts(ctx)
		if err != nil {
			return render(cs, err)
		}
		return render(cs.Count(ctx))
	}},
	{"MyContacts", func(ctx context.Context, s *session) string {
		cs, err := s.m.MyContacts(ctx)
		s.list = cs
		return render(cs, err)
	}},
	{"Item 1", func(ctx context.Context, s *session) string { return render(s.list.Item(ctx, 1)) }},
	{"Item past the end", func(ctx context.Context, s *session) string { return render(s.list.Item(ctx, 9)) }},
	{"late-bound coll(0)", func(ctx context.Context, s *session) string {
		return render(s.list.Invoke(ctx, "item", model.DISPATCH_METHOD|model.DISPATCH_PROPERTYGET, model.I4(0)))
	}},
	{"Invoke unknown member", func(ctx context.Context, s *session) string {
		return render(s.m.Invoke(ctx, "NoSuchMember", model.DISPATCH_METHOD))
	}},
	{"Invoke bad count", func(ctx context.Context, s *session) string {
		return render(s.m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.BSTR("jaya@contoso.com")))
	}},
	{"Invoke bad type", func(ctx context.Context, s *session) string {
		return render(s.m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.I4(1), model.BSTR("")))
	}},
	{"Invoke null BSTR", func(ctx context.Context, s *session) string {
		return render(s.m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.NullBSTR(), model.BSTR("")))
	}},
	{"SetMyStatus", func(ctx context.Context, s *session) string {
		return render(nil, s.m.SetMyStatus(ctx, model.MISTATUS_AWAY))
	}},
	{"main Window", func(ctx context.Context, s *session) string {
		w, err := s.m.Window(ctx)
		s.main = w
		return render(w, err)
	}},
	{"main Close goes to the tray", func(ctx context.Context, s *session) string { return render(nil, s.main.Close(ctx)) }},
	{"main IsClosed", func(ctx context.Context, s *session) string { return render(s.main.IsClosed(ctx)) }},
	{"window Close", func(ctx context.Context, s *session) string { return render(nil, s.win.Close(ctx)) }},
	{"call after Close", func(ctx context.Context, s *session) string { return render(s.win.HWND(ctx)) }},
	{"Release", func(ctx context.Context, s *session) string { return render(nil, s.win.Release(ctx)) }},
	{"Release to zero", func(ctx context.Context, s *session) string { return render(nil, s.win.Release(ctx)) }},
	{"call after Release", func(ctx context.Context, s *session) string { return render(s.win.IsClosed(ctx)) }},
	{"Signout", func(ctx context.Context, s *session) string { return render(nil, s.m.Signout(ctx)) }},
	{"GetContact signed out", func(ctx context.Context, s *session) string {
		return render(s.m.GetContact(ctx, "jaya@contoso.com", ""))
	}},
	{"AutoSignin", func(ctx context.Context, s *session) string { return render(nil, s.m.AutoSignin(ctx)) }},
	{"AutoSignin again", func(ctx context.Context, s *session) string { return render(nil, s.m.AutoSignin(ctx)) }},
}

func TestTypedCallsAnswerAsInProcess(t *testing.T) {
	ctx := ctxT(t)
	seed := int64(42)

	w := sim.MustNew(sim.WithSeed(seed))
	inproc := &session{m: w.MustMessenger(model.CallerCompiled)}

	url, _ := serve(t, wire.Config{}, nil)
	c, err := client.New(url)
	if err != nil {
		t.Fatal(err)
	}
	wc, err := c.CreateWorld(ctx, "parity", sim.DefaultScenario(), &seed)
	if err != nil {
		t.Fatal(err)
	}
	remote := &session{m: wc.Messenger()}
	if got, want := remote.m.ObjectID(), inproc.m.ObjectID(); got != want {
		t.Errorf("root ObjectID = %s, in process %s", got, want)
	}

	for _, st := range paritySteps {
		want := st.do(ctx, inproc)
		got := st.do(ctx, remote)
		if got != want {
			t.Errorf("%s:\n wire:      %s\n in process: %s", st.name, got, want)
		}
	}

	// The journals agree too, call for call.
	wantCalls := w.Journal()
	page, err := wc.Journal(ctx, client.CallFilter{})
	if err != nil {
		t.Fatal(err)
	}
	gotCalls, total := page.Calls, page.All
	if total != uint64(len(wantCalls)) || len(gotCalls) != len(wantCalls) {
		t.Fatalf("journal: %d calls (total %d), in process %d", len(gotCalls), total, len(wantCalls))
	}
	for i, g := range gotCalls {
		x := wantCalls[i]
		if g.Seq != x.Seq || !g.Time.Equal(x.Time) || g.Object != x.Object || g.Interface != x.Interface || g.Member != x.Member ||
			g.Kind != x.Kind || g.Caller != x.Caller || g.Client != x.Client || g.HR != x.HR || fmt.Sprint(g.Args) != fmt.Sprint(x.Args) ||
			g.Self != x.Self || fmt.Sprint(g.Result) != fmt.Sprint(x.Result) || fmt.Sprint(g.Events) != fmt.Sprint(x.Events) || g.Fault != x.Fault ||
			g.String() != x.String() {
			t.Errorf("journal[%d]:\n wire:       %+v\n in process: %+v", i, g, x)
		}
	}
}

func TestErrorsAreHRESULTsAcrossTheWire(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	m := c.Messenger()

	_, err := m.InstantMessage(ctx, model.BSTR("alex@contoso.com"))
	if !errors.Is(err, hresult.E_FAIL) {
		t.Fatalf("InstantMessage(yourself) = %v, want E_FAIL", err)
	}
	var he *hresult.Error
	if !errors.As(err, &he) || he.Member != "IMessenger::InstantMessage" || he.Reason != "the contact is the signed-in user" {
		t.Errorf("error = %#v, want Member IMessenger::InstantMessage and the sim's reason", he)
	}
	if hresult.Code(err) != hresult.E_FAIL {
		t.Errorf("hresult.Code = %v", hresult.Code(err))
	}

	if err := c.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := m.GetContact(ctx, "jaya@contoso.com", ""); !errors.Is(err, hresult.MSGR_E_NOT_LOGGED_ON) {
		t.Errorf("GetContact signed out = %v, want MSGR_E_NOT_LOGGED_ON", err)
	}
	_, err = m.Invoke(ctx, "Frobnicate", model.DISPATCH_METHOD)
	if !errors.Is(err, hresult.DISP_E_UNKNOWNNAME) || !errors.As(err, &he) || he.Member != "IMessengerAdvanced::?" {
		t.Errorf("unknown member = %v, want DISP_E_UNKNOWNNAME from IMessengerAdvanced::?", err)
	}
}

func TestSFalseComesBackAsAnErrorWithTheWindow(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	if err := c.CloseNextWindows(ctx, 1); err != nil {
		t.Fatal(err)
	}
	win, err := c.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if !errors.Is(err, hresult.S_FALSE) {
		t.Fatalf("InstantMessage = %v, want S_FALSE", err)
	}
	if hresult.Failed(err) {
		t.Error("S_FALSE counts as a failure")
	}
	if win == nil {
		t.Fatal("no window returned with S_FALSE")
	}
	if closed, err := win.IsClosed(ctx); err == nil && !closed {
		t.Errorf("the window the person closed answers IsClosed = false")
	}
}

func TestIdentityAcrossCallsAndEvents(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	m := c.Messenger()
	rec := newRecorder()
	subscribe(t, m, rec.handle)

	win, err := m.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	created := rec.await(t, model.OnIMWindowCreated)
	if created.Window() != win {
		t.Errorf("OnIMWindowCreated's window %v is not the one InstantMessage returned (%v)", created.Window(), win)
	}
	if created.DISPID != 1041 || created.Seq == 0 {
		t.Errorf("event = %+v, want DISPID 1041 and a sequence number", created)
	}

	if err := c.CloseWindow(ctx, win); err != nil {
		t.Fatal(err)
	}
	destroyed := rec.await(t, model.OnIMWindowDestroyed)
	if destroyed.Window() != win {
		t.Error("OnIMWindowDestroyed's window is not the one InstantMessage returned")
	}
	if destroyed.Seq <= created.Seq {
		t.Errorf("sequence went from %d to %d", created.Seq, destroyed.Seq)
	}

	a, err := m.GetContact(ctx, "sam@contoso.com", "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.GetContact(ctx, "sam@contoso.com", "")
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("GetContact twice gave two proxies")
	}
	if err := c.SetContactStatus(ctx, "sam@contoso.com", model.MISTATUS_BUSY); err != nil {
		t.Fatal(err)
	}
	ev := rec.await(t, model.OnContactStatusChange)
	if ev.Contact() != a || ev.Status() != model.MISTATUS_BUSY {
		t.Errorf("OnContactStatusChange = contact %v status %v, want the GetContact proxy and BUSY", ev.Contact(), ev.Status())
	}
}

func TestEventsCarryHRAndStatus(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	rec := newRecorder()
	subscribe(t, c.Messenger(), rec.handle)
	if err := c.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.FailNextSignin(ctx, hresult.MSGR_E_LOGON_TIMEOUT); err != nil {
		t.Fatal(err)
	}
	if err := c.Messenger().AutoSignin(ctx); err != nil {
		t.Fatal(err)
	}
	ev := rec.await(t, model.OnSignin)
	if ev.HR() != hresult.MSGR_E_LOGON_TIMEOUT {
		t.Errorf("OnSignin hr = %v, want MSGR_E_LOGON_TIMEOUT", ev.HR())
	}
	ev = rec.await(t, model.OnMyStatusChange)
	if ev.Status() != model.MISTATUS_OFFLINE || ev.HR() != hresult.MSGR_E_LOGON_TIMEOUT {
		t.Errorf("OnMyStatusChange = %v %v, want MISTATUS_OFFLINE with the failure", ev.Status(), ev.HR())
	}
}

func TestDialogFlow(t *testing.T) {
	for _, kind := range []string{"main window", "conversation window"} {
		t.Run(kind, func(t *testing.T) {
			c, _ := world(t)
			ctx := ctxT(t)
			var win model.Window
			var err error
			if kind == "main window" {
				win, err = c.Messenger().Window(ctx)
			} else {
				win, err = c.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := c.StartAction(ctx, win, "file transfer"); err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				accept bool
				want   error
			}{{false, hresult.S_FALSE}, {true, nil}} {
				closed := make(chan error, 1)
				go func() { closed <- win.Close(ctx) }()
				if err := c.WaitDialog(ctx, win); err != nil {
					t.Fatalf("WaitDialog: %v", err)
				}
				if err := c.AnswerDialog(ctx, win, tc.accept); err != nil {
					t.Fatalf("AnswerDialog(%v): %v", tc.accept, err)
				}
				err := <-closed
				if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
					t.Errorf("Close answered %v = %v, want %v", tc.accept, err, tc.want)
				}
			}
			if closed, err := win.IsClosed(ctx); !closed && err == nil {
				t.Error("the window is still open after the person accepted")
			}

			// Nothing pending: the person's mistake, not an HRESULT.
			err = c.AnswerDialog(ctx, win, true)
			var pe *client.ProtocolError
			if !errors.As(err, &pe) || pe.Status != 409 {
				t.Errorf("AnswerDialog with nothing pending = %v, want a 409 ProtocolError", err)
			}
		})
	}
}

func TestWaitDialogTimesOutWithTheContext(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	win, err := c.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 1)
	defer cancel()
	<-short.Done()
	if err := c.WaitDialog(short, win); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitDialog past its deadline = %v, want context.DeadlineExceeded", err)
	}
}

func TestJournalAndFaults(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	m := c.Messenger()
	id, err := c.InjectFault(ctx, client.Fault{Member: "InstantMessage", HR: hresult.E_OUTOFMEMORY, Times: 1})
	if err != nil || id == 0 {
		t.Fatalf("InjectFault = %d, %v", id, err)
	}
	fs, err := c.Faults(ctx)
	if err != nil || len(fs) != 1 || fs[0].HR != hresult.E_OUTOFMEMORY || fs[0].Times != 1 {
		t.Fatalf("Faults = %+v, %v", fs, err)
	}
	if _, err := m.InstantMessage(ctx, model.BSTR("jaya@contoso.com")); !errors.Is(err, hresult.E_OUTOFMEMORY) {
		t.Fatalf("faulted InstantMessage = %v", err)
	}
	win, err := m.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if err != nil {
		t.Fatalf("the fault hit twice: %v", err)
	}

	page, err := c.Journal(ctx, client.CallFilter{Member: "instantmessage"})
	if err != nil {
		t.Fatal(err)
	}
	calls, total := page.Calls, page.Total
	if total != 2 || len(calls) != 2 {
		t.Fatalf("journal = %d calls of %d, want 2 of 2", len(calls), total)
	}
	got := calls[1]
	if got.HR != hresult.S_OK || got.Kind != model.DISPATCH_METHOD || got.Caller != model.CallerCompiled ||
		got.Interface != model.IMessenger || got.Object != m.ObjectID() ||
		len(got.Args) != 1 || got.Args[0].Str != "jaya@contoso.com" {
		t.Errorf("journal entry = %+v", got)
	}
	if calls[0].HR != hresult.E_OUTOFMEMORY || !calls[0].Fault || calls[1].Fault {
		t.Errorf("the faulted call is journaled with %v (fault %v), the next with fault %v", calls[0].HR, calls[0].Fault, calls[1].Fault)
	}

	if _, err := win.Contacts(ctx); err != nil {
		t.Fatal(err)
	}
	byObjectPage, err := c.Journal(ctx, client.CallFilter{Object: win.ObjectID()})
	byObject := byObjectPage.Calls
	if err != nil || len(byObject) != 1 || byObject[0].Member != "Contacts" {
		t.Errorf("journal by object = %+v, %v", byObject, err)
	}

	if _, err := c.InjectFault(ctx, client.Fault{Member: "History", HR: hresult.E_FAIL, Times: -1}); err != nil {
		t.Fatal(err)
	}
	if _, err := win.History(ctx); !errors.Is(err, hresult.E_FAIL) {
		t.Errorf("History with a fault armed = %v", err)
	}
	if err := c.ClearFaults(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := win.History(ctx); err != nil {
		t.Errorf("History after ClearFaults = %v", err)
	}
	if _, err := c.InjectFault(ctx, client.Fault{Member: "NoSuchMember", HR: hresult.E_FAIL, Times: 1}); err == nil {
		t.Error("a fault on a member that does not exist was armed")
	}
}

func TestProtocolErrorsAreTyped(t *testing.T) {
	url, srv := serve(t, wire.Config{Token: "s3cret"}, nil)
	ctx := ctxT(t)
	good := worldOn(t, url, client.WithToken("s3cret"))
	other := worldOn(t, url, client.WithToken("s3cret"))
	foreign, err := other.Messenger().GetContact(ctx, "jaya@contoso.com", "")
	if err != nil {
		t.Fatal(err)
	}
	inproc, err := sim.MustNew().MustMessenger(model.CallerCompiled).GetContact(ctx, "jaya@contoso.com", "")
	if err != nil {
		t.Fatal(err)
	}
	noToken, _ := client.New(url)
	unknownWorld, _ := client.New(url, client.WithToken("s3cret"), client.WithWorld("nowhere"))
	closed, _ := client.New("http://127.0.0.1:1")

	tests := []struct {
		name   string
		call   func() error
		status int
	}{
		{"no token", func() error { return noToken.Reset(ctx) }, 401},
		{"unknown world", func() error { _, err := unknownWorld.Messenger().MySigninName(ctx); return err }, 404},
		{"another world's object", func() error {
			_, err := good.Messenger().InstantMessage(ctx, model.Dispatched(foreign))
			return err
		}, 400},
		{"an in-process object", func() error {
			_, err := good.Messenger().InstantMessage(ctx, model.Dispatched(inproc))
			return err
		}, 400},
		{"bad scenario", func() error {
			return good.LoadScenario(ctx, map[string]any{"user": map[string]any{"signinName": "no at sign"}})
		}, 400},
		{"bad dialog policy", func() error { return good.SetDialogPolicy(ctx, sim.DialogPolicy(7)) }, 400},
		{"default world cannot be deleted", func() error {
			d, _ := client.New(url, client.WithToken("s3cret"))
			return d.DeleteWorld(ctx)
		}, 409},
		{"nobody listening", func() error { return closed.Health(ctx) }, 0},
		{"not UTF-8", func() error {
			_, err := good.Messenger().InstantMessage(ctx, model.BSTR("j\xffya@contoso.com"))
			return err
		}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var pe *client.ProtocolError
			if !errors.As(err, &pe) {
				t.Fatalf("error = %v (%T), want a *client.ProtocolError", err, err)
			}
			if pe.Status != tc.status {
				t.Errorf("status = %d, want %d (%v)", pe.Status, tc.status, err)
			}
			var hr hresult.HRESULT
			if errors.As(err, &hr) {
				t.Errorf("a protocol error carries HRESULT %v", hr)
			}
		})
	}
	if err := noToken.Health(ctx); err != nil {
		t.Errorf("healthz needs no token, got %v", err)
	}

	// The one protocol error that carries an HRESULT: creating a root
	// after Communicator shut down.
	if err := good.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = good.NewMessenger(ctx, model.CallerScript)
	var pe *client.ProtocolError
	if !errors.Is(err, hresult.CLASS_E_CLASSNOTAVAILABLE) || !errors.As(err, &pe) || pe.Status != 503 {
		t.Errorf("NewMessenger after Shutdown = %v, want a 503 carrying CLASS_E_CLASSNOTAVAILABLE", err)
	}

	// A server that closed answers calls with 503 and nothing else.
	srv.Close()
	_, err = good.Messenger().MySigninName(ctx)
	if !errors.As(err, &pe) || pe.Status != 503 {
		t.Errorf("call after server Close = %v, want 503", err)
	}
}

func TestNewMessengerIsAnotherClient(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	script, err := c.NewMessenger(ctx, model.CallerScript)
	if err != nil {
		t.Fatal(err)
	}
	if script.ObjectID() == c.Messenger().ObjectID() {
		t.Fatal("the second root has the first one's ID")
	}
	w, err := script.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.HWND(ctx); !errors.Is(err, hresult.E_NOTIMPL) {
		t.Errorf("HWND from a script caller = %v, want E_NOTIMPL", err)
	}
	page, err := c.Journal(ctx, client.CallFilter{Object: w.ObjectID()})
	calls := page.Calls
	if err != nil || len(calls) != 1 || calls[0].Caller != model.CallerScript || calls[0].Client != 1 {
		t.Errorf("journal of the script caller's window = %+v, %v", calls, err)
	}
	rec := newRecorder()
	subscribe(t, script, rec.handle)
	if err := c.OpenConversation(ctx, "sam@contoso.com"); err != nil {
		t.Fatal(err)
	}
	ev := rec.await(t, model.OnIMWindowCreated)
	if ev.Window() == nil || ev.Window() == w {
		t.Errorf("the script root's event window = %v", ev.Window())
	}
	if err := script.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := script.Subscribe(ctx, rec.handle); !errors.Is(err, hresult.RPC_E_DISCONNECTED) {
		t.Errorf("Subscribe on a released root = %v, want RPC_E_DISCONNECTED", err)
	}
}

func TestWorldsAreIsolated(t *testing.T) {
	url, _ := serve(t, wire.Config{}, nil)
	ctx := ctxT(t)
	a := worldOn(t, url)
	b := worldOn(t, url)
	if a.World() == b.World() || a.World() == "" {
		t.Fatalf("worlds %q and %q", a.World(), b.World())
	}
	if _, err := a.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com")); err != nil {
		t.Fatal(err)
	}
	page, err := b.Journal(ctx, client.CallFilter{})
	total := page.All
	if err != nil || total != 0 {
		t.Errorf("world b's journal has %d calls (%v)", total, err)
	}
	names, err := a.Worlds(ctx)
	if err != nil || !strings.Contains(strings.Join(names, " "), a.World()) {
		t.Errorf("Worlds = %v, %v", names, err)
	}
	if err := a.DeleteWorld(ctx); err != nil {
		t.Fatal(err)
	}
	var pe *client.ProtocolError
	if _, err := a.Messenger().MySigninName(ctx); !errors.As(err, &pe) || pe.Status != 404 {
		t.Errorf("call into a deleted world = %v, want 404", err)
	}
}

func TestResetForgetsObjectsButKeepsTheRoot(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	m := c.Messenger()
	old, err := m.GetContact(ctx, "jaya@contoso.com", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := m.MySigninName(ctx); err != nil {
		t.Errorf("the root after Reset: %v", err)
	}
	st, err := c.StateJSON(ctx)
	if err != nil || !strings.Contains(string(st), `"signedIn":true`) {
		t.Errorf("State = %s, %v", st, err)
	}
	fresh, err := m.GetContact(ctx, "jaya@contoso.com", "")
	if err != nil {
		t.Fatal(err)
	}
	if fresh == old {
		t.Error("GetContact after Reset gave the proxy of the object Reset killed")
	}
	if name, err := fresh.FriendlyName(ctx); err != nil || name != "Jaya Rao" {
		t.Errorf("FriendlyName after Reset = %q, %v", name, err)
	}

	_, err = old.FriendlyName(ctx)
	if !errors.Is(err, hresult.RPC_E_DISCONNECTED) {
		t.Errorf("a contact from before Reset = %v, want RPC_E_DISCONNECTED", err)
	}
}

func TestAbandonedCallIsEABORT(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	win, err := c.Messenger().Window(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.StartAction(ctx, win, "file transfer"); err != nil {
		t.Fatal(err)
	}
	callCtx, cancel := context.WithCancel(ctx)
	closed := make(chan error, 1)
	go func() { closed <- win.Close(callCtx) }()
	if err := c.WaitDialog(ctx, win); err != nil {
		t.Fatal(err)
	}
	cancel()
	err = <-closed
	if !errors.Is(err, hresult.E_ABORT) || !errors.Is(err, context.Canceled) {
		t.Errorf("Close whose caller gave up = %v, want E_ABORT and context.Canceled", err)
	}
	// Whenever the server notices the caller left, the window stays open.
	if closed, err := win.IsClosed(ctx); err != nil || closed {
		t.Errorf("IsClosed = %v, %v; want an open window", closed, err)
	}
}

func TestFaultDelayTravelsInMilliseconds(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	if _, err := c.InjectFault(ctx, client.Fault{Member: "MySigninName", Delay: 1500 * time.Microsecond, Times: 2}); err != nil {
		t.Fatal(err)
	}
	fs, err := c.Faults(ctx)
	if err != nil || len(fs) != 1 || fs[0].Delay != 2*time.Millisecond || fs[0].HR != hresult.S_OK {
		t.Fatalf("Faults = %+v, %v; want one 2 ms delay (1.5 ms rounded up)", fs, err)
	}
	if name, err := c.Messenger().MySigninName(ctx); err != nil || name != "alex@contoso.com" {
		t.Errorf("a delayed MySigninName = %q, %v", name, err)
	}
}

func TestConcurrentCallersShareProxies(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	m := c.Messenger()
	const workers = 8
	got := make([]model.Contact, workers)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				ct, err := m.GetContact(ctx, "jaya@contoso.com", "")
				if err != nil {
					errs <- err
					return
				}
				got[i] = ct
				if _, err := ct.Status(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("worker %d holds another proxy for the same contact", i)
		}
	}
}

// The journal's filters travel as query parameters; the default root's
// "messenger" alias is an object filter like any ID, and a filter the
// server would refuse is refused before the request.
func TestJournalFiltersOverTheWire(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	m := c.Messenger()
	if _, err := m.InstantMessage(ctx, model.BSTR("jaya@contoso.com")); err != nil {
		t.Fatal(err)
	}
	if _, err := m.InstantMessage(ctx, model.BSTR("")); !errors.Is(err, hresult.E_INVALIDARG) {
		t.Fatalf("InstantMessage(\"\") = %v", err)
	}
	einval := hresult.E_INVALIDARG
	for _, tc := range []struct {
		f    client.CallFilter
		want int
	}{
		{client.CallFilter{Object: m.ObjectID()}, 2},
		{client.CallFilter{Contact: "JAYA@contoso.com"}, 1},
		{client.CallFilter{Failed: true}, 1},
		{client.CallFilter{HR: &einval}, 1},
		{client.CallFilter{After: 1}, 1},
	} {
		page, err := c.Journal(ctx, tc.f)
		if err != nil || page.Total != tc.want || len(page.Calls) != tc.want || page.All != 2 {
			t.Errorf("%+v: %d calls (total %d, all %d), %v; want %d", tc.f, len(page.Calls), page.Total, page.All, err, tc.want)
		}
	}
	var pe *client.ProtocolError
	if _, err := c.Journal(ctx, client.CallFilter{Contact: "not a name"}); !errors.As(err, &pe) || !strings.Contains(err.Error(), "not a name") {
		t.Errorf("a malformed contact: %v", err)
	}
	if _, err := c.Journal(ctx, client.CallFilter{Arg: &model.Variant{}}); !errors.As(err, &pe) {
		t.Errorf("an Arg filter: %v", err)
	}
}
