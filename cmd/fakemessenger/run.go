package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"go.uber.org/zap"

	"github.com/fakemessenger/fakemessenger/inspector"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the server could not start or stopped serving
	exitUsage = 2 // bad flags, scenario or listen address
)

// Shutdown budget: exit within 2 s of SIGTERM by default, so in-flight
// calls get 1.5 s (--shutdown-timeout) and the rest is margin for the
// calls aborted at the deadline to send their E_ABORT answers.
const (
	defaultShutdownTimeout = 1500 * time.Millisecond
	shutdownMargin         = 500 * time.Millisecond
)

// readHeaderTimeout stops a client that opens a connection and never
// finishes its request headers from holding a goroutine forever.
const readHeaderTimeout = 10 * time.Second

// idleTimeout closes keep-alive connections nobody uses any more.
const idleTimeout = 2 * time.Minute

// run is the whole program: it returns the exit code. It stops when ctx
// ends (main cancels it on SIGINT/SIGTERM).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "version" {
		if len(args) > 1 {
			fmt.Fprintf(stderr, "fakemessenger: version takes no arguments\n")
			return exitUsage
		}
		printVersion(stdout)
		return exitOK
	}
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err == nil && cfg.Version {
		printVersion(stdout)
		return exitOK
	}
	if errors.As(err, new(flagError)) {
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "fakemessenger: %v\n", err)
		return exitUsage
	}
	if err := checkListen(ctx, cfg.Listen, cfg.AllowRemote); err != nil {
		fmt.Fprintf(stderr, "fakemessenger: %v\n", err)
		return exitUsage
	}
	log := newLogger(cfg.LogLevel, cfg.LogFormat, stderr)
	// Sync fails harmlessly on a terminal or pipe; there is nothing to do about it.
	defer func() { _ = log.Sync() }()
	if err := serve(ctx, cfg, log, stdout); err != nil {
		// Plainly, whatever the log level and format: this is why the
		// process is exiting.
		fmt.Fprintf(stderr, "fakemessenger: %v\n", err)
		if errors.As(err, new(usageError)) {
			return exitUsage
		}
		return exitError
	}
	return exitOK
}

