package fakemessenger_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestBlackBox builds cmd/fakemessenger and drives the binary the way a
// test in another language would: a separate process, the ready line on
// stdout, plain HTTP and JSON (not package client), then SIGTERM.
func TestBlackBox(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the fakemessenger binary and runs it as a process; skipped under -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("stops the process with SIGTERM, which Windows cannot deliver")
	}
	bin := bbBuild(t)

	t.Run("session", func(t *testing.T) {
		t.Parallel()
		bbSession(t, bin)
	})
	t.Run("token", func(t *testing.T) {
		t.Parallel()
		bbToken(t, bin)
	})
	t.Run("refuses non-loopback listen", func(t *testing.T) {
		t.Parallel()
		bbRefusesRemote(t, bin)
	})
	t.Run("version", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, bin, "version").Output()
		if err != nil {
			t.Fatalf("fakemessenger version: %v", err)
		}
		if !strings.HasPrefix(string(out), "fakemessenger ") || !strings.Contains(string(out), runtime.Version()) {
			t.Errorf("fakemessenger version printed %q", out)
		}
	})
}

// bbSession is the session: GetContact, InstantMessage, the
// window's events, the person closes it, Release, then the released ID is
// disconnected; SIGTERM ends the process (and the event stream) with 0.
func bbSession(t *testing.T, bin string) {
	p := bbStart(t, bin)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	resp := p.do(ctx, t, http.MethodGet, "/healthz", nil)
	if body := bbReadAll(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, `"ok"`) {
		t.Fatalf("/healthz: %s %s", resp.Status, body)
	}

	contact := p.invoke(ctx, t, "messenger", "GetContact", "method",
		bbBSTR("jaya@contoso.com"), bbBSTR(""))
	contactID := contact.wantObject(t, "GetContact", "IMessengerContactAdvanced")

	events := p.subscribe(ctx, t)

	win := p.invoke(ctx, t, "messenger", "InstantMessage", "method",
		map[string]any{"vt": "VT_DISPATCH", "object": contactID})
	winID := win.wantObject(t, "InstantMessage", "IMessengerConversationWndAdvanced")

	created := events.waitFor(ctx, t, "OnIMWindowCreated")
	created.wantWindow(t, 1041, winID)

	resp = p.post(ctx, t, "/v1/control/windows/close", map[string]any{"object": winID})
	if body := bbReadAll(t, resp); resp.StatusCode != http.StatusOK {
		t.Fatalf("the person closing the window: %s %s", resp.Status, body)
	}
	destroyed := events.waitFor(ctx, t, "OnIMWindowDestroyed")
	destroyed.wantWindow(t, 1042, winID)
	if destroyed.ID <= created.ID {
		t.Errorf("OnIMWindowDestroyed id %d is not after OnIMWindowCreated id %d", destroyed.ID, created.ID)
	}

	// References follow a .NET RCW: the InstantMessage result and each
	// event argument added one, and Release answers how many are left.
	// Release to zero, as Marshal.FinalReleaseComObject does.
	for i, left := 0, -1; left != 0; i++ {
		if i == 3 { // one return value + two events
			t.Fatalf("the window still holds %d references after %d Releases", left, i)
		}
		r := p.invoke(ctx, t, winID, "Release", "method")
		r.wantHRESULT(t, "Release", "0x00000000", "S_OK")
		if r.Result == nil || r.Result.VT != "VT_I4" {
			t.Fatalf("Release result %+v, want the VT_I4 reference count", r.Result)
		}
		if err := json.Unmarshal(r.Result.Value, &left); err != nil {
			t.Fatalf("Release result value %s: %v", r.Result.Value, err)
		}
	}
	p.invoke(ctx, t, winID, "IsClosed", "propget").wantHRESULT(t, "IsClosed after Release", "0x80010108", "RPC_E_DISCONNECTED")

	p.stop(t)
	select {
	case <-events.done:
	case <-ctx.Done():
		t.Error("the event stream was still open after the process exited")
	}
}

