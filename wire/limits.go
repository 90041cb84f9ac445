package wire

import (
	"fmt"
	"net/http"
	"time"

	"github.com/fakemessenger/fakemessenger/sim"
)

// Default limits: each fits a laptop running the fake for hours, and each
// has a flag (cmd/fakemessenger) and, per world, a field of POST
// /v1/worlds that may ask for less but never more. The README gives what
// each costs in memory when full.
const (
	// DefaultMaxWorlds: worlds at once, the default one included.
	DefaultMaxWorlds = 64
	// DefaultMaxObjects: live objects per world GetContact may add to
	// (about 1.6 KiB of RSS per contact, measured); also the cap of a
	// world's window handles.
	DefaultMaxObjects = 10_000
	// DefaultMaxRoots: root objects (CoCreateInstance) per world over
	// its life; a released one still counts, because the world keeps its
	// client's record.
	DefaultMaxRoots = 1_000
	// DefaultMaxStreams: event streams open at once, whole server.
	DefaultMaxStreams = 256
	// DefaultMaxBodyBytes: a request body's size.
	DefaultMaxBodyBytes = 1 << 20
	// DefaultBodyTimeout: how long a request body may take to arrive.
	DefaultBodyTimeout = 10 * time.Second
	// maxJournalSize is the most the process flag may set.
	maxJournalSize = 10_000_000
)

func (cfg *Config) applyLimitDefaults() error {
	for _, f := range []struct {
		name string
		v    int64
	}{{"JournalSize", int64(cfg.JournalSize)}, {"MaxWorlds", int64(cfg.MaxWorlds)},
		{"MaxObjects", int64(cfg.MaxObjects)}, {"MaxRoots", int64(cfg.MaxRoots)},
		{"MaxStreams", int64(cfg.MaxStreams)}, {"MaxBodyBytes", cfg.MaxBodyBytes},
		{"BodyTimeout", int64(cfg.BodyTimeout)}} {
		if f.v < 0 {
			return fmt.Errorf("wire: negative %s %d", f.name, f.v)
		}
	}
	if cfg.JournalSize > maxJournalSize {
		return fmt.Errorf("wire: JournalSize %d: at most %d", cfg.JournalSize, maxJournalSize)
	}
	def := func(p *int, d int) {
		if *p == 0 {
			*p = d
		}
	}
	def(&cfg.JournalSize, DefaultJournalSize)
	def(&cfg.MaxWorlds, DefaultMaxWorlds)
	def(&cfg.MaxObjects, DefaultMaxObjects)
	def(&cfg.MaxRoots, DefaultMaxRoots)
	def(&cfg.MaxStreams, DefaultMaxStreams)
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.BodyTimeout == 0 {
		cfg.BodyTimeout = DefaultBodyTimeout
	}
	return nil
}

// Limits are a world's limits and the server's, as GET /v1/state reports
// them.
type Limits struct {
	JournalSize  int   `json:"journalSize"`
	MaxObjects   int   `json:"maxObjects"`
	MaxRoots     int   `json:"maxRoots"`
	HandleQuota  int   `json:"handleQuota"`
	MaxWorlds    int   `json:"maxWorlds"`
	MaxStreams   int   `json:"maxStreams"`
	MaxBodyBytes int64 `json:"maxBodyBytes"`
	BodyTimeout  int64 `json:"bodyTimeoutMs"`
}

// Usage is how much of each limit is taken.
type Usage struct {
	JournalEntries int `json:"journalEntries"`
	Objects        int `json:"objects"`
	Roots          int `json:"roots"`
	Worlds         int `json:"worlds"`
	Streams        int `json:"streams"`
}

// worldLimitOptions are the sim options of a world's object limits: the
// request's when it names them (already checked against the flags), else
// the server's.
func (s *Server) worldLimitOptions() []sim.Option {
	return []sim.Option{
		sim.WithJournalSize(s.cfg.JournalSize),
		sim.WithMaxObjects(s.cfg.MaxObjects),
		sim.WithMaxRoots(s.cfg.MaxRoots),
		sim.WithHandleQuota(min(sim.DefaultHandleQuota, s.cfg.MaxObjects)),
	}
}

