package fakemessenger_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Conformance rows of the contacts area: IMessengerContact's phones and
// property, IMessengerContactAdvanced, the contact list and its events,
// the members that open Communicator UI, and late-bound argument
// coercion. Pages are the public Communicator 2007 (bbNNNNNN) and Windows
// Messenger (winmessenger/...) pages.

// contactsWorld is what these rows need of a world beyond World: the
// person's contact-list actions and the dialogs, on both transports.
type contactsWorld interface {
	AddContactAsPerson(ctx context.Context, signinName, friendlyName string) error
	RemoveContactAsPerson(ctx context.Context, signinName string) error
	RenameContact(ctx context.Context, signinName, friendlyName string) error
	BlockContact(ctx context.Context, signinName string, blocked bool) error
	SetContactPhone(ctx context.Context, signinName string, t model.MPHONE_TYPE, number string) error
	SetContactEmail(ctx context.Context, signinName, email string) error
	SetContactPresence(ctx context.Context, signinName string, p sim.Presence) error
	FailNextContactRequest(ctx context.Context, hr hresult.HRESULT) error
	SetMyFriendlyName(ctx context.Context, friendlyName string) error
	SetMyPhone(ctx context.Context, t model.MPHONE_TYPE, number string) error
	SetMyEmail(ctx context.Context, email string) error
	OpenUIDialog(ctx context.Context, kind string) (int, error)
	FinishUIDialog(ctx context.Context, id int, values map[string]string) error
	CancelUIDialog(ctx context.Context, id int) error
}

var (
	_ contactsWorld = (*inProcess)(nil)
	_ contactsWorld = (*wireWorld)(nil)

	// The lead embeds these in model.Messenger and model.Contact.
	_ model.MessengerContactsArea = (*sim.Messenger)(nil)
	_ model.MessengerContactsArea = (*client.Messenger)(nil)
	_ model.ContactAdvanced       = (*sim.Contact)(nil)
	_ model.ContactAdvanced       = (*client.Contact)(nil)
)

func (x *inProcess) AddContactAsPerson(_ context.Context, n, f string) error {
	return x.p.AddContact(n, f)
}
func (x *inProcess) RemoveContactAsPerson(_ context.Context, n string) error {
	return x.p.RemoveContact(n)
}
func (x *inProcess) RenameContact(_ context.Context, n, f string) error {
	return x.p.RenameContact(n, f)
}
func (x *inProcess) BlockContact(_ context.Context, n string, b bool) error {
	return x.p.BlockContact(n, b)
}
func (x *inProcess) SetContactPhone(_ context.Context, n string, t model.MPHONE_TYPE, num string) error {
	return x.p.SetContactPhone(n, t, num)
}
func (x *inProcess) SetContactEmail(_ context.Context, n, e string) error {
	return x.p.SetContactEmail(n, e)
}
func (x *inProcess) SetContactPresence(_ context.Context, n string, p sim.Presence) error {
	return x.p.SetContactPresence(n, p)
}
func (x *inProcess) FailNextContactRequest(_ context.Context, hr hresult.HRESULT) error {
	return x.p.FailNextContactRequest(hr)
}
func (x *inProcess) SetMyFriendlyName(_ context.Context, f string) error {
	return x.p.SetMyFriendlyName(f)
}
func (x *inProcess) SetMyPhone(_ context.Context, t model.MPHONE_TYPE, num string) error {
	return x.p.SetMyPhone(t, num)
}
func (x *inProcess) SetMyEmail(_ context.Context, e string) error { return x.p.SetMyEmail(e) }
func (x *inProcess) OpenUIDialog(_ context.Context, kind string) (int, error) {
	return x.p.OpenUIDialog(kind)
}
func (x *inProcess) FinishUIDialog(_ context.Context, id int, v map[string]string) error {
	return x.p.FinishUIDialog(id, v)
}
func (x *inProcess) CancelUIDialog(_ context.Context, id int) error { return x.p.CancelUIDialog(id) }

func (x *wireWorld) AddContactAsPerson(ctx context.Context, n, f string) error {
	return x.c.AddContact(ctx, n, f)
}
func (x *wireWorld) RemoveContactAsPerson(ctx context.Context, n string) error {
	return x.c.RemoveContact(ctx, n)
}
func (x *wireWorld) RenameContact(ctx context.Context, n, f string) error {
	return x.c.RenameContact(ctx, n, f)
}
func (x *wireWorld) BlockContact(ctx context.Context, n string, b bool) error {
	return x.c.BlockContact(ctx, n, b)
}
func (x *wireWorld) SetContactPhone(ctx context.Context, n string, t model.MPHONE_TYPE, num string) error {
	return x.c.SetContactPhone(ctx, n, t, num)
}
func (x *wireWorld) SetContactEmail(ctx context.Context, n, e string) error {
	return x.c.SetContactEmail(ctx, n, e)
}
func (x *wireWorld) SetContactPresence(ctx context.Context, n string, p sim.Presence) error {
	return x.c.SetContactPresence(ctx, n, client.Presence{Status: p.Status, Availability: p.Availability, Note: p.Note,
		OutOfOffice: p.OutOfOffice, ToolTip: p.ToolTip, CustomStatus: p.CustomStatus, CalendarState: p.CalendarState,
		NextCalendarState: p.NextCalendar, NextCalendarTime: p.NextCalendarTime})
}
func (x *wireWorld) FailNextContactRequest(ctx context.Context, hr hresult.HRESULT) error {
	return x.c.FailNextContactRequest(ctx, hr)
}
func (x *wireWorld) SetMyFriendlyName(ctx context.Context, f string) error {
	return x.c.SetMyFriendlyName(ctx, f)
}
func (x *wireWorld) SetMyPhone(ctx context.Context, t model.MPHONE_TYPE, num string) error {
	return x.c.SetMyPhone(ctx, t, num)
}
func (x *wireWorld) SetMyEmail(ctx context.Context, e string) error { return x.c.SetMyEmail(ctx, e) }
func (x *wireWorld) OpenUIDialog(ctx context.Context, kind string) (int, error) {
	return x.c.OpenUIDialog(ctx, kind)
}
func (x *wireWorld) FinishUIDialog(ctx context.Context, id int, v map[string]string) error {
	return x.c.FinishUIDialog(ctx, id, v)
}
func (x *wireWorld) CancelUIDialog(ctx context.Context, id int) error {
	return x.c.CancelUIDialog(ctx, id)
}

func init() {
	rowTables["contacts"] = contactRows
	rowTables["contact-list"] = contactListRows
	rowTables["ui-dialogs"] = uiDialogRows
	rowTables["coercion"] = coercionRows
}

// ---- helpers ----

func cw(w World) contactsWorld { return w.(contactsWorld) }

func advanced(t *testing.T, c model.Contact) model.ContactAdvanced {
	t.Helper()
	a, ok := c.(model.ContactAdvanced)
	if !ok {
		t.Fatalf("%T has no IMessengerContactAdvanced members", c)
	}
	return a
}

func area(t *testing.T, m model.Messenger) model.MessengerContactsArea {
	t.Helper()
	a, ok := m.(model.MessengerContactsArea)
	if !ok {
		t.Fatalf("%T has no contacts-area members", m)
	}
	return a
}

// fingerprint is the part of the state a failed call must leave alone:
// user, contact list, contact details, dialogs, windows and the event count.
func fingerprint(t *testing.T, ctx context.Context, w World) string {
	t.Helper()
	s := mustState(t, ctx, w)
	b, err := json.Marshal([]any{s.SignedIn, s.User, s.Contacts, s.ContactInfo, s.Dialogs, s.Conversations, s.Events})
	mustDo(t, "marshal state", err)
	return string(b)
}

// unchanged runs the failing steps and checks the world is as it was.
func unchanged(t *testing.T, ctx context.Context, w World, steps func()) {
	t.Helper()
	drain(t, ctx, w)
	before := fingerprint(t, ctx, w)
	steps()
	drain(t, ctx, w)
	if after := fingerprint(t, ctx, w); after != before {
		t.Errorf("a failed call changed the world:\nbefore %s\nafter  %s", before, after)
	}
}

func dialogsOf(t *testing.T, ctx context.Context, w World) []sim.UIDialog {
	t.Helper()
	return mustState(t, ctx, w).Dialogs
}

func onlyDialog(t *testing.T, ctx context.Context, w World, kind string) sim.UIDialog {
	t.Helper()
	ds := dialogsOf(t, ctx, w)
	if len(ds) != 1 || ds[0].Kind != kind {
		t.Fatalf("open dialogs %+v, want one %s", ds, kind)
	}
	return ds[0]
}

func expectParam(t *testing.T, e model.Event, name string, want model.Variant) {
	t.Helper()
	got, ok := e.Param(name)
	if !ok {
		t.Fatalf("%s has no %s", e.Name, name)
	}
	if got.VT != want.VT || got.Int != want.Int || got.Str != want.Str {
		t.Errorf("%s.%s = %v, want %v", e.Name, name, got, want)
	}
}

func expectContactParam(t *testing.T, ctx context.Context, e model.Event, name, signin string) {
	t.Helper()
	v, ok := e.Param(name)
	if !ok || v.Obj == nil {
		t.Fatalf("%s.%s is no object", e.Name, name)
	}
	c, ok := v.Obj.(model.Contact)
	if !ok {
		t.Fatalf("%s.%s is a %s", e.Name, name, v.Obj.InterfaceName())
	}
	want(t, e.Name+"."+name+".SigninName", signin)(c.SigninName(ctx))
}

func oneEvent(t *testing.T, ctx context.Context, w World, log *eventLog, name string) model.Event {
	t.Helper()
	drain(t, ctx, w)
	evs := log.named(name)
	if len(evs) != 1 {
		t.Fatalf("%s fired %d times (all events: %v), want once", name, len(evs), eventNames(log.events()))
	}
	return evs[0]
}

