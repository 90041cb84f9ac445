package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/fakemessenger/fakemessenger/sim"
)

// defaultScenarioJSON is sim.DefaultScenario as a file, so that `make run`
// and a bare `fakemessenger` need no scenario file (a test keeps the two
// equal, and equal to scenarios/default.json).
//
//go:embed default_scenario.json
var defaultScenarioJSON []byte

// defaultListen is loopback only: the fake has no authentication unless
// --token is given, so it must not be reachable from the network by default.
const defaultListen = "127.0.0.1:7070"

// config is everything the flags say.
type config struct {
	Listen       string
	ScenarioFile string
	Scenario     sim.Scenario
	Seed         int64
	LogLevel     zapcore.Level
	LogFormat    string // "json" or "console"
	ReadyFile    string
	Token        string
	AllowRemote  bool
}

// flagError is a command-line error the flag package has already printed,
// with the usage, to stderr.
type flagError struct{ error }

func (e flagError) Unwrap() error { return e.error }

// parseFlags reads the command line (without the program name) into a
// config and loads the scenario. Flag errors are printed to stderr by the
// flag package itself; flag.ErrHelp is returned for -h.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("fakemessenger", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage:\n  fakemessenger [flags]\n  fakemessenger version\n\nFlags:\n")
		fs.PrintDefaults()
	}
	var cfg config
	var level, format string
	fs.StringVar(&cfg.Listen, "listen", defaultListen, "`host:port` to listen on; port 0 picks a free port")
	fs.StringVar(&cfg.ScenarioFile, "scenario", "", "scenario JSON `file` (user, contacts, groups); the built-in default when empty")
	fs.Int64Var(&cfg.Seed, "seed", 1, "seed for object IDs and window handles")
	fs.StringVar(&level, "log-level", "info", "log level: debug|info|warn|error (debug logs every automation call)")
	fs.StringVar(&format, "log-format", "console", "log format on stderr: json|console")
	fs.StringVar(&cfg.ReadyFile, "ready-file", "", "write the server URL to this `file` once listening; removed on exit")
	fs.StringVar(&cfg.Token, "token", "", "require \"Authorization: Bearer `token`\" on every request except /healthz")
	fs.BoolVar(&cfg.AllowRemote, "allow-remote", false, "allow a listen address that is not loopback")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, err
		}
		return config{}, flagError{err}
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q (flags go before arguments; the only subcommand is \"version\")", fs.Arg(0))
	}
	lvl, err := zapcore.ParseLevel(level)
	if err != nil || lvl < zapcore.DebugLevel || lvl > zapcore.ErrorLevel {
		return config{}, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	cfg.LogLevel = lvl
	switch format {
	case "json", "console":
		cfg.LogFormat = format
	default:
		return config{}, fmt.Errorf("--log-format %q: want json or console", format)
	}
	if _, _, err := net.SplitHostPort(cfg.Listen); err != nil {
		return config{}, fmt.Errorf("--listen %q: want host:port (e.g. 127.0.0.1:7070, or 127.0.0.1:0 for a free port): %w", cfg.Listen, err)
	}
	if cfg.Scenario, err = loadScenario(cfg.ScenarioFile); err != nil {
		return config{}, err
	}
	return cfg, nil
}

// loadScenario reads a scenario file, or the embedded default when path is
// empty.
func loadScenario(path string) (sim.Scenario, error) {
	data := defaultScenarioJSON
	name := "embedded default scenario"
	if path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return sim.Scenario{}, fmt.Errorf("--scenario: %w", err)
		}
		name = path
	}
	s, err := sim.ParseScenario(data)
	if err != nil {
		return sim.Scenario{}, fmt.Errorf("--scenario %s: %w", name, err)
	}
	return s, nil
}

// resolveTimeout bounds the name lookup of a --listen host, so that a
// broken resolver cannot hang start-up.
const resolveTimeout = 2 * time.Second

// checkListen refuses a listen address that is reachable from other
// machines unless allowRemote: the fake trusts whoever calls it. A host
// name counts as loopback only when every address it resolves to is.
func checkListen(ctx context.Context, addr string, allowRemote bool) error {
	if allowRemote {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--listen %q: %w", addr, err)
	}
	refuse := func(why string) error {
		return fmt.Errorf("--listen %q: %s; the fake has no access control beyond --token, so it listens on loopback only (e.g. 127.0.0.1:7070); pass --allow-remote to listen there anyway", addr, why)
	}
	if host == "" {
		return refuse("an empty host listens on every interface")
	}
	if ip := net.ParseIP(host); ip != nil {
		if ip.IsUnspecified() {
			return refuse(host + " listens on every interface")
		}
		if !ip.IsLoopback() {
			return refuse(host + " is not a loopback address")
		}
		return nil
	}
	// RFC 6761: localhost is always loopback, whatever /etc/hosts says.
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
	if err != nil {
		return refuse(fmt.Sprintf("cannot resolve %q (%v)", host, err))
	}
	for _, a := range addrs {
		if !a.IP.IsLoopback() {
			return refuse(fmt.Sprintf("%s resolves to %s, which is not a loopback address", host, a.IP))
		}
	}
	return nil
}
