package sim

import (
	"errors"
	"fmt"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// The person changing the contact list and what is known of contacts, as
// in the Communicator UI or on the server: each change raises the event a
// real client raises for it, with the documented hr values.

var (
	evOnContactListAdd            = mustEvent(model.OnContactListAdd)
	evOnContactFriendlyNameChange = mustEvent(model.OnContactFriendlyNameChange)
	evOnMyFriendlyNameChange      = mustEvent(model.OnMyFriendlyNameChange)
	evOnContactPhoneChange        = mustEvent(model.OnContactPhoneChange)
	evOnMyPhoneChange             = mustEvent(model.OnMyPhoneChange)
	evOnContactPropertyChange     = mustEvent(model.OnContactPropertyChange)
	evOnMyPropertyChange          = mustEvent(model.OnMyPropertyChange)
)

// ErrNotSignedIn: the action needs the user signed in.
var ErrNotSignedIn = errors.New("not signed in")

// ErrUnknownContact: the sign-in name is not on the contact list.
var ErrUnknownContact = errors.New("not on the contact list")

// ErrBadValue: an action was given a value it cannot take (a malformed
// sign-in name, a phone type without numbers, an availability out of range).
var ErrBadValue = errors.New("invalid value")

// contactRequestAnswers are the hr values the server may answer a contact
// list or block request with (OnContactListAdd, OnContactListRemove,
// OnContactBlockChange, bb758760 and its neighbours).
var contactRequestAnswers = map[hresult.HRESULT]bool{
	hresult.MSGR_E_LIST_FULL: true, hresult.MSGR_E_ALREADY_IN_LIST: true, hresult.MSGR_E_USER_NOT_FOUND: true,
	hresult.MSGR_E_UNEXPECTED: true, hresult.MSGR_E_SERVER_TOO_BUSY: true, hresult.MSGR_E_SERVER_UNAVAILABLE: true,
}

// FailNextContactRequest makes the server answer the next request to add,
// remove or block a contact (by the API, a wizard or the person) with hr:
// the request is accepted (S_OK where a call made it) and its event
// carries hr, with nothing changed. hr is one the events document
// (MSGR_E_LIST_FULL, MSGR_E_ALREADY_IN_LIST, MSGR_E_USER_NOT_FOUND,
// MSGR_E_UNEXPECTED, MSGR_E_SERVER_TOO_BUSY, MSGR_E_SERVER_UNAVAILABLE).
func (p *Person) FailNextContactRequest(hr hresult.HRESULT) error {
	if !contactRequestAnswers[hr] {
		return fmt.Errorf("%w: %s is not an answer the contact list events document", ErrBadValue, hr)
	}
	p.w.mu.Lock()
	p.w.contactFault = hr
	p.w.mu.Unlock()
	return nil
}

// takeContactFault returns and clears the armed server answer.
func (w *World) takeContactFault() hresult.HRESULT {
	hr := w.contactFault
	w.contactFault = hresult.S_OK
	return hr
}

// addContactLocked asks the server to add a contact and raises
// OnContactListAdd with its answer. A contact object a client already
// holds for the name (GetContact) becomes the listed one.
func (w *World) addContactLocked(name, friendly string) {
	r := w.refTo(name)
	ct := w.contactFor(r)
	if hr := w.takeContactFault(); hr != hresult.S_OK {
		w.emitLocked(evOnContactListAdd, evHR(hr), evObj(ct))
		return
	}
	if ct.listed || ct.self {
		w.emitLocked(evOnContactListAdd, evHR(hresult.MSGR_E_ALREADY_IN_LIST), evObj(ct))
		return
	}
	ct.listed = true
	if friendly != "" {
		ct.friendly = friendly
	}
	if ct.status == model.MISTATUS_UNKNOWN {
		ct.status = model.MISTATUS_OFFLINE
	}
	w.contacts = append(w.contacts, ct)
	w.byName[ct.key] = ct
	w.emitLocked(evOnContactListAdd, evHR(hresult.S_OK), evObj(ct))
}

// removeContactLocked takes a listed contact off the list and raises
// OnContactListRemove; an armed server answer leaves it listed.
func (w *World) removeContactLocked(obj *contactObj) {
	if hr := w.takeContactFault(); hr != hresult.S_OK {
		w.emitLocked(evOnContactListRemove, evHR(hr), evObj(obj))
		return
	}
	obj.listed = false
	for i, x := range w.contacts {
		if x == obj {
			w.contacts = append(w.contacts[:i:i], w.contacts[i+1:]...)
			break
		}
	}
	if obj.holders <= 0 && w.byName[obj.key] == obj {
		delete(w.byName, obj.key)
	}
	w.emitLocked(evOnContactListRemove, evHR(hresult.S_OK), evObj(obj))
}

// listedLocked finds a contact of the list by sign-in name.
func (w *World) listedLocked(name string) (*contactObj, error) {
	ct := w.byName[model.NormalizeSigninName(name)]
	if ct == nil || !ct.listed {
		return nil, fmt.Errorf("%q: %w", name, ErrUnknownContact)
	}
	return ct, nil
}

// AddContact is the person adding someone through Contacts > Add a
// Contact: OnContactListAdd reports the server's answer (S_OK, or
// MSGR_E_ALREADY_IN_LIST for someone on the list already).
func (p *Person) AddContact(signinName, friendlyName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if pr := model.CheckSigninName(signinName); pr != model.ProblemNone {
		return fmt.Errorf("%w: sign-in name %q: %s", ErrBadValue, signinName, pr)
	}
	if !w.signedIn {
		return ErrNotSignedIn
	}
	w.addContactLocked(signinName, friendlyName)
	return nil
}

// RemoveContact is the person deleting a contact from the list:
// OnContactListRemove follows.
func (p *Person) RemoveContact(signinName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.signedIn {
		return ErrNotSignedIn
	}
	ct, err := w.listedLocked(signinName)
	if err != nil {
		return err
	}
	w.removeContactLocked(ct)
	return nil
}

// RenameContact is a contact changing their display name on their own
// client: OnContactFriendlyNameChange carries the previous name.
func (p *Person) RenameContact(signinName, friendlyName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if friendlyName == "" {
		return fmt.Errorf("%w: empty friendly name", ErrBadValue)
	}
	ct, err := w.listedLocked(signinName)
	if err != nil {
		return err
	}
	prev := ct.friendly
	ct.friendly = friendlyName
	if w.signedIn {
		w.emitLocked(evOnContactFriendlyNameChange, evHR(hresult.S_OK), evObj(ct), evArg{v: model.BSTR(prev)})
	}
	return nil
}

// SetMyFriendlyName is the person changing their own display name in the
// UI (the API cannot): OnMyFriendlyNameChange carries the previous name.
func (p *Person) SetMyFriendlyName(friendlyName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if friendlyName == "" {
		return fmt.Errorf("%w: empty friendly name", ErrBadValue)
	}
	if !w.signedIn {
		return ErrNotSignedIn
	}
	prev := w.user.friendly
	w.user.friendly = friendlyName
	w.user.self.friendly = friendlyName
	w.emitLocked(evOnMyFriendlyNameChange, evHR(hresult.S_OK), evArg{v: model.BSTR(prev)})
	return nil
}

// BlockContact is the person blocking or unblocking a contact in the UI:
// OnContactBlockChange reports it (or the armed server answer).
func (p *Person) BlockContact(signinName string, blocked bool) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.signedIn {
		return ErrNotSignedIn
	}
	ct, err := w.listedLocked(signinName)
	if err != nil {
		return err
	}
	if ct.blocked == blocked {
		return fmt.Errorf("%q is already in that state", signinName)
	}
	w.setBlockedLocked(ct, blocked)
	return nil
}