// bbToken: with --token every request but /healthz needs the bearer token.
func bbToken(t *testing.T, bin string) {
	const token = "s3cret-token"
	p := bbStart(t, bin, "--token", token)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	resp := p.do(ctx, t, http.MethodGet, "/healthz", nil)
	if body := bbReadAll(t, resp); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz without a token: %s %s; want 200 (CI polls it for readiness)", resp.Status, body)
	}
	for _, auth := range []string{"", "Bearer wrong", "Basic " + token, token} {
		for _, path := range []string{"/v1/state", "/v1/journal"} {
			resp := p.doAuth(ctx, t, http.MethodGet, path, nil, auth)
			body := bbReadAll(t, resp)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("GET %s with Authorization %q: %s %s; want 401", path, auth, resp.Status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("GET %s with Authorization %q: Content-Type %q, want application/problem+json", path, auth, ct)
			}
		}
	}
	resp = p.doAuth(ctx, t, http.MethodPost, "/v1/invoke",
		bbJSON(t, map[string]any{"object": "messenger", "member": "MySigninName", "kind": "propget"}), "")
	if body := bbReadAll(t, resp); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST /v1/invoke without a token: %s %s; want 401", resp.Status, body)
	}

	p.token = token
	resp = p.do(ctx, t, http.MethodGet, "/v1/state", nil)
	if body := bbReadAll(t, resp); resp.StatusCode != http.StatusOK {
		t.Errorf("GET /v1/state with the token: %s %s", resp.Status, body)
	}
	p.invoke(ctx, t, "messenger", "MySigninName", "propget").wantHRESULT(t, "MySigninName with the token", "0x00000000", "S_OK")
	p.stop(t)
}

// bbRefusesRemote: a wildcard or remote --listen needs --allow-remote;
// without it the process says why and exits 2 without listening.
func bbRefusesRemote(t *testing.T, bin string) {
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, bin, "--listen", addr)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		cancel()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			t.Errorf("--listen %s: %v, want exit status 2", addr, err)
		}
		if !strings.Contains(stderr.String(), "--allow-remote") {
			t.Errorf("--listen %s: stderr %q does not say to pass --allow-remote", addr, stderr.String())
		}
		if stdout.Len() != 0 {
			t.Errorf("--listen %s: stdout %q, want nothing (no ready line)", addr, stdout.String())
		}
	}
}

// bbBuild compiles the binary once for all subtests.
func bbBuild(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fakemessenger")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/fakemessenger").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/fakemessenger: %v\n%s", err, out)
	}
	return bin
}

// bbReadyLine is the exact first line of stdout.
var bbReadyLine = regexp.MustCompile(`^fakemessenger listening on (http://127\.0\.0\.1:([0-9]+))\n$`)

// bbProcess is one running fakemessenger.
type bbProcess struct {
	cmd     *exec.Cmd
	url     string
	ready   string // the --ready-file path
	token   string // sent as a bearer token when set
	stderr  bbBuffer
	exited  chan struct{}
	waitErr error // set before exited closes
	client  *http.Client
}

