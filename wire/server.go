package wire

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/fakemessenger/fakemessenger/sim"
)

// Config configures a Server. The zero Config serves the DefaultScenario
// on the wall clock without authentication.
type Config struct {
	// Scenario every world starts from unless its creation names another;
	// the zero Scenario means sim.DefaultScenario().
	Scenario sim.Scenario
	// Seed of the default world's object IDs (0 = the sim's default).
	// Other worlds derive theirs from it and their name unless given one.
	Seed int64
	// Clock stamps journal entries and events (nil = sim.RealClock{}).
	Clock sim.Clock
	// Logger gets one debug line per request and a warning per 5xx
	// (nil = no logging).
	Logger *zap.Logger
	// Token, when set, must arrive as "Authorization: Bearer <token>" on
	// every request but GET /healthz.
	Token string
	// EventBuffer is how many events each subscribed client's ring keeps
	// for Last-Event-ID replay (0 = 4096).
	EventBuffer int
	// JournalSize bounds each world's journal (0 = DefaultJournalSize);
	// POST /v1/worlds may ask for less, never more.
	JournalSize int
	// MaxWorlds caps how many worlds may exist at once (0 = DefaultMaxWorlds).
	MaxWorlds int
	// MaxObjects caps the live objects of each world that GetContact may
	// add to (0 = DefaultMaxObjects); past it a call that would create a
	// contact answers E_OUTOFMEMORY. It also caps each world's window
	// handle quota.
	MaxObjects int
	// MaxRoots caps the root objects (CoCreateInstance) made in each world
	// over its life (0 = DefaultMaxRoots); past it POST /v1/objects
	// answers 507 with E_OUTOFMEMORY.
	MaxRoots int
	// MaxStreams caps the event streams open at once over the whole
	// server (0 = DefaultMaxStreams); past it GET /v1/events answers 429.
	MaxStreams int
	// MaxBodyBytes bounds a request body (0 = DefaultMaxBodyBytes).
	MaxBodyBytes int64
	// BodyTimeout is how long a request body may take to arrive
	// (0 = DefaultBodyTimeout); past it the answer is 408.
	BodyTimeout time.Duration

	// AllowOrigins are browser origins ("http://localhost:3000") that may
	// call the server cross-origin; they get CORS answers, preflight
	// included. Every other foreign Origin is refused with 403.
	AllowOrigins []string
	// AllowHosts are Host names accepted besides the loopback ones.
	AllowHosts []string
	// AllowAnyHost turns the Host check off (--allow-remote).
	AllowAnyHost bool

	// Page, when set, serves the inspector page at GET / and its assets
	// at GET /inspector/...; they load without the token (inspect.go).
	Page http.Handler
}

// Defaults for the zero Config fields.
const (
	DefaultEventBuffer = 4096
	// DefaultWorld is the world a request that names none addresses.
	DefaultWorld = "default"
	// WorldHeader selects a world per request (as does ?world=).
	WorldHeader = "Fakemessenger-World"
	// MaxBodyBytes is the default bound of a request body; larger bodies
	// get 413. Kept for callers that name it; see DefaultMaxBodyBytes.
	MaxBodyBytes = DefaultMaxBodyBytes
)

// Server serves the wire protocol over a registry of sim worlds.
type Server struct {
	cfg       Config
	log       *zap.Logger
	logReqs   bool // the logger wants per-request lines or warnings
	tokenHash [sha256.Size]byte
	mux       *http.ServeMux

	// ctx ends at Close: it ends event streams and calls blocked in the sim.
	ctx       context.Context
	cancel    context.CancelFunc
	closeOnce sync.Once

	mu     sync.RWMutex
	worlds map[string]*worldEntry
	closed bool

	guard   *guard
	streams atomic.Int64 // event streams open now

	// In-flight accounting for Shutdown: calls finish, streams end last.
	flightMu sync.Mutex
	inFlight int
	draining bool
	drained  chan struct{} // closed when draining and inFlight reaches 0
}

// route is one registered pattern; routes is the single list that both
// NewServer registers and the OpenAPI test checks against openapi.yaml.
type route struct {
	pattern string
	handle  func(*Server, http.ResponseWriter, *http.Request)
}

