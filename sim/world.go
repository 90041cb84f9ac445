package sim

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"
	"go.uber.org/zap"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// World is one simulated Communicator process with its signed-in user,
// contact list, windows and the person at the keyboard. Every Messenger
// handle made from it (each a CoCreateInstance) sees the same world.
// It is safe for concurrent use: one mutex guards all state, and events
// are delivered outside it.
type World struct {
	mu   sync.Mutex
	cfg  config
	log  *zap.Logger
	rng  *rand.Rand
	seed uint64

	// the user and the service
	scenario    Scenario
	signedIn    bool
	shutdown    bool
	user        userState
	serviceID   string
	serviceName string
	noCreds     bool
	signinFault hresult.HRESULT // async OnSignin failure for the next sign-in

	contacts []*contactObj          // the contact list, in order
	byName   map[string]*contactObj // listed, self and live loose contacts by normalized name; nil: forgotten (names.go)
	convList []*convObj             // open conversation windows (order: see sortedConvsLocked)
	main     *mainObj
	list     *listObj // MyContacts
	handles  *window.Handles

	clients  []*client
	views    viewSlab   // every live view of every client, by the slot its ID names
	tombs    tombstones // recently released views, by ID
	subs     []*subscription
	eventSeq uint64
	fired    [32]uint64 // events raised since the world was made, by DISPID-1024

	journal journal
	evLog   eventLog // event names by sequence number, for the journal
	faults  []*faultRule
	nextFID int
	// delayFaults counts armed faults with a delay, read without the lock
	// so that calls skip the delay lookup when there are none.
	delayFaults atomic.Int32

	person       personState
	conv7c       convWorld // contact picker and call policy (conversation_advanced.go)
	area7a       state7a   // groups, services, mail, sort order (groups.go)
	dialogRaised chan struct{}
	lifetime     []LifetimeProblem // problems of views that left the maps
	// issue 7b: the server's armed answer to the next contact request,
	// and the Communicator dialogs open on the desktop (uidialogs.go).
	contactFault hresult.HRESULT
	ui           uiDialogs

	// obs is the inspector's view (observe.go); nil until asked for.
	obs *observer

	// byNameNils and byNameSweepAt pace forgetNameLocked's sweep.
	byNameNils, byNameSweepAt int
}

type userState struct {
	signin   string
	friendly string
	status   model.MISTATUS // status while signed in
	self     *contactObj
}

type personState struct {
	closeNext int          // windows to close before InstantMessage returns them
	policy    DialogPolicy // how confirmation dialogs are answered
}

// DialogPolicy says how the simulated person answers confirmation dialogs.
type DialogPolicy int

const (
	// DialogWait: dialogs stay up until Person.AnswerDialog (the default).
	DialogWait DialogPolicy = iota
	// DialogAccept: the person confirms at once; Close closes.
	DialogAccept
	// DialogRefuse: the person refuses at once; the window stays open.
	DialogRefuse
)

// New makes a world from the options; with none it is the DefaultScenario,
// signed in, with a fixed clock and seed 1.
func New(opts ...Option) (*World, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.scenario.Validate(); err != nil {
		return nil, err
	}
	w := &World{cfg: cfg, log: cfg.logger, dialogRaised: make(chan struct{})}
	w.mu.Lock()
	w.resetLocked(cfg.scenario)
	w.mu.Unlock()
	return w, nil
}

// MustNew is New for callers whose options are known to be valid.
func MustNew(opts ...Option) *World {
	w, err := New(opts...)
	if err != nil {
		panic(err)
	}
	return w
}

// resetLocked rebuilds the world from a scenario: every object, fault and
// journal entry is dropped; root handles and subscriptions stay connected.
func (w *World) resetLocked(s Scenario) {
	// A Close blocked on a dialog must not outlive the world it was in:
	// destroying the old windows answers their dialogs.
	for _, conv := range w.convList {
		conv.win.Destroy()
	}
	if w.main != nil {
		w.main.win.Destroy()
	}
	w.scenario = s
	if w.rng == nil {
		// Seeded once: IDs drawn after a reset never repeat one from before
		// it, so a stale ID cannot name a new object.
		w.seed = uint64(w.cfg.seed)
		w.rng = rand.New(rand.NewPCG(w.seed, 0x6d657373656e6765)) // "messenge"
	}
	w.shutdown = false
	w.serviceID = s.Service.ID
	if w.serviceID == "" {
		w.serviceID = model.ServiceIDCommunicator
	}
	w.serviceName = s.Service.Name
	if w.serviceName == "" {
		w.serviceName = DefaultServiceName
	}
	w.noCreds = s.User.NoSavedCredentials
	w.signinFault = hresult.S_OK
	w.user = userState{signin: s.User.SigninName, friendly: s.User.FriendlyName}
	w.user.status, _ = parseStatus(s.User.Status, model.MISTATUS_ONLINE)
	if w.user.friendly == "" {
		w.user.friendly = s.User.SigninName
	}
	w.signedIn = s.User.SignedIn == nil || *s.User.SignedIn
	w.contacts = nil
	w.byName = make(map[string]*contactObj)
	w.byNameNils, w.byNameSweepAt = 0, 0
	w.convList = nil
	w.handles = window.NewHandles()
	w.handles.LiveNow = w.liveHandlesLocked
	// Root handles survive a reset (a test keeps its messenger); every
	// other object they held is gone and answers as disconnected.
	w.views.each(func(v view) {
		if _, root := v.(*Messenger); root && !v.base().dead {
			return
		}
		// gone with the old world: a late call by ID answers
		// RPC_E_DISCONNECTED, as the Go value does
		v.base().dead = true
		w.views.remove(v.base().id)
		w.tombs.add(v.base())
	})
	for _, c := range w.clients {
		c.views = make(map[any]view)
	}
	w.setFaultsLocked(nil)
	w.journal.reset(w.cfg.journalSize)
	w.person = personState{}
	w.contactFault, w.ui = hresult.S_OK, uiDialogs{}
	w.lifetime = nil
	if w.obs != nil {
		w.obs.resetLocked()
	}
	for _, sc := range s.Contacts {
		st, _ := parseStatus(sc.Status, model.MISTATUS_OFFLINE)
		c := &contactObj{signin: sc.SigninName, key: model.NormalizeSigninName(sc.SigninName),
			friendly: sc.FriendlyName, status: st, blocked: sc.Blocked, listed: true,
			groups: append([]string(nil), sc.Groups...)}
		if c.friendly == "" {
			c.friendly = c.signin
		}
		w.contacts = append(w.contacts, c)
		w.byName[c.key] = c
	}
	self := &contactObj{signin: w.user.signin, key: model.NormalizeSigninName(w.user.signin), friendly: w.user.friendly, self: true}
	w.user.self = self
	w.byName[self.key] = self
	w.applyContactScenarioLocked(s)
	w.main = &mainObj{win: window.New(window.Main, w.handles.Alloc(), window.Rect{Left: 40, Top: 40, Width: 300, Height: 640})}
	w.list = &listObj{}
	w.resetConversationsLocked(s)
	w.reset7aLocked(s)
}

