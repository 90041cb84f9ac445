package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// An observer is how an inspector (the live page of the standalone fake)
// watches a world without being one of its clients: it sees every event
// the world raises, with its objects named by identity (a window's HWND, a
// contact's sign-in name) instead of being marshalled into a client, so
// watching creates no object, holds no reference and changes no lifetime
// check. It exists from the first Observe or Inspect call on; a world
// nobody inspects pays one nil check per call and event.

// maxObservedEvents bounds the events an observer keeps for a reader that
// reconnects.
const maxObservedEvents = 4096

// maxDestroyMarks bounds how many destroyed windows' views the observer
// remembers for marking late calls; beyond it the marks start afresh.
const maxDestroyMarks = 1 << 16

// ObjectRef names a world object by what a person would recognise.
type ObjectRef struct {
	// Kind is "conversation", "main", "contact", "contacts", "group" or
	// "messenger".
	Kind       string `json:"kind"`
	HWND       int32  `json:"hwnd,omitempty"`
	SigninName string `json:"signinName,omitempty"`
	Name       string `json:"name,omitempty"` // a group's
}

// ObservedParam is one event parameter: a value as text (an HRESULT as
// hex and name, a MISTATUS by name) or an object by identity.
type ObservedParam struct {
	Name   string     `json:"name"`
	Value  string     `json:"value,omitempty"`
	Object *ObjectRef `json:"object,omitempty"`
}

// ObservedEvent is one raised event as an inspector sees it.
type ObservedEvent struct {
	Seq    uint64          `json:"seq"`
	Name   string          `json:"name"`
	Time   time.Time       `json:"time"`
	Params []ObservedParam `json:"params"`
}

// Cursor is how far an inspector has read: the reset epoch, the newest
// journal sequence and the newest event sequence it has.
type Cursor struct {
	Epoch  uint64 `json:"epoch"`
	Calls  uint64 `json:"calls"`
	Events uint64 `json:"events"`
}

// Observation is what happened after a cursor.
type Observation struct {
	// Reset: the world was reset since the cursor's epoch; Calls then
	// start again from the new journal's first entry.
	Reset bool
	// Calls are retained journal entries after the cursor, oldest first;
	// CallsLost counts newer-than-cursor calls the bounded journal had
	// already dropped.
	Calls     []Call
	CallsLost uint64
	// Events after the cursor, oldest first; EventsLost counts those the
	// observer's ring had already dropped.
	Events     []ObservedEvent
	EventsLost uint64
	// More: the answer was cut at the limit; ask again at once.
	More bool
	Next Cursor
	// Changed is closed at the next call, event, reset or person action;
	// Dialog at the next confirmation dialog a Close raises (its call is
	// journaled only when the dialog is answered).
	Changed <-chan struct{}
	Dialog  <-chan struct{}
}

type observer struct {
	ring   []ObservedEvent // grows to maxObservedEvents, then wraps at head
	head   int
	epoch  uint64
	notify chan struct{}
	// destroyedAt: for each view of a destroyed window, the journal total
	// when OnIMWindowDestroyed was raised; its later calls are late.
	destroyedAt map[uuid.UUID]uint64
}

func (w *World) observerLocked() *observer {
	if w.obs == nil {
		w.obs = &observer{notify: make(chan struct{}), destroyedAt: make(map[uuid.UUID]uint64)}
	}
	return w.obs
}

func (o *observer) wake() {
	close(o.notify)
	o.notify = make(chan struct{})
}

func (o *observer) resetLocked() {
	o.epoch++
	clear(o.destroyedAt)
	o.wake()
}

// Touch tells observers the world changed in a way that raised no event
// and made no call (a fault armed, an action started by the person).
func (w *World) Touch() {
	w.mu.Lock()
	if w.obs != nil {
		w.obs.wake()
	}
	w.mu.Unlock()
}

// refLocked names a world object for an observer.
func (w *World) refLocked(obj any) *ObjectRef {
	switch o := obj.(type) {
	case *convObj:
		return &ObjectRef{Kind: "conversation", HWND: o.win.Handle()}
	case *mainObj:
		return &ObjectRef{Kind: "main", HWND: o.win.Handle()}
	case *contactObj:
		return &ObjectRef{Kind: "contact", SigninName: o.signin}
	case *listObj, *partsColl:
		return &ObjectRef{Kind: "contacts"}
	case *groupObj:
		return &ObjectRef{Kind: "group", Name: o.name}
	}
	return &ObjectRef{Kind: "messenger"}
}