// setBlockedLocked applies a block request: the server's answer (an armed
// failure leaves the block as it was) goes out in OnContactBlockChange.
func (w *World) setBlockedLocked(ct *contactObj, blocked bool) {
	if hr := w.takeContactFault(); hr != hresult.S_OK {
		w.emitLocked(evOnContactBlockChange, evHR(hr), evObj(ct), evArg{v: model.Bool(ct.blocked)})
		return
	}
	ct.blocked = blocked
	w.emitLocked(evOnContactBlockChange, evHR(hresult.S_OK), evObj(ct), evArg{v: model.Bool(blocked)})
}

func checkPhone(t model.MPHONE_TYPE, number string) (int, error) {
	i, ok := phoneSlot(t)
	if !ok {
		return 0, fmt.Errorf("%w: %s: only HOME, WORK and MOBILE numbers are stored", ErrBadValue, t)
	}
	if hasNewline(number) || len(number) > 256 {
		return 0, fmt.Errorf("%w: a phone number has at most 256 characters and no line breaks", ErrBadValue)
	}
	return i, nil
}

func hasNewline(s string) bool {
	for _, r := range s {
		if r == '\r' || r == '\n' {
			return true
		}
	}
	return false
}

// SetContactPhone is a contact's phone number changing on the server ("" clears
// it): OnContactPhoneChange carries the new number.
func (p *Person) SetContactPhone(signinName string, t model.MPHONE_TYPE, number string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	i, err := checkPhone(t, number)
	if err != nil {
		return err
	}
	ct, err := w.listedLocked(signinName)
	if err != nil {
		return err
	}
	ct.mutInfo().phones[i] = number
	if w.signedIn {
		w.emitLocked(evOnContactPhoneChange, evHR(hresult.S_OK), evObj(ct), evArg{v: model.I4(int32(t))}, evArg{v: model.BSTR(number)})
	}
	return nil
}