func listed(t *testing.T, ctx context.Context, w World, name string) bool {
	t.Helper()
	for _, c := range mustState(t, ctx, w).Contacts {
		if c.SigninName == name {
			return c.Listed
		}
	}
	return false
}

func scriptMessenger(t *testing.T, ctx context.Context, w World) model.Messenger {
	t.Helper()
	return mustNewMessenger(t, ctx, w, model.CallerScript)
}

func i32(v int32) *int32   { return &v }
func str(s string) *string { return &s }

// ---- IMessengerContact / IMessengerContactAdvanced / MyPhoneNumber ----

var contactRows = []conformanceRow{
	{"PhoneNumber/the number of each type; E_FAIL for none and for ALL and CUSTOM", "bb758795 S_OK, E_FAIL (invalid PhoneType, no number of that type); OnContactPhoneChange",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "SetContactPhone", cw(w).SetContactPhone(ctx, jaya, model.MPHONE_TYPE_WORK, "+1 (425) 555-0100"))
			e := oneEvent(t, ctx, w, log, model.OnContactPhoneChange)
			expectParam(t, e, "hr", model.I4(0))
			expectParam(t, e, "PhoneType", model.I4(int32(model.MPHONE_TYPE_WORK)))
			expectParam(t, e, "bstrNumber", model.BSTR("+1 (425) 555-0100"))
			expectContactParam(t, ctx, e, "pContact", jaya)
			c := advanced(t, mustContact(t, ctx, m, jaya))
			want(t, "PhoneNumber(WORK)", "+1 (425) 555-0100")(c.PhoneNumber(ctx, model.MPHONE_TYPE_WORK))
			unchanged(t, ctx, w, func() {
				for _, pt := range []model.MPHONE_TYPE{model.MPHONE_TYPE_HOME, model.MPHONE_TYPE_MOBILE, model.MPHONE_TYPE_ALL, model.MPHONE_TYPE_CUSTOM, 7} {
					_, err := c.PhoneNumber(ctx, pt)
					expectHR(t, "PhoneNumber("+pt.String()+")", err, hresult.E_FAIL)
				}
			})
			mustDo(t, "clear the number", cw(w).SetContactPhone(ctx, jaya, model.MPHONE_TYPE_WORK, ""))
			_, err := c.PhoneNumber(ctx, model.MPHONE_TYPE_WORK)
			expectHR(t, "PhoneNumber(WORK) after it was cleared", err, hresult.E_FAIL)
		}},
	{"PhoneNumber/signed out E_FAIL; from a script E_NOTIMPL", "bb758795 E_FAIL 'the contact object is not valid', E_NOTIMPL 'cannot be accessed through scripting'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "SetContactPhone", cw(w).SetContactPhone(ctx, sam, model.MPHONE_TYPE_MOBILE, "555-0101"))
			sm := scriptMessenger(t, ctx, w)
			sc := advanced(t, mustContact(t, ctx, sm, sam))
			_, err := sc.PhoneNumber(ctx, model.MPHONE_TYPE_MOBILE)
			expectHR(t, "PhoneNumber from a script", err, hresult.E_NOTIMPL)
			c := advanced(t, mustContact(t, ctx, m, sam))
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err = c.PhoneNumber(ctx, model.MPHONE_TYPE_MOBILE)
			expectHR(t, "PhoneNumber signed out", err, hresult.E_FAIL)
		}},
	{"MyPhoneNumber/the person's number; E_FAIL none; OnMyPhoneChange has no hr", "winmessenger/im-imessenger-myphonenumber S_OK, E_FAIL; bb787251 OnMyPhoneChange(PhoneType, bstrNumber)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			a := area(t, m)
			_, err := a.MyPhoneNumber(ctx, model.MPHONE_TYPE_HOME)
			expectHR(t, "MyPhoneNumber(HOME) with none", err, hresult.E_FAIL)
			_, err = a.MyPhoneNumber(ctx, model.MPHONE_TYPE_ALL)
			expectHR(t, "MyPhoneNumber(ALL)", err, hresult.E_FAIL)
			mustDo(t, "SetMyPhone", cw(w).SetMyPhone(ctx, model.MPHONE_TYPE_HOME, "555-0199"))
			e := oneEvent(t, ctx, w, log, model.OnMyPhoneChange)
			if _, ok := e.Param("hr"); ok || len(e.Params) != 2 {
				t.Errorf("OnMyPhoneChange params %v, want PhoneType and bstrNumber only", e.Params)
			}
			expectParam(t, e, "PhoneType", model.I4(int32(model.MPHONE_TYPE_HOME)))
			expectParam(t, e, "bstrNumber", model.BSTR("555-0199"))
			want(t, "MyPhoneNumber(HOME)", "555-0199")(a.MyPhoneNumber(ctx, model.MPHONE_TYPE_HOME))
			// the user's own contact answers the same number
			me := advanced(t, mustContact(t, ctx, m, alex))
			want(t, "own contact PhoneNumber(HOME)", "555-0199")(me.PhoneNumber(ctx, model.MPHONE_TYPE_HOME))
		}},
	{"MyPhoneNumber/signed out MSGR_E_NOT_LOGGED_ON", "winmessenger/im-imessenger-myphonenumber MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "SetMyPhone", cw(w).SetMyPhone(ctx, model.MPHONE_TYPE_WORK, "555-0198"))
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err := area(t, m).MyPhoneNumber(ctx, model.MPHONE_TYPE_WORK)
			expectHR(t, "MyPhoneNumber signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
		}},
	{"Contact Property/EMAIL, changed on the server: OnContactPropertyChange; other types and puts E_INVALIDARG", "winmessenger/im-imessengercontact-property S_OK, E_INVALIDARG (out of range, any write); OnContactPropertyChange",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			kc := mustContact(t, ctx, m, kim)
			c := advanced(t, kc)
			v, err := c.Property(ctx, model.MCONTACTPROP_EMAIL)
			expectHR(t, "Property(EMAIL)", err, hresult.S_OK)
			if v.VT != model.VT_BSTR || v.Str != kim {
				t.Errorf("Property(EMAIL) = %v, want the sign-in name", v)
			}
			mustDo(t, "SetContactEmail", cw(w).SetContactEmail(ctx, kim, "kim.akers@fabrikam.com"))
			e := oneEvent(t, ctx, w, log, model.OnContactPropertyChange)
			expectParam(t, e, "hr", model.I4(0))
			expectParam(t, e, "ePropType", model.I4(int32(model.MCONTACTPROP_EMAIL)))
			expectParam(t, e, "vPropVal", model.BSTR("kim.akers@fabrikam.com"))
			expectContactParam(t, ctx, e, "pContact", kim)
			v, err = c.Property(ctx, model.MCONTACTPROP_EMAIL)
			expectHR(t, "Property(EMAIL) after the change", err, hresult.S_OK)
			if v.Str != "kim.akers@fabrikam.com" {
				t.Errorf("Property(EMAIL) = %v after the change", v)
			}
			unchanged(t, ctx, w, func() {
				for _, p := range []model.MCONTACTPROPERTY{model.MCONTACTPROP_INVALID_PROPERTY, 2, 99} {
					_, err := c.Property(ctx, p)
					expectHR(t, "Property("+p.String()+")", err, hresult.E_INVALIDARG)
				}
				_, err := kc.Invoke(ctx, "Property", model.DISPATCH_PROPERTYPUT, model.I4(int32(model.MCONTACTPROP_EMAIL)), model.BSTR("x@y.com"))
				expectHR(t, "Property put", err, hresult.E_INVALIDARG)
			})
		}},
	{"Contact Property/EMAIL from a script E_NOTIMPL", "winmessenger/im-imessengercontact-property: not scriptable for MCONTACTPROP_EMAIL",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			sm := scriptMessenger(t, ctx, w)
			_, err := advanced(t, mustContact(t, ctx, sm, jaya)).Property(ctx, model.MCONTACTPROP_EMAIL)
			expectHR(t, "Property(EMAIL) from a script", err, hresult.E_NOTIMPL)
		}},
	{"OnMyPropertyChange/the user's e-mail property changes", "winmessenger/im-dmessengerevents-onmypropertychange (hr, ePropType, vPropVal)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "SetMyEmail", cw(w).SetMyEmail(ctx, "alex.wilber@contoso.com"))
			e := oneEvent(t, ctx, w, log, model.OnMyPropertyChange)
			expectParam(t, e, "hr", model.I4(0))
			expectParam(t, e, "ePropType", model.I4(int32(model.MCONTACTPROP_EMAIL)))
			expectParam(t, e, "vPropVal", model.BSTR("alex.wilber@contoso.com"))
			v, err := advanced(t, mustContact(t, ctx, m, alex)).Property(ctx, model.MCONTACTPROP_EMAIL)
			expectHR(t, "own Property(EMAIL)", err, hresult.S_OK)
			if v.Str != "alex.wilber@contoso.com" {
				t.Errorf("own Property(EMAIL) = %v", v)
			}
		}},
	{"IsTagged/put and get on a contact of the list", "bb758717 IsTagged S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := advanced(t, mustContact(t, ctx, m, sam))
			want(t, "IsTagged", false)(c.IsTagged(ctx))
			expectHR(t, "IsTagged = true", c.SetIsTagged(ctx, true), hresult.S_OK)
			want(t, "IsTagged", true)(c.IsTagged(ctx))
			expectHR(t, "IsTagged = true again", c.SetIsTagged(ctx, true), hresult.S_OK)
			expectHR(t, "IsTagged = false", c.SetIsTagged(ctx, false), hresult.S_OK)
			want(t, "IsTagged", false)(c.IsTagged(ctx))
		}},
	{"IsTagged/E_FAIL signed out, on yourself, on a contact not on the list; E_NOTIMPL from a script", "bb758717 IsTagged E_FAIL 'the tag operation failed'; Not scriptable",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			me := advanced(t, mustContact(t, ctx, m, alex))
			loose := advanced(t, mustContact(t, ctx, m, pat))
			jc := advanced(t, mustContact(t, ctx, m, jaya))
			sc := advanced(t, mustContact(t, ctx, scriptMessenger(t, ctx, w), jaya))
			unchanged(t, ctx, w, func() {
				expectHR(t, "tag yourself", me.SetIsTagged(ctx, true), hresult.E_FAIL)
				expectHR(t, "tag a contact not on the list", loose.SetIsTagged(ctx, true), hresult.E_FAIL)
				_, err := sc.IsTagged(ctx)
				expectHR(t, "IsTagged from a script", err, hresult.E_NOTIMPL)
			})
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err := jc.IsTagged(ctx)
			expectHR(t, "IsTagged signed out", err, hresult.E_FAIL)
			expectHR(t, "IsTagged put signed out", jc.SetIsTagged(ctx, true), hresult.E_FAIL)
		}},
	{"PresenceProperties/get: the 11 slots, every PRESENCE_PROP_*", "bb787249 get, bb758741 PRESENCE_PROPERTY (array indexed by PRESENCE_PROPERTY, PRESENCE_PROP_MAX = 11, unset slots null)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := advanced(t, mustContact(t, ctx, m, sam))
			slots, err := c.PresenceProperties(ctx)
			expectHR(t, "PresenceProperties", err, hresult.S_OK)
			if len(slots) != int(model.PRESENCE_PROP_MAX) {
				t.Fatalf("PresenceProperties has %d slots, want %d", len(slots), model.PRESENCE_PROP_MAX)
			}
			if s := slots[model.PRESENCE_PROP_MSTATE]; s.VT != model.VT_I4 || model.MISTATUS(s.Int) != model.MISTATUS_AWAY {
				t.Errorf("MSTATE = %v, want MISTATUS_AWAY", s)
			}
			if s := slots[model.PRESENCE_PROP_AVAILABILITY]; s.VT != model.VT_I4 || s.Int != 15000 {
				t.Errorf("AVAILABILITY = %v, want 15000 (Away)", s)
			}
			if s := slots[model.PRESENCE_PROP_IS_BLOCKED]; s.VT != model.VT_BOOL || s.Truth() {
				t.Errorf("IS_BLOCKED = %v, want VT_BOOL false", s)
			}
			for i := model.PRESENCE_PROP_PRESENCE_NOTE; i < model.PRESENCE_PROP_MAX; i++ {
				if slots[i].VT != model.VT_EMPTY {
					t.Errorf("%s = %v, want VT_EMPTY (not set)", i, slots[i])
				}
			}
			next := time.Date(2026, 1, 5, 14, 0, 0, 0, time.UTC)
			busy, free := model.CALENDAR_STATE_BUSY, model.CALENDAR_STATE_FREE
			st := model.MISTATUS_IN_A_MEETING
			mustDo(t, "SetContactPresence", cw(w).SetContactPresence(ctx, sam, sim.Presence{Status: &st, Availability: i32(7500),
				Note: str("In Building 40"), OutOfOffice: str("Back Monday"), ToolTip: str("Sam Lee - In a meeting"),
				CustomStatus: str("Planning"), CalendarState: &busy, NextCalendar: &free, NextCalendarTime: &next}))
			mustDo(t, "BlockContact", cw(w).BlockContact(ctx, sam, true))
			slots, err = c.PresenceProperties(ctx)
			expectHR(t, "PresenceProperties", err, hresult.S_OK)
			wantSlots := map[model.PRESENCE_PROPERTY]model.Variant{
				model.PRESENCE_PROP_MSTATE: model.I4(int32(st)), model.PRESENCE_PROP_AVAILABILITY: model.I4(7500),
				model.PRESENCE_PROP_IS_BLOCKED: model.Bool(true), model.PRESENCE_PROP_PRESENCE_NOTE: model.BSTR("In Building 40"),
				model.PRESENCE_PROP_IS_OOF: model.BSTR("Back Monday"), model.PRESENCE_PROP_TOOL_TIP: model.BSTR("Sam Lee - In a meeting"),
				model.PRESENCE_PROP_CUSTOM_STATUS_STRING: model.BSTR("Planning"), model.PRESENCE_PROP_DEVICE_TYPE: {},
				model.PRESENCE_PROP_CURRENT_CALENDAR_STATE: model.I4(int32(busy)), model.PRESENCE_PROP_NEXT_CALENDAR_STATE: model.I4(int32(free)),
			}
			for i, wv := range wantSlots {
				if g := slots[i]; g.VT != wv.VT || g.Int != wv.Int || g.Str != wv.Str {
					t.Errorf("%s = %v, want %v", i, g, wv)
				}
			}
			// 2026-01-05 14:00 UTC as an OLE date: 46027 days and 14/24.
			if g := slots[model.PRESENCE_PROP_NEXT_CALENDAR_STATE_TIME]; g.VT != model.VT_R8 || g.Float < 46027.58 || g.Float > 46027.59 {
				t.Errorf("NEXT_CALENDAR_STATE_TIME = %v, want VT_R8 46027.583", g)
			}
		}},
	{"PresenceProperties/put on the local user sets status, availability and custom status", "bb787249 put S_OK (local user; set MSTATE empty or MISTATUS_UNKNOWN to publish an availability)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			me := advanced(t, mustContact(t, ctx, m, alex))
			slots := make([]model.Variant, model.PRESENCE_PROP_MAX)
			slots[model.PRESENCE_PROP_MSTATE] = model.I4(int32(model.MISTATUS_BUSY))
			expectHR(t, "put MSTATE BUSY", me.SetPresenceProperties(ctx, slots), hresult.S_OK)
			expectMyStatus(t, ctx, m, model.MISTATUS_BUSY)
			drain(t, ctx, w)
			if got := eventNames(log.events()); fmt.Sprint(got) != "[OnMyStatusChange OnContactStatusChange]" {
				t.Errorf("events %v, want OnMyStatusChange, OnContactStatusChange", got)
			}
			// availability with MSTATE left UNKNOWN, and a custom string;
			// a short array (OCHLib sends 8 slots) is fine
			short := make([]model.Variant, 8)
			short[model.PRESENCE_PROP_MSTATE] = model.I4(int32(model.MISTATUS_UNKNOWN))
			short[model.PRESENCE_PROP_AVAILABILITY] = model.I4(12500)
			short[model.PRESENCE_PROP_CUSTOM_STATUS_STRING] = model.BSTR("Lunch at the canteen")
			expectHR(t, "put AVAILABILITY 12500", me.SetPresenceProperties(ctx, short), hresult.S_OK)
			expectMyStatus(t, ctx, m, model.MISTATUS_BE_RIGHT_BACK)
			got, err := me.PresenceProperties(ctx)
			expectHR(t, "PresenceProperties", err, hresult.S_OK)
			if got[model.PRESENCE_PROP_AVAILABILITY].Int != 12500 || got[model.PRESENCE_PROP_CUSTOM_STATUS_STRING].Str != "Lunch at the canteen" {
				t.Errorf("after the put: AVAILABILITY %v, CUSTOM_STATUS_STRING %v", got[model.PRESENCE_PROP_AVAILABILITY], got[model.PRESENCE_PROP_CUSTOM_STATUS_STRING])
			}
			// a read array put back as it is changes nothing it cannot
			expectHR(t, "put the array read", me.SetPresenceProperties(ctx, got), hresult.E_INVALIDARG)
			got[model.PRESENCE_PROP_AVAILABILITY] = model.Variant{}
			expectHR(t, "put the array read, availability cleared", me.SetPresenceProperties(ctx, got), hresult.S_OK)
			expectMyStatus(t, ctx, m, model.MISTATUS_BE_RIGHT_BACK)
		}},
	{"PresenceProperties/put on another contact E_ACCESSDENIED", "bb787249 E_ACCESSDENIED 'only available for a local contact'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			c := advanced(t, mustContact(t, ctx, m, jaya))
			slots := make([]model.Variant, model.PRESENCE_PROP_MAX)
			slots[model.PRESENCE_PROP_MSTATE] = model.I4(int32(model.MISTATUS_BUSY))
			unchanged(t, ctx, w, func() {
				expectHR(t, "put on jaya", c.SetPresenceProperties(ctx, slots), hresult.E_ACCESSDENIED)
			})
			expectNoEvents(t, ctx, w, log, "a denied put")
		}},
	{"PresenceProperties/signed out MSGR_E_NOT_LOGGED_ON (the page's E_NOT_LOGGED_ON)", "bb787249 E_NOT_LOGGED_ON; README decision: answered as MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			me := advanced(t, mustContact(t, ctx, m, alex))
			jc := advanced(t, mustContact(t, ctx, m, jaya))
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err := jc.PresenceProperties(ctx)
			expectHR(t, "get signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
			slots := make([]model.Variant, model.PRESENCE_PROP_MAX)
			slots[model.PRESENCE_PROP_MSTATE] = model.I4(int32(model.MISTATUS_BUSY))
			unchanged(t, ctx, w, func() {
				expectHR(t, "put signed out", me.SetPresenceProperties(ctx, slots), hresult.MSGR_E_NOT_LOGGED_ON)
			})
		}},
	{"PresenceProperties/invalid puts: E_INVALIDINDEX, E_INVALIDAVAILABILITY, E_INVALIDARG, world unchanged", "bb787249 E_INVALIDINDEX, E_INVALIDAVAILABILITY (invented values, README), E_INVALIDARG",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mc := mustContact(t, ctx, m, alex)
			me := advanced(t, mc)
			mk := func(set map[int]model.Variant, n int) []model.Variant {
				s := make([]model.Variant, n)
				for i, v := range set {
					s[i] = v
				}
				return s
			}
			cases := []struct {
				what  string
				slots []model.Variant
				hr    hresult.HRESULT
			}{
				{"data at index 11", mk(map[int]model.Variant{11: model.I4(1)}, 12), hresult.E_INVALIDINDEX},
				{"availability 2999", mk(map[int]model.Variant{1: model.I4(2999)}, 11), hresult.E_INVALIDAVAILABILITY},
				{"availability 18001", mk(map[int]model.Variant{1: model.I4(18001)}, 11), hresult.E_INVALIDAVAILABILITY},
				{"availability -1", mk(map[int]model.Variant{1: model.I4(-1)}, 11), hresult.E_INVALIDAVAILABILITY},
				{"availability of VT_BOOL", mk(map[int]model.Variant{1: model.Bool(true)}, 11), hresult.E_INVALIDARG},
				{"MSTATE OFFLINE", mk(map[int]model.Variant{0: model.I4(int32(model.MISTATUS_OFFLINE))}, 11), hresult.E_INVALIDARG},
				{"MSTATE 0x400", mk(map[int]model.Variant{0: model.I4(0x400)}, 11), hresult.E_INVALIDARG},
				{"MSTATE a word", mk(map[int]model.Variant{0: model.BSTR("busy")}, 11), hresult.E_INVALIDARG},
				{"MSTATE and AVAILABILITY both", mk(map[int]model.Variant{0: model.I4(int32(model.MISTATUS_BUSY)), 1: model.I4(6000)}, 11), hresult.E_INVALIDARG},
				{"custom status of VT_I4", mk(map[int]model.Variant{6: model.I4(1)}, 11), hresult.E_INVALIDARG},
			}
			unchanged(t, ctx, w, func() {
				for _, tc := range cases {
					expectHR(t, tc.what, me.SetPresenceProperties(ctx, tc.slots), tc.hr)
				}
				for _, v := range []model.Variant{model.I4(int32(model.MISTATUS_BUSY)), model.BSTR("busy"), {}} {
					_, err := mc.Invoke(ctx, "PresenceProperties", model.DISPATCH_PROPERTYPUT, v)
					expectHR(t, "put of a "+v.VT.String(), err, hresult.E_INVALIDARG)
				}
			})
			expectNoEvents(t, ctx, w, log, "invalid presence puts")
			expectMyStatus(t, ctx, m, model.MISTATUS_ONLINE)
		}},
	{"PresenceProperties and IsTagged/from a script E_NOTIMPL", "bb787249, bb758717: Not scriptable",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			sm := scriptMessenger(t, ctx, w)
			me := advanced(t, mustContact(t, ctx, sm, alex))
			_, err := me.PresenceProperties(ctx)
			expectHR(t, "PresenceProperties from a script", err, hresult.E_NOTIMPL)
			expectHR(t, "PresenceProperties put from a script", me.SetPresenceProperties(ctx, make([]model.Variant, 11)), hresult.E_NOTIMPL)
			expectHR(t, "IsTagged put from a script", me.SetIsTagged(ctx, true), hresult.E_NOTIMPL)
		}},
}

