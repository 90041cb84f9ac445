package sim

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// Messenger is a root object (IMessenger3): what one CoCreateInstance of
// the Messenger class gives a client. It satisfies model.Messenger; its
// typed members are model.MessengerMethods over the world's dispatch.
type Messenger struct {
	viewBase
	model.MessengerMethods
}

var _ model.Messenger = (*Messenger)(nil)

// World is the world this handle is a window onto.
func (m *Messenger) World() *World { return m.world }

// Released reports whether the client released this root object (or the
// world shut down): its calls then answer RPC_E_DISCONNECTED.
func (m *Messenger) Released() bool {
	m.world.mu.Lock()
	defer m.world.mu.Unlock()
	return m.dead || m.world.shutdown
}

// Caller is how this client calls: compiled (vtable) or script.
func (m *Messenger) Caller() model.CallerKind { return m.cl.kind }

// Person is the simulated user of this world.
func (m *Messenger) Person() *Person { return m.world.Person() }

var memberInstantMessage, _ = model.LookupMember(model.IMessenger, "InstantMessage")

// InstantMessage is the hot path users benchmark their code with: it calls
// the dispatch directly, not through the Invoker interface, so its
// argument slice stays on the stack.
func (m *Messenger) InstantMessage(ctx context.Context, vContact model.Variant) (model.ConversationWnd, error) {
	r, err := m.world.invokeResolved(ctx, m, memberInstantMessage, hInstantMessage, "InstantMessage", model.DISPATCH_METHOD, []model.Variant{vContact})
	w, _ := r.Obj.(model.ConversationWnd)
	return w, err
}

// Subscribe connects fn to this client's DMessengerEvents. Objects in the
// events are this client's objects: the same values its calls returned.
func (m *Messenger) Subscribe(ctx context.Context, fn func(model.Event)) (model.Subscription, error) {
	if fn == nil {
		return nil, hresult.New(hresult.E_POINTER, "IConnectionPoint::Advise", "nil event handler")
	}
	w := m.world
	w.mu.Lock()
	defer w.mu.Unlock()
	if m.dead {
		return nil, hresult.New(hresult.RPC_E_DISCONNECTED, "IConnectionPoint::Advise", "the messenger object was released")
	}
	return w.subscribeLocked(m.cl, fn), nil
}

func init() {
	register(model.IMessenger, map[string]handler{
		"InstantMessage": hInstantMessage,
		"GetContact":     hGetContact,
		"MySigninName":   hMySigninName,
		"MyServiceId":    func(c *call) hresult.HRESULT { c.result = model.BSTR(c.w.serviceID); return hresult.S_OK },
		"MyServiceName":  func(c *call) hresult.HRESULT { c.result = model.BSTR(c.w.serviceName); return hresult.S_OK },
		"MyFriendlyName": hMyFriendlyName,
		"MyStatus":       hMyStatus,
		"AutoSignin":     hAutoSignin,
		"Signin":         hSignin,
		"Signout":        hSignout,
		"MyContacts": func(c *call) hresult.HRESULT {
			c.result = dispatchOf(c.w.marshalLocked(c.cl, c.w.list))
			return hresult.S_OK
		},
		"Window": func(c *call) hresult.HRESULT {
			c.result = dispatchOf(c.w.marshalLocked(c.cl, c.w.main))
			return hresult.S_OK
		},
	})
}

// resolveContactArg turns InstantMessage's or AddContact's vContact into a
// world contact, applying the [wm-doc] argument rules (reference §9.1).
// It creates nothing: a name not yet known comes back as key only.
// ref is a contact argument resolved: the known contact, if any, and the
// name with its comparison key (normalized once per call).
type ref struct {
	obj       *contactObj
	name, key string
}

// isSelf: the argument denotes the signed-in user.
func (r ref) isSelf(w *World) bool {
	return (r.obj != nil && r.obj.self) || r.key == w.user.self.key
}