var routes = []route{
	{"GET /healthz", (*Server).handleHealth},
	{"GET /openapi.yaml", (*Server).handleOpenAPI},

	{"GET /v1/worlds", (*Server).handleListWorlds},
	{"POST /v1/worlds", (*Server).handleCreateWorld},
	{"DELETE /v1/worlds/{world}", (*Server).handleDeleteWorld},

	{"POST /v1/invoke", (*Server).handleInvoke},
	{"POST /v1/objects", (*Server).handleCreateObject},
	{"GET /v1/events", (*Server).handleEvents},
	{"GET /v1/journal", (*Server).handleJournal},
	{"GET /v1/state", (*Server).handleState},
	{"GET /v1/inspect", (*Server).handleInspect},
	{"GET /v1/inspect/stream", (*Server).handleInspectStream},
	{"GET /{$}", (*Server).handlePage},
	{"GET /inspector/{file}", (*Server).handlePage},

	{"POST /v1/control/reset", (*Server).handleReset},
	{"POST /v1/control/scenario", (*Server).handleScenario},
	{"POST /v1/control/signin", (*Server).handleSignIn},
	{"POST /v1/control/signout", (*Server).handleSignOut},
	{"POST /v1/control/status", (*Server).handleMyStatus},
	{"POST /v1/control/contacts/status", (*Server).handleContactStatus},
	{"POST /v1/control/windows/close", (*Server).handleCloseWindow},
	{"POST /v1/control/windows/minimize", (*Server).handleMinimizeWindow},
	{"POST /v1/control/windows/action", (*Server).handleStartAction},
	{"POST /v1/control/windows/action/end", (*Server).handleEndAction},
	{"POST /v1/control/windows/dialog", (*Server).handleAnswerDialog},
	{"POST /v1/control/windows/dialog/wait", (*Server).handleWaitDialog},
	{"POST /v1/control/windows/say", (*Server).handleSay},
	{"POST /v1/control/conversations", (*Server).handleOpenConversation},
	{"POST /v1/control/close-next-windows", (*Server).handleCloseNextWindows},
	{"POST /v1/control/dialog-policy", (*Server).handleDialogPolicy},
	{"POST /v1/control/signin-failure", (*Server).handleSigninFailure},
	{"POST /v1/control/shutdown", (*Server).handleShutdown},
	{"POST /v1/control/faults", (*Server).handleInjectFault},
	{"GET /v1/control/faults", (*Server).handleListFaults},
	{"DELETE /v1/control/faults", (*Server).handleClearFaults},
}

// Routes lists the patterns the server registers ("POST /v1/invoke"), in
// net/http ServeMux syntax; openapi.yaml documents exactly these.
func Routes() []string {
	out := make([]string, len(routes))
	for i, r := range routes {
		out[i] = strings.TrimSuffix(r.pattern, "{$}") // "GET /{$}" is the path "/"
	}
	return out
}

// DefaultJournalSize is how many calls each world of the server keeps in
// its journal: a tenth of the in-process default, because a shared fake
// runs long and holds many worlds (a world's journal at this size is about
// 3.4 MB when full, with short arguments). Config.JournalSize (the
// --journal-size flag) changes it; POST /v1/worlds may ask for less.
const DefaultJournalSize = 10_000

// NewServer makes a server with its default world.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Scenario.User.SigninName == "" && len(cfg.Scenario.Contacts) == 0 {
		cfg.Scenario = sim.DefaultScenario()
	}
	if cfg.Clock == nil {
		cfg.Clock = sim.RealClock{}
	}
	if cfg.Logger == nil {
		cfg.Logger = zap.NewNop()
	}
	if cfg.EventBuffer <= 0 {
		cfg.EventBuffer = DefaultEventBuffer
	}
	if err := cfg.applyLimitDefaults(); err != nil {
		return nil, err
	}
	guard, err := newGuard(cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		log:     cfg.Logger,
		logReqs: cfg.Logger.Core().Enabled(zapcore.WarnLevel),
		mux:     http.NewServeMux(),
		worlds:  make(map[string]*worldEntry),
		guard:   guard,
		drained: make(chan struct{}),
	}
	if cfg.Token != "" {
		s.tokenHash = sha256.Sum256([]byte(cfg.Token))
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	for _, rt := range routes {
		h := rt.handle
		s.mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) { h(s, w, r) })
	}
	e, err := s.newWorld(DefaultWorld, cfg.Scenario, cfg.Seed, cfg.Seed != 0)
	if err != nil {
		s.cancel()
		return nil, fmt.Errorf("wire: default world: %w", err)
	}
	s.worlds[DefaultWorld] = e
	return s, nil
}

