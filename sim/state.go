package sim

import (
	"encoding/binary"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// State is a JSON snapshot of the world: what /v1/state serves and what
// a test compares before and after a bad call to prove nothing changed.
type State struct {
	SignedIn      bool           `json:"signedIn"`
	Shutdown      bool           `json:"shutdown"`
	User          StateUser      `json:"user"`
	ServiceID     string         `json:"serviceId"`
	ServiceName   string         `json:"serviceName"`
	Contacts      []StateContact `json:"contacts"`
	MainWindow    StateWindow    `json:"mainWindow"`
	Conversations []StateWindow  `json:"conversations"`
	Objects       []StateObject  `json:"objects"`
	Faults        []Fault        `json:"faults"`
	Calls         uint64         `json:"calls"`
	Events        uint64         `json:"events"`
	DialogPolicy  string         `json:"dialogPolicy"`
	CloseNext     int            `json:"closeNextWindows"`
	// issue 7c: the contact picker StartConversation opened, if any, and
	// the call policy.
	ContactPicker *StateContactPicker `json:"contactPicker,omitempty"`
	CallPolicy    CallPolicy          `json:"callPolicy"`
	// Lifetime lists what the client's code did wrong with object
	// lifetimes so far (World.LifetimeReport).
	Lifetime []LifetimeProblem `json:"lifetime"`

	// issue 7b: the Communicator dialogs open on the desktop, and each
	// contact's phones, e-mail, tag and presence properties.
	Dialogs     []UIDialog         `json:"dialogs"`
	ContactInfo []StateContactInfo `json:"contactInfo"`

	// issue 7a: groups with their members, the inbox, the sort order
	Groups      []StateGroup `json:"groups"`
	UnreadEmail int32        `json:"unreadEmail"`
	SortOrder   string       `json:"sortOrder"`
}

// StateGroup is one of the user's groups and its members' sign-in names.
type StateGroup struct {
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

type StateUser struct {
	SigninName   string `json:"signinName"`
	FriendlyName string `json:"friendlyName"`
	Status       string `json:"status"`
}

type StateContact struct {
	SigninName   string `json:"signinName"`
	FriendlyName string `json:"friendlyName"`
	Status       string `json:"status"`
	Blocked      bool   `json:"blocked"`
	Listed       bool   `json:"listed"`
}

type StateWindow struct {
	HWND         int32    `json:"hwnd"`
	State        string   `json:"state"`
	Left         int32    `json:"left"`
	Top          int32    `json:"top"`
	Width        int32    `json:"width"`
	Height       int32    `json:"height"`
	Action       string   `json:"action,omitempty"`
	DialogUp     bool     `json:"dialogPending,omitempty"`
	Participants []string `json:"participants,omitempty"`
	Messages     int      `json:"messages,omitempty"`
	// issue 7c: what the conversation is (conversation_state.go)
	StateConversation
}

// StateObject is one live object a client holds.
type StateObject struct {
	ID        string `json:"id"`
	Interface string `json:"interface"`
	Client    int    `json:"client"`
	Caller    string `json:"caller"`
	Refs      int32  `json:"refs"`
	// Identity: a contact's sign-in name, a window's HWND.
	Identity
}

// State takes a snapshot. Lists are sorted, so equal worlds give equal
// snapshots.
func (w *World) State() State {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := State{
		SignedIn: w.signedIn, Shutdown: w.shutdown,
		User:      StateUser{SigninName: w.user.signin, FriendlyName: w.user.friendly, Status: w.myStatusLocked().String()},
		ServiceID: w.serviceID, ServiceName: w.serviceName,
		Contacts:      []StateContact{},
		Conversations: []StateWindow{},
		Objects:       []StateObject{},
		Calls:         w.journal.total, Events: w.eventSeq,
		DialogPolicy: [...]string{"wait", "accept", "refuse"}[w.person.policy],
		CloseNext:    w.person.closeNext,
	}
	for _, c := range w.contacts {
		s.Contacts = append(s.Contacts, StateContact{c.signin, c.friendly, c.status.String(), c.blocked, c.listed})
	}
	s.MainWindow = stateOf(w.main.win, nil)
	for _, conv := range w.sortedConvsLocked() {
		s.Conversations = append(s.Conversations, stateOf(&conv.win, conv))
	}
	w.views.each(func(v view) {
		b := v.base()
		s.Objects = append(s.Objects, StateObject{b.id.String(), b.iface, b.cl.index, b.cl.kind.String(), b.refs, identityOf(v)})
	})
	slices.SortFunc(s.Objects, func(a, b StateObject) int { return strings.Compare(a.ID, b.ID) })
	w.state7aLocked(&s)
	for _, r := range w.faults {
		f := r.f
		f.Times = r.left
		s.Faults = append(s.Faults, f)
	}
	if s.Faults == nil {
		s.Faults = []Fault{}
	}
	s.ContactPicker, s.CallPolicy = w.pickerStateLocked(), w.callPolicyLocked()
	s.Lifetime = w.lifetimeLocked()
	s.Dialogs, s.ContactInfo = w.ui.snapshot(), w.contactInfoStateLocked()
	return s
}

func stateOf(win *window.Window, conv *convObj) StateWindow {
	r := win.Rect()
	sw := StateWindow{HWND: win.Handle(), State: win.State().String(), Left: r.Left, Top: r.Top,
		Width: r.Width, Height: r.Height, Action: win.Action(), DialogUp: win.Dialog() != nil}
	if conv != nil {
		for _, p := range conv.parts {
			sw.Participants = append(sw.Participants, p.signin)
		}
		sw.Messages = len(conv.history)
		sw.StateConversation = conversationState(conv)
	}
	return sw
}

// tombstones remembers recently released objects (the newest
// maxTombstones) as small dead proxies, so a late call by ID answers
// RPC_E_DISCONNECTED as the in-process value does, rather than "no such
// object". A tombstone keeps only the ID, interface and client: not the
// world objects the view pointed at, so a long run frees them.
const maxTombstones = 1 << 14

type tombstone struct {
	viewBase
	model.DispatchMethods
	ident Identity // what the object was, for the journal and the state
}

// tombstones holds, per released ID, only what its dead proxy needs (the
// interface and the client), in an open-addressing table, and makes the
// proxy when the ID is looked up (a late call by ID, rare). So a Release
// allocates nothing here, and the steady insert-one-drop-the-oldest churn
// leaves no deleted slots behind (removal shifts the run back), which a
// Go map would, making every later lookup probe further. The table grows
// with use, so an idle world keeps none.
type tombstones struct {
	slots []tombSlot // len a power of two, at most half full
	n     int
	ring  []uuid.UUID // IDs in release order, for dropping the oldest
	next  int
}

type tombSlot struct {
	id    uuid.UUID
	iface string // "" marks an empty slot: every view has an interface
	cl    *client
	ident Identity // what the object was, for the journal and the state
}

// tombHash: the first 8 bytes of a sim ID are random.
func tombHash(u uuid.UUID) uint64 { return binary.LittleEndian.Uint64(u[:8]) }

func (t *tombstones) add(b *viewBase) {
	if len(t.ring) < maxTombstones {
		t.ring = append(t.ring, b.id)
	} else {
		t.remove(t.ring[t.next])
		t.ring[t.next] = b.id
		t.next = (t.next + 1) % maxTombstones
	}
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	t.insert(tombSlot{id: b.id, iface: b.iface, cl: b.cl, ident: identityOf(b.self)})
}

func (t *tombstones) insert(e tombSlot) {
	mask := uint64(len(t.slots) - 1)
	for i := tombHash(e.id) & mask; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.iface == "" || s.id == e.id {
			if s.iface == "" {
				t.n++
			}
			*s = e
			return
		}
	}
}

func (t *tombstones) grow() {
	old := t.slots
	t.slots = make([]tombSlot, max(64, 2*len(old)))
	t.n = 0
	for _, e := range old {
		if e.iface != "" {
			t.insert(e)
		}
	}
}

func (t *tombstones) find(u uuid.UUID) int {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint64(len(t.slots) - 1)
	for i := tombHash(u) & mask; ; i = (i + 1) & mask {
		switch s := &t.slots[i]; {
		case s.iface == "":
			return -1
		case s.id == u:
			return int(i)
		}
	}
}

// remove empties u's slot and moves later entries of its probe run back,
// so that no lookup ever has to step over a hole.
func (t *tombstones) remove(u uuid.UUID) {
	i := t.find(u)
	if i < 0 {
		return
	}
	mask := len(t.slots) - 1
	for j := (i + 1) & mask; t.slots[j].iface != ""; j = (j + 1) & mask {
		// the entry at j may fill the hole at i unless its home slot lies
		// cyclically in (i, j]
		home := int(tombHash(t.slots[j].id)) & mask
		if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
			t.slots[i] = t.slots[j]
			i = j
		}
	}
	t.slots[i] = tombSlot{}
	t.n--
}

