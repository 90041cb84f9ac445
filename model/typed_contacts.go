package model

import "context"

// Typed members of the contacts area: phone numbers, the contact
// property, the Communicator 2007 contact additions (tag, presence
// properties), and the IMessenger members that open Communicator UI.

// PhoneNumber is IMessengerContact::PhoneNumber for HOME, WORK or MOBILE.
func (c ContactMethods) PhoneNumber(ctx context.Context, t MPHONE_TYPE) (string, error) {
	r, err := c.get(ctx, "PhoneNumber", I4(int32(t)))
	return r.Str, err
}

// Property is IMessengerContact::Property: the e-mail address
// (MCONTACTPROP_EMAIL, a VT_BSTR) or the contact's groups.
func (c ContactMethods) Property(ctx context.Context, p MCONTACTPROPERTY) (Variant, error) {
	return c.get(ctx, "Property", I4(int32(p)))
}

// IsTagged is IMessengerContactAdvanced::IsTagged.
func (c ContactMethods) IsTagged(ctx context.Context) (bool, error) {
	return c.getBool(ctx, "IsTagged")
}

// SetIsTagged tags or untags the contact.
func (c ContactMethods) SetIsTagged(ctx context.Context, tagged bool) error {
	return c.put(ctx, "IsTagged", Bool(tagged))
}

// PresenceProperties is IMessengerContactAdvanced::PresenceProperties:
// PRESENCE_PROP_MAX slots indexed by PRESENCE_PROPERTY, VT_EMPTY where
// nothing is set.
func (c ContactMethods) PresenceProperties(ctx context.Context) ([]Variant, error) {
	r, err := c.get(ctx, "PresenceProperties")
	return r.Array, err
}

// SetPresenceProperties publishes the local user's presence (status,
// availability, custom status string); other contacts answer E_ACCESSDENIED.
func (c ContactMethods) SetPresenceProperties(ctx context.Context, slots []Variant) error {
	return c.put(ctx, "PresenceProperties", Array(slots...))
}

// MyPhoneNumber is IMessenger::MyPhoneNumber for HOME, WORK or MOBILE.
func (m MessengerMethods) MyPhoneNumber(ctx context.Context, t MPHONE_TYPE) (string, error) {
	r, err := m.get(ctx, "MyPhoneNumber", I4(int32(t)))
	return r.Str, err
}

// AddContact opens the Add a Contact wizard (IMessenger::AddContact);
// the contact is added when the person finishes it. An empty email opens
// the wizard on its first page.
func (m MessengerMethods) AddContact(ctx context.Context, hwndParent int32, email string) error {
	_, err := m.call(ctx, "AddContact", I4(hwndParent), BSTR(email))
	return err
}

// FindContact opens the wizard on its search page. City, state and
// country are optional: pass Empty() to leave one out.
func (m MessengerMethods) FindContact(ctx context.Context, hwndParent int32, firstName, lastName string, city, state, country Variant) error {
	_, err := m.call(ctx, "FindContact", I4(hwndParent), BSTR(firstName), BSTR(lastName), city, state, country)
	return err
}

// ViewProfile opens a browser on the contact's profile.
func (m MessengerMethods) ViewProfile(ctx context.Context, vContact Variant) error {
	_, err := m.call(ctx, "ViewProfile", vContact)
	return err
}

// MediaWizard opens the Audio and Video Tuning Wizard.
func (m MessengerMethods) MediaWizard(ctx context.Context, hwndParent int32) error {
	_, err := m.call(ctx, "MediaWizard", I4(hwndParent))
	return err
}

// SendMail opens a new e-mail message to the contact.
func (m MessengerMethods) SendMail(ctx context.Context, vContact Variant) error {
	_, err := m.call(ctx, "SendMail", vContact)
	return err
}
