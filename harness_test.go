package fakemessenger_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// World is what a conformance row may do to one simulated world, whatever
// the transport: call the automation objects (through Messenger and the
// objects it returns), act as the person, inject faults, read the journal
// and the state. The in-process adapter calls package sim directly; the
// wire adapter goes client -> HTTP -> wire server -> sim.
type World interface {
	Messenger() model.Messenger
	NewMessenger(ctx context.Context, kind model.CallerKind) (model.Messenger, error)

	CloseWindow(ctx context.Context, w model.Dispatch) error
	MinimizeWindow(ctx context.Context, w model.Dispatch) error
	StartAction(ctx context.Context, w model.Dispatch, name string) error
	EndAction(ctx context.Context, w model.Dispatch) error
	WaitDialog(ctx context.Context, w model.Dispatch) error
	AnswerDialog(ctx context.Context, w model.Dispatch, accept bool) error
	SetDialogPolicy(ctx context.Context, p sim.DialogPolicy) error
	CloseNextWindows(ctx context.Context, n int) error
	SignIn(ctx context.Context) error
	SignOut(ctx context.Context) error
	FailNextSignin(ctx context.Context, hr hresult.HRESULT) error
	SetMyStatus(ctx context.Context, s model.MISTATUS) error
	SetContactStatus(ctx context.Context, signinName string, s model.MISTATUS) error
	OpenConversation(ctx context.Context, signinName string) error
	Say(ctx context.Context, w model.Dispatch, text string) error
	ContactSays(ctx context.Context, w model.Dispatch, signinName, text string) error
	Shutdown(ctx context.Context) error

	InjectFault(ctx context.Context, f sim.Fault) error
	ClearFaults(ctx context.Context) error
	Calls(ctx context.Context, f sim.CallFilter) ([]sim.Call, error)
	State(ctx context.Context) (sim.State, error)
	Reset(ctx context.Context) error
	// Drain waits until every event raised so far has reached every
	// subscriber of this world.
	Drain(ctx context.Context) error
}

// transport starts a fresh world with the given options.
type transport struct {
	name  string
	start func(t *testing.T, opts ...sim.Option) World
}

// transports lists every transport the conformance suite runs over; the
// wire transport adds itself from its own file.
var transports = []transport{{name: "inprocess", start: startInProcess}}

func startInProcess(t *testing.T, opts ...sim.Option) World {
	t.Helper()
	m := sim.RunT(t, append([]sim.Option{sim.WithoutLifetimeChecks()}, opts...)...)
	return &inProcess{w: m.World(), m: m, p: m.Person()}
}

type inProcess struct {
	w *sim.World
	m *sim.Messenger
	p *sim.Person
}

func (x *inProcess) Messenger() model.Messenger { return x.m }
func (x *inProcess) NewMessenger(_ context.Context, k model.CallerKind) (model.Messenger, error) {
	m, err := x.w.Messenger(k)
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return m, nil
}
func (x *inProcess) CloseWindow(_ context.Context, w model.Dispatch) error { return x.p.CloseWindow(w) }
func (x *inProcess) MinimizeWindow(_ context.Context, w model.Dispatch) error {
	return x.p.MinimizeWindow(w)
}
func (x *inProcess) StartAction(_ context.Context, w model.Dispatch, name string) error {
	return x.p.StartAction(w, name)
}
func (x *inProcess) EndAction(_ context.Context, w model.Dispatch) error { return x.p.EndAction(w) }
func (x *inProcess) WaitDialog(ctx context.Context, w model.Dispatch) error {
	return x.p.WaitDialog(ctx, w)
}
func (x *inProcess) AnswerDialog(_ context.Context, w model.Dispatch, accept bool) error {
	return x.p.AnswerDialog(w, accept)
}
func (x *inProcess) SetDialogPolicy(_ context.Context, p sim.DialogPolicy) error {
	x.p.SetDialogPolicy(p)
	return nil
}
func (x *inProcess) CloseNextWindows(_ context.Context, n int) error {
	x.p.CloseNextWindows(n)
	return nil
}
func (x *inProcess) SignIn(context.Context) error  { return x.p.SignIn() }
func (x *inProcess) SignOut(context.Context) error { return x.p.SignOut() }
func (x *inProcess) FailNextSignin(_ context.Context, hr hresult.HRESULT) error {
	return x.p.FailNextSignin(hr)
}
func (x *inProcess) SetMyStatus(_ context.Context, s model.MISTATUS) error { return x.p.SetMyStatus(s) }
func (x *inProcess) SetContactStatus(_ context.Context, n string, s model.MISTATUS) error {
	return x.p.SetContactStatus(n, s)
}
func (x *inProcess) OpenConversation(_ context.Context, n string) error {
	return x.p.OpenConversation(n)
}
func (x *inProcess) Say(_ context.Context, w model.Dispatch, text string) error {
	return x.p.Say(w, text)
}
func (x *inProcess) ContactSays(_ context.Context, w model.Dispatch, n, text string) error {
	return x.p.ContactSays(w, n, text)
}
func (x *inProcess) Shutdown(context.Context) error { x.p.Shutdown(); return nil }
func (x *inProcess) InjectFault(_ context.Context, f sim.Fault) error {
	_, err := x.w.InjectFault(f)
	return err
}
func (x *inProcess) ClearFaults(context.Context) error { x.w.ClearFaults(); return nil }
func (x *inProcess) Calls(_ context.Context, f sim.CallFilter) ([]sim.Call, error) {
	return x.w.Calls(f), nil
}
func (x *inProcess) State(context.Context) (sim.State, error) { return x.w.State(), nil }
func (x *inProcess) Reset(context.Context) error              { x.w.Reset(); return nil }
func (x *inProcess) Drain(ctx context.Context) error          { return x.w.Drain(ctx) }
