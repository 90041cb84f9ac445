package sim

import (
	"context"
	"errors"
	"fmt"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// Person is the simulated user at the keyboard: what they do in the
// Communicator UI reaches the client's code only as events and state, as
// it would on a real desktop. None of this is part of the automation API,
// so none of it is in the journal.
type Person struct{ w *World }

// Person returns the world's simulated user.
func (w *World) Person() *Person { return &Person{w: w} }

// ErrNoSuchObject: the object ID or value is not a live object of this world.
var ErrNoSuchObject = errors.New("no such object in this world")

// ErrNoDialog: there is no confirmation dialog to answer.
var ErrNoDialog = errors.New("no confirmation dialog is pending on that window")

// windowLocked finds the window state behind a window object of any client.
func (p *Person) windowLocked(obj model.Dispatch) (*window.Window, *convObj, error) {
	v, ok := obj.(view)
	if !ok || v.base().world != p.w {
		return nil, nil, ErrNoSuchObject
	}
	if v.base().dead {
		// a released reference names nothing, on every transport (over
		// the wire a released ID is only a tombstone)
		return nil, nil, fmt.Errorf("%w: the object was released", ErrNoSuchObject)
	}
	switch x := v.(type) {
	case *Window:
		return x.obj.win, nil, nil
	case *ConversationWnd:
		return &x.obj.win, x.obj, nil
	}
	return nil, nil, fmt.Errorf("%w: %s is not a window", ErrNoSuchObject, v.base().iface)
}

// CloseWindow is the person clicking the window's close button. A
// conversation window is destroyed (OnIMWindowDestroyed) even with an
// action in progress: the person confirms their own dialog. The main
// window goes to the tray.
func (p *Person) CloseWindow(win model.Dispatch) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	ws, conv, err := p.windowLocked(win)
	if err != nil {
		return err
	}
	if !ws.Alive() {
		return errors.New("the window is already destroyed")
	}
	if conv != nil {
		w.destroyConvLocked(conv)
		return nil
	}
	ws.Destroy()
	return nil
}

// MinimizeWindow is the person minimizing a window.
func (p *Person) MinimizeWindow(win model.Dispatch) error {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	ws, _, err := p.windowLocked(win)
	if err != nil {
		return err
	}
	if hr := ws.Minimize(); hr != hresult.S_OK {
		return errors.New("the window is closed")
	}
	return nil
}

// StartAction starts an action in the window (a file transfer, say): from
// now on Close raises a confirmation dialog.
func (p *Person) StartAction(win model.Dispatch, name string) error {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	ws, _, err := p.windowLocked(win)
	if err != nil {
		return err
	}
	if ws.StartAction(name) != hresult.S_OK {
		return errors.New("the window is destroyed")
	}
	return nil
}

// EndAction ends the window's action in progress.
func (p *Person) EndAction(win model.Dispatch) error {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	ws, _, err := p.windowLocked(win)
	if err != nil {
		return err
	}
	ws.EndAction()
	return nil
}

// DialogPending reports whether a Close on that window waits for the person.
func (p *Person) DialogPending(win model.Dispatch) bool {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	ws, _, err := p.windowLocked(win)
	return err == nil && ws.Dialog() != nil
}

