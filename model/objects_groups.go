package model

import (
	"context"
	"iter"
)

// The objects of issue 7a: groups, services and enumerators, and the
// messenger members that reach them. The lead embeds MessengerGroups
// into Messenger and ContactsEnum into Contacts when merging.

// MessengerGroups are the root object's group, service and
// messenger-level members (IMessenger through IMessengerAdvanced, and
// IMessengerContactResolution).
type MessengerGroups interface {
	MyGroups(ctx context.Context) (Groups, error)
	CreateGroup(ctx context.Context, name string, vService Variant) (Group, error)
	ContactsSortOrder(ctx context.Context) (MUASORT, error)
	SetContactsSortOrder(ctx context.Context, s MUASORT) error
	Services(ctx context.Context) (Services, error)
	Property(ctx context.Context, p MMESSENGERPROPERTY) (Variant, error)
	SetProperty(ctx context.Context, p MMESSENGERPROPERTY, v Variant) error
	MyProperty(ctx context.Context, p MCONTACTPROPERTY) (Variant, error)
	SetMyProperty(ctx context.Context, p MCONTACTPROPERTY, v Variant) error
	ReceiveFileDirectory(ctx context.Context) (string, error)
	UnreadEmailCount(ctx context.Context, f MUAFOLDER) (int32, error)
	GetAuthenticationInfo(ctx context.Context) (string, error)
	ResolveContact(ctx context.Context, a ADDRESS_TYPE, r CONTACT_RESOLUTION_TYPE, address string) (string, error)
}

// ContactsEnum is _NewEnum on IMessengerContacts, and a Go loop over it.
type ContactsEnum interface {
	NewEnum(ctx context.Context) (Enum, error)
	All(ctx context.Context) iter.Seq2[Contact, error]
}

// Groups is IMessengerGroups.
type Groups interface {
	Dispatch
	Count(ctx context.Context) (int32, error)
	Item(ctx context.Context, index int32) (Group, error)
	Remove(ctx context.Context, g Group) error
	NewEnum(ctx context.Context) (Enum, error)
	All(ctx context.Context) iter.Seq2[Group, error]
}

// Group is IMessengerGroup (Service is Not supported in Communicator 2007
// and has no typed method).
type Group interface {
	Dispatch
	Name(ctx context.Context) (string, error)
	SetName(ctx context.Context, name string) error
	Contacts(ctx context.Context) (Contacts, error)
	AddContact(ctx context.Context, vContact Variant) error
	RemoveContact(ctx context.Context, vContact Variant) error
}

// Services is IMessengerServices.
type Services interface {
	Dispatch
	Count(ctx context.Context) (int32, error)
	Item(ctx context.Context, index int32) (Service, error)
	PrimaryService(ctx context.Context) (Service, error)
	NewEnum(ctx context.Context) (Enum, error)
	All(ctx context.Context) iter.Seq2[Service, error]
}

// Service is IMessengerService (Property is Not supported).
type Service interface {
	Dispatch
	ServiceName(ctx context.Context) (string, error)
	ServiceID(ctx context.Context) (string, error)
	MyFriendlyName(ctx context.Context) (string, error)
	MyStatus(ctx context.Context) (MISTATUS, error)
	MySigninName(ctx context.Context) (string, error)
}

// Enum is the IEnumVARIANT a collection's _NewEnum returns: a snapshot of
// the collection taken when it was made.
type Enum interface {
	Dispatch
	// Next returns up to celt items; fewer than celt (the end reached)
	// comes with an *hresult.Error carrying S_FALSE, as IEnumVARIANT::Next.
	Next(ctx context.Context, celt int32) ([]Variant, error)
	// Skip passes celt items; S_FALSE when fewer remained.
	Skip(ctx context.Context, celt int32) error
	Reset(ctx context.Context) error
	Clone(ctx context.Context) (Enum, error)
}
