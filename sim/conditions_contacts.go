package sim

import (
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Documented return values of the contact members whose handlers predate
// issue 7 (contact.go, GetContact in messenger.go). Null [out] pointers
// (RPC_X_NULL_REF_POINTER) cannot arise over IDispatch and are left out.

var _ = document(model.IMessenger, "GetContact",
	cond(hresult.S_OK, ByState, "a listed contact, or a partly valid one for a name not on the list", "bb758743"),
	cond(hresult.E_INVALIDARG, ByArgs, "bstrSigninName empty (our decision), over 129 characters or with spaces/CR/LF; bstrServiceId over 38 characters, with spaces, or not Communicator's", "bb758743"),
	cond(hresult.E_FAIL, ByArgs, "bstrSigninName or bstrServiceId is a NULL string", "bb758743"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "bb758743"),
	cond(hresult.MSGR_E_USER_NOT_FOUND, ByFault, "listed, but the remarks make a non-listed name S_OK", "bb758743"),
)

var _ = document(model.IMessengerContact, "FriendlyName",
	cond(hresult.S_OK, ByState, "the display name (the sign-in name for a contact not on the list)", "bb758776"),
	cond(hresult.E_FAIL, ByFault, "the name comes back as a NULL string", "bb758776"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "the VARIANT library failed", "bb758776"),
)

var _ = document(model.IMessengerContact, "Status",
	cond(hresult.S_OK, ByState, "the contact's status (MISTATUS_UNKNOWN signed out or not on the list)", "bb758775"),
)

var _ = document(model.IMessengerContact, "SigninName",
	cond(hresult.S_OK, ByState, "the sign-in name", "bb758772"),
	cond(hresult.E_FAIL, ByFault, "the name comes back as a NULL string", "bb758772"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "an internal string operation failed", "bb758772"),
)

var _ = document(model.IMessengerContact, "ServiceName",
	cond(hresult.S_OK, ByState, "the service's display name", "bb758766"),
	cond(hresult.E_FAIL, ByFault, "a general internal failure", "bb758766"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "an internal string copy failed", "bb758766"),
)

var _ = document(model.IMessengerContact, "ServiceId",
	cond(hresult.S_OK, ByState, "always the Communications Server's service ID", "bb787246"),
	cond(hresult.E_INVALIDARG, ByFault, "'a general internal failure' (the page's code for it)", "bb787246"),
)

var _ = document(model.IMessengerContact, "IsSelf",
	cond(hresult.S_OK, ByState, "TRUE for the local user while signed in; FALSE offline", "bb758790"),
	cond(hresult.E_FAIL, ByFault, "an internal failure", "bb758790"),
)

var _ = document(model.IMessengerContact, "Blocked",
	cond(hresult.S_OK, ByState, "read (FALSE offline), or the request sent: OnContactBlockChange follows", "bb787238"),
	cond(hresult.S_FALSE, ByState, "a put to the state the contact is in", "bb787238"),
	cond(hresult.E_FAIL, ByState, "a put while signed out, or on the local user", "bb787238"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "the VARIANT library failed", "bb787238"),
	cond(hresult.DISP_E_BADVARTYPE, ByFault, "the VARIANT library failed", "bb787238"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb787238"),
)

var _ = document(model.IMessengerContacts, "Count",
	cond(hresult.S_OK, ByState, "the number of contacts (0 offline)", "winmessenger/im-imessengercontacts-count"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb758746"),
)

var _ = document(model.IMessengerContacts, "Item",
	cond(hresult.S_OK, ByArgs, "an index inside the collection", "winmessenger/im-imessengercontacts-item"),
	cond(hresult.E_INVALIDARG, ByArgs, "a negative index", "winmessenger/im-imessengercontacts-item"),
	cond(hresult.E_FAIL, ByArgs, "an index past the end of the collection", "winmessenger/im-imessengercontacts-item"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb758746"),
)

var _ = document(model.IMessengerContacts, "Remove",
	cond(hresult.S_OK, ByState, "the request was sent: OnContactListRemove carries the server's answer", "winmessenger/im-imessengercontacts-remove"),
	cond(hresult.E_FAIL, ByState, "pMContact is not in the collection (not listed, signed out, a conversation's contacts)", "winmessenger/im-imessengercontacts-remove"),
	cond(hresult.E_POINTER, ByArgs, "pMContact is NULL", "winmessenger/im-imessengercontacts-remove"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "winmessenger/im-imessengercontacts-remove"),
)
