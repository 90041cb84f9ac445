package sim

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// World-side objects. A client never holds these directly: it holds views
// (below), one per client and object, as a COM client holds proxies.

// viewSlot holds a world object's view for the first client that meets
// it, so the common one-client case needs no map; views of further
// clients live in client.views. One pointer: the view knows its client.
type viewSlot struct {
	b *viewBase
}

type contactObj struct {
	slot     viewSlot
	signin   string // as the caller or the scenario spelled it
	key      string // normalized, for comparison
	friendly string
	status   model.MISTATUS
	blocked  bool
	listed   bool // on the contact list
	self     bool // the local user
	groups   []string
	holders  int          // open windows and live client views using it
	conv     *convObj     // an open window with this contact as first participant
	info     *contactInfo // phones, e-mail, tag, presence (contact_info.go); nil until set
}

// partial: a contact made for a name that is not on the list is "not fully
// valid": Status MISTATUS_UNKNOWN, FriendlyName the sign-in name (GetContact
// remarks).
func (c *contactObj) partial() bool { return !c.listed && !c.self }

type message struct {
	from   string // sign-in name
	name   string // friendly name shown
	at     time.Time
	text   string
	action bool // a system line (someone joined) rather than a message
}

type convObj struct {
	slot     viewSlot
	idx      int // position in World.convList while open, -1 once destroyed
	win      window.Window
	parts    []*contactObj // participants, the local user excluded
	partsBuf [1]*contactObj
	history  []message
	// coll is the Contacts collection of this conversation, made when a
	// client first asks for it: most windows never are.
	coll *partsColl
	// ext is the kind, subject and call state (conversation_advanced.go);
	// nil for a plain IM window, most of them, to keep a window small.
	ext *convExt
}

type partsColl struct {
	slot viewSlot
	conv *convObj
}

type mainObj struct {
	slot viewSlot
	win  *window.Window
}

type listObj struct{ slot viewSlot }

// worldObject is a kind of world object declared in a file of its own
// (groups, services, enumerators): it keeps its view slot and makes the
// view a client holds, so adding a kind does not touch the switches here.
type worldObject interface {
	viewSlot() *viewSlot
	newView(w *World, c *client) view
}

func slotOf(obj any) *viewSlot {
	switch o := obj.(type) {
	case *convObj:
		return &o.slot
	case *contactObj:
		return &o.slot
	case *mainObj:
		return &o.slot
	case *listObj:
		return &o.slot
	case *partsColl:
		return &o.slot
	case worldObject:
		return o.viewSlot()
	}
	panic("sim: no view slot for this object")
}

// viewOf is the client's live view of a world object, if it has one.
func (c *client) viewOf(obj any) (view, bool) {
	if s := slotOf(obj); s.b != nil && s.b.cl == c {
		return s.b.self, true
	}
	if len(c.views) == 0 { // the usual one client: no map lookup
		return nil, false
	}
	v, ok := c.views[obj]
	return v, ok
}

func (c *client) setView(obj any, v view) {
	if s := slotOf(obj); s.b == nil {
		s.b = v.base()
		return
	}
	c.views[obj] = v
}

func (c *client) dropView(obj any, v view) {
	if s := slotOf(obj); s.b != nil && s.b == v.base() {
		s.b = nil
		return
	}
	if len(c.views) > 0 && c.views[obj] == v {
		delete(c.views, obj)
	}
}

// client is one root object's holder: a process that did CoCreateInstance.
// Identity and reference counts are per client, as proxies are.
type client struct {
	world *World
	kind  model.CallerKind
	index int
	root  *Messenger
	views map[any]view // world object -> this client's view of it
}

// view is what every client-side object shares.
type view interface{ base() *viewBase }

type viewBase struct {
	id     uuid.UUID
	iface  string
	cl     *client
	world  *World
	self   view
	target any // the world object
	// refs counts marshals into the client minus Releases, as a .NET
	// runtime-callable wrapper does; at zero the view is dead.
	// The counters share a word with dead and destroyedSeq: a view is
	// made for every window a test opens (see BENCHMARKS.md, bytes per
	// open window).
	refs     int32
	releases int32
	// lifetime bookkeeping for the test helper
	destroyedSeq uint32 // event sequence of OnIMWindowDestroyed (saturating), 0 if none
	dead         bool
	lateCalls    []string
}

