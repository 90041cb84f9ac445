package sim

import (
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// The documented return values of the members simulated from the start,
// kept together because their handlers share files with much else (the
// contact members' are in conditions_contacts.go). Pages
// are Communicator 2007 SDK ids (bbNNNNNN) or Windows Messenger pages
// (wm:...), on learn.microsoft.com.

const oom = "an allocation fails inside Communicator"

var _ = document(model.IMessenger, "InstantMessage",
	cond(hresult.S_OK, ByState, "a window opens, or the contact's open window is returned", "bb787229"),
	cond(hresult.S_FALSE, ByState, "the person closes the window before it is returned (Person.CloseNextWindows)", "bb787229"),
	cond(hresult.E_FAIL, ByState, "no window handle can be had (the handle quota)", "bb787229"),
	cond(hresult.E_FAIL, ByArgs, "the contact is the signed-in user", "wm:im-imessenger-instantmessage"),
	cond(hresult.E_INVALIDARG, ByArgs, "vContact NULL, a NULL string, leading space, over 129 characters, CR/LF, or the wrong type", "wm:im-imessenger-instantmessage"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "signed out", "wm:im-imessenger-instantmessage"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "ppMWindow is NULL", "wm:im-imessenger-instantmessage"),
)

var _ = document(model.IMessenger, "MyServiceId",
	cond(hresult.S_OK, ByState, "the service's GUID, offline too", "wm:im-imessenger-myserviceid"),
	cond(hresult.E_FAIL, ByFault, "general failure", "wm:im-imessenger-myserviceid"),
)

var _ = document(model.IMessenger, "MySigninName",
	cond(hresult.S_OK, ByState, "signed in", "bb787252"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "signed out", "bb787252"),
	cond(hresult.E_FAIL, ByFault, "offline (the docs give two codes; signed out answers MSGR_E_NOT_LOGGED_ON)", "bb787252"),
	cond(hresult.E_OUTOFMEMORY, ByFault, oom, "bb787252"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb787252"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "pbstrName is NULL", "bb787252"),
)

var _ = document(model.IMessenger, "MyFriendlyName",
	cond(hresult.S_OK, ByState, "the user's display name; \"\" when signed out", "wm:im-imessenger-myfriendlyname"),
	cond(hresult.E_FAIL, ByFault, "the local user is disconnected", "wm:im-imessenger-myfriendlyname"),
	cond(hresult.E_OUTOFMEMORY, ByFault, oom, "wm:im-imessenger-myfriendlyname"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "pbstrName is NULL", "wm:im-imessenger-myfriendlyname"),
)

var _ = document(model.IMessenger, "MyStatus",
	cond(hresult.S_OK, ByState, "get the status; put a settable one", "bb787215"),
	cond(hresult.E_INVALIDARG, ByArgs, "put UNKNOWN, OFFLINE, a LOCAL_* or an undocumented value (decision)", "bb787215"),
	cond(hresult.E_NOTIMPL, ByCaller, "put by a script caller (only get is scriptable)", "bb787215"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "pmiStatus is NULL", "bb787215"),
)

var _ = document(model.IMessenger, "MyContacts",
	cond(hresult.S_OK, ByState, "the contact list; empty when signed out", "bb758815"),
	cond(hresult.E_FAIL, ByFault, "an error creating the list", "bb758815"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "ppMContacts is NULL", "bb758815"),
)

var _ = document(model.IMessenger, "Window",
	cond(hresult.S_OK, ByState, "the main window object", "wm:im-imessenger-window"),
	cond(hresult.E_FAIL, ByFault, "the client is not responding", "wm:im-imessenger-window"),
	cond(hresult.E_INVALIDARG, ByFault, "the client is not responding", "wm:im-imessenger-window"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "ppMWindow is NULL", "wm:im-imessenger-window"),
)

var _ = document(model.IMessenger, "MyServiceName",
	cond(hresult.S_OK, ByState, "the service's name", "wm:im-imessenger-myservicename"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "pbstrServiceName is NULL", "wm:im-imessenger-myservicename"),
)

// IMessengerWindow, for the main window and conversation windows alike.
var _ = document(model.IMessengerWindow, "Close",
	cond(hresult.S_OK, ByState, "the window closes (the main one to the tray)", "bb758747"),
	cond(hresult.S_FALSE, ByState, "the main window is already closed; or the person refuses the confirmation dialog", "wm:im-imessengerwindow-close"),
	cond(hresult.E_FAIL, ByState, "a destroyed conversation window (no window handle)", "bb758747"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb758747"),
)

var _ = document(model.IMessengerWindow, "Show",
	cond(hresult.S_OK, ByState, "the window is shown (also when it already was)", "bb787227"),
	cond(hresult.E_FAIL, ByState, "the window instance has been destroyed", "bb787227"),
)

var _ = document(model.IMessengerWindow, "IsClosed",
	cond(hresult.S_OK, ByState, "VARIANT_TRUE for the main window in the tray, else VARIANT_FALSE", "bb758769"),
	cond(hresult.E_FAIL, ByState, "a conversation window closed but not released", "bb758769"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "pBoolClose is NULL", "bb758769"),
)

var _ = document(model.IMessengerWindow, "HWND",
	cond(hresult.S_OK, ByState, "the window's handle", "bb787224"),
	cond(hresult.E_FAIL, ByState, "no window handle: the window is closed", "bb787224"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller", "bb787224"),
	cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "phWnd is NULL", "bb787224"),
)

func init() {
	for _, g := range []struct{ name, doc string }{{"Left", "bb787202"}, {"Top", "bb787226"}, {"Width", "bb758771"}, {"Height", "bb787213"}} {
		document(model.IMessengerWindow, g.name,
			cond(hresult.S_OK, ByState, "read or set the position or size (-32000 when minimized)", g.doc),
			cond(hresult.E_FAIL, ByState, "no window handle: the window is closed", g.doc),
			cond(hresult.E_NOTIMPL, ByCaller, "a script caller", g.doc),
			cond(hresult.RPC_X_NULL_REF_POINTER, NullPointer, "the out pointer is NULL", g.doc),
		)
	}
}

var _ = document(model.IMessengerConversationWnd, "Contacts",
	cond(hresult.S_OK, ByState, "the participants but the local user", "bb758733"),
	cond(hresult.E_FAIL, ByState, "the conversation window is closed", "bb758733"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller", "bb758818"),
)

var _ = document(model.IMessengerConversationWnd, "History",
	cond(hresult.S_OK, ByState, "the conversation as HTML", "bb758818"),
	cond(hresult.E_FAIL, ByState, "the conversation window is closed", "bb758818"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller", "bb758818"),
)

var _ = document(model.IMessengerConversationWnd, "AddContact",
	cond(hresult.S_OK, ByState, "the contact joins (or already takes part)", "bb787244"),
	cond(hresult.E_FAIL, ByState, "signed out, or the window is closed", "bb787244"),
	cond(hresult.E_FAIL, ByArgs, "the contact is the signed-in user", "bb787244"),
	cond(hresult.E_INVALIDARG, ByArgs, "vContact NULL, a NULL string, leading space, over 129 characters, CR/LF, or the wrong type", "bb787244"),
	cond(hresult.MSGR_E_SESSION_FULL, ByState, "the conversation has the most participants allowed", "bb787244"),
)
