package sim_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Unit tests of what the conformance table (../sim_test.go) and the
// bad-input table do not reach: the lifetime checker, determinism, Reset,
// scenarios, fault arming, Drain and World.Close.

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func newWorld(t *testing.T, opts ...sim.Option) (*sim.World, *sim.Messenger) {
	t.Helper()
	w, err := sim.New(opts...)
	mustOK(t, "sim.New", err)
	t.Cleanup(w.Close)
	m, err := w.Messenger(model.CallerCompiled)
	mustOK(t, "CoCreateInstance", err)
	return w, m
}

func TestLifetimeProblems(t *testing.T) {
	cases := []struct {
		name string
		// client does what the code under test would do.
		client func(t *testing.T, ctx context.Context, m *sim.Messenger)
		want   []string // substrings, one per expected problem; none = clean
	}{
		{"closed and released", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			win := openWindow(t, ctx, m, biJaya)
			mustOK(t, "Close", win.Close(ctx))
			mustOK(t, "Release", win.Release(ctx))
		}, nil},
		{"released while open, never destroyed", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			mustOK(t, "Release", openWindow(t, ctx, m, biJaya).Release(ctx))
		}, nil},
		{"open and never released", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			openWindow(t, ctx, m, biJaya)
		}, nil},
		{"destroyed by the person, never released", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			mustOK(t, "CloseWindow", m.Person().CloseWindow(openWindow(t, ctx, m, biJaya)))
		}, []string{"destroyed but never released"}},
		{"destroyed by sign-out, never released", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			openWindow(t, ctx, m, biJaya)
			openWindow(t, ctx, m, "sam@contoso.com")
			mustOK(t, "Signout", m.Signout(ctx))
		}, []string{"destroyed but never released", "destroyed but never released"}},
		{"S_FALSE window never released", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			m.Person().CloseNextWindows(1)
			if _, err := m.InstantMessage(ctx, model.BSTR(biJaya)); !errors.Is(err, hresult.S_FALSE) {
				t.Fatalf("InstantMessage = %v, want S_FALSE", err)
			}
		}, []string{"destroyed but never released"}},
		{"call after OnIMWindowDestroyed, then released", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			win := openWindow(t, ctx, m, biJaya)
			mustOK(t, "CloseWindow", m.Person().CloseWindow(win))
			_, _ = win.HWND(ctx)
			mustOK(t, "Release", win.Release(ctx))
		}, []string{"HWND called after OnIMWindowDestroyed"}},
		{"call after OnIMWindowDestroyed, not released", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			win := openWindow(t, ctx, m, biJaya)
			mustOK(t, "CloseWindow", m.Person().CloseWindow(win))
			_, _ = win.IsClosed(ctx)
		}, []string{"destroyed but never released", "IsClosed called after OnIMWindowDestroyed"}},
		{"the main window is not a conversation window", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			win, err := m.Window(ctx)
			mustOK(t, "Window", err)
			mustOK(t, "Close", win.Close(ctx))
			_, _ = win.HWND(ctx)
		}, nil},
		{"the sample: Release in the OnIMWindowDestroyed handler", func(t *testing.T, ctx context.Context, m *sim.Messenger) {
			sub, err := m.Subscribe(ctx, func(e model.Event) {
				if e.Name == model.OnIMWindowDestroyed {
					_ = e.Window().Release(ctx)
				}
			})
			mustOK(t, "Subscribe", err)
			defer sub.Close()
			mustOK(t, "CloseWindow", m.Person().CloseWindow(openWindow(t, ctx, m, biJaya)))
			mustOK(t, "Drain", m.World().Drain(ctx))
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			w, m := newWorld(t)
			tc.client(t, ctx, m)
			mustOK(t, "Drain", w.Drain(ctx))
			got := w.LifetimeProblems()
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %d matching %q", got, len(tc.want), tc.want)
			}
			for _, sub := range tc.want {
				found := false
				for _, p := range got {
					found = found || strings.Contains(p, sub)
				}
				if !found {
					t.Errorf("no problem mentions %q in %q", sub, got)
				}
			}
		})
	}
}

// recordingTB lets a test watch what RunT's cleanup reports.
type recordingTB struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
	errs     []string
}

func (r *recordingTB) Helper()          {}
func (r *recordingTB) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recordingTB) Errorf(f string, args ...any) {
	r.mu.Lock()
	r.errs = append(r.errs, fmt.Sprintf(f, args...))
	r.mu.Unlock()
}