// bbStart starts the binary on a free loopback port and waits for its
// ready line; cleanup kills it if the test has not stopped it.
func bbStart(t *testing.T, bin string, args ...string) *bbProcess {
	t.Helper()
	p := &bbProcess{
		ready:  filepath.Join(t.TempDir(), "ready"),
		exited: make(chan struct{}),
		client: &http.Client{Timeout: 10 * time.Second},
	}
	p.cmd = exec.Command(bin, append([]string{"--listen", "127.0.0.1:0", "--ready-file", p.ready, "--log-level", "debug"}, args...)...)
	// A pipe of our own, so that Wait never races with reading stdout.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stdout = w
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("fakemessenger stderr:\n%s", p.stderr.String())
		}
	})

	lines := make(chan string, 1)
	go func() {
		defer r.Close()
		br := bufio.NewReader(r)
		line, _ := br.ReadString('\n')
		lines <- line
		io.Copy(io.Discard, br) // nothing else is expected; keep the pipe drained
	}()
	var line string
	select {
	case line = <-lines:
	case <-p.exited:
		t.Fatalf("fakemessenger exited before its ready line: %v\n%s", p.waitErr, p.stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("no ready line within 30 s\n%s", p.stderr.String())
	}
	m := bbReadyLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("first stdout line %q does not match %s", line, bbReadyLine)
	}
	if port, _ := strconv.Atoi(m[2]); port == 0 {
		t.Fatalf("ready line %q names port 0, not the port chosen", line)
	}
	p.url = m[1]
	data, err := os.ReadFile(p.ready)
	if err != nil {
		t.Fatalf("ready file after the ready line: %v", err)
	}
	if got := strings.TrimSpace(string(data)); got != p.url {
		t.Fatalf("ready file holds %q, want %q", got, p.url)
	}
	return p
}

// stop sends SIGTERM and expects exit status 0 within 2 s and the ready
// file gone.
func (p *bbProcess) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-p.exited:
	case <-time.After(2 * time.Second):
		t.Fatalf("still running 2 s after SIGTERM")
	}
	if p.waitErr != nil {
		t.Errorf("after SIGTERM: %v, want exit status 0", p.waitErr)
	}
	if _, err := os.Stat(p.ready); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ready file still there after exit (stat: %v)", err)
	}
}

func (p *bbProcess) do(ctx context.Context, t *testing.T, method, path string, body []byte) *http.Response {
	t.Helper()
	auth := ""
	if p.token != "" {
		auth = "Bearer " + p.token
	}
	return p.doAuth(ctx, t, method, path, body, auth)
}

func (p *bbProcess) doAuth(ctx context.Context, t *testing.T, method, path string, body []byte, auth string) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, p.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil || method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

func (p *bbProcess) post(ctx context.Context, t *testing.T, path string, v any) *http.Response {
	t.Helper()
	return p.do(ctx, t, http.MethodPost, path, bbJSON(t, v))
}

// bbReply is the body of a /v1/invoke answer.
type bbReply struct {
	HRESULT string     `json:"hresult"`
	Name    string     `json:"name"`
	Message string     `json:"message"`
	Result  *bbVariant `json:"result"`
}

type bbVariant struct {
	VT        string          `json:"vt"`
	Value     json.RawMessage `json:"value"`
	Object    *string         `json:"object"`
	Interface string          `json:"interface"`
}

func (p *bbProcess) invoke(ctx context.Context, t *testing.T, object, member, kind string, args ...any) bbReply {
	t.Helper()
	if args == nil {
		args = []any{}
	}
	resp := p.post(ctx, t, "/v1/invoke", map[string]any{"object": object, "member": member, "kind": kind, "args": args})
	body := bbReadAll(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("invoke %s on %s: %s %s", member, object, resp.Status, body)
	}
	var r bbReply
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("invoke %s: reply %s: %v", member, body, err)
	}
	return r
}

func (r bbReply) wantHRESULT(t *testing.T, what, hr, name string) {
	t.Helper()
	if r.HRESULT != hr || r.Name != name {
		t.Errorf("%s: %s %s (%q), want %s %s", what, r.HRESULT, r.Name, r.Message, hr, name)
	}
}

// wantObject checks an S_OK reply carrying an object and returns its ID.
func (r bbReply) wantObject(t *testing.T, what, iface string) string {
	t.Helper()
	r.wantHRESULT(t, what, "0x00000000", "S_OK")
	if r.Result == nil || r.Result.VT != "VT_DISPATCH" || r.Result.Object == nil || *r.Result.Object == "" {
		t.Fatalf("%s: result %+v, want a VT_DISPATCH object", what, r.Result)
	}
	if r.Result.Interface != iface {
		t.Errorf("%s: interface %q, want %q", what, r.Result.Interface, iface)
	}
	return *r.Result.Object
}

