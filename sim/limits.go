package sim

import "github.com/fakemessenger/fakemessenger/hresult"

// Object limits bound a world's memory when a client may make objects
// without end: every distinct GetContact name is a new contact object,
// every CoCreateInstance a new client. In process they are off unless
// asked for; the wire server always sets them.

// WithMaxObjects caps the live objects of the world: past it, GetContact
// for a contact the caller does not already hold answers E_OUTOFMEMORY
// (0, the default, means no limit). E_OUTOFMEMORY is not among the codes
// the reference lists for GetContact; it is the generic COM code any call
// answers when the server cannot allocate the object it would return.
func WithMaxObjects(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.maxObjects = n
		}
	}
}

// WithMaxRoots caps the root objects made in the world over its life
// (each World.Messenger, a CoCreateInstance): past it Messenger answers
// E_OUTOFMEMORY, as CoCreateInstance does when the server cannot make the
// object (0, the default, means no limit). A released root still counts:
// the world keeps its client's record, for the journal's identities.
func WithMaxRoots(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.maxRoots = n
		}
	}
}

// ObjectLimits reports the world's object limits (0 = none).
func (w *World) ObjectLimits() (maxObjects, maxRoots int) {
	return w.cfg.maxObjects, w.cfg.maxRoots
}

// LiveObjects is how many objects clients hold now, roots included.
func (w *World) LiveObjects() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.liveViewsLocked()
}

// RootCount is how many root objects were made in the world, released
// ones included: what WithMaxRoots counts.
func (w *World) RootCount() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.clients)
}

// JournalLen is how many calls the journal holds now.
func (w *World) JournalLen() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.journal.n
}

func (w *World) liveViewsLocked() int { return len(w.views.slots) - len(w.views.free) }

// objectRoomLocked says whether handing obj to the client may proceed: it
// may when the client already holds a view of it (no new object) or the
// world is under its limit. obj may be nil (a contact about to be made).
func (w *World) objectRoomLocked(cl *client, obj *contactObj) bool {
	if w.cfg.maxObjects == 0 {
		return true
	}
	if obj != nil {
		if _, ok := cl.viewOf(obj); ok {
			return true
		}
	}
	return w.liveViewsLocked() < w.cfg.maxObjects
}

func (w *World) rootRoomLocked() error {
	if w.cfg.maxRoots > 0 && len(w.clients) >= w.cfg.maxRoots {
		return hresult.New(hresult.E_OUTOFMEMORY, "CoCreateInstance(Messenger)",
			"the world has made its limit of root objects")
	}
	return nil
}

// ResetSeq is Reset that also returns the world's event count at the
// reset, taken under the same lock: events numbered up to it were raised
// before the reset (the wire server drops them from its event history).
func (w *World) ResetSeq() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.resetLocked(w.scenario)
	return w.eventSeq
}

// LoadSeq is Load that also returns the event count at the reset.
func (w *World) LoadSeq(s Scenario) (uint64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.resetLocked(s)
	return w.eventSeq, nil
}