func (b *viewBase) base() *viewBase { return b }

// init gives the view its identity and points its typed methods (m) at
// the world's dispatch.
func (b *viewBase) init(c *client, id uuid.UUID, iface string, w *World, m *model.DispatchMethods) {
	b.id, b.iface, b.cl, b.world = id, iface, c, w
	m.Inv = b
}

// InvokeArgs is the Invoker the typed methods (model.*Methods) call
// through: every member reaches the world's one dispatch path.
func (b *viewBase) InvokeArgs(ctx context.Context, member string, kind model.InvokeKind, args []model.Variant) (model.Variant, error) {
	return b.world.invoke(ctx, b.self, member, kind, args)
}

// ObjectID is the identity this client knows the object by.
func (b *viewBase) ObjectID() string { return b.id.String() }

// InterfaceName is the interface the object presents.
func (b *viewBase) InterfaceName() string { return b.iface }

func (w *World) addView(v view) {
	b := v.base()
	b.self = v
	w.views.put(b.id, v)
}

// marshalLocked hands a world object to a client: the existing view when
// the client still holds one (so identity holds), else a new one. Each
// marshal adds a reference.
func (w *World) marshalLocked(c *client, obj any) view {
	return w.marshalIntoLocked(c, obj, nil)
}

// imWindow is what InstantMessage makes for a window: its state, the
// caller's view of it and, when the name is new, its contact, in one
// allocation instead of three (fewer objects for the collector too). The
// parts keep each other's memory alive: a contact still held after its
// window closed keeps 416 bytes instead of 128, until it is released.
type imWindow struct {
	conv    convObj
	view    ConversationWnd
	contact contactObj
}

// convWindow is imWindow for a contact that already exists.
type convWindow struct {
	conv convObj
	view ConversationWnd
}

// marshalIntoLocked is marshalLocked that, when it makes a new
// conversation window view, uses pre (zero, or nil to allocate one).
func (w *World) marshalIntoLocked(c *client, obj any, pre *ConversationWnd) view {
	if v, ok := c.viewOf(obj); ok {
		v.base().refs++
		return v
	}
	var v view
	switch o := obj.(type) {
	case *convObj:
		x := pre
		if x == nil {
			x = new(ConversationWnd)
		}
		x.obj = o
		x.init(c, w.newID(), model.ClassConversation.Presents(), w, &x.DispatchMethods)
		v = x
	case *contactObj:
		x := &Contact{obj: o}
		x.init(c, w.newID(), model.ClassContact.Presents(), w, &x.DispatchMethods)
		o.holders++
		v = x
	case *mainObj:
		x := &Window{obj: o}
		x.init(c, w.newID(), model.ClassWindow.Presents(), w, &x.DispatchMethods)
		v = x
	case *listObj:
		x := &Contacts{}
		x.init(c, w.newID(), model.ClassContacts.Presents(), w, &x.DispatchMethods)
		v = x
	case *partsColl:
		x := &Contacts{conv: o.conv}
		x.init(c, w.newID(), model.ClassContacts.Presents(), w, &x.DispatchMethods)
		v = x
	case worldObject:
		v = o.newView(w, c)
	default:
		panic("sim: marshal of an unknown object")
	}
	v.base().target = obj
	v.base().refs = 1
	c.setView(obj, v)
	w.addView(v)
	return v
}

// releaseLocked drops one reference; at zero the view dies and the client
// forgets it, so the next marshal makes a new object identity.
func (w *World) releaseLocked(b *viewBase) {
	b.releases++
	b.refs--
	if b.refs > 0 {
		return
	}
	b.dead = true
	w.noteDeadView(b)
	w.views.remove(b.id)
	w.tombs.add(b)
	if b.target != nil { // a root object is no view of a world object
		b.cl.dropView(b.target, b.self)
	}
	if c, ok := b.target.(*contactObj); ok {
		w.dropContactHolder(c)
	}
}

// dropContactHolder forgets a loose contact nobody uses any more, so that
// GetContact after the last Release makes a new object, as documented.
func (w *World) dropContactHolder(c *contactObj) {
	c.holders--
	if c.holders <= 0 && !c.listed && !c.self {
		w.forgetNameLocked(c)
	}
}

func dispatchOf(v view) model.Variant {
	return model.Variant{VT: model.VT_DISPATCH, Obj: v.(model.Dispatch)}
}