// ---- the contact list and its events ----

var contactListRows = []conformanceRow{
	{"OnContactListAdd/the person adds a contact: S_OK and on the list; again MSGR_E_ALREADY_IN_LIST", "bb758760 OnContactListAdd S_OK, MSGR_E_ALREADY_IN_LIST",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			held := mustContact(t, ctx, m, pat) // a client already holds pat
			want(t, "Status before the add", model.MISTATUS_UNKNOWN)(held.Status(ctx))
			log := watch(t, ctx, m)
			mustDo(t, "AddContact as person", cw(w).AddContactAsPerson(ctx, pat, "Pat Kim"))
			e := oneEvent(t, ctx, w, log, model.OnContactListAdd)
			expectParam(t, e, "hr", model.I4(0))
			expectContactParam(t, ctx, e, "pMContact", pat)
			if !listed(t, ctx, w, pat) {
				t.Fatal("pat is not on the list after OnContactListAdd S_OK")
			}
			want(t, "Count", int32(4))(mustMyContacts(t, ctx, m).Count(ctx))
			want(t, "the held object's FriendlyName", "Pat Kim")(held.FriendlyName(ctx))
			want(t, "the held object's Status", model.MISTATUS_OFFLINE)(held.Status(ctx))
			mustDo(t, "AddContact again", cw(w).AddContactAsPerson(ctx, pat, ""))
			drain(t, ctx, w)
			evs := log.named(model.OnContactListAdd)
			if len(evs) != 2 {
				t.Fatalf("OnContactListAdd fired %d times", len(evs))
			}
			expectParam(t, evs[1], "hr", hrArg(hresult.MSGR_E_ALREADY_IN_LIST))
			want(t, "Count", int32(4))(mustMyContacts(t, ctx, m).Count(ctx))
		}},
	{"OnContactListAdd/the server's failures: hr carries them, nothing is added", "bb758760 OnContactListAdd MSGR_E_LIST_FULL, MSGR_E_USER_NOT_FOUND, MSGR_E_UNEXPECTED, MSGR_E_SERVER_TOO_BUSY, MSGR_E_SERVER_UNAVAILABLE",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			hrs := []hresult.HRESULT{hresult.MSGR_E_LIST_FULL, hresult.MSGR_E_USER_NOT_FOUND, hresult.MSGR_E_UNEXPECTED,
				hresult.MSGR_E_SERVER_TOO_BUSY, hresult.MSGR_E_SERVER_UNAVAILABLE}
			for _, hr := range hrs {
				mustDo(t, "FailNextContactRequest", cw(w).FailNextContactRequest(ctx, hr))
				mustDo(t, "AddContact as person", cw(w).AddContactAsPerson(ctx, pat, ""))
			}
			drain(t, ctx, w)
			evs := log.named(model.OnContactListAdd)
			if len(evs) != len(hrs) {
				t.Fatalf("OnContactListAdd fired %d times, want %d", len(evs), len(hrs))
			}
			for i, hr := range hrs {
				expectParam(t, evs[i], "hr", hrArg(hr))
			}
			if listed(t, ctx, w, pat) {
				t.Error("a failed add put pat on the list")
			}
			if err := cw(w).FailNextContactRequest(ctx, hresult.E_FAIL); err == nil {
				t.Error("FailNextContactRequest(E_FAIL) was accepted: no contact event documents it")
			}
		}},
	{"IMessengerContacts.Remove/S_OK then OnContactListRemove S_OK; a server failure leaves the contact", "winmessenger/im-imessengercontacts-remove S_OK; OnContactListRemove S_OK, MSGR_E_USER_NOT_FOUND, MSGR_E_UNEXPECTED, MSGR_E_SERVER_TOO_BUSY, MSGR_E_SERVER_UNAVAILABLE",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			list := mustMyContacts(t, ctx, m)
			k := mustContact(t, ctx, m, kim)
			for _, hr := range []hresult.HRESULT{hresult.MSGR_E_USER_NOT_FOUND, hresult.MSGR_E_UNEXPECTED, hresult.MSGR_E_SERVER_TOO_BUSY, hresult.MSGR_E_SERVER_UNAVAILABLE} {
				mustDo(t, "FailNextContactRequest", cw(w).FailNextContactRequest(ctx, hr))
				expectHR(t, "Remove (the server will refuse)", list.Remove(ctx, k), hresult.S_OK)
				drain(t, ctx, w)
				e := log.named(model.OnContactListRemove)
				expectParam(t, e[len(e)-1], "hr", hrArg(hr))
				if !listed(t, ctx, w, kim) {
					t.Fatalf("kim left the list although the server answered %v", hr)
				}
			}
			expectHR(t, "Remove", list.Remove(ctx, k), hresult.S_OK)
			drain(t, ctx, w)
			e := log.named(model.OnContactListRemove)
			expectParam(t, e[len(e)-1], "hr", model.I4(0))
			expectContactParam(t, ctx, e[len(e)-1], "pMContact", kim)
			if listed(t, ctx, w, kim) {
				t.Error("kim is still on the list")
			}
			// the removed object stays usable until released
			want(t, "SigninName of the removed contact", kim)(k.SigninName(ctx))
		}},
	{"IMessengerContacts.Remove/from a script E_NOTIMPL", "winmessenger/im-imessengercontacts-remove E_NOTIMPL 'cannot be accessed through scripting'; bb758746 Not scriptable",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			sm := scriptMessenger(t, ctx, w)
			list, err := sm.MyContacts(ctx)
			expectHR(t, "MyContacts from a script", err, hresult.S_OK)
			c := mustContact(t, ctx, sm, jaya)
			unchanged(t, ctx, w, func() {
				expectHR(t, "Remove from a script", list.Remove(ctx, c), hresult.E_NOTIMPL)
			})
		}},
	{"OnContactListRemove/the person deletes a contact", "OnContactListRemove S_OK (ocsdk ccc5f777; winmessenger/im-dmessengerevents-oncontactlistremove)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "RemoveContact as person", cw(w).RemoveContactAsPerson(ctx, sam))
			e := oneEvent(t, ctx, w, log, model.OnContactListRemove)
			expectParam(t, e, "hr", model.I4(0))
			expectContactParam(t, ctx, e, "pMContact", sam)
			want(t, "Count", int32(2))(mustMyContacts(t, ctx, m).Count(ctx))
			if err := cw(w).RemoveContactAsPerson(ctx, sam); err == nil {
				t.Error("removing someone not on the list succeeded")
			}
		}},
	{"OnContactFriendlyNameChange/carries the previous name; FriendlyName reads the new one", "bb758718 OnContactFriendlyNameChange(hr, pMContact, bstrPrevFriendlyName)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "RenameContact", cw(w).RenameContact(ctx, jaya, "Jaya R."))
			e := oneEvent(t, ctx, w, log, model.OnContactFriendlyNameChange)
			expectParam(t, e, "hr", model.I4(0))
			expectParam(t, e, "bstrPrevFriendlyName", model.BSTR("Jaya Rao"))
			expectContactParam(t, ctx, e, "pMContact", jaya)
			want(t, "FriendlyName", "Jaya R.")(mustContact(t, ctx, m, jaya).FriendlyName(ctx))
		}},
	{"OnMyFriendlyNameChange/carries the previous name; MyFriendlyName reads the new one", "winmessenger/im-dmessengerevents-onmyfriendlynamechange (hr S_OK, bstrPrevFriendlyName)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			mustDo(t, "SetMyFriendlyName", cw(w).SetMyFriendlyName(ctx, "Alex W."))
			e := oneEvent(t, ctx, w, log, model.OnMyFriendlyNameChange)
			expectParam(t, e, "hr", model.I4(0))
			expectParam(t, e, "bstrPrevFriendlyName", model.BSTR("Alex Wilber"))
			want(t, "MyFriendlyName", "Alex W.")(m.MyFriendlyName(ctx))
			want(t, "own contact FriendlyName", "Alex W.")(mustContact(t, ctx, m, alex).FriendlyName(ctx))
		}},
	{"OnContactBlockChange/the person blocks; a server failure carries its hr and leaves the block", "bb787203 OnContactBlockChange S_OK, MSGR_E_USER_NOT_FOUND, MSGR_E_UNEXPECTED, MSGR_E_SERVER_TOO_BUSY, MSGR_E_SERVER_UNAVAILABLE",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			c := mustContact(t, ctx, m, kim)
			mustDo(t, "BlockContact", cw(w).BlockContact(ctx, kim, true))
			e := oneEvent(t, ctx, w, log, model.OnContactBlockChange)
			expectParam(t, e, "hr", model.I4(0))
			expectParam(t, e, "pBoolBlock", model.Bool(true))
			want(t, "Blocked", true)(c.Blocked(ctx))
			mustDo(t, "FailNextContactRequest", cw(w).FailNextContactRequest(ctx, hresult.MSGR_E_SERVER_TOO_BUSY))
			expectHR(t, "Blocked = false (the server will refuse)", c.SetBlocked(ctx, false), hresult.S_OK)
			drain(t, ctx, w)
			evs := log.named(model.OnContactBlockChange)
			expectParam(t, evs[len(evs)-1], "hr", hrArg(hresult.MSGR_E_SERVER_TOO_BUSY))
			want(t, "Blocked after the refusal", true)(c.Blocked(ctx))
			if err := cw(w).BlockContact(ctx, kim, true); err == nil {
				t.Error("blocking a blocked contact succeeded")
			}
		}},
	{"Blocked put/E_FAIL on yourself and signed out", "bb787238 Blocked E_FAIL 'general internal failure'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			me := mustContact(t, ctx, m, alex)
			jc := mustContact(t, ctx, m, jaya)
			unchanged(t, ctx, w, func() {
				expectHR(t, "block yourself", me.SetBlocked(ctx, true), hresult.E_FAIL)
			})
			mustDo(t, "SignOut", w.SignOut(ctx))
			drain(t, ctx, w)
			n := len(log.events())
			expectHR(t, "block signed out", jc.SetBlocked(ctx, true), hresult.E_FAIL)
			drain(t, ctx, w)
			if len(log.events()) != n {
				t.Errorf("a failed Blocked put raised %v", eventNames(log.events()[n:]))
			}
		}},
	{"Conversation AddContact/MSGR_E_SESSION_FULL past the participant limit", "bb787244 MSGR_E_SESSION_FULL; README: 100 participants",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			for i := 1; i < sim.DefaultMaxParticipants; i++ {
				expectHR(t, "AddContact", win.AddContact(ctx, model.BSTR(fmt.Sprintf("p%d@contoso.com", i))), hresult.S_OK)
			}
			unchanged(t, ctx, w, func() {
				expectHR(t, "AddContact past the limit", win.AddContact(ctx, model.BSTR("one.more@contoso.com")), hresult.MSGR_E_SESSION_FULL)
			})
		}},
}

