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

// InvokeArgs is IDispatch::Invoke by member name (POST /v1/invoke): the
// Invoker every typed member (model.*Methods) calls through.
func (o *object) InvokeArgs(ctx context.Context, member string, kind model.InvokeKind, args []model.Variant) (model.Variant, error) {
	return o.c.invoke(ctx, o, member, kind, args)
}

// Object is a proxy for an object whose interface this client does not
// model; only Invoke and Release work on it.
type Object struct {
	object
	model.DispatchMethods
}

// Messenger is a root object (IMessenger) proxy. It satisfies model.Messenger.
type Messenger struct {
	object
	model.MessengerMethods
	released atomic.Bool // its last reference is gone: no more events
}

// Window is an IMessengerWindow proxy (the main window).
type Window struct {
	object
	model.WindowMethods
}

// ConversationWnd is an IMessengerConversationWnd proxy.
type ConversationWnd struct {
	object
	model.ConversationWndMethods
}

// Contact is an IMessengerContact proxy.
type Contact struct {
	object
	model.ContactMethods
}

// Contacts is an IMessengerContacts proxy.
type Contacts struct {
	object
	model.ContactsMethods
}

var (
	_ model.Messenger       = (*Messenger)(nil)
	_ model.Window          = (*Window)(nil)
	_ model.ConversationWnd = (*ConversationWnd)(nil)
	_ model.Contact         = (*Contact)(nil)
	_ model.Contacts        = (*Contacts)(nil)
	_ model.Dispatch        = (*Object)(nil)
)

// proxyKinds makes the proxy type for each class of object; a file that
// adds a proxy type adds its entry here (in an init, beside the type).
var proxyKinds = map[*model.Class]func(o object) model.Dispatch{
	model.ClassMessenger: func(o object) model.Dispatch {
		x := &Messenger{object: o}
		return x.bind(x, &x.DispatchMethods)
	},
	model.ClassWindow: func(o object) model.Dispatch {
		x := &Window{object: o}
		return x.bind(x, &x.DispatchMethods)
	},
	model.ClassConversation: func(o object) model.Dispatch {
		x := &ConversationWnd{object: o}
		return x.bind(x, &x.DispatchMethods)
	},
	model.ClassContact: func(o object) model.Dispatch {
		x := &Contact{object: o}
		return x.bind(x, &x.DispatchMethods)
	},
	model.ClassContacts: func(o object) model.Dispatch {
		x := &Contacts{object: o}
		return x.bind(x, &x.DispatchMethods)
	},
}

// newProxy makes the proxy type for the class whose objects present (or
// implement) the interface the server names: a plain Object for one this
// client does not model, wired to its object.
func newProxy(o object) model.Dispatch {
	if cls, ok := model.ClassOf(o.iface); ok {
		if mk := proxyKinds[cls]; mk != nil {
			return mk(o)
		}
	}
	x := &Object{object: o}
	return x.bind(x, &x.DispatchMethods)
}

// bind records the proxy that embeds o and points its typed methods (m)
// at o's invoke.
func (o *object) bind(self model.Dispatch, m *model.DispatchMethods) model.Dispatch {
	o.self, m.Inv = self, o
	return self
}

// proxy returns this client's one proxy for id, making it when new. The
// type follows the interface the server names; iface "" (an ID seen
// without one) keeps what is known, or makes a plain Object.
func (c *Client) proxy(id, iface string) model.Dispatch {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.objects[id]; ok && (iface == "" || p.InterfaceName() == iface) {
		return p
	}
	p := newProxy(object{c: c, id: id, iface: iface})
	if iface == "" {
		// Not worth remembering: nothing says what it is (a journal
		// argument naming an object this client never met).
		return p
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
	b = model.AppendJSONString(b, id)
	b = append(b, `,"member":`...)
	b = model.AppendJSONString(b, member)
	b = append(b, `,"kind":`...)
	b = model.AppendJSONString(b, kind.String())
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