func observedValue(name string, v model.Variant) string {
	switch {
	case name == "hr":
		hr := hresult.HRESULT(uint32(v.Int))
		return hr.Hex() + " " + hr.Name()
	case strings.HasSuffix(name, "Status"):
		return model.MISTATUS(v.Int).String()
	case v.VT == model.VT_BSTR:
		return v.Str
	case v.VT == model.VT_BOOL:
		return strconv.FormatBool(v.Int != 0)
	}
	return strconv.FormatInt(v.Int, 10)
}

// eventLocked records a raised event; emitLocked calls it.
func (o *observer) eventLocked(w *World, spec *model.EventSpec, args []evArg) {
	e := ObservedEvent{Seq: w.eventSeq, Name: spec.Name, Time: w.cfg.clock.Now(), Params: make([]ObservedParam, len(args))}
	for i, a := range args {
		p := ObservedParam{Name: spec.Params[i]}
		if a.obj != nil {
			p.Object = w.refLocked(a.obj)
		} else {
			p.Value = observedValue(p.Name, a.v)
		}
		e.Params[i] = p
	}
	if spec == evOnIMWindowDestroyed {
		if conv, ok := args[0].obj.(*convObj); ok {
			if len(o.destroyedAt) >= maxDestroyMarks {
				clear(o.destroyedAt)
			}
			for _, c := range w.clients {
				if v, ok := c.viewOf(conv); ok {
					o.destroyedAt[v.base().id] = w.journal.total
				}
			}
		}
	}
	if len(o.ring) < maxObservedEvents {
		o.ring = append(o.ring, e)
	} else {
		o.ring[o.head] = e
		o.head = (o.head + 1) % maxObservedEvents
	}
	o.wake()
}

// Observe returns what happened in the world after the cursor: at most
// maxCalls journal entries (0 = no limit) and the events. The first call
// starts observing; a zero cursor asks for everything retained.
func (w *World) Observe(c Cursor, maxCalls int) Observation {
	w.mu.Lock()
	defer w.mu.Unlock()
	o := w.observerLocked()
	var out Observation
	if c.Epoch != o.epoch {
		out.Reset = c.Epoch != 0 || c.Calls != 0
		c.Calls = 0
	}
	// calls: the journal holds seqs total-n+1 .. total
	j := &w.journal
	if c.Calls > j.total {
		// a cursor from another run: start over
		out.Reset, c.Calls = true, 0
	}
	oldest := j.total - uint64(j.n) + 1
	from := c.Calls + 1
	if from < oldest {
		out.CallsLost = oldest - from
		from = oldest
	}
	start := 0
	if j.n == j.cap {
		start = j.next
	}
	next := c
	next.Epoch = o.epoch
	var sl slabs // grows as the entries need
	for s := from; s <= j.total; s++ {
		if maxCalls > 0 && len(out.Calls) == maxCalls {
			out.More = true
			break
		}
		e := j.at((start + int(s-oldest)) % j.n)
		out.Calls = append(out.Calls, e.call(w, &sl))
		next.Calls = s
	}
	if len(out.Calls) == 0 && !out.More {
		next.Calls = j.total
	}
	// events (the event sequence survives resets)
	if c.Events > w.eventSeq {
		c.Events = 0
	}
	n := len(o.ring)
	first := w.eventSeq + 1 // the oldest retained event's seq
	if n > 0 {
		first = o.ring[o.head].Seq
	}
	if c.Events != 0 && c.Events+1 < first {
		out.EventsLost = first - c.Events - 1
	}
	for i := 0; i < n; i++ {
		if e := &o.ring[(o.head+i)%n]; e.Seq > c.Events {
			out.Events = append(out.Events, *e)
		}
	}
	next.Events = w.eventSeq
	out.Next = next
	out.Changed = o.notify
	out.Dialog = w.dialogRaised
	return out
}