// WaitDialog blocks until a confirmation dialog is pending on the window,
// or ctx ends: a test starts Close in a goroutine, waits here, answers.
func (p *Person) WaitDialog(ctx context.Context, win model.Dispatch) error {
	w := p.w
	for {
		w.mu.Lock()
		ws, _, err := p.windowLocked(win)
		if err != nil {
			w.mu.Unlock()
			return err
		}
		if ws.Dialog() != nil {
			w.mu.Unlock()
			return nil
		}
		raised := w.dialogRaised
		w.mu.Unlock()
		select {
		case <-raised:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// AnswerDialog answers the pending confirmation dialog: accept closes the
// window (Close returns S_OK), refuse keeps it open (Close returns S_FALSE).
func (p *Person) AnswerDialog(win model.Dispatch, accept bool) error {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	ws, _, err := p.windowLocked(win)
	if err != nil {
		return err
	}
	d := ws.Dialog()
	if d == nil {
		return ErrNoDialog
	}
	select {
	case d.Answer <- accept:
		return nil
	default:
		return errors.New("the dialog was already answered")
	}
}

// SetDialogPolicy makes the person answer every future dialog at once.
func (p *Person) SetDialogPolicy(policy DialogPolicy) {
	p.w.mu.Lock()
	p.w.person.policy = policy
	p.w.mu.Unlock()
}

// CloseNextWindows arms the S_FALSE world state: the next n windows that
// InstantMessage opens are closed by the person before the call returns.
func (p *Person) CloseNextWindows(n int) {
	p.w.mu.Lock()
	p.w.person.closeNext = max(n, 0)
	p.w.mu.Unlock()
}

// SignIn is the person clicking Sign In: the same events as AutoSignin.
func (p *Person) SignIn() error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.signedIn {
		return errors.New("already signed in")
	}
	w.signInLocked()
	return nil
}

// SignOut is the person signing out: every conversation window closes.
func (p *Person) SignOut() error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.signedIn {
		return errors.New("not signed in")
	}
	w.signOutLocked()
	return nil
}

// FailNextSignin makes the next sign-in fail asynchronously: the call
// returns S_OK and OnSignin reports hr (a MSGR_E_* code, say
// MSGR_E_LOGON_TIMEOUT), as the AutoSignin remarks describe.
func (p *Person) FailNextSignin(hr hresult.HRESULT) error {
	if hr.Succeeded() {
		return errors.New("FailNextSignin needs a failure code")
	}
	p.w.mu.Lock()
	p.w.signinFault = hr
	p.w.mu.Unlock()
	return nil
}

// SetMyStatus is the person choosing a status in the UI.
func (p *Person) SetMyStatus(s model.MISTATUS) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if !settable(s) {
		return fmt.Errorf("%s cannot be chosen", s)
	}
	if !w.signedIn {
		return errors.New("not signed in")
	}
	w.setMyStatusLocked(s)
	return nil
}

// SetContactStatus is a contact's presence changing on the server: their
// status changes and OnContactStatusChange fires (while signed in).
func (p *Person) SetContactStatus(signinName string, s model.MISTATUS) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if !s.Valid() {
		return fmt.Errorf("%s is not a MISTATUS", s)
	}
	ct := w.byName[model.NormalizeSigninName(signinName)]
	if ct == nil || !ct.listed {
		return fmt.Errorf("%q is not on the contact list", signinName)
	}
	ct.status = s
	if w.signedIn {
		w.emitLocked(evOnContactStatusChange, evObj(ct), evStatus(s))
	}
	return nil
}

// OpenConversation is the person (or an incoming message) opening a
// conversation window with a contact: OnIMWindowCreated fires, and the
// client meets the window only through that event.
func (p *Person) OpenConversation(signinName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if pr := model.CheckSigninName(signinName); pr != model.ProblemNone {
		return fmt.Errorf("sign-in name %q: %s", signinName, pr)
	}
	if !w.signedIn {
		return errors.New("not signed in")
	}
	if model.SameSigninName(signinName, w.user.signin) {
		return errors.New("cannot open a conversation with yourself")
	}
	ct := w.contactFor(w.refTo(signinName))
	if ct.conv != nil {
		return errors.New("a conversation with that contact is already open")
	}
	w.openConvLocked(ct)
	return nil
}

// Say adds a message typed by the local user to the conversation history.
func (p *Person) Say(win model.Dispatch, text string) error {
	return p.addMessage(win, "", text)
}

// ContactSays adds a message from a participant to the history.
func (p *Person) ContactSays(win model.Dispatch, signinName, text string) error {
	if signinName == "" {
		return errors.New("empty sign-in name")
	}
	return p.addMessage(win, signinName, text)
}

func (p *Person) addMessage(win model.Dispatch, from, text string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	_, conv, err := p.windowLocked(win)
	if err != nil {
		return err
	}
	if conv == nil || !conv.win.Alive() {
		return errors.New("not an open conversation window")
	}
	m := message{from: w.user.signin, name: w.user.friendly, at: w.cfg.clock.Now(), text: text}
	if from != "" {
		var who *contactObj
		for _, ct := range conv.parts {
			if model.SameSigninName(ct.signin, from) {
				who = ct
			}
		}
		if who == nil {
			return fmt.Errorf("%q is not in the conversation", from)
		}
		m.from, m.name = who.signin, who.friendlyName()
	}
	conv.history = append(conv.history, m)
	return nil
}

// Shutdown is Communicator exiting (for an upgrade, as OnAppShutdown's
// remarks say): OnAppShutdown fires, then every object is disconnected and
// new Messenger objects cannot be created until Reset.
func (p *Person) Shutdown() {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.shutdown {
		return
	}
	w.emitLocked(evOnAppShutdown)
	w.shutdown = true
}
