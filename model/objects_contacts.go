package model

import "context"

// MessengerContactsArea is what the contacts work adds to Messenger: the
// user's phone numbers and the members that open Communicator UI (the
// person answers the dialog they open). The lead embeds it in Messenger.
type MessengerContactsArea interface {
	MyPhoneNumber(ctx context.Context, t MPHONE_TYPE) (string, error)
	AddContact(ctx context.Context, hwndParent int32, email string) error
	FindContact(ctx context.Context, hwndParent int32, firstName, lastName string, city, state, country Variant) error
	ViewProfile(ctx context.Context, vContact Variant) error
	MediaWizard(ctx context.Context, hwndParent int32) error
	SendMail(ctx context.Context, vContact Variant) error
}

// ContactAdvanced is what the contacts work adds to Contact:
// IMessengerContact's phone numbers and property, and
// IMessengerContactAdvanced's tag and presence properties.
type ContactAdvanced interface {
	PhoneNumber(ctx context.Context, t MPHONE_TYPE) (string, error)
	Property(ctx context.Context, p MCONTACTPROPERTY) (Variant, error)
	IsTagged(ctx context.Context) (bool, error)
	SetIsTagged(ctx context.Context, tagged bool) error
	PresenceProperties(ctx context.Context) ([]Variant, error)
	SetPresenceProperties(ctx context.Context, slots []Variant) error
}