// Reset returns the world to its scenario: objects, faults and the journal
// go (their IDs answer RPC_E_DISCONNECTED); root Messenger handles and
// their event subscriptions stay connected.
func (w *World) Reset() {
	w.mu.Lock()
	w.resetLocked(w.scenario)
	w.mu.Unlock()
}

// Load replaces the scenario and resets the world to it. A scenario that
// does not validate changes nothing.
func (w *World) Load(s Scenario) error {
	if err := s.Validate(); err != nil {
		return err
	}
	w.mu.Lock()
	w.resetLocked(s)
	w.mu.Unlock()
	return nil
}

// Scenario is the scenario the world was last reset to.
func (w *World) Scenario() Scenario {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.scenario
}

// newID draws the next deterministic UUID (version 4 layout) from the seed.
// Its last four bytes name the slot the view will take in the world's view
// slab, so finding an object by ID hashes nothing.
func (w *World) newID() uuid.UUID {
	var u uuid.UUID
	binary.LittleEndian.PutUint64(u[0:8], w.rng.Uint64())
	binary.LittleEndian.PutUint32(u[8:12], uint32(w.rng.Uint64()))
	u[6] = (u[6] & 0x0f) | 0x40
	u[8] = (u[8] & 0x3f) | 0x80
	binary.BigEndian.PutUint32(u[12:16], w.views.reserve())
	return u
}

// liveHandlesLocked lists the HWNDs in use, for the allocator's wrap.
func (w *World) liveHandlesLocked() []int32 {
	out := []int32{w.main.win.Handle()}
	for _, conv := range w.convList {
		out = append(out, conv.win.Handle())
	}
	return out
}

// Messenger makes a new root object onto this world, as a client's
// CoCreateInstance of the Messenger class does. After the application shut
// down (Person.Shutdown) it fails with CLASS_E_CLASSNOTAVAILABLE, as the
// reference says creating the class does when Communicator is not running.
func (w *World) Messenger(kind model.CallerKind) (*Messenger, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.shutdown {
		return nil, hresult.New(hresult.CLASS_E_CLASSNOTAVAILABLE, "CoCreateInstance(Messenger)", "Communicator is not running")
	}
	if err := w.rootRoomLocked(); err != nil {
		return nil, err
	}
	c := &client{world: w, kind: kind, index: len(w.clients), views: make(map[any]view)}
	w.clients = append(w.clients, c)
	m := &Messenger{}
	m.init(c, w.newID(), model.ClassMessenger.Presents(), w, &m.DispatchMethods)
	c.root = m
	w.addView(m)
	m.base().refs = 1
	return m, nil
}

// MustMessenger is Messenger for worlds known to be running.
func (w *World) MustMessenger(kind model.CallerKind) *Messenger {
	m, err := w.Messenger(kind)
	if err != nil {
		panic(err)
	}
	return m
}

// Object finds an object by the ID a client was given: a live one, or a
// recently released one (whose calls answer RPC_E_DISCONNECTED).
func (w *World) Object(id string) (model.Dispatch, bool) {
	u, err := uuid.Parse(id)
	if err != nil {
		return nil, false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if v, ok := w.views.get(u); ok {
		return v.(model.Dispatch), true
	}
	if t, ok := w.tombs.get(w, u); ok {
		return t, true
	}
	return nil, false
}

// Close disconnects every event subscription and waits for their delivery
// goroutines to end (so do not call it from an event handler). The world
// stays usable for calls.
func (w *World) Close() {
	w.mu.Lock()
	subs := w.subs
	w.subs = nil
	w.mu.Unlock()
	for _, s := range subs {
		s.stop()
	}
	for _, s := range subs {
		s.wait()
	}
}

func (w *World) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return fmt.Sprintf("fakemessenger world (user %s, signed in %v, %d contacts, %d conversation windows)",
		w.user.signin, w.signedIn, len(w.contacts), len(w.convList))
}
