package sim

import (
	"context"
	"errors"
	"fmt"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Fake is the control surface a test uses, the same over both transports:
// the simulated person, faults, the journal, the state, reset and drain.
// In process it is (*Messenger).Control(); over HTTP it is a
// *client.Client. A test written against Fake switches transport by
// changing the one line that makes it; the fmtest assertions take a Fake.
//
// Every method takes a context and fails with its error, doing nothing,
// when it has already ended; WaitDialog and Drain wait at most until it
// ends. Errors the person meets (not signed in, no such window) are plain
// errors in process and *client.ProtocolError over HTTP.
type Fake interface {
	// Root is the root object the test's code calls (a compiled
	// caller's IMessenger unless the fake was made otherwise).
	Root() model.Messenger
	PersonActions
	FaultControl
	// Journal reads the automation calls that match f, oldest first.
	Journal(ctx context.Context, f CallFilter) (JournalPage, error)
	// State is a snapshot of the world.
	State(ctx context.Context) (State, error)
	// Reset returns the world to its scenario; root objects stay.
	Reset(ctx context.Context) error
	// Drain waits until every event raised so far has been handled by
	// every subscriber.
	Drain(ctx context.Context) error
}

// PersonActions is what the simulated person can do. A new action is one
// method here, one on Control (a line calling Person) and one on
// client.Client (a line calling its /v1/control route); the compile-time
// assertions beside both types say when one is missing.
type PersonActions interface {
	SignIn(ctx context.Context) error
	SignOut(ctx context.Context) error
	FailNextSignin(ctx context.Context, hr hresult.HRESULT) error
	SetMyStatus(ctx context.Context, s model.MISTATUS) error
	SetContactStatus(ctx context.Context, signinName string, s model.MISTATUS) error
	OpenConversation(ctx context.Context, signinName string) error
	CloseWindow(ctx context.Context, win model.Dispatch) error
	MinimizeWindow(ctx context.Context, win model.Dispatch) error
	StartAction(ctx context.Context, win model.Dispatch, name string) error
	EndAction(ctx context.Context, win model.Dispatch) error
	WaitDialog(ctx context.Context, win model.Dispatch) error
	AnswerDialog(ctx context.Context, win model.Dispatch, accept bool) error
	SetDialogPolicy(ctx context.Context, p DialogPolicy) error
	CloseNextWindows(ctx context.Context, n int) error
	Say(ctx context.Context, win model.Dispatch, text string) error
	ContactSays(ctx context.Context, win model.Dispatch, signinName, text string) error
	Shutdown(ctx context.Context) error
}

// FaultControl arms and lists injected faults.
type FaultControl interface {
	InjectFault(ctx context.Context, f Fault) (int, error)
	ClearFaults(ctx context.Context) error
	Faults(ctx context.Context) ([]Fault, error)
}

var _ Fake = (*Control)(nil)

// Control is the in-process Fake: a world and one of its root objects.
type Control struct {
	w *World
	m *Messenger
}

// Control is the Fake for this messenger's world, with m as its Root.
func (m *Messenger) Control() *Control { return &Control{w: m.world, m: m} }

// World is the world behind the control, for what only in-process tests
// can do (a Go clock, LifetimeReport).
func (c *Control) World() *World { return c.w }

// Root is the messenger the control was made from.
func (c *Control) Root() model.Messenger { return c.m }

// act runs a person action unless ctx has ended.
func act(ctx context.Context, fn func() error) error {
	if ctx != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return fn()
}

func (c *Control) SignIn(ctx context.Context) error  { return act(ctx, c.w.Person().SignIn) }
func (c *Control) SignOut(ctx context.Context) error { return act(ctx, c.w.Person().SignOut) }
func (c *Control) FailNextSignin(ctx context.Context, hr hresult.HRESULT) error {
	return act(ctx, func() error { return c.w.Person().FailNextSignin(hr) })
}
func (c *Control) SetMyStatus(ctx context.Context, s model.MISTATUS) error {
	return act(ctx, func() error { return c.w.Person().SetMyStatus(s) })
}
func (c *Control) SetContactStatus(ctx context.Context, signinName string, s model.MISTATUS) error {
	return act(ctx, func() error { return c.w.Person().SetContactStatus(signinName, s) })
}
func (c *Control) OpenConversation(ctx context.Context, signinName string) error {
	return act(ctx, func() error { return c.w.Person().OpenConversation(signinName) })
}
func (c *Control) CloseWindow(ctx context.Context, win model.Dispatch) error {
	return act(ctx, func() error { return c.w.Person().CloseWindow(win) })
}
func (c *Control) MinimizeWindow(ctx context.Context, win model.Dispatch) error {
	return act(ctx, func() error { return c.w.Person().MinimizeWindow(win) })
}
func (c *Control) StartAction(ctx context.Context, win model.Dispatch, name string) error {
	return act(ctx, func() error { return c.w.Person().StartAction(win, name) })
}
func (c *Control) EndAction(ctx context.Context, win model.Dispatch) error {
	return act(ctx, func() error { return c.w.Person().EndAction(win) })
}
func (c *Control) WaitDialog(ctx context.Context, win model.Dispatch) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return c.w.Person().WaitDialog(ctx, win)
}
func (c *Control) AnswerDialog(ctx context.Context, win model.Dispatch, accept bool) error {
	return act(ctx, func() error { return c.w.Person().AnswerDialog(win, accept) })
}

