package wire

import (
	"context"
	"errors"
	"hash/fnv"
	"net/http"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// worldEntry is one isolated world: the sim world, its default root
// object ("messenger"), and the event rings of the clients someone
// subscribed to. It holds no goroutine and no buffer until then.
type worldEntry struct {
	name  string
	world *sim.World
	// ctx ends when the world is deleted or the server closes.
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	root    *sim.Messenger          // the default root, a compiled caller
	clients map[string]*eventClient // by root object ID, made on first subscribe
	closed  bool
}

func (e *worldEntry) defaultRoot() *sim.Messenger {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.root
}

// close ends the world's event streams and its sim subscriptions.
func (e *worldEntry) close() {
	e.mu.Lock()
	e.closed = true
	e.mu.Unlock()
	e.cancel()
	e.world.Close()
}

// afterReset gives the world a new default root if the old one died (a
// client released it); a reset keeps live roots connected.
func (e *worldEntry) afterReset() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	// The snapshot lists live objects only (Object also finds released
	// ones, to answer them RPC_E_DISCONNECTED); resets are rare enough
	// for its cost.
	id := e.root.ObjectID()
	for _, o := range e.world.State().Objects {
		if o.ID == id {
			return nil
		}
	}
	m, err := e.world.Messenger(model.CallerCompiled)
	if err != nil {
		return err
	}
	e.root = m
	return nil
}

func (s *Server) newWorld(name string, sc sim.Scenario, seed int64, seeded bool, extra ...sim.Option) (*worldEntry, error) {
	opts := []sim.Option{sim.WithScenario(sc), sim.WithClock(s.cfg.Clock), sim.WithLogger(s.log)}
	if seeded {
		opts = append(opts, sim.WithSeed(seed))
	}
	opts = append(opts, s.worldLimitOptions()...)
	opts = append(opts, extra...)
	w, err := sim.New(opts...)
	if err != nil {
		return nil, err
	}
	root, err := w.Messenger(model.CallerCompiled)
	if err != nil {
		return nil, err
	}
	e := &worldEntry{name: name, world: w, root: root}
	e.ctx, e.cancel = context.WithCancel(s.ctx)
	return e, nil
}

// worldName is the world a request names: the header, else ?world=,
// else the default world.
func worldName(r *http.Request) string {
	if n := r.Header.Get(WorldHeader); n != "" {
		return n
	}
	if r.URL.RawQuery != "" {
		if n := r.URL.Query().Get("world"); n != "" {
			return n
		}
	}
	return DefaultWorld
}

// worldFor resolves the request's world; a 404 problem when unknown.
func (s *Server) worldFor(r *http.Request) (*worldEntry, *httpError) {
	h := r.Header.Get(WorldHeader)
	name := h
	if r.URL.RawQuery != "" {
		if q := r.URL.Query().Get("world"); q != "" {
			if h != "" && q != h {
				return nil, badRequest("the %s header names %q but ?world= names %q", WorldHeader, h, q)
			}
			name = q
		}
	}
	if name == "" {
		name = DefaultWorld
	}
	s.mu.RLock()
	e, ok := s.worlds[name]
	s.mu.RUnlock()
	if !ok {
		return nil, errorf(http.StatusNotFound, "unknown-world", "no world named %q", name)
	}
	return e, nil
}

