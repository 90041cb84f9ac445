package sim

import (
	"go.uber.org/zap"

	"github.com/fakemessenger/fakemessenger/model"
)

type config struct {
	seed            int64
	clock           Clock
	logger          *zap.Logger
	journalSize     int
	scenario        Scenario
	handleQuota     int
	maxParticipants int
	// product picks the column of support marks; the zero value is
	// Communicator 2007, the only column today.
	product model.Product
	// RunT's own settings; New ignores them.
	noLifetimeChecks bool
	rootKind         model.CallerKind
	maxObjects       int // 0: no limit (see limits.go)
	maxRoots         int // 0: no limit
}

// DefaultJournalSize is how many calls the journal keeps; older ones are
// dropped (Journal.Total still counts them) so a long run stays bounded.
const DefaultJournalSize = 100_000

// DefaultHandleQuota mirrors Windows' default USERProcessHandleQuota: a
// process cannot hold more than 10,000 window handles. Past it,
// InstantMessage cannot get a window handle and returns E_FAIL.
const DefaultHandleQuota = 10_000

// DefaultMaxParticipants caps a conversation (MSGR_E_SESSION_FULL beyond);
// the reference says a maximum exists without giving the number.
const DefaultMaxParticipants = 100

func defaultConfig() config {
	return config{
		seed:            1,
		clock:           NewManualClock(DefaultEpoch),
		logger:          zap.NewNop(),
		journalSize:     DefaultJournalSize,
		scenario:        DefaultScenario(),
		handleQuota:     DefaultHandleQuota,
		maxParticipants: DefaultMaxParticipants,
	}
}

// Option configures a World, and RunT's test around it: one type, so a
// value that is not an option does not compile.
type Option func(*config)

// WithSeed fixes the seed behind object IDs (default 1).
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithClock sets the clock (default: a ManualClock at DefaultEpoch).
func WithClock(clk Clock) Option {
	return func(c *config) {
		if clk != nil {
			c.clock = clk
		}
	}
}

// WithLogger logs every call at debug level (default: no logging).
func WithLogger(l *zap.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}

// WithJournalSize bounds the journal (default DefaultJournalSize; 0 keeps
// no entries but still counts calls).
func WithJournalSize(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.journalSize = n
		}
	}
}

// WithScenario starts the world from s instead of DefaultScenario.
func WithScenario(s Scenario) Option { return func(c *config) { c.scenario = s } }

// WithHandleQuota sets how many window handles the process may hold
// (default DefaultHandleQuota; 0 means no limit).
func WithHandleQuota(n int) Option {
	return func(c *config) {
		if n >= 0 {
			c.handleQuota = n
		}
	}
}

// WithMaxParticipants caps conversation size (default DefaultMaxParticipants).
func WithMaxParticipants(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxParticipants = n
		}
	}
}

// SignedOut starts the world with the user signed out.
func SignedOut() Option {
	return func(c *config) {
		f := false
		c.scenario.User.SignedIn = &f
	}
}

// Settings are the world's numeric settings, readable back from a world
// (the wire server and its test adapter carry them to a remote world).
type Settings struct {
	Seed            int64 `json:"seed"`
	JournalSize     int   `json:"journalSize"`
	HandleQuota     int   `json:"handleQuota"`
	MaxParticipants int   `json:"maxParticipants"`
}

// Settings reports the settings the world was made with.
func (w *World) Settings() Settings {
	return Settings{Seed: w.cfg.seed, JournalSize: w.cfg.journalSize,
		HandleQuota: w.cfg.handleQuota, MaxParticipants: w.cfg.maxParticipants}
}
