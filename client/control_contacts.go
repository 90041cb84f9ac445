package client

import (
	"context"
	"net/http"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// The person's contact-list actions and answers to Communicator dialogs
// (see sim.Person for what each does). A name not on the list or a dialog
// that is not open is a 404 *ProtocolError, a bad value 400, anything the
// world's state forbids (signed out, already blocked) 409.

// AddContact is the person adding a contact in the UI: OnContactListAdd.
func (c *Client) AddContact(ctx context.Context, signinName, friendlyName string) error {
	return c.control(ctx, "contacts", map[string]string{"signinName": signinName, "friendlyName": friendlyName})
}

// RemoveContact is the person deleting a contact: OnContactListRemove.
func (c *Client) RemoveContact(ctx context.Context, signinName string) error {
	return c.control(ctx, "contacts/remove", map[string]string{"signinName": signinName})
}

// RenameContact is a contact changing their display name:
// OnContactFriendlyNameChange.
func (c *Client) RenameContact(ctx context.Context, signinName, friendlyName string) error {
	return c.control(ctx, "contacts/rename", map[string]string{"signinName": signinName, "friendlyName": friendlyName})
}

// BlockContact is the person blocking or unblocking: OnContactBlockChange.
func (c *Client) BlockContact(ctx context.Context, signinName string, blocked bool) error {
	return c.control(ctx, "contacts/block", map[string]any{"signinName": signinName, "blocked": blocked})
}

// SetContactPhone changes a contact's number ("" clears it):
// OnContactPhoneChange.
func (c *Client) SetContactPhone(ctx context.Context, signinName string, t model.MPHONE_TYPE, number string) error {
	return c.control(ctx, "contacts/phone", map[string]string{"signinName": signinName, "phoneType": t.String(), "number": number})
}

// SetContactEmail changes a contact's e-mail property: OnContactPropertyChange.
func (c *Client) SetContactEmail(ctx context.Context, signinName, email string) error {
	return c.control(ctx, "contacts/email", map[string]string{"signinName": signinName, "email": email})
}

// Presence is a change of a contact's presence properties; nil fields
// stay as they are.
type Presence struct {
	Status            *model.MISTATUS
	Availability      *int32
	Note              *string
	OutOfOffice       *string
	ToolTip           *string
	CustomStatus      *string
	CalendarState     *model.CALENDAR_STATE
	NextCalendarState *model.CALENDAR_STATE
	NextCalendarTime  *time.Time
}

// SetContactPresence changes a contact's presence properties; clients
// hear OnContactStatusChange.
func (c *Client) SetContactPresence(ctx context.Context, signinName string, p Presence) error {
	body := map[string]any{"signinName": signinName}
	if p.Status != nil {
		body["status"] = p.Status.String()
	}
	if p.Availability != nil {
		body["availability"] = *p.Availability
	}
	for k, v := range map[string]*string{"note": p.Note, "outOfOffice": p.OutOfOffice, "toolTip": p.ToolTip, "customStatus": p.CustomStatus} {
		if v != nil {
			body[k] = *v
		}
	}
	if p.CalendarState != nil {
		body["calendarState"] = p.CalendarState.String()
	}
	if p.NextCalendarState != nil {
		body["nextCalendarState"] = p.NextCalendarState.String()
	}
	if p.NextCalendarTime != nil {
		body["nextCalendarTime"] = p.NextCalendarTime.UTC().Format(time.RFC3339Nano)
	}
	return c.control(ctx, "contacts/presence", body)
}

// FailNextContactRequest makes the server answer the next add, remove or
// block request with hr, reported through its event.
func (c *Client) FailNextContactRequest(ctx context.Context, hr hresult.HRESULT) error {
	name := hr.Name()
	if name == "" {
		name = hr.Hex()
	}
	return c.control(ctx, "contacts/fail-next", map[string]string{"hresult": name})
}

// SetMyFriendlyName is the person changing their display name:
// OnMyFriendlyNameChange.
func (c *Client) SetMyFriendlyName(ctx context.Context, friendlyName string) error {
	return c.control(ctx, "me/friendly-name", map[string]string{"friendlyName": friendlyName})
}

// SetMyPhone is the person changing their own number: OnMyPhoneChange.
func (c *Client) SetMyPhone(ctx context.Context, t model.MPHONE_TYPE, number string) error {
	return c.control(ctx, "me/phone", map[string]string{"phoneType": t.String(), "number": number})
}

// SetMyEmail changes the user's e-mail property: OnMyPropertyChange.
func (c *Client) SetMyEmail(ctx context.Context, email string) error {
	return c.control(ctx, "me/email", map[string]string{"email": email})
}

// OpenUIDialog is the person opening a dialog (sim.DialogOptions,
// sim.DialogSignIn, the wizards); it returns the dialog's ID.
func (c *Client) OpenUIDialog(ctx context.Context, kind string) (int, error) {
	var reply struct {
		ID int `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, "/v1/control/dialogs", nil, map[string]string{"kind": kind}, &reply)
	return reply.ID, err
}

// FinishUIDialog is the person completing a dialog with the values they
// entered (the Add a Contact wizard takes "signinName", "friendlyName").
func (c *Client) FinishUIDialog(ctx context.Context, id int, values map[string]string) error {
	return c.control(ctx, "dialogs/finish", map[string]any{"id": id, "values": values})
}

// CancelUIDialog is the person cancelling or closing a dialog.
func (c *Client) CancelUIDialog(ctx context.Context, id int) error {
	return c.control(ctx, "dialogs/cancel", map[string]any{"id": id})
}
