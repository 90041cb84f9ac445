package model

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
)

// InvokeKind is the wFlags of IDispatch::Invoke. A late-bound `coll(i)`
// sends DISPATCH_METHOD|DISPATCH_PROPERTYGET.
type InvokeKind uint16

// IDispatch::Invoke flags (oaidl.h values).
const (
	DISPATCH_METHOD         InvokeKind = 1
	DISPATCH_PROPERTYGET    InvokeKind = 2
	DISPATCH_PROPERTYPUT    InvokeKind = 4
	DISPATCH_PROPERTYPUTREF InvokeKind = 8
)

// invokeKindNames are the protocol's spellings of each flag, in the
// order String joins them.
var invokeKindNames = [...]struct {
	k    InvokeKind
	name string
}{{DISPATCH_METHOD, "method"}, {DISPATCH_PROPERTYGET, "propget"}, {DISPATCH_PROPERTYPUT, "propput"}, {DISPATCH_PROPERTYPUTREF, "propputref"}}

// String spells the flags as the wire protocol does: "method",
// "method|propget"; "kind(N)" when N has a bit no flag names, or none.
func (k InvokeKind) String() string {
	switch k { // the common ones without building a string
	case DISPATCH_METHOD:
		return "method"
	case DISPATCH_PROPERTYGET:
		return "propget"
	case DISPATCH_PROPERTYPUT:
		return "propput"
	case DISPATCH_METHOD | DISPATCH_PROPERTYGET:
		return "method|propget"
	}
	var parts []string
	rest := k
	for _, f := range invokeKindNames {
		if rest&f.k != 0 {
			parts = append(parts, f.name)
			rest &^= f.k
		}
	}
	if rest != 0 || len(parts) == 0 {
		return "kind(" + strconv.Itoa(int(k)) + ")"
	}
	return strings.Join(parts, "|")
}

// Names lists the flags k holds, each spelled on its own.
func (k InvokeKind) Names() []string {
	out := []string{}
	for _, f := range invokeKindNames {
		if k&f.k != 0 {
			out = append(out, f.name)
		}
	}
	return out
}

// ParseInvokeKind reads String's spelling back: flags joined by "|", each
// named once.
func ParseInvokeKind(s string) (InvokeKind, bool) {
	var k InvokeKind
	for _, p := range strings.Split(s, "|") {
		found := false
		for _, f := range invokeKindNames {
			if strings.TrimSpace(p) == f.name && k&f.k == 0 {
				k |= f.k
				found = true
			}
		}
		if !found {
			return 0, false
		}
	}
	return k, true
}

// CallerKind is how the client reaches the objects: through the vtable
// (compiled C++/C#) or through IDispatch from a script host. Members the
// reference marks "Not scriptable" answer a script caller differently.
type CallerKind int

const (
	CallerCompiled CallerKind = iota
	CallerScript
)

func (c CallerKind) String() string {
	if c == CallerScript {
		return "script"
	}
	return "compiled"
}

// Dispatch is what every automation object is: an identity, the interface
// it presents, late-bound Invoke, and Release (as Marshal.ReleaseComObject).
// The same object is the same Go value everywhere one client meets it, so
// `==` works the way ReferenceEquals does in a real client's event handler.
type Dispatch interface {
	ObjectID() string
	InterfaceName() string
	Invoke(ctx context.Context, member string, kind InvokeKind, args ...Variant) (Variant, error)
	Release(ctx context.Context) error
}

// Messenger is the root object (IMessenger3 through IMessenger) as far as
// fakemessenger simulates it.
type Messenger interface {
	Dispatch
	InstantMessage(ctx context.Context, vContact Variant) (ConversationWnd, error)
	GetContact(ctx context.Context, signinName, serviceID string) (Contact, error)
	MySigninName(ctx context.Context) (string, error)
	MyServiceId(ctx context.Context) (string, error)
	MyServiceName(ctx context.Context) (string, error)
	MyFriendlyName(ctx context.Context) (string, error)
	MyStatus(ctx context.Context) (MISTATUS, error)
	SetMyStatus(ctx context.Context, s MISTATUS) error
	AutoSignin(ctx context.Context) error
	Signin(ctx context.Context, hwndParent int32, signinName, password string) error
	Signout(ctx context.Context) error
	MyContacts(ctx context.Context) (Contacts, error)
	Window(ctx context.Context) (Window, error)
	// The members added by IMessenger2, IMessenger3, IMessengerAdvanced
	// and IMessengerContactResolution, by area.
	MessengerConversations
	MessengerContactsArea
	MessengerGroups
	// Subscribe connects a DMessengerEvents sink. Events reach fn in order,
	// one at a time, never while the world is locked.
	Subscribe(ctx context.Context, fn func(Event)) (Subscription, error)
}

