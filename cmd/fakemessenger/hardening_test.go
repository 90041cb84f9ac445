package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUsageErrorsExitTwo: every mistake on the command line exits 2 with a
// message that says what is wrong, and nothing on stdout.
func TestUsageErrorsExitTwo(t *testing.T) {
	t.Setenv(tokenEnv, "")
	os.Unsetenv(tokenEnv)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.json")
	writeFile(t, empty, " \n\t\n")
	syntax := filepath.Join(dir, "syntax.json")
	writeFile(t, syntax, "{\n  \"user\": {\n    \"signinName\": \"pat@contoso.com\",\n  }\n}\n")
	typ := filepath.Join(dir, "type.json")
	writeFile(t, typ, "{\"user\": {\"signinName\": 7}}")
	unknown := filepath.Join(dir, "unknown.json")
	writeFile(t, unknown, "{\n\"user\":{\"signinName\":\"pat@contoso.com\"},\n  \"contact\": []}")
	badStatus := filepath.Join(dir, "status.json")
	writeFile(t, badStatus, "{\n\"user\":{\"signinName\":\"pat@contoso.com\"},\n\"contacts\":[\n {\"signinName\":\"jaya@contoso.com\"},\n {\"signinName\":\"sam@contoso.com\", \"status\":\"sleepy\"}]}")
	schemaViolation := filepath.Join(dir, "schema.json")
	writeFile(t, schemaViolation, "{\n\"user\":{\"signinName\":\"pat@contoso.com\"},\n\"unreadEmail\": -3}")
	emptyTok := filepath.Join(dir, "empty.tok")
	writeFile(t, emptyTok, "\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"port out of range", []string{"--listen", "127.0.0.1:99999"}, "want a number from 0 to 65535"},
		{"port not a number", []string{"--listen", "127.0.0.1:http"}, "want a number from 0 to 65535"},
		{"negative port", []string{"--listen", "127.0.0.1:-1"}, "want a number from 0 to 65535"},
		{"empty scenario", []string{"--scenario", empty}, "the file is empty; a scenario is a JSON object"},
		{"scenario syntax error", []string{"--scenario", syntax}, "(line 4, column 3)"},
		{"scenario type error", []string{"--scenario", typ}, "(line 1, column"},
		{"scenario unknown field", []string{"--scenario", unknown}, "(line 3, column 3)"},
		{"scenario value sim refuses", []string{"--scenario", badStatus}, "(line 5, column 35)"},
		{"scenario against the schema", []string{"--scenario", schemaViolation}, "unreadEmail (line 3, column 1)"},
		{"token and token file", []string{"--token", "a", "--token-file", emptyTok}, "give one"},
		{"empty token file", []string{"--token-file", emptyTok}, "first line is empty"},
		{"missing token file", []string{"--token-file", filepath.Join(dir, "nope")}, "--token-file"},
		{"token with a space", []string{"--token", "a b"}, "white space"},
		{"bad origin", []string{"--allow-origin", "localhost:3000"}, "want scheme://host[:port]"},
		{"origin with a path", []string{"--allow-origin", "http://localhost:3000/app"}, "want scheme://host[:port]"},
		{"host with a port", []string{"--allow-host", "dev.example:80"}, "without a port"},
		{"zero worlds", []string{"--max-worlds", "0"}, "--max-worlds 0: want at least 1"},
		{"negative objects", []string{"--max-objects", "-5"}, "--max-objects"},
		{"journal too big", []string{"--journal-size", "20000000"}, "at most 10000000"},
		{"tiny body limit", []string{"--max-body-bytes", "10"}, "--max-body-bytes"},
		{"bad duration", []string{"--shutdown-timeout", "soon"}, "invalid value"},
		{"version with an argument", []string{"version", "x"}, "no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if code := run(ctx, tt.args, &stdout, &stderr); code != exitUsage {
				t.Errorf("exit %d, want %d; stderr %q", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not mention %q", stderr.String(), tt.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q, want nothing", stdout.String())
			}
		})
	}
}

func TestVersionFlag(t *testing.T) {
	for _, arg := range []string{"--version", "-version"} {
		var stdout bytes.Buffer
		if code := run(context.Background(), []string{arg}, &stdout, io.Discard); code != exitOK {
			t.Fatalf("%s: exit %d", arg, code)
		}
		if !strings.HasPrefix(stdout.String(), "fakemessenger ") {
			t.Errorf("%s printed %q", arg, stdout.String())
		}
	}
}

// TestTokenSources: the flag, the file (first line, trimmed) and the
// environment, in that order of precedence, and the log never shows it.
func TestTokenSources(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "tok")
	writeFile(t, file, "  from-file \r\nsecond line ignored\n")
	t.Setenv(tokenEnv, "from-env")
	for _, tt := range []struct {
		args         []string
		token, where string
	}{
		{nil, "from-env", tokenEnv},
		{[]string{"--token-file", file}, "from-file", "--token-file"},
		{[]string{"--token", "from-flag"}, "from-flag", "--token"},
	} {
		c, err := parseFlags(tt.args, io.Discard)
		if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if c.Token != tt.token || c.TokenSource != tt.where {
			t.Errorf("%q: token %q from %q, want %q from %q", tt.args, c.Token, c.TokenSource, tt.token, tt.where)
		}
	}
}

func TestScenarioPosition(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n  x\n}")
	_, err := loadScenarioData(data)
	if err == nil || !strings.Contains(err.Error(), "(line 3, column 3)") {
		t.Fatalf("error %v: want line 3, column 3", err)
	}
}

func TestAllowFlagsRepeat(t *testing.T) {
	t.Setenv(tokenEnv, "x")
	c, err := parseFlags([]string{"--allow-origin", "HTTP://LocalHost:3000", "--allow-origin", "https://app.test:443",
		"--allow-host", "dev.test", "--allow-host", "[::1]"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.AllowOrigins, " ") != "http://localhost:3000 https://app.test" {
		t.Errorf("origins %q", c.AllowOrigins)
	}
	if strings.Join(c.AllowHosts, " ") != "dev.test [::1]" {
		t.Errorf("hosts %q", c.AllowHosts)
	}
}