// World returns the sim world behind a name, for tests and the command
// that embed the server and want to reach into the world directly.
func (s *Server) World(name string) (*sim.World, bool) {
	s.mu.RLock()
	e, ok := s.worlds[name]
	s.mu.RUnlock()
	if !ok {
		return nil, false
	}
	return e.world, true
}

// Close ends every event stream and sim subscription and aborts calls
// blocked in the sim (a Close waiting on a dialog). Later requests get
// 503. It is idempotent and does not wait for in-flight handlers: the
// http.Server that runs this handler does that.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		entries := make([]*worldEntry, 0, len(s.worlds))
		for _, e := range s.worlds {
			entries = append(entries, e)
		}
		s.mu.Unlock()
		s.cancel()
		for _, e := range entries {
			e.close()
		}
	})
}

// ServeHTTP authenticates, routes, and turns net/http's plain-text 404 and
// 405 answers into problem documents.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.logReqs {
		s.serve(w, r)
		return
	}
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w}
	s.serve(rec, r)
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	// The fields are made only for a line that is written: at the usual
	// warn level that is a 5xx, not every request.
	fields := func() []zap.Field {
		return []zap.Field{
			zap.String("method", r.Method), zap.String("path", r.URL.Path),
			zap.String("world", worldName(r)), zap.Int("status", status),
			zap.Duration("duration", time.Since(start)),
		}
	}
	if status >= 500 {
		s.log.Warn("request failed", fields()...)
		return
	}
	if ce := s.log.Check(zap.DebugLevel, "request"); ce != nil {
		ce.Write(fields()...)
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// Host and Origin first: a browser's cross-site or rebound request
	// learns nothing, not even whether a token is needed.
	if !s.guard.admit(w, r) {
		return
	}
	if s.cfg.Token != "" && !(r.Method == http.MethodGet && r.URL.Path == "/healthz") && !isPage(r) && !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="fakemessenger"`)
		writeProblem(w, http.StatusUnauthorized, "unauthorized", "a valid \"Authorization: Bearer <token>\" header is required")
		return
	}
	// The hot route skips the mux, which would match it twice (Handler,
	// then ServeHTTP), a tenth of a call's cost; it still takes every
	// check below (Content-Type, bounded body, the shutdown drain).
	invoke := r.Method == http.MethodPost && r.URL.Path == "/v1/invoke"
	if !invoke {
		if h, pattern := s.mux.Handler(r); pattern == "" {
			s.noRoute(w, r, h)
			return
		}
	}
	if !s.guard.contentType(w, r) {
		return
	}
	if hasBody(r.Method) {
		b, herr := s.readBody(w, r)
		if herr != nil {
			writeHTTPError(w, herr)
			return
		}
		r.Body = b
		defer b.release()
	}
	if !s.enter(r) {
		// Connection: close, so a keep-alive client does not send the
		// next request onto a connection about to be closed.
		w.Header().Set("Connection", "close")
		writeProblem(w, http.StatusServiceUnavailable, "closed", "the server is shutting down")
		return
	}
	defer s.leave(r)
	if invoke {
		r.Pattern = "POST /v1/invoke"
		s.handleInvoke(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	// Hashing first makes the comparison constant-time in the length too.
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return subtle.ConstantTimeCompare(got[:], s.tokenHash[:]) == 1
}

// noRoute runs the mux's own answer (404, 405 with Allow, or a redirect to
// the clean path) into a recorder and re-sends it as a problem document.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request, h http.Handler) {
	rec := &headerRecorder{header: http.Header{}}
	h.ServeHTTP(rec, r)
	switch rec.status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", rec.header.Get("Allow"))
		writeProblem(w, http.StatusMethodNotAllowed, "method-not-allowed",
			fmt.Sprintf("%s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, rec.header.Get("Allow")))
	case http.StatusNotFound, 0:
		writeProblem(w, http.StatusNotFound, "not-found", "no route "+r.URL.Path)
	default:
		for k, v := range rec.header {
			if k != "Content-Type" && k != "Content-Length" {
				w.Header()[k] = v
			}
		}
		w.WriteHeader(rec.status)
	}
}

// headerRecorder keeps a handler's status and headers and drops its body.
type headerRecorder struct {
	header http.Header
	status int
}

func (h *headerRecorder) Header() http.Header { return h.header }
func (h *headerRecorder) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}
func (h *headerRecorder) Write(p []byte) (int, error) {
	h.WriteHeader(http.StatusOK)
	return len(p), nil
}

// statusRecorder remembers the status for the request log. Flush and
// Unwrap keep event streams working through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeRaw(w, http.StatusOK, []byte(`{"status":"ok"}`))
}
