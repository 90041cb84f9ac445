package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as the bare server process, so the process
// handling (ready line, /healthz, SIGTERM, VmHWM) is tested for real.
const serveBareEnv = "FMLOAD_TEST_SERVE_BARE"

func TestMain(m *testing.M) {
	if os.Getenv(serveBareEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
		err := serveBareMain(ctx, "127.0.0.1:0", "", os.Stdout)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func bareProcess(t *testing.T) serverSpec {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return serverSpec{name: "bare", path: exe, env: []string{serveBareEnv + "=1"}}
}

func TestBareProcessStartLoadStop(t *testing.T) {
	ctx := context.Background()
	srv, err := bareProcess(t).start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.stop() })
	if !strings.HasPrefix(srv.url, "http://127.0.0.1:") {
		t.Fatalf("url %q", srv.url)
	}
	if err := waitHealthy(ctx, srv.url, healthTimeout); err != nil {
		t.Fatal(err)
	}
	o := options{duration: 100 * time.Millisecond, warmup: 20 * time.Millisecond, maxRequests: 50}
	r, err := runLoad(ctx, srv, 2, 0, o)
	if err != nil {
		t.Fatal(err)
	}
	// the request budget bounds the recorded phase
	if r.Requests == 0 || r.Requests > o.maxRequests || r.Latency.N != r.Requests || r.Ops != r.Requests {
		t.Errorf("requests %d, ops %d, samples %d; want 1..%d, all equal", r.Requests, r.Ops, r.Latency.N, o.maxRequests)
	}
	mem, err := readMemory(srv.pid)
	if err != nil {
		t.Fatal(err)
	}
	if mem.PeakKiB < mem.RSSKiB || mem.RSSKiB == 0 {
		t.Errorf("memory %+v: want 0 < RSS <= peak", mem)
	}
	if err := srv.stop(); err != nil {
		t.Errorf("SIGTERM should end the bare server with status 0: %v", err)
	}
}

func TestStartToReady(t *testing.T) {
	d, err := startToReady(context.Background(), bareProcess(t))
	if err != nil {
		t.Fatal(err)
	}
	if d <= 0 || d > readyTimeout+healthTimeout {
		t.Errorf("start-to-ready %v is out of range", d)
	}
}

func TestStartRejectsServersThatDoNotAnnounce(t *testing.T) {
	for name, spec := range map[string]serverSpec{
		"exits at once": {name: "x", path: "/bin/true"},
		"no URL":        {name: "x", path: "/bin/echo", args: []string{"hello"}},
		"not loopback":  {name: "x", path: "/bin/echo", args: []string{"listening on http://10.1.2.3:80"}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(spec.path); err != nil {
				t.Skip(err)
			}
			if srv, err := spec.start(context.Background()); err == nil {
				_ = srv.stop()
				t.Fatalf("start succeeded with url %q", srv.url)
			}
		})
	}
}

// stubWire answers /v1/invoke as the fake does for the load generator's
// calls, and remembers each member called with the object it was called on.
type stubWire struct {
	mu    sync.Mutex
	calls []string
	next  int
}

func (s *stubWire) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Object string `json:"object"`
		Member string `json:"member"`
	}
	if r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&req) != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, req.Member+"("+req.Object+")")
	result := "null"
	if req.Member == "InstantMessage" {
		s.next++
		result = fmt.Sprintf(`{"vt":"VT_DISPATCH","object":"w%d","interface":"IMessengerConversationWnd"}`, s.next)
	}
	fmt.Fprintf(w, `{"hresult":"0x00000000","name":"S_OK","message":"","result":%s}`, result)
}