func (c *call) resolveContactArg(v model.Variant) (r ref, hr hresult.HRESULT) {
	switch v.VT {
	case model.VT_BSTR:
		if v.NullStr {
			return ref{}, c.fail(hresult.E_INVALIDARG, "vContact is a NULL string")
		}
		key, plain := contactKey(v.Str)
		if !plain {
			if p := model.CheckSigninName(v.Str); p != model.ProblemNone && p < model.ProblemNoAt {
				return ref{}, c.fail(hresult.E_INVALIDARG, "vContact "+p.String())
			}
			key = model.NormalizeSigninName(v.Str)
		}
		return ref{obj: c.w.byName[key], name: v.Str, key: key}, hresult.S_OK
	case model.VT_DISPATCH:
		if v.Obj == nil {
			return ref{}, c.fail(hresult.E_INVALIDARG, "vContact is a NULL IDispatch")
		}
		ct, ok := v.Obj.(*Contact)
		if !ok {
			return ref{}, c.fail(hresult.E_INVALIDARG, "vContact is a "+v.Obj.InterfaceName()+", not an IMessengerContact")
		}
		if ct.world != c.w {
			return ref{}, c.fail(hresult.E_INVALIDARG, "vContact belongs to another messenger")
		}
		if ct.dead {
			return ref{}, c.fail(hresult.E_INVALIDARG, "vContact was released")
		}
		return ref{obj: ct.obj, name: ct.obj.signin, key: ct.obj.key}, hresult.S_OK
	case model.VT_EMPTY, model.VT_NULL:
		return ref{}, c.fail(hresult.E_INVALIDARG, "vContact is NULL")
	}
	return ref{}, c.fail(hresult.E_INVALIDARG, "vContact is "+v.VT.String()+", not VT_BSTR or VT_DISPATCH")
}

// contactFor returns the contact a name denotes, making (but not yet
// registering) a loose one when the name is unknown.
func (w *World) contactFor(r ref) *contactObj {
	if r.obj != nil {
		return r.obj
	}
	return &contactObj{signin: r.name, key: r.key, friendly: r.name, status: model.MISTATUS_UNKNOWN}
}

// refTo resolves a sign-in name given as a Go string (person and GetContact).
func (w *World) refTo(name string) ref {
	key := model.NormalizeSigninName(name)
	return ref{obj: w.byName[key], name: name, key: key}
}

func (w *World) holdContact(ct *contactObj) {
	if ct.holders == 0 && !ct.listed && !ct.self {
		w.byName[ct.key] = ct
	}
	ct.holders++
}

func hInstantMessage(c *call) hresult.HRESULT {
	w := c.w
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return hr
	}
	obj := r.obj
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if r.isSelf(w) {
		return c.fail(hresult.E_FAIL, "the contact is the signed-in user")
	}
	if obj != nil {
		if conv := obj.conv; conv != nil {
			// [wm-doc]: a second call for a contact whose window is open
			// returns S_OK and that same window.
			c.result = dispatchOf(w.marshalLocked(c.cl, conv))
			return hresult.S_OK
		}
	}
	if q := w.cfg.handleQuota; q > 0 && w.handles.Live() >= q {
		return c.fail(hresult.E_FAIL, fmt.Sprintf("could not get window handle: the process holds %d window handles (quota %d)", w.handles.Live(), q))
	}
	// The window, its view and (for a new name) its contact in one
	// allocation: see imWindow.
	ct := r.obj
	var conv *convObj
	var view *ConversationWnd
	if ct == nil {
		x := new(imWindow)
		x.contact = contactObj{signin: r.name, key: r.key, friendly: r.name, status: model.MISTATUS_UNKNOWN}
		ct, conv, view = &x.contact, &x.conv, &x.view
	} else {
		x := new(convWindow)
		conv, view = &x.conv, &x.view
	}
	w.openConvIntoLocked(ct, conv)
	c.result = dispatchOf(w.marshalIntoLocked(c.cl, conv, view))
	if w.person.closeNext > 0 {
		// The person closed the window before it was handed back: [seed]
		// S_FALSE, "the messenger window is already closed".
		w.person.closeNext--
		w.destroyConvLocked(conv)
		return c.fail(hresult.S_FALSE, "the person closed the window before it was returned")
	}
	return hresult.S_OK
}

// openConvLocked opens a conversation window with one participant and
// raises OnIMWindowCreated.
func (w *World) openConvLocked(ct *contactObj) *convObj {
	return w.openConvIntoLocked(ct, new(convObj))
}