func (r *recordingTB) runCleanups() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func TestRunTReportsLifetimeProblemsAtCleanup(t *testing.T) {
	for _, checks := range []bool{true, false} {
		t.Run(fmt.Sprintf("checks=%v", checks), func(t *testing.T) {
			ctx := testCtx(t)
			rec := &recordingTB{TB: t}
			var opts []sim.Option
			if !checks {
				opts = append(opts, sim.WithoutLifetimeChecks())
			}
			m := sim.RunT(rec, opts...)
			win := openWindow(t, ctx, m, biJaya)
			mustOK(t, "CloseWindow", m.Person().CloseWindow(win))
			_ = win.Show(ctx)
			if len(rec.errs) != 0 {
				t.Fatalf("RunT reported before cleanup: %q", rec.errs)
			}
			rec.runCleanups()
			want := 0
			if checks {
				want = 2 // never released; Show after OnIMWindowDestroyed
			}
			if len(rec.errs) != want {
				t.Errorf("cleanup reported %q, want %d problems", rec.errs, want)
			}
			for _, e := range rec.errs {
				if !strings.HasPrefix(e, "fakemessenger lifetime check: ") {
					t.Errorf("report %q lacks the lifetime-check prefix", e)
				}
			}
		})
	}
}

func TestRunTDefaults(t *testing.T) {
	ctx := testCtx(t)
	m := sim.RunT(t)
	if m.Caller() != model.CallerCompiled {
		t.Errorf("RunT caller = %v, want compiled", m.Caller())
	}
	name, err := m.MySigninName(ctx)
	mustOK(t, "MySigninName", err)
	if name != biSelf {
		t.Errorf("RunT signed in as %q, want %q", name, biSelf)
	}
	s := sim.RunT(t, sim.AsScript(), sim.SignedOut())
	if s.Caller() != model.CallerScript {
		t.Errorf("RunT(AsScript) caller = %v", s.Caller())
	}
	if st, _ := s.MyStatus(ctx); st != model.MISTATUS_OFFLINE {
		t.Errorf("RunT(SignedOut) status %v", st)
	}
}

// detRun is everything observable a client meets, as text.
type detRun struct {
	journal, events, ids []string
	hwnds                []int32
}

func runScript(t *testing.T, seed int64) detRun {
	t.Helper()
	ctx := testCtx(t)
	clk := sim.NewManualClock(time.Time{})
	w, m := newWorld(t, sim.WithSeed(seed), sim.WithClock(clk))
	var run detRun
	var mu sync.Mutex
	sub, err := m.Subscribe(ctx, func(e model.Event) {
		var params []string
		for _, p := range e.Params {
			params = append(params, p.Name+"="+p.Value.String())
		}
		mu.Lock()
		run.events = append(run.events, fmt.Sprintf("%d %s %d %s %s", e.Seq, e.Name, e.DISPID, e.Time.Format(time.RFC3339Nano), strings.Join(params, ",")))
		mu.Unlock()
	})
	mustOK(t, "Subscribe", err)

	a := openWindow(t, ctx, m, biJaya)
	clk.Advance(1500 * time.Millisecond)
	b := openWindow(t, ctx, m, "pat@contoso.com")
	clk.Advance(time.Minute)
	c, err := m.GetContact(ctx, "sam@contoso.com", "")
	mustOK(t, "GetContact", err)
	mustOK(t, "AddContact", b.AddContact(ctx, model.Dispatched(c)))
	_, _ = m.InstantMessage(ctx, model.BSTR(""))
	mustOK(t, "MyStatus put", m.SetMyStatus(ctx, model.MISTATUS_AWAY))
	clk.Advance(time.Second)
	mustOK(t, "CloseWindow", m.Person().CloseWindow(a))
	_ = a.Release(ctx)
	for _, conv := range w.State().Conversations {
		run.hwnds = append(run.hwnds, conv.HWND)
	}
	run.hwnds = append(run.hwnds, w.State().MainWindow.HWND)
	run.ids = []string{m.ObjectID(), a.ObjectID(), b.ObjectID(), c.ObjectID()}
	mustOK(t, "Drain", w.Drain(ctx))
	mustOK(t, "Subscription.Close", sub.Close())
	for _, call := range w.Journal() {
		var args []string
		for _, a := range call.Args {
			args = append(args, a.String())
		}
		run.journal = append(run.journal, fmt.Sprintf("%d %s %s %s %s %v %v %d [%s] %v", call.Seq, call.Time.Format(time.RFC3339Nano),
			call.Object, call.Interface, call.Member, call.Kind, call.Caller, call.Client, strings.Join(args, ", "), call.HR))
	}
	return run
}

