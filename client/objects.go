package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// object is what every proxy is: an ID in one world of one client, and
// the interface the server said it presents.
type object struct {
	c     *Client
	id    string
	iface string
	self  model.Dispatch // the proxy that embeds this object
	// alias is what requests name the object by when not its ID: the
	// default root is always sent as "messenger", which the server
	// resolves without a lookup by ID.
	alias string
}

// ObjectID is the ID the server gave the object: the one the journal and
// the state show ("messenger" for the default root of a world this
// client did not create, whose ID it has not learnt).
func (o *object) ObjectID() string { return o.id }

// addr is how requests name the object.
func (o *object) addr() string {
	if o.alias != "" {
		return o.alias
	}
	return o.id
}

// InterfaceName is the interface the object presents.
func (o *object) InterfaceName() string { return o.iface }

// Invoke is IDispatch::Invoke by member name: POST /v1/invoke.
func (o *object) Invoke(ctx context.Context, member string, kind model.InvokeKind, args ...model.Variant) (model.Variant, error) {
	return o.c.invoke(ctx, o, member, kind, args)
}

// Release drops one reference, as Marshal.ReleaseComObject does.
func (o *object) Release(ctx context.Context) error {
	_, err := o.c.invoke(ctx, o, "Release", model.DISPATCH_METHOD, nil)
	return err
}

func (o *object) get(ctx context.Context, member string, args ...model.Variant) (model.Variant, error) {
	return o.c.invoke(ctx, o, member, model.DISPATCH_PROPERTYGET, args)
}

func (o *object) put(ctx context.Context, member string, args ...model.Variant) error {
	_, err := o.c.invoke(ctx, o, member, model.DISPATCH_PROPERTYPUT, args)
	return err
}

func (o *object) call(ctx context.Context, member string, args ...model.Variant) (model.Variant, error) {
	return o.c.invoke(ctx, o, member, model.DISPATCH_METHOD, args)
}

// Object is a proxy for an object whose interface this client does not
// model; only Invoke and Release work on it.
type Object struct{ object }

// Messenger is a root object (IMessenger) proxy. It satisfies model.Messenger.
type Messenger struct {
	object
	released atomic.Bool // its last reference is gone: no more events
}

// Window is an IMessengerWindow proxy (the main window).
type Window struct{ windowCalls }

// ConversationWnd is an IMessengerConversationWnd proxy.
type ConversationWnd struct{ windowCalls }

// Contact is an IMessengerContact proxy.
type Contact struct{ object }

// Contacts is an IMessengerContacts proxy.
type Contacts struct{ object }

var (
	_ model.Messenger       = (*Messenger)(nil)
	_ model.Window          = (*Window)(nil)
	_ model.ConversationWnd = (*ConversationWnd)(nil)
	_ model.Contact         = (*Contact)(nil)
	_ model.Contacts        = (*Contacts)(nil)
	_ model.Dispatch        = (*Object)(nil)
)

// proxy returns this client's one proxy for id, making it when new. The
// type follows the interface the server names; iface "" (an ID seen
// without one) keeps what is known, or makes a plain Object.
func (c *Client) proxy(id, iface string) model.Dispatch {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.objects[id]; ok && (iface == "" || p.InterfaceName() == iface) {
		return p
	}
	o := object{c: c, id: id, iface: iface}
	if iface == "" {
		// Not worth remembering: nothing says what it is (a journal
		// argument naming an object this client never met).
		x := &Object{o}
		x.self = x
		return x
	}
	var p model.Dispatch
	switch iface {
	case model.IMessenger:
		x := &Messenger{object: o}
		x.self, p = x, x
	case model.IMessengerWindow:
		x := &Window{windowCalls{o}}
		x.self, p = x, x
	case model.IMessengerConversationWnd:
		x := &ConversationWnd{windowCalls{o}}
		x.self, p = x, x
	case model.IMessengerContact:
		x := &Contact{o}
		x.self, p = x, x
	case model.IMessengerContacts:
		x := &Contacts{o}
		x.self, p = x, x
	default:
		x := &Object{o}
		x.self, p = x, x
	}
	// An ID met again under another interface is a new object (the world
	// was reset and reissued it): the new proxy replaces the old.
	c.objects[id] = p
	return p
}

// releasedKept is how many released proxies stay mapped. An event raised
// before the last Release may still be on its way; it must decode to the
// proxy the caller holds. Older ones are dropped so that a long run does
// not grow the map without bound.
const releasedKept = 4096

