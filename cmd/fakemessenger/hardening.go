package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/fakemessenger/fakemessenger/scenarios"
	"github.com/fakemessenger/fakemessenger/wire"
)

// tokenEnv names the environment variable the token may come from: unlike
// --token, the environment is not shown to other local users by ps.
const tokenEnv = "FAKEMESSENGER_TOKEN"

// resolveToken picks the token: --token, else --token-file, else the
// environment. Giving both flags is a mistake worth refusing.
func resolveToken(flagToken, file string) (token, source string, err error) {
	switch {
	case flagToken != "" && file != "":
		return "", "", errors.New("--token and --token-file: give one")
	case flagToken != "":
		return flagToken, "--token", checkToken(flagToken, "--token")
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return "", "", fmt.Errorf("--token-file: %w", err)
		}
		first, _, _ := strings.Cut(string(data), "\n")
		t := strings.TrimSpace(first)
		if t == "" {
			return "", "", fmt.Errorf("--token-file %s: the first line is empty", file)
		}
		return t, "--token-file", checkToken(t, "--token-file "+file)
	}
	if t, ok := os.LookupEnv(tokenEnv); ok {
		if t == "" {
			return "", "", fmt.Errorf("%s is set but empty; unset it to run without a token", tokenEnv)
		}
		return t, tokenEnv, checkToken(t, tokenEnv)
	}
	return "", "", nil
}

// checkToken: a token a client can send in "Authorization: Bearer <t>".
func checkToken(t, where string) error {
	for _, r := range t {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("%s: the token holds white space or a control character, which no Authorization header can carry", where)
		}
	}
	return nil
}

// limits are the resource flags; zero means the wire server's default.
type limits struct {
	MaxWorlds       int
	MaxObjects      int
	MaxRoots        int
	MaxStreams      int
	JournalSize     int
	MaxBodyBytes    int64
	BodyTimeout     time.Duration
	ShutdownTimeout time.Duration
}

func (l *limits) register(fs *flag.FlagSet) {
	fs.IntVar(&l.MaxWorlds, "max-worlds", wire.DefaultMaxWorlds, "worlds at once, the default one included")
	fs.IntVar(&l.MaxObjects, "max-objects", wire.DefaultMaxObjects, "live objects per world (GetContact past it: E_OUTOFMEMORY); also caps window handles")
	fs.IntVar(&l.MaxRoots, "max-roots", wire.DefaultMaxRoots, "root objects (POST /v1/objects) per world over its life (past it: 507)")
	fs.IntVar(&l.MaxStreams, "max-streams", wire.DefaultMaxStreams, "event streams open at once (past it: 429)")
	fs.IntVar(&l.JournalSize, "journal-size", wire.DefaultJournalSize, "calls each world's journal keeps (POST /v1/worlds may ask for fewer)")
	fs.Int64Var(&l.MaxBodyBytes, "max-body-bytes", wire.DefaultMaxBodyBytes, "largest request body (past it: 413)")
	fs.DurationVar(&l.BodyTimeout, "body-timeout", wire.DefaultBodyTimeout, "time a request body may take to arrive (past it: 408)")
	fs.DurationVar(&l.ShutdownTimeout, "shutdown-timeout", defaultShutdownTimeout, "on SIGTERM/SIGINT, time calls in flight get to finish")
}

func (l *limits) check() error {
	for _, f := range []struct {
		name string
		v    int64
		min  int64
	}{
		{"--max-worlds", int64(l.MaxWorlds), 1}, {"--max-objects", int64(l.MaxObjects), 1},
		{"--max-roots", int64(l.MaxRoots), 1}, {"--max-streams", int64(l.MaxStreams), 1},
		{"--journal-size", int64(l.JournalSize), 1}, {"--max-body-bytes", l.MaxBodyBytes, 64},
		{"--body-timeout", int64(l.BodyTimeout), int64(time.Millisecond)},
		{"--shutdown-timeout", int64(l.ShutdownTimeout), 0},
	} {
		if f.v < f.min {
			return fmt.Errorf("%s %d: want at least %d", f.name, f.v, f.min)
		}
	}
	if l.JournalSize > 10_000_000 {
		return fmt.Errorf("--journal-size %d: at most 10000000", l.JournalSize)
	}
	return nil
}

// exampleScenario is what an empty scenario file is told to look like.
const exampleScenario = `{"user":{"signinName":"alex@contoso.com"},"contacts":[{"signinName":"jaya@contoso.com"}]}`

var unknownField = regexp.MustCompile(`unknown field "([^"]*)"`)

// position turns a scenario decoding error into " (line L, column C)":
// from the offset of a syntax or type error, or, for an unknown field
// (whose error has no offset), from where the field's key first appears.
func position(data []byte, err error) string {
	off := int64(-1)
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	default:
		if m := unknownField.FindStringSubmatch(err.Error()); m != nil {
			key, _ := json.Marshal(m[1])
			if i := strings.Index(string(data), string(key)); i >= 0 {
				off = int64(i) + 1
			}
		} else if at := scenarios.Where(data, err); at != "" {
			return at // sim named the field of a value it refuses
		}
	}
	if off < 0 || off > int64(len(data)) {
		return ""
	}
	line, col := 1, 1
	for _, b := range data[:max(off-1, 0)] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf(" (line %d, column %d)", line, col)
}