func TestDeterminism(t *testing.T) {
	first, second := runScript(t, 1), runScript(t, 1)
	if !reflect.DeepEqual(first, second) {
		t.Errorf("two runs with seed 1 differ:\n%s\n---\n%s", dumpRun(first), dumpRun(second))
	}
	if len(first.journal) < 7 || len(first.events) < 6 {
		t.Fatalf("the script left %d journal entries and %d events; too few to compare", len(first.journal), len(first.events))
	}
	other := runScript(t, 2)
	for i := range first.ids {
		if first.ids[i] == other.ids[i] {
			t.Errorf("object %d has the same ID %s with seeds 1 and 2", i, first.ids[i])
		}
	}
	// Handles do not depend on the seed: the same calls give the same HWNDs.
	if !reflect.DeepEqual(first.hwnds, other.hwnds) {
		t.Errorf("HWNDs differ across seeds: %v vs %v", first.hwnds, other.hwnds)
	}
	seen := map[string]bool{}
	for _, id := range first.ids {
		if seen[id] {
			t.Errorf("ID %s given twice in one world", id)
		}
		seen[id] = true
	}
}

func dumpRun(r detRun) string {
	return strings.Join(r.journal, "\n") + "\n" + strings.Join(r.events, "\n") + fmt.Sprintf("\n%v %v", r.ids, r.hwnds)
}

func TestResetKeepsTheRootUsable(t *testing.T) {
	ctx := testCtx(t)
	w, m := newWorld(t)
	var events atomic.Int32
	sub, err := m.Subscribe(ctx, func(model.Event) { events.Add(1) })
	mustOK(t, "Subscribe", err)
	defer sub.Close()
	win := openWindow(t, ctx, m, biJaya)
	mustOK(t, "InjectFault", func() error {
		_, err := w.InjectFault(sim.Fault{Member: "MyFriendlyName", HR: hresult.E_FAIL, Times: sim.Forever})
		return err
	}())
	rootID := m.ObjectID()

	w.Reset()

	if m.ObjectID() != rootID {
		t.Errorf("the root's ID changed across Reset")
	}
	if _, err := m.MyFriendlyName(ctx); err != nil {
		t.Errorf("MyFriendlyName after Reset: %v (root unusable or fault not cleared)", err)
	}
	if _, err := win.IsClosed(ctx); !errors.Is(err, hresult.RPC_E_DISCONNECTED) {
		t.Errorf("a window from before Reset answered %v, want RPC_E_DISCONNECTED", err)
	}
	if n := w.CallCount(); n != 2 {
		t.Errorf("CallCount after Reset and two calls = %d, want 2", n)
	}
	if len(w.Faults()) != 0 {
		t.Errorf("faults survived Reset: %+v", w.Faults())
	}
	mustOK(t, "Drain", w.Drain(ctx))
	before := events.Load()
	openWindow(t, ctx, m, biJaya)
	mustOK(t, "Drain", w.Drain(ctx))
	if events.Load() != before+1 {
		t.Errorf("the subscription got %d events after Reset, want 1", events.Load()-before)
	}
}

func TestResetAnswersAPendingDialog(t *testing.T) {
	ctx := testCtx(t)
	w, m := newWorld(t)
	win := openWindow(t, ctx, m, biJaya)
	p := m.Person()
	mustOK(t, "StartAction", p.StartAction(win, ""))
	done := closeWithDialog(t, ctx, p, win)
	w.Reset()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Close across Reset returned %v, want S_OK (Reset destroys the window, answering its dialog)", err)
		}
	case <-ctx.Done():
		t.Fatal("Close still blocked after Reset")
	}
}

func TestResetGivesNewObjectsTheirOwnIdentity(t *testing.T) {
	ctx := testCtx(t)
	w, m := newWorld(t)
	w.Reset()
	c, err := m.GetContact(ctx, biJaya, "")
	mustOK(t, "GetContact", err)
	if c.ObjectID() == m.ObjectID() {
		t.Errorf("the contact made after Reset has the root's ID %s", m.ObjectID())
	}
	if o, ok := w.Object(m.ObjectID()); !ok || o != model.Dispatch(m) {
		t.Errorf("World.Object(root ID) = %v, want the root", o)
	}
}