// SetMyPhone is the person changing their own number in the UI (the API
// cannot): OnMyPhoneChange, which has no hr.
func (p *Person) SetMyPhone(t model.MPHONE_TYPE, number string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	i, err := checkPhone(t, number)
	if err != nil {
		return err
	}
	if !w.signedIn {
		return ErrNotSignedIn
	}
	w.user.self.mutInfo().phones[i] = number
	w.emitLocked(evOnMyPhoneChange, evArg{v: model.I4(int32(t))}, evArg{v: model.BSTR(number)})
	return nil
}

func checkEmail(email string) error {
	if email == "" || len(email) > model.MaxSigninNameLen || hasSpaceOrNewline(email) {
		return fmt.Errorf("%w: e-mail address %q: empty, over %d characters or with white space", ErrBadValue, email, model.MaxSigninNameLen)
	}
	return nil
}

// SetContactEmail is a contact's e-mail property changing:
// OnContactPropertyChange(MCONTACTPROP_EMAIL).
func (p *Person) SetContactEmail(signinName, email string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := checkEmail(email); err != nil {
		return err
	}
	ct, err := w.listedLocked(signinName)
	if err != nil {
		return err
	}
	ct.mutInfo().email = email
	if w.signedIn {
		w.emitLocked(evOnContactPropertyChange, evHR(hresult.S_OK), evObj(ct),
			evArg{v: model.I4(int32(model.MCONTACTPROP_EMAIL))}, evArg{v: model.BSTR(email)})
	}
	return nil
}

// SetMyEmail is the user's own e-mail property changing:
// OnMyPropertyChange(MCONTACTPROP_EMAIL).
func (p *Person) SetMyEmail(email string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := checkEmail(email); err != nil {
		return err
	}
	if !w.signedIn {
		return ErrNotSignedIn
	}
	w.user.self.mutInfo().email = email
	w.emitLocked(evOnMyPropertyChange, evHR(hresult.S_OK),
		evArg{v: model.I4(int32(model.MCONTACTPROP_EMAIL))}, evArg{v: model.BSTR(email)})
	return nil
}

// Presence is a change of a contact's presence properties; nil fields
// stay as they are, "" clears a string.
type Presence struct {
	Status           *model.MISTATUS       `json:"status,omitempty"`
	Availability     *int32                `json:"availability,omitempty"`
	Note             *string               `json:"note,omitempty"`
	OutOfOffice      *string               `json:"outOfOffice,omitempty"`
	ToolTip          *string               `json:"toolTip,omitempty"`
	CustomStatus     *string               `json:"customStatus,omitempty"`
	CalendarState    *model.CALENDAR_STATE `json:"calendarState,omitempty"`
	NextCalendar     *model.CALENDAR_STATE `json:"nextCalendarState,omitempty"`
	NextCalendarTime *time.Time            `json:"nextCalendarTime,omitempty"`
}

func (pr Presence) check() error {
	if pr.Status != nil && !pr.Status.Valid() {
		return fmt.Errorf("%w: %s is not a MISTATUS", ErrBadValue, *pr.Status)
	}
	if pr.Availability != nil && !validAvailability(int64(*pr.Availability)) {
		return fmt.Errorf("%w: availability %d is outside 3000..18000", ErrBadValue, *pr.Availability)
	}
	for _, c := range []*model.CALENDAR_STATE{pr.CalendarState, pr.NextCalendar} {
		if c != nil && !c.Valid() {
			return fmt.Errorf("%w: %s is not a CALENDAR_STATE", ErrBadValue, *c)
		}
	}
	return nil
}

// applyPresence writes the fields given; the availability is tied to the
// status it is published with.
func (ct *contactObj) applyPresence(pr Presence) {
	p := &ct.mutInfo().presence
	if pr.Status != nil {
		ct.status = *pr.Status
	}
	if pr.Availability != nil {
		p.availability, p.availFor, p.availSet = *pr.Availability, ct.status, true
	}
	for dst, src := range map[*string]*string{&p.note: pr.Note, &p.oof: pr.OutOfOffice, &p.toolTip: pr.ToolTip, &p.custom: pr.CustomStatus} {
		if src != nil {
			*dst = *src
		}
	}
	if pr.CalendarState != nil || pr.NextCalendar != nil {
		p.calSet = true
		if pr.CalendarState != nil {
			p.curCal = *pr.CalendarState
		}
		if pr.NextCalendar != nil {
			p.nextCal = *pr.NextCalendar
		}
	}
	if pr.NextCalendarTime != nil {
		p.nextCalTime = pr.NextCalendarTime.UTC()
	}
}

// SetContactPresence is a contact's presence changing on the server: the
// PresenceProperties slots change, and OnContactStatusChange tells
// clients to read them again (presence has no event of its own).
func (p *Person) SetContactPresence(signinName string, pr Presence) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := pr.check(); err != nil {
		return err
	}
	ct, err := w.listedLocked(signinName)
	if err != nil {
		return err
	}
	ct.applyPresence(pr)
	if w.signedIn {
		w.emitLocked(evOnContactStatusChange, evObj(ct), evStatus(ct.status))
	}
	return nil
}
