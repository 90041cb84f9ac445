package client_test

import (
	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/model"
)

// The lead embeds these into model.Messenger and model.Contacts.
var (
	_ model.MessengerGroups = (*client.Messenger)(nil)
	_ model.ContactsEnum    = (*client.Contacts)(nil)
)
