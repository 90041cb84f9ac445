package sim

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Inspection is the snapshot the inspector page draws: State's facts plus
// what a person looking at the screen, or a developer hunting a leak,
// wants to see. Conversation windows include destroyed ones that some
// client still holds (a leak), each with the object IDs clients hold, so
// the page can act on a window through the control API. Cursor says
// which journal entries and events the snapshot already reflects.
type Inspection struct {
	Cursor        Cursor           `json:"cursor"`
	SignedIn      bool             `json:"signedIn"`
	Shutdown      bool             `json:"shutdown"`
	User          StateUser        `json:"user"`
	ServiceName   string           `json:"serviceName"`
	Groups        []string         `json:"groups"`
	Contacts      []InspectContact `json:"contacts"`
	MainWindow    InspectWindow    `json:"mainWindow"`
	Conversations []InspectWindow  `json:"conversations"`
	Objects       []InspectObject  `json:"objects"`
	Faults        []InspectFault   `json:"faults"`
	DialogPolicy  string           `json:"dialogPolicy"`
	CloseNext     int              `json:"closeNextWindows"`
	Lifetime      []string         `json:"lifetime"`
	InspectUI
}

// InspectFault is an armed fault with its HRESULT's name.
type InspectFault struct {
	Fault
	Name string `json:"name"`
}

// InspectContact is one contact-list entry with its groups.
type InspectContact struct {
	StateContact
	Groups []string `json:"groups"`
}

// InspectWindow is a window as the person sees it.
type InspectWindow struct {
	StateWindow
	// Open: not destroyed. A destroyed window is listed while a client
	// still holds it.
	Open    bool             `json:"open"`
	Handles []string         `json:"handles,omitempty"` // object IDs clients hold
	History []InspectMessage `json:"history,omitempty"` // the newest maxInspectHistory
}

// InspectMessage is one line of a conversation's history.
type InspectMessage struct {
	From   string    `json:"from"`
	Name   string    `json:"name"`
	Time   time.Time `json:"time"`
	Text   string    `json:"text"`
	Action bool      `json:"action,omitempty"`
}

// InspectObject is one live object a client holds, with what it stands
// for and, for a conversation window view, its lifetime facts.
type InspectObject struct {
	StateObject
	Ref *ObjectRef `json:"ref,omitempty"`
	// Destroyed: the window behind this view was destroyed (the client was
	// sent OnIMWindowDestroyed) and the client has not released it.
	Destroyed bool `json:"destroyed,omitempty"`
	// DestroyedAtCall is the journal total when the window was destroyed:
	// this object's calls with a higher sequence came too late.
	DestroyedAtCall uint64 `json:"destroyedAtCall,omitempty"`
	// LateCalls are members called after OnIMWindowDestroyed.
	LateCalls []string `json:"lateCalls,omitempty"`
}

// maxInspectHistory bounds the history lines per window in a snapshot.
const maxInspectHistory = 50

// Inspect takes the snapshot; it also starts observing (see Observe).
func (w *World) Inspect() Inspection {
	w.mu.Lock()
	defer w.mu.Unlock()
	o := w.observerLocked()
	in := Inspection{
		Cursor:   Cursor{Epoch: o.epoch, Calls: w.journal.total, Events: w.eventSeq},
		SignedIn: w.signedIn, Shutdown: w.shutdown,
		User:        StateUser{SigninName: w.user.signin, FriendlyName: w.user.friendly, Status: w.myStatusLocked().String()},
		ServiceName: w.serviceName,
		Groups:      []string{},
		Contacts:    []InspectContact{}, Conversations: []InspectWindow{}, Objects: []InspectObject{},
		Faults:       []InspectFault{},
		DialogPolicy: [...]string{"wait", "accept", "refuse"}[w.person.policy],
		CloseNext:    w.person.closeNext,
		Lifetime:     lifetimeStrings(w.lifetime),
		InspectUI:    w.inspectUILocked(),
	}
	// membership lives in the group objects (groups.go)
	for _, g := range w.groupsLocked() {
		in.Groups = append(in.Groups, g.name)
	}
	for _, c := range w.contacts {
		ic := InspectContact{
			StateContact: StateContact{c.signin, c.friendly, c.status.String(), c.blocked, c.listed},
			Groups:       []string{},
		}
		for _, g := range w.groupsLocked() {
			if g.isMember(c) {
				ic.Groups = append(ic.Groups, g.name)
			}
		}
		in.Contacts = append(in.Contacts, ic)
	}
	// every live view, grouped by the world object it stands for
	held := map[any][]string{}
	var dead []*convObj // destroyed windows still held
	w.views.each(func(v view) {
		b := v.base()
		io := InspectObject{StateObject: StateObject{ID: b.id.String(), Interface: b.iface, Client: b.cl.index, Caller: b.cl.kind.String(), Refs: b.refs, Identity: identityOf(v)}}
		if b.target != nil {
			io.Ref = w.refLocked(b.target)
			held[b.target] = append(held[b.target], io.ID)
		}
		if cv, ok := v.(*ConversationWnd); ok {
			if b.destroyedSeq != 0 || cv.obj.idx < 0 {
				io.Destroyed = true
				if !slices.Contains(dead, cv.obj) && cv.obj.idx < 0 {
					dead = append(dead, cv.obj)
				}
			}
			io.DestroyedAtCall = o.destroyedAt[b.id]
			io.LateCalls = append([]string(nil), b.lateCalls...)
		}
		in.Objects = append(in.Objects, io)
	})
	slices.SortFunc(in.Objects, func(a, b InspectObject) int { return strings.Compare(a.ID, b.ID) })
	in.MainWindow = InspectWindow{StateWindow: stateOf(w.main.win, nil), Open: w.main.win.Alive(), Handles: held[w.main]}
	convs := append(w.sortedConvsLocked(), dead...)
	slices.SortFunc(convs, func(a, b *convObj) int { return cmp.Compare(a.win.Handle(), b.win.Handle()) })
	for _, conv := range convs {
		iw := InspectWindow{StateWindow: stateOf(&conv.win, conv), Open: conv.idx >= 0, Handles: held[conv]}
		hist := conv.history
		if len(hist) > maxInspectHistory {
			hist = hist[len(hist)-maxInspectHistory:]
		}
		for _, m := range hist {
			iw.History = append(iw.History, InspectMessage{From: m.from, Name: m.name, Time: m.at, Text: m.text, Action: m.action})
		}
		in.Conversations = append(in.Conversations, iw)
	}
	for _, r := range w.faults {
		f := r.f
		f.Times = r.left
		in.Faults = append(in.Faults, InspectFault{Fault: f, Name: f.HR.Name()})
	}
	return in
}

// lifetimeStrings renders lifetime problems as the page shows them.
func lifetimeStrings(ps []LifetimeProblem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}