// bbEvent is one Server-Sent Event.
type bbEvent struct {
	ID   int64
	Name string
	Data string
}

type bbStream struct {
	events chan bbEvent
	done   chan struct{} // closed when the stream ends
}

// subscribe opens /v1/events and returns once the server has answered,
// so that every event raised afterwards is on the stream.
func (p *bbProcess) subscribe(ctx context.Context, t *testing.T) *bbStream {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/v1/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/event-stream")
	// No client timeout: the stream lives until the server ends it; ctx
	// bounds it.
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET /v1/events: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/events: %s %s", resp.Status, bbReadAll(t, resp))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Errorf("GET /v1/events: Content-Type %q", ct)
	}
	s := &bbStream{events: make(chan bbEvent, 64), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		var ev bbEvent
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Name != "" || len(data) > 0 {
					ev.Data = strings.Join(data, "\n")
					select {
					case s.events <- ev:
					case <-ctx.Done():
						return
					}
				}
				ev, data = bbEvent{}, nil
			case strings.HasPrefix(line, ":"): // comment (keepalive)
			case strings.HasPrefix(line, "id:"):
				ev.ID, _ = strconv.ParseInt(strings.TrimSpace(line[3:]), 10, 64)
			case strings.HasPrefix(line, "event:"):
				ev.Name = strings.TrimSpace(line[6:])
			case strings.HasPrefix(line, "data:"):
				data = append(data, strings.TrimPrefix(line[5:], " "))
			}
		}
	}()
	return s
}

// waitFor returns the next event of that name, skipping others.
func (s *bbStream) waitFor(ctx context.Context, t *testing.T, name string) bbEvent {
	t.Helper()
	for {
		select {
		case ev := <-s.events:
			if ev.Name == name {
				return ev
			}
		case <-s.done:
			t.Fatalf("the event stream ended before %s", name)
		case <-ctx.Done():
			t.Fatalf("no %s event: %v", name, ctx.Err())
		}
	}
}

// wantWindow checks an OnIMWindow* event: its DISPID and that pIMWindow,
// by name and as the first of args, is the window the invoke returned.
func (e bbEvent) wantWindow(t *testing.T, dispid int, winID string) {
	t.Helper()
	var d struct {
		Seq    int64                `json:"seq"`
		DISPID int                  `json:"dispid"`
		Params map[string]bbVariant `json:"params"`
		Args   []bbVariant          `json:"args"`
	}
	if err := json.Unmarshal([]byte(e.Data), &d); err != nil {
		t.Fatalf("%s data %s: %v", e.Name, e.Data, err)
	}
	if d.DISPID != dispid {
		t.Errorf("%s dispid %d, want %d", e.Name, d.DISPID, dispid)
	}
	if d.Seq != e.ID {
		t.Errorf("%s: data seq %d, SSE id %d", e.Name, d.Seq, e.ID)
	}
	if w, ok := d.Params["pIMWindow"]; !ok || w.Object == nil || *w.Object != winID {
		t.Errorf("%s params %s: pIMWindow is not the window %s", e.Name, e.Data, winID)
	}
	if len(d.Args) != 1 || d.Args[0].Object == nil || *d.Args[0].Object != winID {
		t.Errorf("%s args %s: want the window %s alone", e.Name, e.Data, winID)
	}
}

func bbBSTR(s string) map[string]any { return map[string]any{"vt": "VT_BSTR", "value": s} }

func bbJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func bbReadAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatalf("reading %s: %v", resp.Request.URL.Path, err)
	}
	return string(b)
}

// bbBuffer collects the process's stderr; the exec package writes it from
// its own goroutine while the test may read it.
type bbBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *bbBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *bbBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