// get makes the dead proxy of a released ID, or reports there is none.
func (t *tombstones) get(w *World, u uuid.UUID) (model.Dispatch, bool) {
	i := t.find(u)
	if i < 0 {
		return nil, false
	}
	e := t.slots[i]
	x := &tombstone{ident: e.ident}
	x.init(e.cl, u, e.iface, w, &x.DispatchMethods)
	x.dead, x.self = true, x
	return x, true
}

// viewSlab holds the live views in slots; a view's ID names its slot, so
// insert, lookup and removal hash nothing, and slots are reused.
type viewSlab struct {
	slots []*viewBase // a pointer, not the view interface: half the bytes
	free  []uint32
}

func slotIndex(u uuid.UUID) uint32 { return binary.BigEndian.Uint32(u[12:16]) }

// reserve takes a slot for an ID about to be made.
func (s *viewSlab) reserve() uint32 {
	if n := len(s.free); n > 0 {
		i := s.free[n-1]
		s.free = s.free[:n-1]
		return i
	}
	s.slots = append(s.slots, nil)
	return uint32(len(s.slots) - 1)
}

func (s *viewSlab) put(u uuid.UUID, v view) { s.slots[slotIndex(u)] = v.base() }

func (s *viewSlab) get(u uuid.UUID) (view, bool) {
	i := slotIndex(u)
	if int(i) >= len(s.slots) || s.slots[i] == nil || s.slots[i].id != u {
		return nil, false
	}
	return s.slots[i].self, true
}

func (s *viewSlab) remove(u uuid.UUID) {
	if _, ok := s.get(u); ok {
		i := slotIndex(u)
		s.slots[i] = nil
		s.free = append(s.free, i)
	}
}

// each calls fn for every live view; fn may remove the view it is given.
func (s *viewSlab) each(fn func(view)) {
	for _, b := range s.slots {
		if b != nil {
			fn(b.self)
		}
	}
}