// openConvIntoLocked is openConvLocked into a zero convObj the caller
// allocated.
func (w *World) openConvIntoLocked(ct *contactObj, conv *convObj) *convObj {
	w.holdContact(ct)
	n := int32(len(w.convList))
	conv.win = window.Make(window.Conversation, w.handles.Alloc(),
		window.Rect{Left: 360 + 24*(n%16), Top: 80 + 24*(n%16), Width: 440, Height: 380})
	conv.partsBuf[0] = ct
	conv.parts = conv.partsBuf[:1]
	conv.idx = len(w.convList)
	w.convList = append(w.convList, conv)
	if ct.conv == nil {
		ct.conv = conv
	}
	w.emitLocked(evOnIMWindowCreated, evObj(conv))
	return conv
}

// destroyConvLocked closes a conversation window for good and raises
// OnIMWindowDestroyed; every later call on it fails.
func (w *World) destroyConvLocked(conv *convObj) {
	if !conv.win.Alive() {
		return
	}
	conv.win.Destroy()
	w.finishDestroyLocked(conv)
}

func hGetContact(c *call) hresult.HRESULT {
	w := c.w
	name, svc := c.arg(0), c.arg(1)
	if name.NullStr || svc.NullStr {
		return c.fail(hresult.E_FAIL, "bstrSigninName or bstrServiceId is a NULL string")
	}
	if p := model.CheckSigninName(name.Str); p != model.ProblemNone && p < model.ProblemNoAt {
		return c.fail(hresult.E_INVALIDARG, "bstrSigninName "+p.String())
	}
	if !model.CheckServiceID(svc.Str) {
		return c.fail(hresult.E_INVALIDARG, "bstrServiceId is longer than 38 characters or contains white space")
	}
	if svc.Str != "" && !w.isMyService(svc.Str) {
		// Communicator: "the only valid service ID is the Live
		// Communications Service ID" (bb758743).
		return c.fail(hresult.E_INVALIDARG, "bstrServiceId is not the Communicator service")
	}
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	r := w.refTo(name.Str)
	ct := r.obj
	// E_OUTOFMEMORY: the generic COM code for a server that cannot make
	// the object (WithMaxObjects); GetContact documents no code for it.
	if !w.objectRoomLocked(c.cl, ct) {
		return c.fail(hresult.E_OUTOFMEMORY, "the world holds its limit of live objects; release some")
	}
	if ct == nil {
		// Not on the list: S_OK and a partly valid contact (reference §9.7).
		ct = w.contactFor(r)
		w.byName[ct.key] = ct
	}
	c.result = dispatchOf(w.marshalLocked(c.cl, ct))
	return hresult.S_OK
}

func hMySigninName(c *call) hresult.HRESULT {
	if !c.w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "offline")
	}
	c.result = model.BSTR(c.w.user.signin)
	return hresult.S_OK
}

func hMyFriendlyName(c *call) hresult.HRESULT {
	if !c.w.signedIn {
		// [wm-doc] remarks: offline, the call succeeds with "".
		c.result = model.BSTR("")
		return hresult.S_OK
	}
	c.result = model.BSTR(c.w.user.friendly)
	return hresult.S_OK
}

func hMyStatus(c *call) hresult.HRESULT {
	w := c.w
	if c.kind == model.DISPATCH_PROPERTYGET {
		c.result = model.I4(int32(w.myStatusLocked()))
		return hresult.S_OK
	}
	s := model.MISTATUS(c.arg(0).Int)
	if !settable(s) {
		return c.fail(hresult.E_INVALIDARG, s.String()+" cannot be set")
	}
	if !w.signedIn {
		// Only S_OK is documented; offline the status stays OFFLINE.
		c.reason = "offline: nothing changed"
		return hresult.S_OK
	}
	w.setMyStatusLocked(s)
	return hresult.S_OK
}

func (w *World) myStatusLocked() model.MISTATUS {
	if !w.signedIn {
		return model.MISTATUS_OFFLINE
	}
	return w.user.status
}

// settable: a status a user can choose; not UNKNOWN, OFFLINE or LOCAL_*.
func settable(s model.MISTATUS) bool {
	return s.Valid() && s != model.MISTATUS_UNKNOWN && s != model.MISTATUS_OFFLINE && s < model.MISTATUS_LOCAL_FINDING_SERVER
}

// setMyStatusLocked changes the user's status: OnMyStatusChange (also when
// unchanged, [wm-doc]) and, as Communicator does (reference §9.9),
// OnContactStatusChange for the user's own contact.
func (w *World) setMyStatusLocked(s model.MISTATUS) {
	w.user.status = s
	w.user.self.status = s
	w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(s))
	w.emitLocked(evOnContactStatusChange, evObj(w.user.self), evStatus(s))
}