// validWorldName: 1 to 64 of [A-Za-z0-9._-], so names are safe in a
// header, a path segment and a log line without escaping.
func validWorldName(n string) bool {
	if n == "" || len(n) > 64 {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

type createWorldRequest struct {
	Name     *string       `json:"name"`
	Scenario *sim.Scenario `json:"scenario"`
	Seed     *int64        `json:"seed"`
	// The world's limits (sim.WithJournalSize, WithHandleQuota,
	// WithMaxParticipants, WithMaxObjects, WithMaxRoots); absent means
	// the server's. None may exceed the server's own limit.
	JournalSize     *int `json:"journalSize"`
	HandleQuota     *int `json:"handleQuota"`
	MaxParticipants *int `json:"maxParticipants"`
	MaxObjects      *int `json:"maxObjects"`
	MaxRoots        *int `json:"maxRoots"`
}

func (s *Server) handleCreateWorld(w http.ResponseWriter, r *http.Request) {
	var req createWorldRequest
	if e := readJSON(w, r, &req); e != nil {
		writeHTTPError(w, e)
		return
	}
	name := ""
	if req.Name != nil {
		name = *req.Name
		if !validWorldName(name) {
			writeHTTPError(w, badRequest("world name %q: use 1 to 64 letters, digits, '.', '_' or '-'", name))
			return
		}
	}
	sc := s.cfg.Scenario
	if req.Scenario != nil {
		sc = *req.Scenario
		if err := sc.Validate(); err != nil {
			writeHTTPError(w, badRequest("%v", err))
			return
		}
	}
	if name == "" {
		name = "w-" + uuid.NewString()
	}
	// Without a seed a world derives one from its name, so that two worlds
	// never hand out the same object IDs yet a named world is reproducible.
	seed := s.cfg.Seed
	if req.Seed != nil {
		seed = *req.Seed
	} else {
		h := fnv.New64a()
		_, _ = h.Write([]byte(name))
		seed ^= int64(h.Sum64())
	}
	limits, err := s.checkWorldLimits(&req)
	if err != nil {
		writeHTTPError(w, badRequest("%v", err))
		return
	}
	e, err := s.newWorld(name, sc, seed, true, limits...)
	if err != nil {
		writeHTTPError(w, badRequest("%v", err))
		return
	}
	s.mu.Lock()
	switch {
	case s.closed:
		s.mu.Unlock()
		e.close()
		writeProblem(w, http.StatusServiceUnavailable, "closed", "the server is shutting down")
		return
	case s.worlds[name] != nil:
		s.mu.Unlock()
		e.close()
		writeProblem(w, http.StatusConflict, "world-exists", "a world named "+name+" already exists")
		return
	case len(s.worlds) >= s.cfg.MaxWorlds:
		s.mu.Unlock()
		e.close()
		writeHTTPError(w, errorf(http.StatusTooManyRequests, "too-many-worlds", "the server already holds %d worlds (its limit); delete some", s.cfg.MaxWorlds))
		return
	}
	s.worlds[name] = e
	s.mu.Unlock()
	w.Header().Set("Location", "/v1/worlds/"+name)
	writeJSON(w, http.StatusCreated, struct {
		World string `json:"world"`
	}{name})
}

func (s *Server) handleListWorlds(w http.ResponseWriter, _ *http.Request) {
	s.mu.RLock()
	names := make([]string, 0, len(s.worlds))
	for n := range s.worlds {
		names = append(names, n)
	}
	s.mu.RUnlock()
	slices.Sort(names)
	writeJSON(w, http.StatusOK, struct {
		Worlds []string `json:"worlds"`
	}{names})
}

func (s *Server) handleDeleteWorld(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("world")
	if name == DefaultWorld {
		writeProblem(w, http.StatusConflict, "default-world", "the default world cannot be deleted; reset it with POST /v1/control/reset")
		return
	}
	s.mu.Lock()
	e, ok := s.worlds[name]
	delete(s.worlds, name)
	s.mu.Unlock()
	if !ok {
		writeProblem(w, http.StatusNotFound, "unknown-world", "no world named "+name)
		return
	}
	e.close()
	w.WriteHeader(http.StatusNoContent)
}

// hrProblem is a COM failure outside Invoke (CoCreateInstance, Advise) as
// a problem document that carries the HRESULT.
func hrProblem(status int, kind string, err error) *httpError {
	hr := hresult.Code(err)
	return &httpError{status: status, kind: kind, detail: err.Error(), hr: hr.Hex()}
}

var errClosed = errors.New("the world was deleted or the server is shutting down")