func TestObjectByID(t *testing.T) {
	ctx := testCtx(t)
	w, m := newWorld(t)
	win := openWindow(t, ctx, m, biJaya)
	if o, ok := w.Object(win.ObjectID()); !ok || o != model.Dispatch(win) {
		t.Fatalf("Object(live window) = %v, %v", o, ok)
	}
	mustOK(t, "Release", win.Release(ctx))
	o, ok := w.Object(win.ObjectID())
	if !ok {
		t.Fatal("a released object's ID is no longer known")
	}
	if _, err := o.Invoke(ctx, "HWND", model.DISPATCH_PROPERTYGET); !errors.Is(err, hresult.RPC_E_DISCONNECTED) {
		t.Errorf("a call through a released ID answered %v, want RPC_E_DISCONNECTED", err)
	}
	for _, id := range []string{"", "messenger", "00000000-0000-4000-8000-000000000000"} {
		if _, ok := w.Object(id); ok {
			t.Errorf("Object(%q) found something", id)
		}
	}
}

func TestScenarioErrors(t *testing.T) {
	cases := []struct{ name, json string }{
		{"not JSON", `{"user":`},
		{"unknown field", `{"user":{"signinName":"alex@contoso.com"},"colour":"blue"}`},
		{"trailing data", `{"user":{"signinName":"alex@contoso.com"}} {}`},
		{"no user name", `{"user":{}}`},
		{"user name without @", `{"user":{"signinName":"alex"}}`},
		{"user name with a space", `{"user":{"signinName":"alex @contoso.com"}}`},
		{"unknown status", `{"user":{"signinName":"alex@contoso.com","status":"MISTATUS_SLEEPY"}}`},
		{"user starts offline", `{"user":{"signinName":"alex@contoso.com","status":"MISTATUS_OFFLINE"}}`},
		{"user starts in a LOCAL_ status", `{"user":{"signinName":"alex@contoso.com","status":"MISTATUS_LOCAL_FINDING_SERVER"}}`},
		{"service ID of 39 characters", `{"user":{"signinName":"alex@contoso.com"},"service":{"id":"{8C6E2F4A-1D3B-4E5F-9A70-C2B1D0E3F456}x"}}`},
		{"contact name malformed", `{"user":{"signinName":"alex@contoso.com"},"contacts":[{"signinName":"ja\nya@contoso.com"}]}`},
		{"contact repeated", `{"user":{"signinName":"alex@contoso.com"},"contacts":[{"signinName":"jaya@contoso.com"},{"signinName":"JAYA@contoso.com"}]}`},
		{"contact is the user", `{"user":{"signinName":"alex@contoso.com"},"contacts":[{"signinName":"sip:alex@contoso.com"}]}`},
		{"contact status unknown", `{"user":{"signinName":"alex@contoso.com"},"contacts":[{"signinName":"jaya@contoso.com","status":"busyish"}]}`},
		{"contact in an undeclared group", `{"user":{"signinName":"alex@contoso.com"},"contacts":[{"signinName":"jaya@contoso.com","groups":["Team"]}]}`},
		{"empty group", `{"user":{"signinName":"alex@contoso.com"},"groups":[""]}`},
		{"repeated group", `{"user":{"signinName":"alex@contoso.com"},"groups":["Team","Team"]}`},
	}
	w, _ := newWorld(t)
	before := w.State()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sim.ParseScenario([]byte(tc.json))
			if err == nil {
				t.Fatalf("ParseScenario accepted %s", tc.json)
			}
			if !strings.HasPrefix(err.Error(), "scenario: ") {
				t.Errorf("error %q does not say it is about the scenario", err)
			}
			if !reflect.DeepEqual(s, sim.Scenario{}) && s.Validate() == nil {
				t.Errorf("ParseScenario returned a valid scenario with its error")
			}
			// The same scenario, if it decoded, must not reach a world.
			var raw sim.Scenario
			if json.Unmarshal([]byte(tc.json), &raw) == nil {
				if _, err := sim.New(sim.WithScenario(raw)); err == nil && raw.Validate() != nil {
					t.Error("sim.New accepted a scenario that does not validate")
				}
				if raw.Validate() != nil {
					if err := w.Load(raw); err == nil {
						t.Error("Load accepted a scenario that does not validate")
					}
				}
			}
		})
	}
	if after := w.State(); !reflect.DeepEqual(before, after) {
		t.Errorf("failed Loads changed the world")
	}
}