// ---- the members that open Communicator UI ----

var uiDialogRows = []conformanceRow{
	{"AddContact wizard/opens in the state; finishing adds the contact: OnContactListAdd", "bb787209 AddContact S_OK; bb758760 OnContactListAdd",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			expectHR(t, "AddContact", area(t, m).AddContact(ctx, 0, pat), hresult.S_OK)
			d := onlyDialog(t, ctx, w, sim.DialogAddContact)
			if d.Args["signinName"] != pat {
				t.Errorf("wizard args %v, want signinName %s", d.Args, pat)
			}
			expectNoEvents(t, ctx, w, log, "opening the wizard")
			if listed(t, ctx, w, pat) {
				t.Fatal("pat is on the list before the wizard finished")
			}
			mustDo(t, "FinishUIDialog", cw(w).FinishUIDialog(ctx, d.ID, map[string]string{"friendlyName": "Pat Kim"}))
			e := oneEvent(t, ctx, w, log, model.OnContactListAdd)
			expectParam(t, e, "hr", model.I4(0))
			expectContactParam(t, ctx, e, "pMContact", pat)
			if !listed(t, ctx, w, pat) || len(dialogsOf(t, ctx, w)) != 0 {
				t.Error("after Finish: pat not listed, or the wizard still open")
			}
			want(t, "FriendlyName", "Pat Kim")(mustContact(t, ctx, m, pat).FriendlyName(ctx))
		}},
	{"AddContact wizard/NULL or empty name opens the first page; the person types the name; cancel adds nothing", "bb787209 (bstrEMail null: the wizard prompts); README decision on empty sign-in names",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			for _, v := range []model.Variant{model.NullBSTR(), model.BSTR("")} {
				_, err := m.Invoke(ctx, "AddContact", model.DISPATCH_METHOD, model.I4(0), v)
				expectHR(t, "AddContact("+v.String()+")", err, hresult.S_OK)
				d := onlyDialog(t, ctx, w, sim.DialogAddContact)
				if len(d.Args) != 0 {
					t.Errorf("wizard args %v, want none", d.Args)
				}
				mustDo(t, "CancelUIDialog", cw(w).CancelUIDialog(ctx, d.ID))
			}
			expectNoEvents(t, ctx, w, log, "cancelled wizards")
			expectHR(t, "AddContact", area(t, m).AddContact(ctx, 0, ""), hresult.S_OK)
			d := onlyDialog(t, ctx, w, sim.DialogAddContact)
			if err := cw(w).FinishUIDialog(ctx, d.ID, nil); err == nil {
				t.Error("finishing the wizard with no name succeeded")
			}
			if err := cw(w).FinishUIDialog(ctx, d.ID, map[string]string{"signinName": "not an address"}); err == nil {
				t.Error("finishing the wizard with a bad name succeeded")
			}
			onlyDialog(t, ctx, w, sim.DialogAddContact) // still up, showing the problem
			mustDo(t, "FinishUIDialog", cw(w).FinishUIDialog(ctx, d.ID, map[string]string{"signinName": pat}))
			oneEvent(t, ctx, w, log, model.OnContactListAdd)
			if err := cw(w).CancelUIDialog(ctx, d.ID); err == nil {
				t.Error("cancelling a finished dialog succeeded")
			}
		}},
	{"AddContact wizard/E_INVALIDARG names, world unchanged", "bb787209 E_INVALIDARG (invalid characters, over 129 characters, CR/LF)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a := area(t, m)
			unchanged(t, ctx, w, func() {
				for _, n := range []string{" pat@contoso.com", name130, "pat@contoso.com\r\n", "pat @contoso.com", "pat\x01@contoso.com"} {
					expectHR(t, fmt.Sprintf("AddContact(%q)", n), a.AddContact(ctx, 0, n), hresult.E_INVALIDARG)
				}
				_, err := m.Invoke(ctx, "AddContact", model.DISPATCH_METHOD, model.I4(0), model.Array(model.BSTR(pat)))
				expectHR(t, "AddContact(array)", err, hresult.DISP_E_TYPEMISMATCH)
			})
			// a name that is no address passes: the wizard will question it;
			// 129 characters pass the checks too (S_FALSE: the wizard is up)
			expectHR(t, "AddContact of a name the wizard will question", a.AddContact(ctx, 0, "pat"), hresult.S_OK)
			expectHR(t, "AddContact of 129 characters", a.AddContact(ctx, 0, name129), hresult.S_FALSE)
		}},
	{"AddContact wizard/S_FALSE when the wizard is displayed (also from FindContact); arguments ignored", "bb787209 S_FALSE 'the Add a Contact wizard is already displayed'; winmessenger/im-imessenger-findcontact S_FALSE",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a := area(t, m)
			expectHR(t, "AddContact", a.AddContact(ctx, 0, pat), hresult.S_OK)
			unchanged(t, ctx, w, func() {
				expectHR(t, "AddContact again", a.AddContact(ctx, 0, "other@contoso.com"), hresult.S_FALSE)
				expectHR(t, "FindContact", a.FindContact(ctx, 0, "Pat", "Kim", model.Empty(), model.Empty(), model.Empty()), hresult.S_FALSE)
			})
			if d := onlyDialog(t, ctx, w, sim.DialogAddContact); d.Args["signinName"] != pat {
				t.Errorf("the wizard's values changed: %v", d.Args)
			}
		}},
	{"AddContact wizard/MSGR_E_AUDIO_UI_ACTIVE, MSGR_E_OPTION_UI_ACTIVE, MSGR_E_LOGON_UI_ACTIVE from open dialogs", "bb787209 MSGR_E_AUDIO_UI_ACTIVE, Options dialog, Sign In dialog rows",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a := area(t, m)
			for _, tc := range []struct {
				kind string
				hr   hresult.HRESULT
			}{{sim.DialogMediaWizard, hresult.MSGR_E_AUDIO_UI_ACTIVE}, {sim.DialogOptions, hresult.MSGR_E_OPTION_UI_ACTIVE}, {sim.DialogSignIn, hresult.MSGR_E_LOGON_UI_ACTIVE}} {
				id, err := cw(w).OpenUIDialog(ctx, tc.kind)
				mustDo(t, "OpenUIDialog "+tc.kind, err)
				unchanged(t, ctx, w, func() {
					expectHR(t, "AddContact with "+tc.kind+" open", a.AddContact(ctx, 0, pat), tc.hr)
					expectHR(t, "FindContact with "+tc.kind+" open", a.FindContact(ctx, 0, "Pat", "", model.Empty(), model.Empty(), model.Empty()), tc.hr)
				})
				mustDo(t, "CancelUIDialog", cw(w).CancelUIDialog(ctx, id))
			}
			expectHR(t, "AddContact with nothing open", a.AddContact(ctx, 0, pat), hresult.S_OK)
		}},
	{"AddContact wizard/offline it still opens", "winmessenger/im-imessenger-addcontact: calling while offline does not raise an error",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "SignOut", w.SignOut(ctx))
			expectHR(t, "AddContact offline", area(t, m).AddContact(ctx, 0, pat), hresult.S_OK)
			d := onlyDialog(t, ctx, w, sim.DialogAddContact)
			if err := cw(w).FinishUIDialog(ctx, d.ID, nil); err == nil {
				t.Error("the wizard added a contact while signed out")
			}
		}},
	{"AddContact, FindContact, MediaWizard, ViewProfile/E_FAIL and E_OUTOFMEMORY by fault, nothing opened", "bb787209 E_FAIL, E_OUTOFMEMORY; FindContact/MediaWizard/ViewProfile E_FAIL (winmessenger pages)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a := area(t, m)
			calls := map[string]func() error{
				"AddContact":  func() error { return a.AddContact(ctx, 0, pat) },
				"FindContact": func() error { return a.FindContact(ctx, 0, "Pat", "", model.Empty(), model.Empty(), model.Empty()) },
				"MediaWizard": func() error { return a.MediaWizard(ctx, 0) },
				"ViewProfile": func() error { return a.ViewProfile(ctx, model.BSTR(jaya)) },
			}
			unchanged(t, ctx, w, func() {
				for member, call := range calls {
					hrs := []hresult.HRESULT{hresult.E_FAIL}
					if member == "AddContact" {
						hrs = append(hrs, hresult.E_OUTOFMEMORY)
					}
					for _, hr := range hrs {
						mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: member, HR: hr, Times: 1}))
						expectHR(t, member+" under a fault", call(), hr)
					}
				}
			})
		}},
	{"AddContact and FindContact/from a script E_NOTIMPL", "bb758788 AddContact, FindContact Not scriptable",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			a := area(t, scriptMessenger(t, ctx, w))
			unchanged(t, ctx, w, func() {
				expectHR(t, "AddContact from a script", a.AddContact(ctx, 0, pat), hresult.E_NOTIMPL)
				expectHR(t, "FindContact from a script", a.FindContact(ctx, 0, "Pat", "", model.Empty(), model.Empty(), model.Empty()), hresult.E_NOTIMPL)
			})
		}},
	{"FindContact/opens the search page with its fields; a picked result is added", "winmessenger/im-imessenger-findcontact S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			expectHR(t, "FindContact", area(t, m).FindContact(ctx, 0, "Pat", "Kim", model.BSTR("Redmond"), model.BSTR("WA"), model.BSTR("United States")), hresult.S_OK)
			d := onlyDialog(t, ctx, w, sim.DialogFindContact)
			if d.Args["firstName"] != "Pat" || d.Args["lastName"] != "Kim" || d.Args["city"] != "Redmond" || d.Args["country"] != "United States" {
				t.Errorf("search page args %v", d.Args)
			}
			if err := cw(w).FinishUIDialog(ctx, d.ID, nil); err == nil {
				t.Error("finishing the search without a picked result succeeded")
			}
			mustDo(t, "FinishUIDialog", cw(w).FinishUIDialog(ctx, d.ID, map[string]string{"signinName": pat}))
			e := oneEvent(t, ctx, w, log, model.OnContactListAdd)
			expectParam(t, e, "hr", model.I4(0))
		}},
	{"FindContact/E_INVALIDARG and MSGR_E_NOT_LOGGED_ON, world unchanged", "winmessenger/im-imessenger-findcontact E_INVALIDARG (NULL name, over 63 characters, country CR/LF/above 126), MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			long := "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl" // 64
			find := func(args ...model.Variant) error {
				_, err := m.Invoke(ctx, "FindContact", model.DISPATCH_METHOD, append([]model.Variant{model.I4(0)}, args...)...)
				return err
			}
			unchanged(t, ctx, w, func() {
				expectHR(t, "NULL first name", find(model.NullBSTR(), model.BSTR("Kim")), hresult.E_INVALIDARG)
				expectHR(t, "NULL last name", find(model.BSTR("Pat"), model.NullBSTR()), hresult.E_INVALIDARG)
				expectHR(t, "64-character first name", find(model.BSTR(long), model.BSTR("Kim")), hresult.E_INVALIDARG)
				expectHR(t, "64-character city", find(model.BSTR("Pat"), model.BSTR("Kim"), model.BSTR(long)), hresult.E_INVALIDARG)
				expectHR(t, "city of VT_I4", find(model.BSTR("Pat"), model.BSTR("Kim"), model.I4(1)), hresult.E_INVALIDARG)
				expectHR(t, "country with CR", find(model.BSTR("Pat"), model.BSTR("Kim"), model.Empty(), model.Empty(), model.BSTR("United\rStates")), hresult.E_INVALIDARG)
				expectHR(t, "country with é", find(model.BSTR("Pat"), model.BSTR("Kim"), model.Empty(), model.Empty(), model.BSTR("Canadé")), hresult.E_INVALIDARG)
				expectHR(t, "seven arguments", find(model.BSTR("a"), model.BSTR("b"), model.Empty(), model.Empty(), model.Empty(), model.Empty()), hresult.DISP_E_BADPARAMCOUNT)
			})
			mustDo(t, "SignOut", w.SignOut(ctx))
			unchanged(t, ctx, w, func() {
				expectHR(t, "FindContact signed out", find(model.BSTR("Pat"), model.BSTR("Kim")), hresult.MSGR_E_NOT_LOGGED_ON)
			})
		}},
	{"MediaWizard/opens once (again S_OK, no second wizard), also offline; the contact wizard, Sign In and Options dialogs block it", "winmessenger/im-imessenger-mediawizard S_OK, MSGR_E_CONTACT_UI_ACTIVE, MSGR_E_LOGON_UI_ACTIVE, MSGR_E_OPTION_UI_ACTIVE",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a := area(t, m)
			for _, tc := range []struct {
				kind string
				hr   hresult.HRESULT
			}{{sim.DialogAddContact, hresult.MSGR_E_CONTACT_UI_ACTIVE}, {sim.DialogFindContact, hresult.MSGR_E_CONTACT_UI_ACTIVE},
				{sim.DialogSignIn, hresult.MSGR_E_LOGON_UI_ACTIVE}, {sim.DialogOptions, hresult.MSGR_E_OPTION_UI_ACTIVE}} {
				id, err := cw(w).OpenUIDialog(ctx, tc.kind)
				mustDo(t, "OpenUIDialog "+tc.kind, err)
				unchanged(t, ctx, w, func() {
					expectHR(t, "MediaWizard with "+tc.kind+" open", a.MediaWizard(ctx, 0), tc.hr)
				})
				mustDo(t, "CancelUIDialog", cw(w).CancelUIDialog(ctx, id))
			}
			mustDo(t, "SignOut", w.SignOut(ctx))
			expectHR(t, "MediaWizard offline", a.MediaWizard(ctx, 0), hresult.S_OK)
			expectHR(t, "MediaWizard again", a.MediaWizard(ctx, 0), hresult.S_OK)
			d := onlyDialog(t, ctx, w, sim.DialogMediaWizard)
			mustDo(t, "FinishUIDialog", cw(w).FinishUIDialog(ctx, d.ID, nil))
			if len(dialogsOf(t, ctx, w)) != 0 {
				t.Error("the wizard is still open after Finish")
			}
		}},
	{"ViewProfile and SendMail/open a profile and a mail window per call", "winmessenger/im-imessenger-viewprofile S_OK; winmessenger/im-imessenger-sendmail S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a := area(t, m)
			expectHR(t, "ViewProfile", a.ViewProfile(ctx, model.BSTR(jaya)), hresult.S_OK)
			expectHR(t, "ViewProfile again", a.ViewProfile(ctx, model.Dispatched(mustContact(t, ctx, m, sam))), hresult.S_OK)
			expectHR(t, "SendMail", a.SendMail(ctx, model.BSTR(kim)), hresult.S_OK)
			ds := dialogsOf(t, ctx, w)
			if len(ds) != 3 || ds[0].Kind != sim.DialogProfile || ds[0].Args["signinName"] != jaya ||
				ds[1].Args["signinName"] != sam || ds[2].Kind != sim.DialogMail || ds[2].Args["to"] != kim {
				t.Fatalf("dialogs %+v", ds)
			}
			for _, d := range ds {
				mustDo(t, "CancelUIDialog", cw(w).CancelUIDialog(ctx, d.ID))
			}
			// from a script too (both are marked scriptable)
			sa := area(t, scriptMessenger(t, ctx, w))
			expectHR(t, "ViewProfile from a script", sa.ViewProfile(ctx, model.BSTR(jaya)), hresult.S_OK)
			expectHR(t, "SendMail from a script", sa.SendMail(ctx, model.BSTR(jaya)), hresult.S_OK)
		}},
	{"ViewProfile and SendMail/E_INVALIDARG vContact and MSGR_E_NOT_LOGGED_ON, nothing opened", "winmessenger/im-imessenger-viewprofile, -sendmail E_INVALIDARG (NULL, wrong type, NULL or empty string, leading space, over 129, CR/LF), MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			a := area(t, m)
			stale := mustContact(t, ctx, m, kim)
			expectHR(t, "Release", stale.Release(ctx), hresult.S_OK)
			bad := []model.Variant{model.Empty(), model.Null(), model.NullBSTR(), model.BSTR(""), model.BSTR(" " + jaya), model.BSTR(name130),
				model.BSTR(jaya + "\n"), model.I4(1), model.Array(model.BSTR(jaya)), model.Dispatched(nil),
				model.Dispatched(mustMyContacts(t, ctx, m)), model.Dispatched(stale)}
			unchanged(t, ctx, w, func() {
				for _, v := range bad {
					expectHR(t, "ViewProfile("+v.String()+")", a.ViewProfile(ctx, v), hresult.E_INVALIDARG)
					expectHR(t, "SendMail("+v.String()+")", a.SendMail(ctx, v), hresult.E_INVALIDARG)
				}
			})
			mustDo(t, "SignOut", w.SignOut(ctx))
			unchanged(t, ctx, w, func() {
				expectHR(t, "ViewProfile signed out", a.ViewProfile(ctx, model.BSTR(jaya)), hresult.MSGR_E_NOT_LOGGED_ON)
				expectHR(t, "SendMail signed out", a.SendMail(ctx, model.BSTR(jaya)), hresult.MSGR_E_NOT_LOGGED_ON)
			})
		}},
	{"OptionsPages, OpenInbox, InviteApp, Page/Not supported: E_NOTIMPL, no dialog", "bb758788 'Not supported.' rows by alphabetical position; Page by analogy with CanPage (bb758754); README",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			unchanged(t, ctx, w, func() {
				for member, args := range map[string][]model.Variant{
					"OptionsPages": {model.I4(0), model.I4(0)}, "OpenInbox": nil,
					"InviteApp": {model.BSTR(jaya), model.BSTR("{44BBA842-CC51-11CF-AAFA-00AA00B6015C}")}, "Page": {model.BSTR(jaya)},
				} {
					_, err := m.Invoke(ctx, member, model.DISPATCH_METHOD, args...)
					expectHR(t, member, err, hresult.E_NOTIMPL)
				}
			})
		}},
	{"UI dialogs/the person opens only dialogs of the UI, one of each wizard; unknown IDs fail", "README 'UI dialogs'",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			for _, kind := range []string{sim.DialogProfile, sim.DialogMail, "printer"} {
				if _, err := cw(w).OpenUIDialog(ctx, kind); err == nil {
					t.Errorf("the person opened a %q dialog", kind)
				}
			}
			id, err := cw(w).OpenUIDialog(ctx, sim.DialogOptions)
			mustDo(t, "OpenUIDialog", err)
			if _, err := cw(w).OpenUIDialog(ctx, sim.DialogOptions); err == nil {
				t.Error("a second Options dialog opened")
			}
			for _, bad := range []int{id + 100, -1} {
				if err := cw(w).FinishUIDialog(ctx, bad, nil); err == nil {
					t.Errorf("finishing dialog %d succeeded", bad)
				}
				if err := cw(w).CancelUIDialog(ctx, bad); err == nil {
					t.Errorf("cancelling dialog %d succeeded", bad)
				}
			}
			mustDo(t, "FinishUIDialog", cw(w).FinishUIDialog(ctx, id, nil))
		}},
}