// usageError is a start-up failure caused by what the caller asked for
// (an unusable ready-file path, say): exit code 2, like a bad flag. A
// failure of the environment (the port is taken) is exit code 1.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// serve listens, announces the URL, and serves until ctx ends; then it
// shuts down gracefully.
func serve(ctx context.Context, cfg config, log *zap.Logger, stdout io.Writer) error {
	ws, err := wire.NewServer(wire.Config{
		Scenario: cfg.Scenario,
		Seed:     cfg.Seed,
		Clock:    sim.RealClock{},
		Logger:   log.Named("wire"),
		Token:    cfg.Token,

		JournalSize:  cfg.Limits.JournalSize,
		MaxWorlds:    cfg.Limits.MaxWorlds,
		MaxObjects:   cfg.Limits.MaxObjects,
		MaxRoots:     cfg.Limits.MaxRoots,
		MaxStreams:   cfg.Limits.MaxStreams,
		MaxBodyBytes: cfg.Limits.MaxBodyBytes,
		BodyTimeout:  cfg.Limits.BodyTimeout,
		AllowOrigins: cfg.AllowOrigins,
		AllowHosts:   cfg.AllowHosts,
		AllowAnyHost: cfg.AllowRemote,
		Page:         inspector.Handler(),
	})
	if err != nil {
		return usageError{fmt.Errorf("starting the simulator: %w", err)}
	}
	defer ws.Close()

	// Listen before announcing: once the line is printed, connections
	// are accepted (the kernel queues them until Serve runs).
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", cfg.Listen, err)
	}
	url := "http://" + announceAddr(ln.Addr(), cfg.Listen)

	// net/http reports only connection-level trouble (TLS probes, bad
	// requests it answers itself) through ErrorLog: worth a warning.
	httpLog, err := zap.NewStdLogAt(log.Named("http"), zap.WarnLevel)
	if err != nil {
		ln.Close()
		return fmt.Errorf("http error log: %w", err)
	}
	srv := &http.Server{
		Handler:           ws,
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          httpLog,
	}

	logScenario(log, cfg)
	if cfg.ReadyFile != "" {
		if err := writeReadyFile(cfg.ReadyFile, url); err != nil {
			ln.Close()
			return usageError{err}
		}
		defer func() {
			if err := os.Remove(cfg.ReadyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
				log.Warn("removing the ready file", zap.Error(err))
			}
		}()
	}
	// The ready file comes first so that a failure to write it is not
	// preceded by a ready line on stdout.
	if _, err := fmt.Fprintf(stdout, "fakemessenger listening on %s\n", url); err != nil {
		ln.Close()
		return fmt.Errorf("writing the ready line: %w", err)
	}
	log.Info("listening", zap.String("url", url), zap.Bool("token", cfg.Token != ""), zap.String("tokenFrom", cfg.TokenSource),
		zap.Strings("allowOrigins", cfg.AllowOrigins), zap.Strings("allowHosts", cfg.AllowHosts))
	if cfg.AllowRemote && cfg.Token == "" {
		log.Warn("listening beyond loopback without --token: anyone who can reach this address can drive the fake")
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	select {
	case err := <-serveErr:
		// Serve only returns early on a listener failure.
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	grace := cfg.Limits.ShutdownTimeout
	log.Info("shutting down", zap.Duration("grace", grace), zap.Int("inFlight", ws.InFlight()))
	// http.Server.Shutdown stops accepting, closes idle connections and
	// waits for the rest to go idle; the wire server meanwhile lets calls
	// finish, aborts what still runs at the deadline and then ends the
	// event streams (which never go idle on their own). The HTTP deadline
	// is later, so that aborted calls still send their answers.
	hctx, hcancel := context.WithTimeout(context.Background(), grace+shutdownMargin)
	defer hcancel()
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Shutdown(hctx) }()
	wctx, wcancel := context.WithTimeout(context.Background(), grace)
	defer wcancel()
	if err := ws.Shutdown(wctx); err != nil {
		log.Warn("calls still running at the shutdown deadline were aborted (E_ABORT)", zap.Error(err))
	}
	if err := <-httpDone; err != nil {
		log.Warn("connections cut off at the shutdown deadline", zap.Error(err))
		srv.Close()
	}
	<-serveErr // http.ErrServerClosed
	log.Info("stopped")
	return nil
}

// announceAddr is the host:port a local client should use. It is the
// listener's real address (so port 0 becomes the chosen port), except that
// a wildcard address, which cannot be dialled portably, becomes loopback
// of the same family.
func announceAddr(a net.Addr, requested string) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	ip := tcp.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
		// Only an explicit IPv6 wildcard means IPv6; ":0" and "0.0.0.0:0"
		// also report [::] on a dual-stack socket.
		if h, _, err := net.SplitHostPort(requested); err == nil {
			if rip := net.ParseIP(h); rip != nil && rip.To4() == nil {
				ip = net.IPv6loopback
			}
		}
	}
	// JoinHostPort brackets IPv6 hosts: http://[::1]:7070.
	return net.JoinHostPort(ip.String(), fmt.Sprint(tcp.Port))
}

// writeReadyFile writes url to path atomically (a temporary file in the
// same directory, then rename), so that a watcher never reads a partial
// URL.
func writeReadyFile(path, url string) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("--ready-file: %w", err)
	}
	tmp := f.Name()
	_, werr := f.WriteString(url + "\n")
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("--ready-file: writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("--ready-file: %w", err)
	}
	return nil
}

// logScenario says which world the default world starts as.
func logScenario(log *zap.Logger, cfg config) {
	s := cfg.Scenario
	source := cfg.ScenarioFile
	if source == "" {
		source = "embedded default"
	}
	signedIn := s.User.SignedIn == nil || *s.User.SignedIn
	log.Info("scenario",
		zap.String("source", source),
		zap.String("user", s.User.SigninName),
		zap.Bool("signedIn", signedIn),
		zap.Int("contacts", len(s.Contacts)),
		zap.Strings("groups", s.Groups),
		zap.Int64("seed", cfg.Seed),
	)
}
