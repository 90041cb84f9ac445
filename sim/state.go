package sim

import (
	"slices"

	"github.com/google/uuid"

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
}

// StateObject is one live object a client holds.
type StateObject struct {
	ID        string `json:"id"`
	Interface string `json:"interface"`
	Client    int    `json:"client"`
	Caller    string `json:"caller"`
	Refs      int32  `json:"refs"`
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
	for _, v := range w.views {
		b := v.base()
		s.Objects = append(s.Objects, StateObject{b.id.String(), b.iface, b.cl.index, b.cl.kind.String(), b.refs})
	}
	slices.SortFunc(s.Objects, func(a, b StateObject) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	for _, r := range w.faults {
		f := r.f
		f.Times = r.left
		s.Faults = append(s.Faults, f)
	}
	if s.Faults == nil {
		s.Faults = []Fault{}
	}
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
	}
	return sw
}

// tombstones remembers the IDs of released objects (the newest
// maxTombstones), so a late call by ID answers RPC_E_DISCONNECTED as the
// in-process value does, rather than "no such object".
const maxTombstones = 1 << 16

type tombstones struct {
	set  map[uuid.UUID]view
	ring []uuid.UUID
	next int
}

func (t *tombstones) add(id uuid.UUID, v view) {
	if t.set == nil {
		t.set = make(map[uuid.UUID]view)
	}
	if len(t.ring) < maxTombstones {
		t.ring = append(t.ring, id)
	} else {
		delete(t.set, t.ring[t.next])
		t.ring[t.next] = id
		t.next = (t.next + 1) % maxTombstones
	}
	t.set[id] = v
}