// checkWorldLimits refuses a POST /v1/worlds field beyond the process's
// flag, or one that would switch a bound off.
func (s *Server) checkWorldLimits(req *createWorldRequest) ([]sim.Option, error) {
	var opts []sim.Option
	within := func(name string, p *int, lo, hi int) error {
		if p != nil && (*p < lo || *p > hi) {
			return fmt.Errorf("%s %d: want %d to %d (the server's limit)", name, *p, lo, hi)
		}
		return nil
	}
	if err := within("journalSize", req.JournalSize, 0, s.cfg.JournalSize); err != nil {
		return nil, err
	}
	if err := within("maxObjects", req.MaxObjects, 1, s.cfg.MaxObjects); err != nil {
		return nil, err
	}
	if err := within("maxRoots", req.MaxRoots, 1, s.cfg.MaxRoots); err != nil {
		return nil, err
	}
	maxObjects := s.cfg.MaxObjects
	if req.MaxObjects != nil {
		maxObjects = *req.MaxObjects
		opts = append(opts, sim.WithMaxObjects(*req.MaxObjects))
		opts = append(opts, sim.WithHandleQuota(min(sim.DefaultHandleQuota, maxObjects)))
	}
	// handleQuota 0 means "no limit" to the sim: not over the wire.
	if err := within("handleQuota", req.HandleQuota, 1, maxObjects); err != nil {
		return nil, err
	}
	if req.JournalSize != nil {
		opts = append(opts, sim.WithJournalSize(*req.JournalSize))
	}
	if req.MaxRoots != nil {
		opts = append(opts, sim.WithMaxRoots(*req.MaxRoots))
	}
	if req.HandleQuota != nil {
		opts = append(opts, sim.WithHandleQuota(*req.HandleQuota))
	}
	if p := req.MaxParticipants; p != nil {
		if *p < 1 || *p > maxObjects {
			return nil, fmt.Errorf("maxParticipants %d: want 1 to %d", *p, maxObjects)
		}
		opts = append(opts, sim.WithMaxParticipants(*p))
	}
	return opts, nil
}

// stateReply is GET /v1/state: the world's snapshot with its limits and
// how much of them is used.
func (s *Server) stateReply(e *worldEntry) any {
	st := e.world.State()
	set := e.world.Settings()
	maxObjects, maxRoots := e.world.ObjectLimits()
	s.mu.RLock()
	worlds := len(s.worlds)
	s.mu.RUnlock()
	return struct {
		sim.State
		Limits Limits `json:"limits"`
		Usage  Usage  `json:"usage"`
	}{
		State: st,
		Limits: Limits{
			JournalSize: set.JournalSize, MaxObjects: maxObjects, MaxRoots: maxRoots,
			HandleQuota: set.HandleQuota, MaxWorlds: s.cfg.MaxWorlds, MaxStreams: s.cfg.MaxStreams,
			MaxBodyBytes: s.cfg.MaxBodyBytes, BodyTimeout: s.cfg.BodyTimeout.Milliseconds(),
		},
		Usage: Usage{
			JournalEntries: e.world.JournalLen(), Objects: e.world.LiveObjects(), Roots: e.world.RootCount(),
			Worlds: worlds, Streams: int(s.streams.Load()),
		},
	}
}

// takeStream counts an event stream against MaxStreams; false means 429.
func (s *Server) takeStream() bool {
	if s.streams.Add(1) > int64(s.cfg.MaxStreams) {
		s.streams.Add(-1)
		return false
	}
	return true
}

func (s *Server) releaseStream() { s.streams.Add(-1) }

func tooManyStreams(max int) *httpError {
	return errorf(http.StatusTooManyRequests, "too-many-streams",
		"%d event streams are open, the server's limit (--max-streams); close one first", max)
}