// ---- late-bound argument coercion ----

var coercionRows = []conformanceRow{
	{"Invoke/arguments convert as VariantChangeType does: MyStatus = \"10\" works", "issue 7 §5; README 'IDispatch layer' (VariantChangeType)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, tc := range []struct {
				v  model.Variant
				st model.MISTATUS
			}{
				{model.BSTR("10"), model.MISTATUS_BUSY},
				{model.BSTR(" 34 "), model.MISTATUS_AWAY},
				{model.BSTR("&H0E"), model.MISTATUS_BE_RIGHT_BACK},
				{model.Variant{VT: model.VT_R8, Float: 2.5}, model.MISTATUS_ONLINE}, // half to even: 2
				{model.Variant{VT: model.VT_R8, Float: 9.5}, model.MISTATUS_BUSY},   // 10
				{model.Variant{VT: model.VT_UI1, Int: 0x72}, model.MISTATUS_DO_NOT_DISTURB},
			} {
				_, err := m.Invoke(ctx, "MyStatus", model.DISPATCH_PROPERTYPUT, tc.v)
				expectHR(t, "MyStatus = "+tc.v.String(), err, hresult.S_OK)
				expectMyStatus(t, ctx, m, tc.st)
			}
			// the journal keeps what the caller sent
			calls, err := w.Calls(ctx, sim.CallFilter{Member: "MyStatus"})
			mustDo(t, "Calls", err)
			if len(calls) == 0 || calls[0].Args[0].VT != model.VT_BSTR || calls[0].Args[0].Str != "10" {
				t.Errorf("journal args %v, want the VT_BSTR \"10\" as sent", calls)
			}
			// a string where an index is wanted, a number where a string is
			list := mustMyContacts(t, ctx, m)
			r, err := list.Invoke(ctx, "Item", model.DISPATCH_METHOD, model.BSTR("1"))
			expectHR(t, "Item(\"1\")", err, hresult.S_OK)
			want(t, "Item(\"1\").SigninName", sam)(r.Obj.(model.Contact).SigninName(ctx))
			c := mustContact(t, ctx, m, kim)
			_, err = c.Invoke(ctx, "Blocked", model.DISPATCH_PROPERTYPUT, model.I4(1))
			expectHR(t, "Blocked = 1 (VT_I4 to VT_BOOL)", err, hresult.S_OK)
			want(t, "Blocked", true)(c.Blocked(ctx))
			_, err = c.Invoke(ctx, "Blocked", model.DISPATCH_PROPERTYPUT, model.BSTR("False"))
			expectHR(t, "Blocked = \"False\"", err, hresult.S_OK)
			want(t, "Blocked", false)(c.Blocked(ctx))
			_, err = c.Invoke(ctx, "Blocked", model.DISPATCH_PROPERTYPUT, model.BSTR("-1"))
			expectHR(t, "Blocked = \"-1\"", err, hresult.S_OK)
			want(t, "Blocked", true)(c.Blocked(ctx))
			// VT_BOOL where a sign-in name is wanted is "-1": a name, partly valid
			r, err = m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.Bool(true), model.BSTR(""))
			expectHR(t, "GetContact(VT_BOOL)", err, hresult.S_OK)
			want(t, "SigninName", "-1")(r.Obj.(model.Contact).SigninName(ctx))
			// VT_EMPTY where a string is wanted is "": the empty-name rule
			_, err = m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.Empty(), model.BSTR(""))
			expectHR(t, "GetContact(VT_EMPTY)", err, hresult.E_INVALIDARG)
		}},
	{"Invoke/what VariantChangeType refuses: DISP_E_TYPEMISMATCH, DISP_E_OVERFLOW; world unchanged", "§3.1 DISP_E_TYPEMISMATCH, DISP_E_OVERFLOW; README 'IDispatch layer'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := mustMyContacts(t, ctx, m)
			c := mustContact(t, ctx, m, jaya)
			unchanged(t, ctx, w, func() {
				for _, tc := range []struct {
					v  model.Variant
					hr hresult.HRESULT
				}{
					{model.BSTR("abc"), hresult.DISP_E_TYPEMISMATCH},
					{model.BSTR(""), hresult.DISP_E_TYPEMISMATCH},
					{model.NullBSTR(), hresult.DISP_E_TYPEMISMATCH},
					{model.BSTR("0x10"), hresult.DISP_E_TYPEMISMATCH},
					{model.BSTR("1e10"), hresult.DISP_E_OVERFLOW},
					{model.BSTR("-2147483649"), hresult.DISP_E_OVERFLOW},
					{model.Variant{VT: model.VT_R8, Float: 3e9}, hresult.DISP_E_OVERFLOW},
					{model.Null(), hresult.DISP_E_TYPEMISMATCH},
					{model.Array(model.I4(10)), hresult.DISP_E_TYPEMISMATCH},
					{model.Dispatched(c), hresult.DISP_E_TYPEMISMATCH},
				} {
					_, err := m.Invoke(ctx, "MyStatus", model.DISPATCH_PROPERTYPUT, tc.v)
					expectHR(t, "MyStatus = "+tc.v.String(), err, tc.hr)
				}
				_, err := c.Invoke(ctx, "Blocked", model.DISPATCH_PROPERTYPUT, model.BSTR("yes"))
				expectHR(t, "Blocked = \"yes\"", err, hresult.DISP_E_TYPEMISMATCH)
				// an object where a string is wanted: neither a contact nor a
				// collection has a default property without arguments
				for _, obj := range []model.Dispatch{c, list} {
					_, err := m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.Dispatched(obj), model.BSTR(""))
					expectHR(t, "GetContact("+obj.InterfaceName()+")", err, hresult.DISP_E_TYPEMISMATCH)
				}
			})
		}},
	{"Invoke/VARIANT parameters keep their type", "issue 7 §5 'VARIANT parameters such as vContact keep their type'; §9.1 E_INVALIDARG for vContact of another type",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			unchanged(t, ctx, w, func() {
				_, err := m.InstantMessage(ctx, model.I4(1))
				expectHR(t, "InstantMessage(VT_I4)", err, hresult.E_INVALIDARG)
				expectHR(t, "SendMail(VT_BOOL)", area(t, m).SendMail(ctx, model.Bool(true)), hresult.E_INVALIDARG)
			})
		}},
	{"GetContact/an empty sign-in name E_INVALIDARG, a NULL one E_FAIL; the same rule for every sign-in name", "bb758743 E_FAIL for a NULL string; README decision: empty is E_INVALIDARG",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			unchanged(t, ctx, w, func() {
				_, err := m.GetContact(ctx, "", "")
				expectHR(t, "GetContact(\"\")", err, hresult.E_INVALIDARG)
				_, err = m.Invoke(ctx, "GetContact", model.DISPATCH_METHOD, model.NullBSTR(), model.BSTR(""))
				expectHR(t, "GetContact(NULL)", err, hresult.E_FAIL)
				_, err = m.InstantMessage(ctx, model.BSTR(""))
				expectHR(t, "InstantMessage(\"\")", err, hresult.E_INVALIDARG)
				expectHR(t, "ViewProfile(\"\")", area(t, m).ViewProfile(ctx, model.BSTR("")), hresult.E_INVALIDARG)
				expectHR(t, "SendMail(\"\")", area(t, m).SendMail(ctx, model.BSTR("")), hresult.E_INVALIDARG)
				expectHR(t, "conversation AddContact(\"\")", win.AddContact(ctx, model.BSTR("")), hresult.E_INVALIDARG)
			})
		}},
}

