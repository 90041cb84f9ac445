package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startRun runs the program in process on a free port and returns its URL,
// the cancel that stands for SIGTERM, and its exit code channel.
func startRun(t *testing.T, args ...string) (string, context.CancelFunc, <-chan int, *syncBuffer) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"--listen", "127.0.0.1:0", "--log-format", "json"}, args...), pw, stderr)
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
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case line := <-lineCh:
		m := readyLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			t.Fatalf("ready line %q", line)
		}
		return m[1], cancel, done, stderr
	case code := <-done:
		t.Fatalf("exited %d before listening", code)
	case <-time.After(10 * time.Second):
		t.Fatal("no ready line")
	}
	return "", nil, nil, nil
}

func post(t *testing.T, url, path, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestShutdownDrains: on SIGTERM a call delayed 800 ms still answers S_OK,
// a call delayed past the deadline answers E_ABORT, an event stream ends
// with the ": shutdown" comment, and the process exits 0.
func TestShutdownDrains(t *testing.T) {
	url, sigterm, done, _ := startRun(t, "--shutdown-timeout", "1500ms")
	contact := `{"object":"messenger","member":"GetContact","args":[{"vt":"VT_BSTR","value":"jaya@contoso.com"},{"vt":"VT_BSTR","value":""}]}`
	other := `{"object":"messenger","member":"MyFriendlyName","kind":"propget"}`
	if st, b := post(t, url, "/v1/control/faults", `{"member":"GetContact","hresult":"S_OK","delayMs":800,"times":1}`); st != 201 {
		t.Fatalf("fault: %d %s", st, b)
	}
	if st, b := post(t, url, "/v1/control/faults", `{"member":"MyFriendlyName","hresult":"S_OK","delayMs":5000,"times":1}`); st != 201 {
		t.Fatalf("fault: %d %s", st, b)
	}
	resp, err := http.Get(url + "/v1/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	streamText := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(resp.Body)
		streamText <- string(b)
	}()

	type answer struct {
		status int
		body   string
	}
	slow, slower := make(chan answer, 1), make(chan answer, 1)
	go func() { st, b := post(t, url, "/v1/invoke", contact); slow <- answer{st, b} }()
	go func() { st, b := post(t, url, "/v1/invoke", other); slower <- answer{st, b} }()
	time.Sleep(100 * time.Millisecond) // both calls are in their delays
	t0 := time.Now()
	sigterm()

	a := <-slow
	var reply struct{ Name string }
	_ = json.Unmarshal([]byte(a.body), &reply)
	if a.status != 200 || reply.Name != "S_OK" {
		t.Errorf("call in flight at SIGTERM: %d %s, want S_OK", a.status, a.body)
	}
	b := <-slower
	_ = json.Unmarshal([]byte(b.body), &reply)
	if b.status != 200 || reply.Name != "E_ABORT" {
		t.Errorf("call still running at the deadline: %d %s, want E_ABORT", b.status, b.body)
	}
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit within 5 s")
	}
	if d := time.Since(t0); d < 1400*time.Millisecond || d > 2500*time.Millisecond {
		t.Errorf("exit %v after SIGTERM, want about the 1.5 s deadline", d)
	}
	if s := <-streamText; !strings.HasSuffix(s, ": shutdown\n\n") {
		t.Errorf("stream ended with %q, want the shutdown comment", s[max(0, len(s)-40):])
	}
	// After SIGTERM nothing new is accepted.
	if st, _ := post(t, url, "/v1/invoke", other); st != 0 {
		t.Errorf("a request after exit got %d", st)
	}
}

// TestShutdownQuickWhenIdle: with nothing in flight the process exits at
// once, long before the deadline.
func TestShutdownQuickWhenIdle(t *testing.T) {
	_, sigterm, done, stderr := startRun(t, "--shutdown-timeout", "5s")
	t0 := time.Now()
	sigterm()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d", code)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("an idle server waited for its shutdown deadline")
	}
	if d := time.Since(t0); d > time.Second {
		t.Errorf("idle shutdown took %v", d)
	}
	if bytes.Contains([]byte(stderr.String()), []byte("aborted")) {
		t.Errorf("an idle shutdown aborted something:\n%s", stderr.String())
	}
}