// forget notes a proxy whose last reference is gone. The proxy itself
// keeps working: its calls answer RPC_E_DISCONNECTED, as a released COM
// proxy's do.
func (c *Client) forget(o *object) {
	if m, ok := o.self.(*Messenger); ok {
		// Roots stay mapped: "messenger" must keep naming the default one.
		m.released.Store(true)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.released) < releasedKept {
		c.released = append(c.released, o.self)
		return
	}
	old := c.released[c.nextReleased]
	if c.objects[old.ObjectID()] == old {
		delete(c.objects, old.ObjectID())
	}
	c.released[c.nextReleased] = o.self
	c.nextReleased = (c.nextReleased + 1) % releasedKept
}

// forgetAll drops every proxy but the roots after a reset: the world has
// no other objects any more, and may hand out the same IDs again.
func (c *Client) forgetAll() {
	c.mu.Lock()
	c.released, c.nextReleased = nil, 0
	for id, p := range c.objects {
		if _, root := p.(*Messenger); !root {
			delete(c.objects, id)
		}
	}
	c.mu.Unlock()
}

type invokeReply struct {
	HResult string          `json:"hresult"`
	Name    string          `json:"name"`
	Message string          `json:"message"`
	Result  json.RawMessage `json:"result"`
}

// invoke is one POST /v1/invoke. A reply that reached the sim returns its
// result and, for any HRESULT but S_OK (S_FALSE included, as the sim
// does), an *hresult.Error. Anything else is a *ProtocolError.
func (c *Client) invoke(ctx context.Context, o *object, member string, kind model.InvokeKind, args []model.Variant) (model.Variant, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	body, err := invokeBody(o.addr(), member, kind, args)
	if err != nil {
		return model.Variant{}, &ProtocolError{Title: "cannot encode the call", Detail: qualified(o.iface, member), Err: err}
	}
	var reply invokeReply
	if err := c.do(ctx, http.MethodPost, "/v1/invoke", nil, body, &reply); err != nil {
		if ctx.Err() != nil {
			// The sim answers a call whose caller gave up E_ABORT; say so
			// too, and keep the context's own error findable. Whether the
			// server finished the call first cannot be known here.
			err = &ProtocolError{Title: "the caller's context ended", Detail: qualified(o.iface, member),
				Err: errors.Join(&hresult.Error{HR: hresult.E_ABORT, Member: qualified(o.iface, member), Reason: "the caller's context ended before the reply"}, ctx.Err())}
		}
		return model.Variant{}, err
	}
	hr, err := hresult.Parse(reply.HResult)
	if err != nil {
		return model.Variant{}, &ProtocolError{Status: http.StatusOK, Title: "bad reply", Detail: "hresult " + reply.HResult, Err: err}
	}
	result, err := c.decodeVariant(reply.Result)
	if err != nil {
		return model.Variant{}, &ProtocolError{Status: http.StatusOK, Title: "bad reply", Detail: "result of " + qualified(o.iface, member), Err: err}
	}
	if hr != hresult.S_OK {
		return result, replyError(hr, qualified(o.iface, member), reply.Message)
	}
	if strings.EqualFold(member, "Release") && result.VT == model.VT_I4 && result.Int == 0 {
		c.forget(o)
	}
	return result, nil
}

// replyError rebuilds the sim's error from a reply. The server's message
// is the sim error's text, "IMessenger::GetContact: E_FAIL (0x80004005):
// why", so the member and reason are read back from it; a message of
// another shape is kept whole as the reason.
func replyError(hr hresult.HRESULT, member, message string) *hresult.Error {
	e := &hresult.Error{HR: hr, Member: member, Reason: message}
	code := hr.String()
	i := strings.Index(message, code)
	if i < 0 {
		return e
	}
	if i >= 2 && message[i-2:i] == ": " {
		e.Member = message[:i-2]
	} else if i != 0 {
		return e
	} else {
		e.Member = ""
	}
	e.Reason = strings.TrimPrefix(message[i+len(code):], ": ")
	return e
}

// qualified names a member as the sim's errors do: "IMessenger::GetContact",
// "IMessenger::?" for a name the interface does not have.
func qualified(iface, member string) string {
	if m, ok := model.LookupMember(iface, member); ok {
		return iface + "::" + m.Name
	}
	return iface + "::?"
}