func TestScenarioRoundTrip(t *testing.T) {
	want := sim.DefaultScenario()
	data, err := json.Marshal(want)
	mustOK(t, "Marshal", err)
	got, err := sim.ParseScenario(data)
	mustOK(t, "ParseScenario", err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	ctx := testCtx(t)
	w, m := newWorld(t)
	s := sim.DefaultScenario()
	s.User = sim.ScenarioUser{SigninName: "kim@fabrikam.com", FriendlyName: "Kim", Status: "MISTATUS_BUSY"}
	s.Contacts = []sim.ScenarioContact{{SigninName: "alex@contoso.com", Status: "MISTATUS_ONLINE"}}
	mustOK(t, "Load", w.Load(s))
	if name, _ := m.MySigninName(ctx); name != "kim@fabrikam.com" {
		t.Errorf("after Load, MySigninName = %q", name)
	}
	if st, _ := m.MyStatus(ctx); st != model.MISTATUS_BUSY {
		t.Errorf("after Load, MyStatus = %v", st)
	}
	if !reflect.DeepEqual(w.Scenario(), s) {
		t.Errorf("Scenario() does not return the loaded scenario")
	}
}

func TestInjectFaultChecksItsArguments(t *testing.T) {
	w, _ := newWorld(t)
	for _, f := range []sim.Fault{
		{Member: "InstantMessage", HR: hresult.E_FAIL},
		{Member: "InstantMessage", HR: hresult.E_FAIL, Times: -2},
		{Member: "InstantMessage", Times: 1},
		{Member: "InstantMessage", Delay: -time.Second, Times: 1},
		{Member: "NoSuchMember", HR: hresult.E_FAIL, Times: 1},
		{Member: "InstantMessage", Interface: model.IMessengerWindow, HR: hresult.E_FAIL, Times: 1},
	} {
		if _, err := w.InjectFault(f); err == nil {
			t.Errorf("InjectFault(%+v) armed a fault that cannot work", f)
		}
	}
	if len(w.Faults()) != 0 {
		t.Errorf("rejected faults were armed: %+v", w.Faults())
	}
	id1, err := w.InjectFault(sim.Fault{Member: "HWND", HR: hresult.E_FAIL, Times: 3})
	mustOK(t, "InjectFault", err)
	id2, err := w.InjectFault(sim.Fault{Member: "Show", HR: hresult.E_FAIL, Times: sim.Forever})
	mustOK(t, "InjectFault", err)
	if id1 == id2 {
		t.Errorf("two faults share ID %d", id1)
	}
	if fs := w.Faults(); len(fs) != 2 || fs[0].Times != 3 || fs[1].Times != sim.Forever {
		t.Errorf("Faults() = %+v", fs)
	}
}

func TestInjectFaultRejectsRelease(t *testing.T) {
	ctx := testCtx(t)
	w, m := newWorld(t)
	_, err := w.InjectFault(sim.Fault{Member: "Release", HR: hresult.E_FAIL, Times: 1})
	if err == nil {
		if err := openWindow(t, ctx, m, biJaya).Release(ctx); !errors.Is(err, hresult.E_FAIL) {
			t.Errorf("InjectFault armed a Release fault that did not fire (Release returned %v)", err)
		}
	}
}

func TestDrainWaitsForSlowSubscribers(t *testing.T) {
	ctx := testCtx(t)
	w, m := newWorld(t)
	if err := w.Drain(ctx); err != nil {
		t.Fatalf("Drain without subscribers: %v", err)
	}
	gate := make(chan struct{})
	var handled atomic.Int32
	sub, err := m.Subscribe(ctx, func(model.Event) {
		<-gate
		handled.Add(1)
	})
	mustOK(t, "Subscribe", err)
	defer sub.Close()
	// The handler is stuck; calls must still complete.
	openWindow(t, ctx, m, biJaya)
	openWindow(t, ctx, m, "sam@contoso.com")

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := w.Drain(cancelled); !errors.Is(err, context.Canceled) {
		t.Errorf("Drain with a cancelled context while a handler is stuck = %v, want context.Canceled", err)
	}
	if n := handled.Load(); n != 0 {
		t.Fatalf("%d events handled through a closed gate", n)
	}
	close(gate)
	mustOK(t, "Drain", w.Drain(ctx))
	if n := handled.Load(); n != 2 {
		t.Errorf("after Drain %d events handled, want 2", n)
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	ctx := testCtx(t)
	base := runtime.NumGoroutine()
	for range 3 {
		w, err := sim.New()
		mustOK(t, "sim.New", err)
		m, err := w.Messenger(model.CallerCompiled)
		mustOK(t, "CoCreateInstance", err)
		for range 4 {
			_, err := m.Subscribe(ctx, func(model.Event) {})
			mustOK(t, "Subscribe", err)
		}
		openWindow(t, ctx, m, biJaya)
		w.Close()
		// The world stays usable for calls after Close; nobody listens.
		openWindow(t, ctx, m, "sam@contoso.com")
	}
	// A delivery goroutine may still be returning after Close saw it end.
	n := runtime.NumGoroutine()
	for i := 0; i < 200 && n > base; i++ {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
		n = runtime.NumGoroutine()
	}
	if n > base {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after World.Close, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}