// TestContactsScenario: a scenario seeds phones, e-mail, tags, blocks and
// presence, over every transport.
func TestContactsScenario(t *testing.T) {
	s := sim.DefaultScenario()
	s.User.Phones = &sim.ScenarioPhones{Mobile: "+1 425 555 0111"}
	s.User.Email = "alex.w@contoso.com"
	s.Contacts[0].Phones = &sim.ScenarioPhones{Work: "+1 425 555 0100", Home: "555-0102"}
	s.Contacts[0].Tagged = true
	s.Contacts[0].Email = "jaya.rao@contoso.com"
	s.Contacts[0].Presence = &sim.ScenarioPresence{Availability: i32(3500), Note: "Working from home", CalendarState: "busy", NextCalendarState: "CALENDAR_STATE_FREE"}
	s.Contacts[2].Blocked = true
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			w := tr.start(t, sim.WithScenario(s))
			ctx, m := rowCtx(t), w.Messenger()
			j := advanced(t, mustContact(t, ctx, m, jaya))
			want(t, "PhoneNumber(WORK)", "+1 425 555 0100")(j.PhoneNumber(ctx, model.MPHONE_TYPE_WORK))
			want(t, "PhoneNumber(HOME)", "555-0102")(j.PhoneNumber(ctx, model.MPHONE_TYPE_HOME))
			want(t, "IsTagged", true)(j.IsTagged(ctx))
			v, err := j.Property(ctx, model.MCONTACTPROP_EMAIL)
			expectHR(t, "Property(EMAIL)", err, hresult.S_OK)
			if v.Str != "jaya.rao@contoso.com" {
				t.Errorf("Property(EMAIL) = %v", v)
			}
			slots, err := j.PresenceProperties(ctx)
			expectHR(t, "PresenceProperties", err, hresult.S_OK)
			if slots[model.PRESENCE_PROP_AVAILABILITY].Int != 3500 || slots[model.PRESENCE_PROP_PRESENCE_NOTE].Str != "Working from home" ||
				slots[model.PRESENCE_PROP_CURRENT_CALENDAR_STATE].Int != int64(model.CALENDAR_STATE_BUSY) ||
				slots[model.PRESENCE_PROP_NEXT_CALENDAR_STATE].Int != int64(model.CALENDAR_STATE_FREE) {
				t.Errorf("presence slots %v", slots)
			}
			want(t, "MyPhoneNumber(MOBILE)", "+1 425 555 0111")(area(t, m).MyPhoneNumber(ctx, model.MPHONE_TYPE_MOBILE))
			want(t, "kim Blocked", true)(mustContact(t, ctx, m, kim).Blocked(ctx))
			slots, err = advanced(t, mustContact(t, ctx, m, kim)).PresenceProperties(ctx)
			expectHR(t, "kim PresenceProperties", err, hresult.S_OK)
			if !slots[model.PRESENCE_PROP_IS_BLOCKED].Truth() {
				t.Error("kim's IS_BLOCKED slot is false")
			}
			st := mustState(t, ctx, w)
			if len(st.ContactInfo) != 4 || !st.ContactInfo[0].IsSelf || st.ContactInfo[1].Phones.Work != "+1 425 555 0100" {
				t.Errorf("state contactInfo %+v", st.ContactInfo)
			}
		})
	}
}

