package sim

import "github.com/fakemessenger/fakemessenger/model"

// The lead embeds these into model.Messenger and model.Contacts.
var (
	_ model.MessengerGroups = (*Messenger)(nil)
	_ model.ContactsEnum    = (*Contacts)(nil)
)
