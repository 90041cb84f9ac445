package fakemessenger_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// The wire transport: client -> HTTP -> wire server -> sim. One server
// serves the whole test binary; every test gets its own isolated world.

func init() { transports = append(transports, transport{name: "wire", start: startWire}) }

var (
	wireOnce sync.Once
	wireURL  string
	wireErr  error
)

// sharedWireServer starts the package's wire server on first use. Its
// clock stands still at sim.DefaultEpoch, as a fresh in-process world's
// does. It is never closed: it lives as long as the test binary.
func sharedWireServer(t *testing.T) string {
	t.Helper()
	wireOnce.Do(func() {
		// The in-process defaults, which the conformance suite's worlds ask
		// for, are above the standalone fake's.
		srv, err := wire.NewServer(wire.Config{Clock: sim.NewManualClock(sim.DefaultEpoch),
			JournalSize: sim.DefaultJournalSize, MaxObjects: sim.DefaultHandleQuota})
		if err != nil {
			wireErr = err
			return
		}
		wireURL = httptest.NewServer(srv).URL
	})
	if wireErr != nil {
		t.Fatalf("wire server: %v", wireErr)
	}
	return wireURL
}

// startWire makes a world on the shared server from the options. sim.Option
// values are opaque, so they are applied to a throwaway in-process world
// and what it reports is sent: the scenario (SignedOut included), the seed
// and the limits. Only WithClock and WithLogger stay behind: the server's
// worlds use its own clock and logger.
func startWire(t *testing.T, opts ...sim.Option) World {
	t.Helper()
	probe, err := sim.New(opts...)
	if err != nil {
		t.Fatalf("startWire: %v", err)
	}
	st := probe.Settings()
	c, err := client.New(sharedWireServer(t))
	if err != nil {
		t.Fatalf("startWire: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	wc, err := c.CreateWorldWith(ctx, client.WorldSpec{Scenario: probe.Scenario(), Seed: &st.Seed,
		JournalSize: &st.JournalSize, HandleQuota: &st.HandleQuota, MaxParticipants: &st.MaxParticipants})
	if err != nil {
		t.Fatalf("startWire: create world: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = wc.Drain(ctx)
		_ = wc.Close()
		if err := wc.DeleteWorld(ctx); err != nil {
			t.Errorf("wire: delete world %s: %v", wc.World(), err)
		}
	})
	return &wireWorld{c: wc}
}

type wireWorld struct{ c *client.Client }

func (x *wireWorld) Messenger() model.Messenger { return x.c.Messenger() }
func (x *wireWorld) NewMessenger(ctx context.Context, k model.CallerKind) (model.Messenger, error) {
	m, err := x.c.NewMessenger(ctx, k)
	if err != nil {
		return nil, err
	}
	return m, nil
}
func (x *wireWorld) CloseWindow(ctx context.Context, w model.Dispatch) error {
	return x.c.CloseWindow(ctx, w)
}
func (x *wireWorld) MinimizeWindow(ctx context.Context, w model.Dispatch) error {
	return x.c.MinimizeWindow(ctx, w)
}
func (x *wireWorld) StartAction(ctx context.Context, w model.Dispatch, name string) error {
	return x.c.StartAction(ctx, w, name)
}
func (x *wireWorld) EndAction(ctx context.Context, w model.Dispatch) error {
	return x.c.EndAction(ctx, w)
}
func (x *wireWorld) WaitDialog(ctx context.Context, w model.Dispatch) error {
	return x.c.WaitDialog(ctx, w)
}
func (x *wireWorld) AnswerDialog(ctx context.Context, w model.Dispatch, accept bool) error {
	return x.c.AnswerDialog(ctx, w, accept)
}

func (x *wireWorld) SetDialogPolicy(ctx context.Context, p sim.DialogPolicy) error {
	return x.c.SetDialogPolicy(ctx, p)
}
func (x *wireWorld) CloseNextWindows(ctx context.Context, n int) error {
	// In process a negative count means none; the wire rejects it.
	return x.c.CloseNextWindows(ctx, max(n, 0))
}
func (x *wireWorld) SignIn(ctx context.Context) error  { return x.c.SignIn(ctx) }
func (x *wireWorld) SignOut(ctx context.Context) error { return x.c.SignOut(ctx) }
func (x *wireWorld) FailNextSignin(ctx context.Context, hr hresult.HRESULT) error {
	return x.c.FailNextSignin(ctx, hr)
}
func (x *wireWorld) SetMyStatus(ctx context.Context, s model.MISTATUS) error {
	return x.c.SetMyStatus(ctx, s)
}
func (x *wireWorld) SetContactStatus(ctx context.Context, n string, s model.MISTATUS) error {
	return x.c.SetContactStatus(ctx, n, s)
}
func (x *wireWorld) OpenConversation(ctx context.Context, n string) error {
	return x.c.OpenConversation(ctx, n)
}
func (x *wireWorld) Say(ctx context.Context, w model.Dispatch, text string) error {
	return x.c.Say(ctx, w, text)
}
func (x *wireWorld) ContactSays(ctx context.Context, w model.Dispatch, n, text string) error {
	return x.c.ContactSays(ctx, w, n, text)
}
func (x *wireWorld) Shutdown(ctx context.Context) error { return x.c.Shutdown(ctx) }

// maxWireFaultDelay is the longest delay the wire server takes.
const maxWireFaultDelay = 10 * time.Minute

// InjectFault sends the fault; a delay beyond what the server takes is
// cut to its maximum, which no row waits out.
func (x *wireWorld) InjectFault(ctx context.Context, f sim.Fault) error {
	_, err := x.c.InjectFault(ctx, client.Fault{Member: f.Member, Interface: f.Interface, Object: f.Object,
		HR: f.HR, Times: f.Times, Delay: min(f.Delay, maxWireFaultDelay)})
	return err
}
func (x *wireWorld) ClearFaults(ctx context.Context) error { return x.c.ClearFaults(ctx) }

