package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// What the world knows of a contact beyond name, status and block: phone
// numbers, the e-mail property, the tag, and the presence properties
// Communicator 2007 adds (IMessengerContactAdvanced). The local user's
// own live on the user's self contact.
// noInfo is what a contact with no phones, e-mail, tag or presence
// properties reads; never written (mutInfo makes a contact its own).
var noInfo contactInfo

// infov is the contact's information to read.
func (c *contactObj) infov() *contactInfo {
	if c.info == nil {
		return &noInfo
	}
	return c.info
}

// mutInfo is the contact's information to change, made on first change:
// most contacts never have any, and a loose contact made per
// InstantMessage stays small.
func (c *contactObj) mutInfo() *contactInfo {
	if c.info == nil {
		c.info = new(contactInfo)
	}
	return c.info
}

type contactInfo struct {
	phones   [3]string // by MPHONE_TYPE_HOME, _WORK, _MOBILE; "" is none
	email    string    // "" means the sign-in name
	tagged   bool
	presence presenceInfo
}

// presenceInfo holds the PresenceProperties slots that are not derived
// from status and block (MSTATE, IS_BLOCKED), and an availability number
// that overrides the one derived from the status while the status is the
// one it was published with.
type presenceInfo struct {
	availability int32
	availFor     model.MISTATUS
	availSet     bool
	note, oof    string
	toolTip      string
	custom       string
	curCal       model.CALENDAR_STATE
	nextCal      model.CALENDAR_STATE
	calSet       bool
	nextCalTime  time.Time // zero: not set
}

// phoneSlot maps the MPHONE_TYPE a number is stored under; ALL and CUSTOM
// are "valid only with IMessenger::Phone" (bb758807).
func phoneSlot(t model.MPHONE_TYPE) (int, bool) {
	if t < model.MPHONE_TYPE_HOME || t > model.MPHONE_TYPE_MOBILE {
		return 0, false
	}
	return int(t), true
}

func (c *contactObj) emailAddress() string {
	if e := c.infov().email; e != "" {
		return e
	}
	return strings.TrimPrefix(c.signin, "sip:")
}

// Availability numbers (OCS 2007 bands): what the status is published as
// when nobody published a number, and the status a published number means.
const (
	availOnline  = 3000
	availIdle    = 4500
	availBusy    = 6000
	availDND     = 9000
	availBRB     = 12000
	availAway    = 15000
	availOffline = 18000
)

func availabilityOf(s model.MISTATUS) (int32, bool) {
	switch s {
	case model.MISTATUS_ONLINE, model.MISTATUS_MAY_BE_AVAILABLE:
		return availOnline, true
	case model.MISTATUS_IDLE:
		return availIdle, true
	case model.MISTATUS_BUSY, model.MISTATUS_ON_THE_PHONE, model.MISTATUS_IN_A_MEETING, model.MISTATUS_IN_A_CONFERENCE:
		return availBusy, true
	case model.MISTATUS_DO_NOT_DISTURB, model.MISTATUS_ALLOW_URGENT_INTERRUPTIONS:
		return availDND, true
	case model.MISTATUS_BE_RIGHT_BACK, model.MISTATUS_OUT_TO_LUNCH:
		return availBRB, true
	case model.MISTATUS_AWAY, model.MISTATUS_OUT_OF_OFFICE:
		return availAway, true
	case model.MISTATUS_OFFLINE, model.MISTATUS_INVISIBLE:
		return availOffline, true
	}
	return 0, false // UNKNOWN, CUSTOM: no number unless one was published
}

// validAvailability: the bands from Available (3000) to Offline (18000);
// below 3000 no band is defined, above 18000 nothing more is meant.
func validAvailability(a int64) bool { return a >= availOnline && a <= availOffline }

func statusOfAvailability(a int32) model.MISTATUS {
	switch {
	case a < availIdle:
		return model.MISTATUS_ONLINE
	case a < availBusy:
		return model.MISTATUS_IDLE
	case a < availDND:
		return model.MISTATUS_BUSY
	case a < availBRB:
		return model.MISTATUS_DO_NOT_DISTURB
	case a < availAway:
		return model.MISTATUS_BE_RIGHT_BACK
	case a < availOffline:
		return model.MISTATUS_AWAY
	}
	return model.MISTATUS_INVISIBLE // published as offline: "appear offline"
}

