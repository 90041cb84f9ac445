package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"version"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "fakemessenger "+version) || !strings.Contains(out, runtime.Version()) {
		t.Errorf("version output %q: want the version %q and the Go version %q", out, version, runtime.Version())
	}
	if code := run(context.Background(), []string{"version", "extra"}, io.Discard, io.Discard); code != exitUsage {
		t.Errorf("version with an argument: exit %d, want %d", code, exitUsage)
	}
}

// TestRunRefusals: everything the caller got wrong exits 2 with a message
// on stderr and prints nothing on stdout (so nobody mistakes it for ready).
func TestRunRefusals(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"wildcard listen", []string{"--listen", "0.0.0.0:0"}, "--allow-remote"},
		{"empty host", []string{"--listen", ":0"}, "--allow-remote"},
		{"remote address", []string{"--listen", "192.0.2.1:7070"}, "not a loopback address"},
		{"bad flag", []string{"--nope"}, "flag provided but not defined"},
		{"bad scenario", []string{"--scenario", filepath.Join(dir, "missing.json")}, "--scenario"},
		{"ready file in a missing directory", []string{"--listen", "127.0.0.1:0", "--ready-file", filepath.Join(dir, "no", "such", "dir", "ready")}, "--ready-file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if code := run(ctx, tt.args, &stdout, &stderr); code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
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

func TestHelpExitsZero(t *testing.T) {
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"--help"}, io.Discard, &stderr); code != exitOK {
		t.Errorf("exit %d, want 0", code)
	}
	if !strings.Contains(stderr.String(), "Usage:") {
		t.Errorf("no usage on stderr: %q", stderr.String())
	}
}

var readyLine = regexp.MustCompile(`^fakemessenger listening on (http://127\.0\.0\.1:[1-9][0-9]*)$`)

// TestRunServesAndStops runs the whole program in-process: the ready line,
// the ready file, a request, then cancellation (what SIGTERM does) with
// an event stream open, which must still end promptly with exit 0.
func TestRunServesAndStops(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready")
	pr, pw := io.Pipe()
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--listen", "127.0.0.1:0", "--ready-file", ready, "--log-level", "debug", "--log-format", "json"}, pw, &stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("stderr:\n%s", stderr.String())
		}
	})

	lineCh := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(pr).ReadString('\n')
		lineCh <- line
		io.Copy(io.Discard, pr)
	}()
	var line string
	select {
	case line = <-lineCh:
	case code := <-done:
		t.Fatalf("run exited %d before listening", code)
	case <-time.After(10 * time.Second):
		t.Fatal("no ready line within 10 s")
	}
	m := readyLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil || !strings.HasSuffix(line, "\n") {
		t.Fatalf("first stdout line %q does not match %s", line, readyLine)
	}
	url := m[1]
	data, err := os.ReadFile(ready)
	if err != nil {
		t.Fatalf("ready file: %v", err)
	}
	if got := strings.TrimSpace(string(data)); got != url {
		t.Errorf("ready file holds %q, want %q", got, url)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(ready), ".ready.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left beside the ready file: %v", left)
	}

	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %s", resp.Status)
	}

	// An open event stream must not hold up shutdown.
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	req, _ := http.NewRequestWithContext(sctx, http.MethodGet, url+"/v1/events", nil)
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if stream.StatusCode != http.StatusOK {
		t.Fatalf("/v1/events: %s", stream.Status)
	}
	streamEnded := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, stream.Body)
		streamEnded <- err
	}()

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after cancel, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return within 5 s of cancel")
	}
	select {
	case <-streamEnded:
	case <-time.After(5 * time.Second):
		t.Error("the event stream stayed open after shutdown")
	}
	// Without the wire server ending the stream, Shutdown would wait for it
	// until the deadline and then cut it off.
	if strings.Contains(stderr.String(), "cut off") {
		t.Errorf("shutdown waited for the event stream until its deadline:\n%s", stderr.String())
	}
	if _, err := os.Stat(ready); !os.IsNotExist(err) {
		t.Errorf("ready file still there after exit (stat: %v)", err)
	}
	if !strings.Contains(stderr.String(), `"scenario"`) || !strings.Contains(stderr.String(), "alex@contoso.com") {
		t.Errorf("the start-up log does not summarise the scenario:\n%s", stderr.String())
	}
}

func TestRunPortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if code := run(ctx, []string{"--listen", ln.Addr().String()}, &stdout, &stderr); code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q: a server that never listened printed something", stdout.String())
	}
	if !strings.Contains(stderr.String(), ln.Addr().String()) {
		t.Errorf("stderr %q does not name the address", stderr.String())
	}
}

func TestAnnounceAddr(t *testing.T) {
	tests := []struct {
		ip        net.IP
		requested string
		want      string
	}{
		{net.IPv4(127, 0, 0, 1), "127.0.0.1:0", "127.0.0.1:4242"},
		{net.IPv6loopback, "[::1]:0", "[::1]:4242"},
		{net.IPv4zero, "0.0.0.0:0", "127.0.0.1:4242"},
		{net.IPv6unspecified, ":0", "127.0.0.1:4242"},        // dual-stack: IPv4 loopback works
		{net.IPv6unspecified, "0.0.0.0:0", "127.0.0.1:4242"}, // Go reports [::] for this too
		{net.IPv6unspecified, "[::]:0", "[::1]:4242"},
		{net.IPv4(10, 1, 2, 3), "10.1.2.3:0", "10.1.2.3:4242"},
	}
	for _, tt := range tests {
		got := announceAddr(&net.TCPAddr{IP: tt.ip, Port: 4242}, tt.requested)
		if got != tt.want {
			t.Errorf("announceAddr(%v, %q) = %q, want %q", tt.ip, tt.requested, got, tt.want)
		}
	}
}

func TestWriteReadyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ready")
	writeFile(t, path, "stale contents from an earlier run, longer than the URL")
	if err := writeReadyFile(path, "http://127.0.0.1:1234"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "http://127.0.0.1:1234\n" {
		t.Errorf("ready file = %q", data)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the ready file (no temporaries)", len(entries))
	}
}

// syncBuffer is a bytes.Buffer safe for the logger's writes and the
// test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