// Calls sends the filter to the server; the Arg filter, which the
// protocol does not carry, is applied here.
func (x *wireWorld) Calls(ctx context.Context, f sim.CallFilter) ([]sim.Call, error) {
	arg := f.Arg
	f.Arg = nil
	page, err := x.c.Journal(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []sim.Call
	for _, c := range page.Calls {
		if arg != nil && !wireHasArg(c.Args, *arg) {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// wireHasArg is sim.CallFilter's Arg test: same VT and value, objects by ID.
func wireHasArg(args []sim.Value, want model.Variant) bool {
	for _, a := range args {
		if wireSameVariant(a.Variant, want) {
			return true
		}
	}
	return false
}

func wireSameVariant(a, b model.Variant) bool {
	if a.VT != b.VT || a.Int != b.Int || a.Float != b.Float || a.Str != b.Str || a.NullStr != b.NullStr || len(a.Array) != len(b.Array) {
		return false
	}
	if (a.Obj == nil) != (b.Obj == nil) || a.Obj != nil && a.Obj.ObjectID() != b.Obj.ObjectID() {
		return false
	}
	for i := range a.Array {
		if !wireSameVariant(a.Array[i], b.Array[i]) {
			return false
		}
	}
	return true
}

func (x *wireWorld) State(ctx context.Context) (sim.State, error) { return x.c.State(ctx) }
func (x *wireWorld) Reset(ctx context.Context) error              { return x.c.Reset(ctx) }
func (x *wireWorld) Drain(ctx context.Context) error              { return x.c.Drain(ctx) }

// TestWireTransportAgreesWithInProcess drives one short session through
// the World interface of every transport and checks they tell the same
// story: it is the adapter's own test, the conformance suite's rows are
// the real one.
func TestWireTransportAgreesWithInProcess(t *testing.T) {
	type story struct {
		state  sim.State
		calls  []sim.Call
		events []string
		errs   []string
	}
	tell := func(t *testing.T, start func(*testing.T, ...sim.Option) World) story {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		w := start(t, sim.WithScenario(sim.DefaultScenario()))
		var st story
		var mu sync.Mutex
		sub, err := w.Messenger().Subscribe(ctx, func(e model.Event) {
			mu.Lock()
			st.events = append(st.events, fmt.Sprintf("%d %s %v", e.Seq, e.Name, e.HR()))
			mu.Unlock()
		})
		if err != nil {
			t.Fatal(err)
		}
		defer sub.Close()
		// Automation calls must fail with the same text everywhere; the
		// person's and the world's failures only the same way.
		note := func(err error) {
			if err != nil {
				st.errs = append(st.errs, err.Error())
			} else {
				st.errs = append(st.errs, "ok")
			}
		}
		noteCtl := func(err error) {
			if err != nil {
				st.errs = append(st.errs, "control error")
			} else {
				st.errs = append(st.errs, "ok")
			}
		}
		win, err := w.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
		note(err)
		_, err = w.Messenger().InstantMessage(ctx, model.BSTR("alex@contoso.com"))
		note(err)
		noteCtl(w.InjectFault(ctx, sim.Fault{Member: "GetContact", HR: hresult.E_OUTOFMEMORY, Times: 1}))
		_, err = w.Messenger().GetContact(ctx, "sam@contoso.com", "")
		note(err)
		noteCtl(w.CloseWindow(ctx, win))
		noteCtl(w.CloseWindow(ctx, win))
		noteCtl(w.SetContactStatus(ctx, "kim@fabrikam.com", model.MISTATUS_BUSY))
		noteCtl(w.SetMyStatus(ctx, model.MISTATUS_AWAY))
		note(win.Release(ctx))
		noteCtl(w.CloseNextWindows(ctx, 1))
		_, err = w.Messenger().InstantMessage(ctx, model.BSTR("sam@contoso.com"))
		note(err)
		noteCtl(w.SignOut(ctx))
		noteCtl(w.Drain(ctx))
		if st.state, err = w.State(ctx); err != nil {
			t.Fatal(err)
		}
		if st.calls, err = w.Calls(ctx, sim.CallFilter{Arg: &model.Variant{VT: model.VT_BSTR, Str: "jaya@contoso.com"}}); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		st.events = append([]string(nil), st.events...)
		return st
	}
	want := tell(t, startInProcess)
	if len(want.events) < 10 || len(want.calls) != 1 || len(want.state.Objects) == 0 {
		t.Fatalf("the session tells too little to compare: %+v", want)
	}
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			got := tell(t, tr.start)
			if fmt.Sprint(got.errs) != fmt.Sprint(want.errs) {
				t.Errorf("results:\n %s:       %q\n inprocess: %q", tr.name, got.errs, want.errs)
			}
			if fmt.Sprint(got.events) != fmt.Sprint(want.events) {
				t.Errorf("events:\n %s:       %v\n inprocess: %v", tr.name, got.events, want.events)
			}
			g, _ := json.Marshal(got.state)
			x, _ := json.Marshal(want.state)
			if string(g) != string(x) {
				t.Errorf("state:\n %s:       %s\n inprocess: %s", tr.name, g, x)
			}
			if len(got.calls) != 1 || len(want.calls) != 1 || fmt.Sprintf("%+v", got.calls[0]) != fmt.Sprintf("%+v", want.calls[0]) {
				t.Errorf("calls with jaya:\n %s:       %+v\n inprocess: %+v", tr.name, got.calls, want.calls)
			}
		})
	}
}
