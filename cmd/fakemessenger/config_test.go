package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/fakemessenger/fakemessenger/sim"
)

func TestParseFlags(t *testing.T) {
	dir := t.TempDir()
	team := filepath.Join(dir, "team.json")
	writeFile(t, team, `{"user":{"signinName":"pat@contoso.com"},"contacts":[{"signinName":"lee@contoso.com"}]}`)
	bad := filepath.Join(dir, "bad.json")
	writeFile(t, bad, `{"user":{"signinName":"pat@contoso.com"},"contact":[]}`) // typo: contact

	tests := []struct {
		name    string
		args    []string
		check   func(t *testing.T, c config)
		wantErr string // substring; "" = success
	}{
		{
			name: "defaults",
			check: func(t *testing.T, c config) {
				want := config{Listen: "127.0.0.1:7070", Scenario: sim.DefaultScenario(), Seed: 1, LogLevel: zapcore.InfoLevel, LogFormat: "console",
					Limits: limits{MaxWorlds: 64, MaxObjects: 10_000, MaxRoots: 1_000, MaxStreams: 256, JournalSize: 10_000,
						MaxBodyBytes: 1 << 20, BodyTimeout: 10 * time.Second, ShutdownTimeout: 1500 * time.Millisecond}}
				if !reflect.DeepEqual(c, want) {
					t.Errorf("got %+v\nwant %+v", c, want)
				}
			},
		},
		{
			name: "every flag",
			args: []string{"--listen", "[::1]:0", "--scenario", team, "--seed", "42", "--log-level", "debug",
				"--log-format", "json", "--ready-file", "/tmp/x", "--token", "s3cret", "--allow-remote"},
			check: func(t *testing.T, c config) {
				if c.Listen != "[::1]:0" || c.ScenarioFile != team || c.Seed != 42 || c.LogLevel != zapcore.DebugLevel ||
					c.LogFormat != "json" || c.ReadyFile != "/tmp/x" || c.Token != "s3cret" || !c.AllowRemote {
					t.Errorf("got %+v", c)
				}
				if c.Scenario.User.SigninName != "pat@contoso.com" || len(c.Scenario.Contacts) != 1 {
					t.Errorf("scenario not loaded from file: %+v", c.Scenario)
				}
			},
		},
		{name: "single dash and = form", args: []string{"-listen=127.0.0.1:0", "-log-level=warn"}, check: func(t *testing.T, c config) {
			if c.Listen != "127.0.0.1:0" || c.LogLevel != zapcore.WarnLevel {
				t.Errorf("got %+v", c)
			}
		}},
		{name: "unknown flag", args: []string{"--port", "1"}, wantErr: "flag provided but not defined"},
		{name: "stray argument", args: []string{"serve"}, wantErr: `unexpected argument "serve"`},
		{name: "log level", args: []string{"--log-level", "loud"}, wantErr: "--log-level"},
		{name: "log level beyond error", args: []string{"--log-level", "fatal"}, wantErr: "--log-level"},
		{name: "log format", args: []string{"--log-format", "xml"}, wantErr: "--log-format"},
		{name: "listen without port", args: []string{"--listen", "127.0.0.1"}, wantErr: "want host:port"},
		{name: "seed not a number", args: []string{"--seed", "x"}, wantErr: "invalid value"},
		{name: "missing scenario file", args: []string{"--scenario", filepath.Join(dir, "nope.json")}, wantErr: "--scenario"},
		{name: "scenario with unknown field", args: []string{"--scenario", bad}, wantErr: `unknown field "contact"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			c, err := parseFlags(tt.args, &stderr)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("parseFlags: %v", err)
				}
				tt.check(t, c)
				return
			}
			if err == nil {
				t.Fatalf("parseFlags(%q) succeeded, want error containing %q", tt.args, tt.wantErr)
			}
			// The flag package prints its own errors to stderr.
			if msg := err.Error() + stderr.String(); !strings.Contains(msg, tt.wantErr) {
				t.Errorf("error %q (stderr %q) does not mention %q", err, stderr.String(), tt.wantErr)
			}
		})
	}
}

func TestParseFlagsHelp(t *testing.T) {
	var stderr bytes.Buffer
	_, err := parseFlags([]string{"-h"}, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err = %v, want flag.ErrHelp", err)
	}
	for _, f := range []string{"-listen", "-scenario", "-seed", "-log-level", "-log-format", "-ready-file", "-token", "-allow-remote"} {
		if !strings.Contains(stderr.String(), f) {
			t.Errorf("usage does not list %s:\n%s", f, stderr.String())
		}
	}
}

func TestCheckListen(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool // without --allow-remote
	}{
		{"127.0.0.1:7070", true},
		{"127.0.0.1:0", true},
		{"127.1.2.3:0", true},
		{"[::1]:0", true},
		{"localhost:0", true},
		{"LocalHost:7070", true},
		{":0", false},
		{":7070", false},
		{"0.0.0.0:0", false},
		{"[::]:0", false},
		{"192.0.2.10:7070", false},
		{"[2001:db8::1]:7070", false},
		{"127.0.0.1", false}, // no port
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			err := checkListen(context.Background(), tt.addr, false)
			if tt.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !tt.ok {
				if err == nil {
					t.Fatalf("accepted a non-loopback address without --allow-remote")
				}
				if tt.addr != "127.0.0.1" && !strings.Contains(err.Error(), "--allow-remote") {
					t.Errorf("message does not say how to allow it: %v", err)
				}
			}
			if tt.addr != "127.0.0.1" {
				if err := checkListen(context.Background(), tt.addr, true); err != nil {
					t.Errorf("refused with --allow-remote: %v", err)
				}
			}
		})
	}
}

// TestEmbeddedScenario pins the embedded scenario to sim.DefaultScenario:
// `make run` and RunT must start the same world.
func TestEmbeddedScenario(t *testing.T) {
	s, err := sim.ParseScenario(defaultScenarioJSON)
	if err != nil {
		t.Fatal(err)
	}
	if want := sim.DefaultScenario(); !reflect.DeepEqual(s, want) {
		t.Errorf("default_scenario.json = %+v\nsim.DefaultScenario() = %+v", s, want)
	}
}

// TestScenarioFiles checks that every example in scenarios/ loads, and
// that scenarios/default.json is the embedded default.
func TestScenarioFiles(t *testing.T) {
	all, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".schema.json") { // the format, not a scenario
			files = append(files, f)
		}
	}
	if len(files) < 2 {
		t.Fatalf("scenarios/ holds %d JSON files, want at least default.json and team.json", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := loadScenario(f)
			if err != nil {
				t.Fatal(err)
			}
			w, err := sim.New(sim.WithScenario(s))
			if err != nil {
				t.Fatalf("sim.New: %v", err)
			}
			w.Close()
			if filepath.Base(f) == "default.json" && !reflect.DeepEqual(s, sim.DefaultScenario()) {
				t.Errorf("scenarios/default.json differs from sim.DefaultScenario(): %+v", s)
			}
		})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
