package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/fakemessenger/fakemessenger/scenarios"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
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
	// Version: --version was given; print it and exit.
	Version bool
	// TokenSource says where the token came from (flag, file, env), for
	// the log; the token itself is never logged.
	TokenSource  string
	AllowOrigins []string
	AllowHosts   []string
	Limits       limits
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
		fmt.Fprintf(fs.Output(), "Usage:\n  fakemessenger [flags]\n  fakemessenger --version\n\nThe token may also come from the FAKEMESSENGER_TOKEN environment variable.\n\nFlags:\n")
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
	fs.BoolVar(&cfg.AllowRemote, "allow-remote", false, "allow a listen address that is not loopback, and answer any Host")
	fs.BoolVar(&cfg.Version, "version", false, "print the version and exit")
	var tokenFile string
	fs.StringVar(&tokenFile, "token-file", "", "read the bearer token from this `file` (first line); safer than --token, which every local user sees in ps")
	fs.Func("allow-origin", "let a web page from this `origin` (http://localhost:3000) call the fake, with CORS answers; repeatable", func(v string) error {
		n, err := wire.NormalizeOrigin(v)
		if err != nil {
			return errors.New(strings.TrimPrefix(err.Error(), "wire: "))
		}
		cfg.AllowOrigins = append(cfg.AllowOrigins, n)
		return nil
	})
	fs.Func("allow-host", "answer requests whose Host is this `name` (any port) besides loopback ones; repeatable", func(v string) error {
		if v == "" || strings.ContainsAny(v, "/ \t@") || (strings.Contains(v, ":") && net.ParseIP(strings.Trim(v, "[]")) == nil) {
			return fmt.Errorf("%q: want a host name or address without a port", v)
		}
		cfg.AllowHosts = append(cfg.AllowHosts, v)
		return nil
	})
	cfg.Limits.register(fs)
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
	if cfg.Version {
		return cfg, nil
	}
	_, port, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return config{}, fmt.Errorf("--listen %q: want host:port (e.g. 127.0.0.1:7070, or 127.0.0.1:0 for a free port): %w", cfg.Listen, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return config{}, fmt.Errorf("--listen %q: port %q: want a number from 0 to 65535 (0 picks a free port)", cfg.Listen, port)
	}
	if err := cfg.Limits.check(); err != nil {
		return config{}, err
	}
	if cfg.Token, cfg.TokenSource, err = resolveToken(cfg.Token, tokenFile); err != nil {
		return config{}, err
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
	s, err := loadScenarioData(data)
	if err != nil {
		return sim.Scenario{}, fmt.Errorf("--scenario %s%w", name, err)
	}
	return s, nil
}

// loadScenarioData parses a scenario, saying where in the file a JSON
// error is and what an empty file should hold. Its error starts with
// ": " or " (line L, column C): " so that the caller can put the file name
// before it.
func loadScenarioData(data []byte) (sim.Scenario, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return sim.Scenario{}, fmt.Errorf(": the file is empty; a scenario is a JSON object such as %s (see scenarios/default.json); leave out --scenario for the built-in default", exampleScenario)
	}
	// The schema first: it names every structural mistake with its line.
	var se *scenarios.Error
	if err := scenarios.Validate(data); errors.As(err, &se) {
		return sim.Scenario{}, fmt.Errorf(": %w", err)
	}
	s, err := sim.ParseScenario(data)
	if err != nil {
		return sim.Scenario{}, fmt.Errorf("%s: %w", position(data, err), err)
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
