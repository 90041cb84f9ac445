package sim

import (
	"fmt"
	"time"

	"github.com/fakemessenger/fakemessenger/model"
)

// ScenarioPhones are a person's numbers by MPHONE_TYPE; "" is none.
type ScenarioPhones struct {
	Home   string `json:"home,omitempty"`
	Work   string `json:"work,omitempty"`
	Mobile string `json:"mobile,omitempty"`
}

func (p *ScenarioPhones) numbers() [3]string {
	if p == nil {
		return [3]string{}
	}
	return [3]string{model.MPHONE_TYPE_HOME: p.Home, model.MPHONE_TYPE_WORK: p.Work, model.MPHONE_TYPE_MOBILE: p.Mobile}
}

// ScenarioPresence seeds a contact's presence properties (the status has
// its own field). Calendar states are CALENDAR_STATE names ("busy" or
// "CALENDAR_STATE_BUSY"); the time is RFC 3339.
type ScenarioPresence struct {
	Availability      *int32     `json:"availability,omitempty"`
	Note              string     `json:"note,omitempty"`
	OutOfOffice       string     `json:"outOfOffice,omitempty"`
	ToolTip           string     `json:"toolTip,omitempty"`
	CustomStatus      string     `json:"customStatus,omitempty"`
	CalendarState     string     `json:"calendarState,omitempty"`
	NextCalendarState string     `json:"nextCalendarState,omitempty"`
	NextCalendarTime  *time.Time `json:"nextCalendarTime,omitempty"`
}

// Presence turns the scenario form into a presence change; it fails on a
// calendar state that is no CALENDAR_STATE or an availability out of range.
func (sp ScenarioPresence) Presence() (Presence, error) {
	pr := Presence{Availability: sp.Availability, NextCalendarTime: sp.NextCalendarTime}
	for _, f := range []struct {
		dst **string
		v   string
	}{{&pr.Note, sp.Note}, {&pr.OutOfOffice, sp.OutOfOffice}, {&pr.ToolTip, sp.ToolTip}, {&pr.CustomStatus, sp.CustomStatus}} {
		if f.v != "" {
			v := f.v
			*f.dst = &v
		}
	}
	for _, f := range []struct {
		dst  **model.CALENDAR_STATE
		v    string
		name string
	}{{&pr.CalendarState, sp.CalendarState, "calendarState"}, {&pr.NextCalendar, sp.NextCalendarState, "nextCalendarState"}} {
		if f.v == "" {
			continue
		}
		c, ok := model.ParseCALENDAR_STATE(f.v)
		if !ok {
			return Presence{}, fmt.Errorf("%w: %s: %q is not a CALENDAR_STATE", ErrBadValue, f.name, f.v)
		}
		*f.dst = &c
	}
	if hasNewline(sp.CustomStatus) {
		return Presence{}, fmt.Errorf("%w: customStatus has a line break", ErrBadValue)
	}
	return pr, pr.check()
}

func checkPhones(p *ScenarioPhones) error {
	for t, n := range p.numbers() {
		if _, err := checkPhone(model.MPHONE_TYPE(t), n); err != nil {
			return err
		}
	}
	return nil
}

func (u ScenarioUser) validateDetails() error {
	if err := checkPhones(u.Phones); err != nil {
		return fmt.Errorf("scenario: user.phones: %w", err)
	}
	if u.Email != "" {
		if err := checkEmail(u.Email); err != nil {
			return fmt.Errorf("scenario: user.email: %w", err)
		}
	}
	return nil
}

func (c ScenarioContact) validateDetails(i int) error {
	if err := checkPhones(c.Phones); err != nil {
		return fmt.Errorf("scenario: contacts[%d].phones: %w", i, err)
	}
	if c.Email != "" {
		if err := checkEmail(c.Email); err != nil {
			return fmt.Errorf("scenario: contacts[%d].email: %w", i, err)
		}
	}
	if c.Presence != nil {
		if _, err := c.Presence.Presence(); err != nil {
			return fmt.Errorf("scenario: contacts[%d].presence: %w", i, err)
		}
	}
	return nil
}

// applyContactScenarioLocked seeds what the scenario says about phones,
// e-mail, tags and presence (the scenario was validated).
func (w *World) applyContactScenarioLocked(s Scenario) {
	w.user.self.info = nil // nothing carries over a reset
	if ph, e := s.User.Phones.numbers(), s.User.Email; ph != [3]string{} || e != "" {
		x := w.user.self.mutInfo()
		x.phones, x.email = ph, e
	}
	for _, sc := range s.Contacts {
		ct := w.byName[model.NormalizeSigninName(sc.SigninName)]
		if ct == nil {
			continue
		}
		ct.info = nil
		if ph := sc.Phones.numbers(); ph != [3]string{} || sc.Email != "" || sc.Tagged {
			x := ct.mutInfo()
			x.phones, x.email, x.tagged = ph, sc.Email, sc.Tagged
		}
		if sc.Presence != nil {
			pr, _ := sc.Presence.Presence()
			ct.applyPresence(pr)
		}
	}
}

// StateContactInfo is what State shows of a contact's (or the user's,
// IsSelf) phones, e-mail, tag and presence properties.
type StateContactInfo struct {
	SigninName string            `json:"signinName"`
	IsSelf     bool              `json:"isSelf,omitempty"`
	Phones     ScenarioPhones    `json:"phones"`
	Email      string            `json:"email"`
	Tagged     bool              `json:"tagged"`
	Presence   map[string]string `json:"presence"`
}

func (w *World) contactInfoStateLocked() []StateContactInfo {
	out := []StateContactInfo{}
	add := func(ct *contactObj) {
		ph := ct.infov().phones
		si := StateContactInfo{SigninName: ct.signin, IsSelf: ct.self, Email: ct.emailAddress(), Tagged: ct.infov().tagged,
			Phones: ScenarioPhones{Home: ph[0], Work: ph[1], Mobile: ph[2]}, Presence: map[string]string{}}
		for i, v := range w.presenceArrayLocked(ct).Array {
			if v.VT != model.VT_EMPTY {
				si.Presence[model.PRESENCE_PROPERTY(i).String()] = v.String()
			}
		}
		out = append(out, si)
	}
	add(w.user.self)
	for _, ct := range w.contacts {
		add(ct)
	}
	return out
}