// SetDialogPolicy rejects a policy that is none of DialogWait,
// DialogAccept and DialogRefuse, as the wire does.
func (c *Control) SetDialogPolicy(ctx context.Context, p DialogPolicy) error {
	return act(ctx, func() error {
		if p < DialogWait || p > DialogRefuse {
			return fmt.Errorf("dialog policy %d: use DialogWait, DialogAccept or DialogRefuse", p)
		}
		c.w.Person().SetDialogPolicy(p)
		return nil
	})
}

// CloseNextWindows rejects a negative count, as the wire does.
func (c *Control) CloseNextWindows(ctx context.Context, n int) error {
	return act(ctx, func() error {
		if n < 0 {
			return errors.New("CloseNextWindows: the count must not be negative")
		}
		c.w.Person().CloseNextWindows(n)
		return nil
	})
}
func (c *Control) Say(ctx context.Context, win model.Dispatch, text string) error {
	return act(ctx, func() error { return c.w.Person().Say(win, text) })
}
func (c *Control) ContactSays(ctx context.Context, win model.Dispatch, signinName, text string) error {
	return act(ctx, func() error { return c.w.Person().ContactSays(win, signinName, text) })
}
func (c *Control) Shutdown(ctx context.Context) error {
	return act(ctx, func() error { c.w.Person().Shutdown(); return nil })
}

func (c *Control) InjectFault(ctx context.Context, f Fault) (int, error) {
	id := 0
	err := act(ctx, func() (err error) { id, err = c.w.InjectFault(f); return err })
	return id, err
}
func (c *Control) ClearFaults(ctx context.Context) error {
	return act(ctx, func() error { c.w.ClearFaults(); return nil })
}
func (c *Control) Faults(ctx context.Context) ([]Fault, error) {
	var fs []Fault
	err := act(ctx, func() error { fs = c.w.Faults(); return nil })
	return fs, err
}
func (c *Control) Journal(ctx context.Context, f CallFilter) (JournalPage, error) {
	var p JournalPage
	err := act(ctx, func() (err error) { p, err = c.w.Query(f); return err })
	return p, err
}
func (c *Control) State(ctx context.Context) (State, error) {
	var s State
	err := act(ctx, func() error { s = c.w.State(); return nil })
	return s, err
}
func (c *Control) Reset(ctx context.Context) error {
	return act(ctx, func() error { c.w.Reset(); return nil })
}
func (c *Control) Drain(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return c.w.Drain(ctx)
}