func invokeBody(id, member string, kind model.InvokeKind, args []model.Variant) ([]byte, error) {
	b := make([]byte, 0, 96+48*len(args))
	b = append(b, `{"object":`...)
	b = appendJSONString(b, id)
	b = append(b, `,"member":`...)
	b = appendJSONString(b, member)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, kindString(kind))
	b = append(b, `,"args":[`...)
	for i, a := range args {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendVariant(b, a); err != nil {
			return nil, err
		}
	}
	return append(b, "]}"...), nil
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// kindString spells the Invoke flags as the protocol does: "method",
// "propget", "propput", "method|propget".
func kindString(k model.InvokeKind) string {
	switch k {
	case model.DISPATCH_METHOD, model.DISPATCH_PROPERTYGET, model.DISPATCH_PROPERTYPUT,
		model.DISPATCH_METHOD | model.DISPATCH_PROPERTYGET:
		return k.String()
	}
	var parts []string
	for _, f := range []struct {
		k    model.InvokeKind
		name string
	}{{model.DISPATCH_METHOD, "method"}, {model.DISPATCH_PROPERTYGET, "propget"},
		{model.DISPATCH_PROPERTYPUT, "propput"}, {model.DISPATCH_PROPERTYPUTREF, "propputref"}} {
		if k&f.k != 0 {
			parts = append(parts, f.name)
			k &^= f.k
		}
	}
	if k != 0 || len(parts) == 0 {
		return k.String() // not a protocol kind: the server answers 400
	}
	return strings.Join(parts, "|")
}

func parseKind(s string) model.InvokeKind {
	var k model.InvokeKind
	for _, p := range strings.Split(s, "|") {
		switch strings.TrimSpace(p) {
		case "method":
			k |= model.DISPATCH_METHOD
		case "propget":
			k |= model.DISPATCH_PROPERTYGET
		case "propput":
			k |= model.DISPATCH_PROPERTYPUT
		case "propputref":
			k |= model.DISPATCH_PROPERTYPUTREF
		}
	}
	return k
}

// Messenger members.

func (m *Messenger) InstantMessage(ctx context.Context, vContact model.Variant) (model.ConversationWnd, error) {
	r, err := m.call(ctx, "InstantMessage", vContact)
	w, _ := r.Obj.(model.ConversationWnd)
	return w, err
}

func (m *Messenger) GetContact(ctx context.Context, signinName, serviceID string) (model.Contact, error) {
	r, err := m.call(ctx, "GetContact", model.BSTR(signinName), model.BSTR(serviceID))
	ct, _ := r.Obj.(model.Contact)
	return ct, err
}

func (m *Messenger) MySigninName(ctx context.Context) (string, error) {
	r, err := m.get(ctx, "MySigninName")
	return r.Str, err
}

func (m *Messenger) MyServiceId(ctx context.Context) (string, error) {
	r, err := m.get(ctx, "MyServiceId")
	return r.Str, err
}

func (m *Messenger) MyServiceName(ctx context.Context) (string, error) {
	r, err := m.get(ctx, "MyServiceName")
	return r.Str, err
}

func (m *Messenger) MyFriendlyName(ctx context.Context) (string, error) {
	r, err := m.get(ctx, "MyFriendlyName")
	return r.Str, err
}

func (m *Messenger) MyStatus(ctx context.Context) (model.MISTATUS, error) {
	r, err := m.get(ctx, "MyStatus")
	return model.MISTATUS(r.Int), err
}

func (m *Messenger) SetMyStatus(ctx context.Context, s model.MISTATUS) error {
	return m.put(ctx, "MyStatus", model.I4(int32(s)))
}

func (m *Messenger) AutoSignin(ctx context.Context) error {
	_, err := m.call(ctx, "AutoSignin")
	return err
}

func (m *Messenger) Signin(ctx context.Context, hwndParent int32, signinName, password string) error {
	_, err := m.call(ctx, "Signin", model.I4(hwndParent), model.BSTR(signinName), model.BSTR(password))
	return err
}

func (m *Messenger) Signout(ctx context.Context) error {
	_, err := m.call(ctx, "Signout")
	return err
}

func (m *Messenger) MyContacts(ctx context.Context) (model.Contacts, error) {
	r, err := m.get(ctx, "MyContacts")
	cs, _ := r.Obj.(model.Contacts)
	return cs, err
}

func (m *Messenger) Window(ctx context.Context) (model.Window, error) {
	r, err := m.get(ctx, "Window")
	w, _ := r.Obj.(model.Window)
	return w, err
}

// windowCalls are the IMessengerWindow members both window kinds have.
type windowCalls struct{ object }

func (w *windowCalls) getI4(ctx context.Context, member string) (int32, error) {
	r, err := w.get(ctx, member)
	return int32(r.Int), err
}