// oleDate is a time as an OLE Automation date: days since 1899-12-30.
func oleDate(t time.Time) float64 {
	return t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

// presenceStatusLocked is the status a contact's presence reports, as
// IMessengerContact::Status answers it.
func (w *World) presenceStatusLocked(ct *contactObj) model.MISTATUS {
	switch {
	case ct.self:
		return w.myStatusLocked()
	case ct.partial():
		return model.MISTATUS_UNKNOWN
	}
	return ct.status
}

// presenceArrayLocked builds the PRESENCE_PROP_MAX slots; a slot nobody
// set is VT_EMPTY, as the page says an unset property comes back null.
func (w *World) presenceArrayLocked(ct *contactObj) model.Variant {
	slots := make([]model.Variant, model.PRESENCE_PROP_MAX)
	st := w.presenceStatusLocked(ct)
	slots[model.PRESENCE_PROP_MSTATE] = model.I4(int32(st))
	slots[model.PRESENCE_PROP_IS_BLOCKED] = model.Bool(ct.blocked)
	if ct.partial() {
		return model.Array(slots...) // nothing more is known yet
	}
	p := &ct.infov().presence
	if p.availSet && p.availFor == st {
		slots[model.PRESENCE_PROP_AVAILABILITY] = model.I4(p.availability)
	} else if a, ok := availabilityOf(st); ok {
		slots[model.PRESENCE_PROP_AVAILABILITY] = model.I4(a)
	}
	for i, s := range [...]string{model.PRESENCE_PROP_PRESENCE_NOTE: p.note, model.PRESENCE_PROP_IS_OOF: p.oof,
		model.PRESENCE_PROP_TOOL_TIP: p.toolTip, model.PRESENCE_PROP_CUSTOM_STATUS_STRING: p.custom} {
		if s != "" {
			slots[i] = model.BSTR(s)
		}
	}
	// PRESENCE_PROP_DEVICE_TYPE is documented "not used": always empty.
	if p.calSet {
		slots[model.PRESENCE_PROP_CURRENT_CALENDAR_STATE] = model.I4(int32(p.curCal))
		slots[model.PRESENCE_PROP_NEXT_CALENDAR_STATE] = model.I4(int32(p.nextCal))
	}
	if !p.nextCalTime.IsZero() {
		// "variant time, a Double": VT_R8 days since 1899-12-30
		slots[model.PRESENCE_PROP_NEXT_CALENDAR_STATE_TIME] = model.Variant{VT: model.VT_R8, Float: oleDate(p.nextCalTime)}
	}
	return model.Array(slots...)
}

func init() {
	register(model.IMessengerContact, map[string]handler{
		"PhoneNumber": hPhoneNumber,
		"Property":    hContactProperty,
	})
	register(model.IMessengerContactAdvanced, map[string]handler{
		"IsTagged":           hIsTagged,
		"PresenceProperties": hPresenceProperties,
	})
	register(model.IMessenger, map[string]handler{
		"MyPhoneNumber": hMyPhoneNumber,
	})
}

var _ = document(model.IMessengerContact, "PhoneNumber",
	cond(hresult.S_OK, ByState, "the contact has a number of that type", "bb758795"),
	cond(hresult.E_FAIL, ByArgs, "PhoneType is not HOME, WORK or MOBILE", "bb758795"),
	cond(hresult.E_FAIL, ByState, "the contact has no number of that type, or the object is not valid (signed out)", "bb758795"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb758795"),
)

func hPhoneNumber(c *call) hresult.HRESULT {
	ct := contactOf(c)
	i, ok := phoneSlot(model.MPHONE_TYPE(c.arg(0).Int))
	if !ok {
		return c.fail(hresult.E_FAIL, "PhoneType "+model.MPHONE_TYPE(c.arg(0).Int).String()+" is not HOME, WORK or MOBILE")
	}
	if !c.w.signedIn {
		// offline the contact list, and its phone data, is not there
		return c.fail(hresult.E_FAIL, "not signed in: the contact object is not valid")
	}
	if ct.infov().phones[i] == "" {
		return c.fail(hresult.E_FAIL, "the contact has no "+model.MPHONE_TYPE(i).String()+" number")
	}
	c.result = model.BSTR(ct.infov().phones[i])
	return hresult.S_OK
}

var _ = document(model.IMessenger, "MyPhoneNumber",
	cond(hresult.S_OK, ByState, "the user has a number of that type", "winmessenger/im-imessenger-myphonenumber"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "winmessenger/im-imessenger-myphonenumber"),
	cond(hresult.E_FAIL, ByState, "no number of that type", "winmessenger/im-imessenger-myphonenumber"),
	cond(hresult.E_FAIL, ByArgs, "PhoneType is not HOME, WORK or MOBILE (there is never a number of that type)", "winmessenger/im-imessenger-myphonenumber"),
)

func hMyPhoneNumber(c *call) hresult.HRESULT {
	w := c.w
	t := model.MPHONE_TYPE(c.arg(0).Int)
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	i, ok := phoneSlot(t)
	if !ok {
		return c.fail(hresult.E_FAIL, "PhoneType "+t.String()+" holds no number")
	}
	if n := w.user.self.infov().phones[i]; n != "" {
		c.result = model.BSTR(n)
		return hresult.S_OK
	}
	return c.fail(hresult.E_FAIL, "no "+t.String()+" number")
}

var _ = document(model.IMessengerContact, "Property",
	cond(hresult.S_OK, ByArgs, "MCONTACTPROP_EMAIL: the address; MCONTACTPROP_GROUPS_PROPERTY: an IMessengerGroups of the contact's groups", "winmessenger/im-imessengercontact-property"),
	cond(hresult.E_FAIL, ByState, "MCONTACTPROP_GROUPS_PROPERTY when the service has no groups (decision)", "winmessenger/im-imessengercontact-property"),
	cond(hresult.E_INVALIDARG, ByArgs, "ePropType outside MCONTACTPROPERTY, or a put (the property is read-only)", "winmessenger/im-imessengercontact-property"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller reading MCONTACTPROP_EMAIL (scriptable only for the groups property)", "winmessenger/im-imessengercontact-property"),
)

// contactGroupsProperty answers Property(MCONTACTPROP_GROUPS_PROPERTY),
// the groups the contact belongs to as an IMessengerGroups; groups.go
// sets it, beside the groups objects.
var contactGroupsProperty func(c *call, ct *contactObj) hresult.HRESULT

func hContactProperty(c *call) hresult.HRESULT {
	ct := contactOf(c)
	prop := model.MCONTACTPROPERTY(c.arg(0).Int)
	if c.kind == model.DISPATCH_PROPERTYPUT {
		return c.fail(hresult.E_INVALIDARG, "Property is read-only")
	}
	switch prop {
	case model.MCONTACTPROP_EMAIL:
		if c.cl.kind == model.CallerScript {
			return c.fail(hresult.E_NOTIMPL, "MCONTACTPROP_EMAIL is not scriptable")
		}
		c.result = model.BSTR(ct.emailAddress())
		return hresult.S_OK
	case model.MCONTACTPROP_GROUPS_PROPERTY:
		if contactGroupsProperty == nil {
			return c.fail(hresult.E_NOTIMPL, "not simulated: the groups property needs the groups objects")
		}
		return contactGroupsProperty(c, ct)
	}
	return c.fail(hresult.E_INVALIDARG, "ePropType "+prop.String()+" is not a contact property")
}

var _ = document(model.IMessengerContactAdvanced, "IsTagged",
	cond(hresult.S_OK, ByState, "read, or written on a contact of the list while signed in", "bb758717"),
	cond(hresult.E_FAIL, ByState, "signed out, or a put on the user's own contact or on a contact not on the list", "bb758717"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb758717"),
)

func hIsTagged(c *call) hresult.HRESULT {
	ct, w := contactOf(c), c.w
	if !w.signedIn {
		return c.fail(hresult.E_FAIL, "not signed in: tags are kept with the contact list")
	}
	if c.kind == model.DISPATCH_PROPERTYGET {
		c.result = model.Bool(ct.infov().tagged)
		return hresult.S_OK
	}
	if ct.self {
		return c.fail(hresult.E_FAIL, "the user's own contact cannot be tagged")
	}
	if !ct.listed {
		return c.fail(hresult.E_FAIL, "the contact is not on the contact list")
	}
	ct.mutInfo().tagged = c.arg(0).Truth()
	return hresult.S_OK
}

var _ = document(model.IMessengerContactAdvanced, "PresenceProperties",
	cond(hresult.S_OK, ByState, "read while signed in, or published on the user's own contact", "bb787249"),
	cond(hresult.E_ACCESSDENIED, ByState, "a put on any contact but the local user's", "bb787249"),
	cond(hresult.E_INVALIDARG, ByArgs, "a put of something other than an array of VARIANTs, an MSTATE that cannot be set, MSTATE and AVAILABILITY both given, or a custom status that is not a string", "bb787249"),
	cond(hresult.E_INVALIDINDEX, ByArgs, "a put with data at an index past PRESENCE_PROP_MAX (invented value)", "bb787249"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "signed out (the page's E_NOT_LOGGED_ON)", "bb787249"),
	cond(hresult.E_INVALIDAVAILABILITY, ByArgs, "a put with an availability outside 3000..18000 (invented value)", "bb787249"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb787249"),
)

func hPresenceProperties(c *call) hresult.HRESULT {
	ct, w := contactOf(c), c.w
	if c.kind == model.DISPATCH_PROPERTYGET {
		if !w.signedIn {
			return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
		}
		c.result = w.presenceArrayLocked(ct)
		return hresult.S_OK
	}
	v := c.arg(0)
	if v.VT != model.VT_ARRAY|model.VT_VARIANT {
		return c.fail(hresult.E_INVALIDARG, "vPresenceProperties is "+v.VT.String()+", not an array of VARIANTs")
	}
	if !ct.self {
		return c.fail(hresult.E_ACCESSDENIED, "presence can be published only on the local user's contact")
	}
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	for i := int(model.PRESENCE_PROP_MAX); i < len(v.Array); i++ {
		if !isNothing(v.Array[i]) {
			return c.fail(hresult.E_INVALIDINDEX, "data at index "+strconv.Itoa(i)+", past PRESENCE_PROP_MAX")
		}
	}
	slot := func(p model.PRESENCE_PROPERTY) model.Variant {
		if int(p) < len(v.Array) {
			return v.Array[p]
		}
		return model.Variant{}
	}
	// MSTATE: empty or MISTATUS_UNKNOWN means "not this one".
	var status model.MISTATUS
	if ms := slot(model.PRESENCE_PROP_MSTATE); !isNothing(ms) {
		n, hr := toI4(ms)
		if hr != hresult.S_OK {
			return c.fail(hresult.E_INVALIDARG, "PRESENCE_PROP_MSTATE is "+ms.VT.String()+", not a MISTATUS")
		}
		status = model.MISTATUS(n.Int)
		if status != model.MISTATUS_UNKNOWN && !settable(status) {
			return c.fail(hresult.E_INVALIDARG, "PRESENCE_PROP_MSTATE "+status.String()+" cannot be published")
		}
	}
	var avail int32
	haveAvail := false
	if av := slot(model.PRESENCE_PROP_AVAILABILITY); !isNothing(av) {
		if !av.IsInteger() && av.VT != model.VT_R4 && av.VT != model.VT_R8 && av.VT != model.VT_BSTR {
			return c.fail(hresult.E_INVALIDARG, "PRESENCE_PROP_AVAILABILITY is "+av.VT.String()+", not a number")
		}
		n, hr := toI4(av)
		if hr == hresult.DISP_E_TYPEMISMATCH {
			return c.fail(hresult.E_INVALIDARG, "PRESENCE_PROP_AVAILABILITY is not a number")
		}
		if hr != hresult.S_OK || !validAvailability(n.Int) {
			return c.fail(hresult.E_INVALIDAVAILABILITY, "availability "+av.String()+" is outside 3000..18000")
		}
		if status != model.MISTATUS_UNKNOWN {
			return c.fail(hresult.E_INVALIDARG, "set PRESENCE_PROP_MSTATE empty or MISTATUS_UNKNOWN to publish an availability")
		}
		avail, haveAvail = int32(n.Int), true
	}
	custom, haveCustom := "", false
	if cs := slot(model.PRESENCE_PROP_CUSTOM_STATUS_STRING); !isNothing(cs) {
		if cs.VT != model.VT_BSTR {
			return c.fail(hresult.E_INVALIDARG, "PRESENCE_PROP_CUSTOM_STATUS_STRING is "+cs.VT.String()+", not a string")
		}
		custom, haveCustom = cs.Str, true
	}
	// Every check passed: publish. The other slots describe what the user
	// cannot publish (blocked, notes from Outlook, calendar) and are ignored,
	// so an array read, changed and put back works.
	p := &w.user.self.mutInfo().presence
	if haveCustom {
		p.custom = custom
	}
	switch {
	case haveAvail:
		st := statusOfAvailability(avail)
		p.availability, p.availFor, p.availSet = avail, st, true
		w.setMyStatusLocked(st)
	case status != model.MISTATUS_UNKNOWN:
		w.setMyStatusLocked(status)
	}
	return hresult.S_OK
}

// isNothing: an array slot the caller left empty.
func isNothing(v model.Variant) bool { return v.VT == model.VT_EMPTY || v.VT == model.VT_NULL }