func hAutoSignin(c *call) hresult.HRESULT {
	w := c.w
	if w.signedIn {
		if c.cl.kind == model.CallerScript {
			return c.fail(hresult.S_FALSE, "already signed in")
		}
		return c.fail(hresult.MSGR_E_ALREADY_LOGGED_ON, "already signed in")
	}
	if w.noCreds {
		return c.fail(hresult.E_FAIL, "no saved credentials")
	}
	w.signInLocked()
	return hresult.S_OK
}

func hSignin(c *call) hresult.HRESULT {
	name, pwd := c.arg(1), c.arg(2)
	// Communicator ignores both strings but still validates them for a
	// compiled caller; in scripting this case "is never returned".
	if c.cl.kind == model.CallerCompiled {
		if p := model.CheckSigninName(name.Str); name.Str != "" && p != model.ProblemNone && p < model.ProblemNoAt {
			return c.fail(hresult.E_INVALIDARG, "bstrSigninName "+p.String())
		}
		if hasSpaceOrNewline(pwd.Str) {
			return c.fail(hresult.E_INVALIDARG, "bstrPassword contains a space, CR or LF")
		}
	}
	// then it signs in as AutoSignin does (bb787261)
	return hAutoSignin(c)
}

func hasSpaceOrNewline(s string) bool {
	for _, r := range s {
		if r == ' ' || r == '\r' || r == '\n' || r == '\t' {
			return true
		}
	}
	return false
}

// signInLocked reports each transitional status through OnMyStatusChange,
// as the OnMyStatusChange remarks list them (finding the server,
// connecting, then, once OnSignin has said S_OK, synchronizing), then the
// user's status and a status event for every contact who is not offline
// ([wm-doc] OnContactStatusChange). An armed sign-in failure reports its
// hr through OnSignin and OnMyStatusChange(OFFLINE) instead; a server name
// that cannot be resolved fails before any connecting.
func (w *World) signInLocked() {
	w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(model.MISTATUS_LOCAL_FINDING_SERVER))
	if hr := w.signinFault; hr != hresult.S_OK {
		w.signinFault = hresult.S_OK
		if hr != hresult.MSGR_E_INVALID_SERVER_NAME {
			w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(model.MISTATUS_LOCAL_CONNECTING_TO_SERVER))
		}
		w.emitLocked(evOnSignin, evHR(hr))
		w.emitLocked(evOnMyStatusChange, evHR(hr), evStatus(model.MISTATUS_OFFLINE))
		return
	}
	w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(model.MISTATUS_LOCAL_CONNECTING_TO_SERVER))
	w.signedIn = true
	w.user.self.status = w.user.status
	w.emitLocked(evOnSignin, evHR(hresult.S_OK))
	w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(model.MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER))
	w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(w.user.status))
	for _, ct := range w.contacts {
		if ct.status != model.MISTATUS_OFFLINE {
			w.emitLocked(evOnContactStatusChange, evObj(ct), evStatus(ct.status))
		}
	}
}

func hSignout(c *call) hresult.HRESULT {
	if !c.w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	c.w.signOutLocked()
	return hresult.S_OK
}

// signOutLocked closes every conversation window (each raises
// OnIMWindowDestroyed, reference §9.10), then reports disconnecting,
// OnSignout, and offline.
func (w *World) signOutLocked() {
	for _, conv := range w.sortedConvsLocked() {
		w.destroyConvLocked(conv)
	}
	w.conv7c.picker = nil // the contact picker goes with the session
	w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(model.MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER))
	w.signedIn = false
	w.user.self.status = model.MISTATUS_OFFLINE
	w.emitLocked(evOnSignout)
	w.emitLocked(evOnMyStatusChange, evHR(hresult.S_OK), evStatus(model.MISTATUS_OFFLINE))
}

// sortedConvsLocked lists open windows by HWND, so sign-out closes them
// in the order they were opened and runs are deterministic.
func (w *World) sortedConvsLocked() []*convObj {
	out := append([]*convObj(nil), w.convList...)
	slices.SortFunc(out, func(a, b *convObj) int { return cmp.Compare(a.win.Handle(), b.win.Handle()) })
	return out
}