func (w *windowCalls) HWND(ctx context.Context) (int32, error)   { return w.getI4(ctx, "HWND") }
func (w *windowCalls) Left(ctx context.Context) (int32, error)   { return w.getI4(ctx, "Left") }
func (w *windowCalls) Top(ctx context.Context) (int32, error)    { return w.getI4(ctx, "Top") }
func (w *windowCalls) Width(ctx context.Context) (int32, error)  { return w.getI4(ctx, "Width") }
func (w *windowCalls) Height(ctx context.Context) (int32, error) { return w.getI4(ctx, "Height") }
func (w *windowCalls) SetLeft(ctx context.Context, v int32) error {
	return w.put(ctx, "Left", model.I4(v))
}
func (w *windowCalls) SetTop(ctx context.Context, v int32) error {
	return w.put(ctx, "Top", model.I4(v))
}
func (w *windowCalls) SetWidth(ctx context.Context, v int32) error {
	return w.put(ctx, "Width", model.I4(v))
}
func (w *windowCalls) SetHeight(ctx context.Context, v int32) error {
	return w.put(ctx, "Height", model.I4(v))
}

// Close may block on the person's confirmation dialog; it returns when
// they answer (S_FALSE, as an error, when they refuse) or ctx ends.
func (w *windowCalls) Close(ctx context.Context) error {
	_, err := w.call(ctx, "Close")
	return err
}

func (w *windowCalls) Show(ctx context.Context) error {
	_, err := w.call(ctx, "Show")
	return err
}

func (w *windowCalls) IsClosed(ctx context.Context) (bool, error) {
	r, err := w.get(ctx, "IsClosed")
	return r.Truth(), err
}

func (w *windowCalls) Property(ctx context.Context, p model.MWINDOWPROPERTY) (model.Variant, error) {
	return w.get(ctx, "Property", model.I4(int32(p)))
}

func (w *windowCalls) SetProperty(ctx context.Context, p model.MWINDOWPROPERTY, v model.Variant) error {
	return w.put(ctx, "Property", model.I4(int32(p)), v)
}

func (w *ConversationWnd) Contacts(ctx context.Context) (model.Contacts, error) {
	r, err := w.get(ctx, "Contacts")
	cs, _ := r.Obj.(model.Contacts)
	return cs, err
}

func (w *ConversationWnd) History(ctx context.Context) (string, error) {
	r, err := w.get(ctx, "History")
	return r.Str, err
}

func (w *ConversationWnd) AddContact(ctx context.Context, vContact model.Variant) error {
	_, err := w.call(ctx, "AddContact", vContact)
	return err
}

// Contact members.

func (x *Contact) FriendlyName(ctx context.Context) (string, error) {
	r, err := x.get(ctx, "FriendlyName")
	return r.Str, err
}

func (x *Contact) Status(ctx context.Context) (model.MISTATUS, error) {
	r, err := x.get(ctx, "Status")
	return model.MISTATUS(r.Int), err
}

func (x *Contact) SigninName(ctx context.Context) (string, error) {
	r, err := x.get(ctx, "SigninName")
	return r.Str, err
}

func (x *Contact) ServiceName(ctx context.Context) (string, error) {
	r, err := x.get(ctx, "ServiceName")
	return r.Str, err
}

func (x *Contact) ServiceId(ctx context.Context) (string, error) {
	r, err := x.get(ctx, "ServiceId")
	return r.Str, err
}

func (x *Contact) Blocked(ctx context.Context) (bool, error) {
	r, err := x.get(ctx, "Blocked")
	return r.Truth(), err
}

func (x *Contact) SetBlocked(ctx context.Context, b bool) error {
	return x.put(ctx, "Blocked", model.Bool(b))
}

func (x *Contact) IsSelf(ctx context.Context) (bool, error) {
	r, err := x.get(ctx, "IsSelf")
	return r.Truth(), err
}

// Contacts members.

func (x *Contacts) Count(ctx context.Context) (int32, error) {
	r, err := x.get(ctx, "Count")
	return int32(r.Int), err
}

func (x *Contacts) Item(ctx context.Context, index int32) (model.Contact, error) {
	r, err := x.call(ctx, "Item", model.I4(index))
	ct, _ := r.Obj.(model.Contact)
	return ct, err
}

func (x *Contacts) Remove(ctx context.Context, ct model.Contact) error {
	var d model.Dispatch
	if ct != nil {
		d = ct
	}
	_, err := x.call(ctx, "Remove", model.Dispatched(d))
	return err
}
