package sim

import (
	"errors"
	"fmt"

	"github.com/fakemessenger/fakemessenger/model"
)

// The person's side of conversations (issue 7c): participants joining and
// leaving, messages arriving, the contact picker, the call policy.

// ErrNoContactPicker: the contact picker is not open.
var ErrNoContactPicker = errors.New("the contact picker is not open")

// ErrBadParticipant: a participant string is no sign-in name or sip:,
// sips: or tel: URI (or a tel: URI where the conversation is no call).
var ErrBadParticipant = errors.New("bad participant")

// convLocked finds an open conversation window for a person action.
func (p *Person) convLocked(win model.Dispatch) (*convObj, error) {
	_, conv, err := p.windowLocked(win)
	if err != nil {
		return nil, err
	}
	if conv == nil {
		return nil, fmt.Errorf("%w: the main window is not a conversation", ErrNoSuchObject)
	}
	if !conv.win.Alive() {
		return nil, errors.New("the conversation window is closed")
	}
	return conv, nil
}

// JoinConversation is a participant joining the conversation (the server
// adding them, as an invitation accepted elsewhere does): the window's
// Contacts gain them, History shows it, OnIMWindowContactAdded fires.
func (p *Person) JoinConversation(win model.Dispatch, signinName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	conv, err := p.convLocked(win)
	if err != nil {
		return err
	}
	if !w.signedIn {
		return errors.New("not signed in")
	}
	name, key, why := participantName(conv.extv().typeOf(), signinName)
	switch {
	case why != "":
		return fmt.Errorf("%w %q: %s", ErrBadParticipant, signinName, why)
	case key == w.user.self.key:
		return errors.New("the user is in the conversation already")
	case conv.extv().media:
		return errors.New("the window hosts a call, which takes no added participants")
	}
	for _, ct := range conv.parts {
		if ct.key == key {
			return fmt.Errorf("%q is in the conversation already", signinName)
		}
	}
	if len(conv.parts) >= w.cfg.maxParticipants {
		return fmt.Errorf("the conversation has the maximum of %d participants", w.cfg.maxParticipants)
	}
	ct := w.contactFor(ref{obj: w.byName[key], name: name, key: key})
	w.holdContact(ct)
	conv.parts = append(conv.parts, ct)
	conv.history = append(conv.history, message{from: ct.signin, name: ct.friendlyName(), at: w.cfg.clock.Now(),
		text: ct.friendlyName() + " has joined the conversation.", action: true})
	w.emitLocked(evOnIMWindowContactAdded, evObj(ct), evObj(conv))
	return nil
}

// LeaveConversation is a participant leaving: the window's Contacts lose
// them, History shows it, OnIMWindowContactRemoved fires. The window
// stays open, also when nobody is left in it.
func (p *Person) LeaveConversation(win model.Dispatch, signinName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	conv, err := p.convLocked(win)
	if err != nil {
		return err
	}
	_, key, why := participantName(conv.extv().typeOf(), signinName)
	if why != "" {
		return fmt.Errorf("%w %q: %s", ErrBadParticipant, signinName, why)
	}
	i := -1
	for j, ct := range conv.parts {
		if ct.key == key {
			i = j
		}
	}
	if i < 0 {
		return fmt.Errorf("%q is not in the conversation", signinName)
	}
	ct := conv.parts[i]
	// a fresh slice: a Contacts snapshot or event in flight keeps its own
	conv.parts = append(append([]*contactObj(nil), conv.parts[:i]...), conv.parts[i+1:]...)
	if ct.conv == conv {
		ct.conv = nil // InstantMessage with them opens a new window now
	}
	conv.history = append(conv.history, message{from: ct.signin, name: ct.friendlyName(), at: w.cfg.clock.Now(),
		text: ct.friendlyName() + " has left the conversation.", action: true})
	w.emitLocked(evOnIMWindowContactRemoved, evObj(ct), evObj(conv))
	w.dropContactHolder(ct)
	return nil
}

// ReceiveMessage is a participant typing a message into the conversation:
// it shows in History. It is ContactSays, with the participant named as
// StartConversation names one (a sips: or tel: URI too).
func (p *Person) ReceiveMessage(win model.Dispatch, signinName, text string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	conv, err := p.convLocked(win)
	if err != nil {
		return err
	}
	_, key, why := participantName(conv.extv().typeOf(), signinName)
	if why != "" {
		return fmt.Errorf("%w %q: %s", ErrBadParticipant, signinName, why)
	}
	for _, ct := range conv.parts {
		if ct.key == key {
			conv.history = append(conv.history, message{from: ct.signin, name: ct.friendlyName(), at: w.cfg.clock.Now(), text: text})
			return nil
		}
	}
	return fmt.Errorf("%q is not in the conversation", signinName)
}

// ContactPickerOpen reports whether StartConversation's contact picker is
// waiting for the person.
func (p *Person) ContactPickerOpen() bool {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	return p.w.conv7c.picker != nil
}

// AnswerContactPicker is the person choosing participants in the contact
// picker StartConversation opened: the conversation starts with them
// (OnIMWindowCreated). No participants is the person cancelling: the
// picker closes and nothing opens.
func (p *Person) AnswerContactPicker(participants []string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	pk := w.conv7c.picker
	if pk == nil {
		return ErrNoContactPicker
	}
	t := pk.ext.typeOf()
	var cts []*contactObj
	seen := map[string]bool{}
	for _, s := range participants {
		r, why := w.parseParticipant(t, s)
		switch {
		case why != "":
			return fmt.Errorf("%w %q: %s", ErrBadParticipant, s, why)
		case r.isSelf(w):
			return fmt.Errorf("participant %q: the user is in every conversation already", s)
		case seen[r.key]:
			continue
		}
		seen[r.key] = true
		cts = append(cts, w.contactFor(r))
	}
	if len(cts) > w.cfg.maxParticipants {
		return fmt.Errorf("%d participants: the maximum is %d", len(cts), w.cfg.maxParticipants)
	}
	if q := w.cfg.handleQuota; len(cts) > 0 && q > 0 && w.handles.Live() >= q {
		return fmt.Errorf("no window handle can be had (quota %d)", q)
	}
	w.conv7c.picker = nil
	if len(cts) > 0 {
		w.startConvLocked(cts, pk.ext)
	}
	return nil
}

// SetCallPolicy sets what the machine's policy allows (see CallPolicy).
func (p *Person) SetCallPolicy(cp CallPolicy) {
	p.w.mu.Lock()
	p.w.conv7c.restricted, p.w.conv7c.noPhoneService = cp.Restricted, cp.NoPhoneService
	p.w.mu.Unlock()
}

// evOnIMWindowContactRemoved is declared here, not beside the others in
// events.go, to keep this branch's edits apart.
var evOnIMWindowContactRemoved = mustEvent(model.OnIMWindowContactRemoved)