func TestContactsScenarioValidation(t *testing.T) {
	bad := map[string]func(s *sim.Scenario){
		"phone with a line break":   func(s *sim.Scenario) { s.Contacts[0].Phones = &sim.ScenarioPhones{Work: "555\n0100"} },
		"user e-mail with a space":  func(s *sim.Scenario) { s.User.Email = "a b@contoso.com" },
		"availability 100":          func(s *sim.Scenario) { s.Contacts[1].Presence = &sim.ScenarioPresence{Availability: i32(100)} },
		"calendar state 'sleeping'": func(s *sim.Scenario) { s.Contacts[1].Presence = &sim.ScenarioPresence{CalendarState: "sleeping"} },
	}
	for name, mut := range bad {
		s := sim.DefaultScenario()
		mut(&s)
		if err := s.Validate(); err == nil || !errors.Is(err, sim.ErrBadValue) {
			t.Errorf("%s: Validate() = %v, want an ErrBadValue", name, err)
		}
	}
}

// hrArg is an event's hr argument as it travels: a VT_I4 holding the code.
func hrArg(hr hresult.HRESULT) model.Variant { return model.I4(int32(uint32(hr))) }

// contactFaultRows pin the contact members' conditions only a fault can
// produce, and the collection members' "Not scriptable".
var contactFaultRows = []conformanceRow{
	{"IMessengerContact/fault-only conditions: E_FAIL, E_OUTOFMEMORY, E_INVALIDARG, DISP_E_BADVARTYPE", "bb758776, bb758772, bb758766, bb787246, bb758790, bb787238, bb758743 (codes of internal failures)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c := mustContact(t, ctx, m, jaya)
			get := func(member string) func() error {
				return func() error { _, err := c.Invoke(ctx, member, model.DISPATCH_PROPERTYGET); return err }
			}
			cases := []struct {
				member string
				hrs    []hresult.HRESULT
				call   func() error
			}{
				{"FriendlyName", []hresult.HRESULT{hresult.E_FAIL, hresult.E_OUTOFMEMORY}, get("FriendlyName")},
				{"SigninName", []hresult.HRESULT{hresult.E_FAIL, hresult.E_OUTOFMEMORY}, get("SigninName")},
				{"ServiceName", []hresult.HRESULT{hresult.E_FAIL, hresult.E_OUTOFMEMORY}, get("ServiceName")},
				{"ServiceId", []hresult.HRESULT{hresult.E_INVALIDARG}, get("ServiceId")},
				{"IsSelf", []hresult.HRESULT{hresult.E_FAIL}, get("IsSelf")},
				{"Blocked", []hresult.HRESULT{hresult.E_OUTOFMEMORY, hresult.DISP_E_BADVARTYPE}, func() error { return c.SetBlocked(ctx, true) }},
				{"GetContact", []hresult.HRESULT{hresult.MSGR_E_USER_NOT_FOUND}, func() error { _, err := m.GetContact(ctx, jaya, ""); return err }},
			}
			unchanged(t, ctx, w, func() {
				for _, tc := range cases {
					for _, hr := range tc.hrs {
						mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: tc.member, HR: hr, Times: 1}))
						expectHR(t, tc.member+" under a fault", tc.call(), hr)
					}
				}
			})
		}},
	{"IMessengerContacts and Blocked/from a script E_NOTIMPL", "bb758746 Count, Item Not scriptable; bb787238 Blocked Not scriptable",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			sm := scriptMessenger(t, ctx, w)
			list, err := sm.MyContacts(ctx)
			expectHR(t, "MyContacts from a script", err, hresult.S_OK)
			c := mustContact(t, ctx, sm, jaya)
			unchanged(t, ctx, w, func() {
				_, err := list.Count(ctx)
				expectHR(t, "Count from a script", err, hresult.E_NOTIMPL)
				_, err = list.Item(ctx, 0)
				expectHR(t, "Item from a script", err, hresult.E_NOTIMPL)
				_, err = c.Blocked(ctx)
				expectHR(t, "Blocked from a script", err, hresult.E_NOTIMPL)
				expectHR(t, "Blocked put from a script", c.SetBlocked(ctx, true), hresult.E_NOTIMPL)
			})
		}},
	{"Blocked put/S_FALSE to the state the contact is in", "bb787238 S_FALSE 'block an already-blocked user or unblock a user who was not blocked'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			c := mustContact(t, ctx, m, jaya)
			unchanged(t, ctx, w, func() {
				expectHR(t, "unblock an unblocked contact", c.SetBlocked(ctx, false), hresult.S_FALSE)
			})
			expectNoEvents(t, ctx, w, log, "an S_FALSE block")
		}},
}

func init() { rowTables["contact-faults"] = contactFaultRows }