func TestWireOpClosesAndReleasesTheWindowItGot(t *testing.T) {
	for _, release := range []bool{true, false} {
		t.Run(fmt.Sprintf("release=%v", release), func(t *testing.T) {
			stub := &stubWire{}
			ts := httptest.NewServer(stub)
			t.Cleanup(ts.Close)
			w := &worker{client: ts.Client(), base: ts.URL, wire: true, release: release, prefix: "t"}
			for range 2 {
				if _, err := w.op(context.Background(), true); err != nil {
					t.Fatal(err)
				}
			}
			want := []string{"InstantMessage(messenger)", "Close(w1)", "Release(w1)", "InstantMessage(messenger)", "Close(w2)", "Release(w2)"}
			if !release {
				want = []string{"InstantMessage(messenger)", "Close(w1)", "InstantMessage(messenger)", "Close(w2)"}
			}
			if !reflect.DeepEqual(stub.calls, want) {
				t.Errorf("calls %v, want %v", stub.calls, want)
			}
			if w.ops != 2 || len(w.samples) != len(want) {
				t.Errorf("ops %d, samples %d; want 2 and %d", w.ops, len(w.samples), len(want))
			}
		})
	}
}

func TestWireOpFailsOnAFailedHRESULT(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"hresult":"0x80004005","name":"E_FAIL","message":"no","result":null}`)
	}))
	t.Cleanup(ts.Close)
	w := &worker{client: ts.Client(), base: ts.URL, wire: true, release: true}
	if _, err := w.op(context.Background(), true); err == nil || !strings.Contains(err.Error(), "E_FAIL") {
		t.Fatalf("err = %v, want the E_FAIL reply", err)
	}
}

func TestObjectOf(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{bareReply, "6f3b7d2a-5e1c-4b8f-9a0d-2c4e6f8a1b3d", true},
		{`{"params":{"pIMWindow":{"object":"abc","interface":"I"}},"args":[{"vt":"VT_DISPATCH","object":"abc"}]}`, "abc", true},
		{`{"result":null}`, "", false},
		{`{"object":""}`, "", false},
		{`{"object":"unterminated`, "", false},
	}
	for _, tt := range tests {
		got, ok := objectOf([]byte(tt.in))
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("objectOf(%s) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestReadSSE(t *testing.T) {
	stream := ": keepalive\n\n" +
		"id: 1\nevent: OnIMWindowCreated\ndata: {\"seq\":1}\n\n" +
		"id: 2\r\nevent: gap\r\ndata: {\"from\":2,\r\ndata: \"to\":3}\r\n\r\n" +
		"event: OnSignout\ndata: {}\n" // ends without the blank line
	type ev struct{ name, data string }
	var got []ev
	readSSE(strings.NewReader(stream), func(name, data string) { got = append(got, ev{name, data}) })
	want := []ev{{"OnIMWindowCreated", `{"seq":1}`}, {"gap", "{\"from\":2,\n\"to\":3}"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPercentiles(t *testing.T) {
	var s []time.Duration
	for i := 1; i <= 100; i++ {
		s = append(s, time.Duration(101-i)*time.Microsecond)
	}
	l := summarize(s)
	if l.N != 100 || l.P50us != 50 || l.P99us != 99 || l.MaxUs != 100 || l.Mean != 50.5 {
		t.Errorf("summarize(1..100us) = %+v", l)
	}
	if got := median([]time.Duration{3, 1, 2}); got != 2 {
		t.Errorf("median = %v, want 2", got)
	}
	if got := summarize(nil); got.N != 0 {
		t.Errorf("summarize(nil) = %+v", got)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{}, 2, "-bin is required"},
		{[]string{"-bin", "x", "-conns", "0"}, 2, "-conns"},
		{[]string{"-bin", "x", "-only", "nope"}, 2, "unknown section"},
		{[]string{"-bin", "x", "-duration", "-1s"}, 2, "-duration"},
		{[]string{"-bin", "x", "-worlds", "0"}, 2, "-worlds 0"},
		{[]string{"-serve-bare", "-listen", "0.0.0.0:0"}, 1, "loopback"},
	}
	for _, tt := range tests {
		var out, errOut strings.Builder
		code := run(context.Background(), tt.args, &out, &errOut)
		if code != tt.code || !strings.Contains(errOut.String(), tt.msg) {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tt.args, code, errOut.String(), tt.code, tt.msg)
		}
	}
}