// Subscription is a connected event sink; Close disconnects it (Unadvise).
type Subscription interface {
	Close() error
}

// Window is IMessengerWindow.
type Window interface {
	Dispatch
	HWND(ctx context.Context) (int32, error)
	Left(ctx context.Context) (int32, error)
	SetLeft(ctx context.Context, v int32) error
	Top(ctx context.Context) (int32, error)
	SetTop(ctx context.Context, v int32) error
	Width(ctx context.Context) (int32, error)
	SetWidth(ctx context.Context, v int32) error
	Height(ctx context.Context) (int32, error)
	SetHeight(ctx context.Context, v int32) error
	// Close may block on a confirmation dialog while an action is in
	// progress; it returns when the person answers or ctx ends.
	Close(ctx context.Context) error
	Show(ctx context.Context) error
	IsClosed(ctx context.Context) (bool, error)
	Property(ctx context.Context, p MWINDOWPROPERTY) (Variant, error)
	SetProperty(ctx context.Context, p MWINDOWPROPERTY, v Variant) error
}

// ConversationWnd is IMessengerConversationWnd.
type ConversationWnd interface {
	Window
	Contacts(ctx context.Context) (Contacts, error)
	History(ctx context.Context) (string, error)
	AddContact(ctx context.Context, vContact Variant) error
	ConversationWndAdvanced
}

// Contact is IMessengerContact.
type Contact interface {
	Dispatch
	FriendlyName(ctx context.Context) (string, error)
	Status(ctx context.Context) (MISTATUS, error)
	SigninName(ctx context.Context) (string, error)
	ServiceName(ctx context.Context) (string, error)
	ServiceId(ctx context.Context) (string, error)
	Blocked(ctx context.Context) (bool, error)
	SetBlocked(ctx context.Context, b bool) error
	IsSelf(ctx context.Context) (bool, error)
	ContactAdvanced
}

// Contacts is IMessengerContacts: the contact list, or a conversation's
// participants.
type Contacts interface {
	Dispatch
	Count(ctx context.Context) (int32, error)
	Item(ctx context.Context, index int32) (Contact, error)
	Remove(ctx context.Context, c Contact) error
	ContactsEnum
}

// Param is one event argument under its documented parameter name.
type Param struct {
	Name  string
	Value Variant
}

// Event is one DMessengerEvents call, with its arguments in documented order.
type Event struct {
	Seq    uint64
	Name   string
	DISPID int32
	Time   time.Time
	Params []Param
}

// Param returns the argument with that documented name.
func (e Event) Param(name string) (Variant, bool) {
	for _, p := range e.Params {
		if p.Name == name {
			return p.Value, true
		}
	}
	return Variant{}, false
}

// HR is the event's hr argument, or S_OK for events that have none.
func (e Event) HR() hresult.HRESULT {
	if v, ok := e.Param("hr"); ok {
		return hresult.HRESULT(uint32(int32(v.Int)))
	}
	return hresult.S_OK
}

// Window is pIMWindow as a conversation window, or nil.
func (e Event) Window() ConversationWnd {
	v, _ := e.Param("pIMWindow")
	w, _ := v.Obj.(ConversationWnd)
	return w
}

// Contact is the event's contact argument (pMContact or pContact), or nil.
func (e Event) Contact() Contact {
	for _, n := range [...]string{"pMContact", "pContact"} {
		if v, ok := e.Param(n); ok {
			c, _ := v.Obj.(Contact)
			return c
		}
	}
	return nil
}

// Status is the MISTATUS argument (mStatus or mMyStatus), or MISTATUS_UNKNOWN.
func (e Event) Status() MISTATUS {
	for _, n := range [...]string{"mStatus", "mMyStatus"} {
		if v, ok := e.Param(n); ok {
			return MISTATUS(v.Int)
		}
	}
	return MISTATUS_UNKNOWN
}
