package wire_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// harness is a wire server on a loopback httptest server.
type harness struct {
	t      *testing.T
	srv    *wire.Server
	ts     *httptest.Server
	client *http.Client
	token  string

	mu     sync.Mutex
	closed map[string]chan struct{} // remote addr -> closed once the server closed that conn
}

// start runs a server with cfg (a manual clock unless cfg sets one).
func start(t *testing.T, cfg wire.Config) *harness {
	t.Helper()
	if cfg.Clock == nil {
		cfg.Clock = sim.NewManualClock(time.Time{})
	}
	srv, err := wire.NewServer(cfg)
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	h := &harness{t: t, srv: srv, token: cfg.Token, closed: map[string]chan struct{}{}}
	h.ts = httptest.NewUnstartedServer(srv)
	h.ts.Config.ConnState = func(c net.Conn, st http.ConnState) {
		if st != http.StateClosed && st != http.StateHijacked {
			return
		}
		h.mu.Lock()
		ch, ok := h.closed[c.RemoteAddr().String()]
		if !ok {
			ch = make(chan struct{})
			h.closed[c.RemoteAddr().String()] = ch
		}
		h.mu.Unlock()
		select {
		case <-ch:
		default:
			close(ch)
		}
	}
	h.ts.Start()
	h.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	t.Cleanup(func() {
		srv.Close()
		h.ts.Close()
		h.client.CloseIdleConnections()
	})
	return h
}

// connClosed is closed when the server has closed the conn from addr.
func (h *harness) connClosed(addr string) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch, ok := h.closed[addr]
	if !ok {
		ch = make(chan struct{})
		h.closed[addr] = ch
	}
	return ch
}

type reqOpt func(*http.Request)

func inWorld(name string) reqOpt {
	return func(r *http.Request) { r.Header.Set(wire.WorldHeader, name) }
}

func withHeader(k, v string) reqOpt { return func(r *http.Request) { r.Header.Set(k, v) } }

// do sends a request (JSON body when body is not nil) and returns the
// status, headers and body.
func (h *harness) do(method, path string, body any, opts ...reqOpt) (int, http.Header, []byte) {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			h.t.Fatalf("marshal: %v", err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, h.ts.URL+path, rd)
	if err != nil {
		h.t.Fatalf("request: %v", err)
	}
	if rd != nil || method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
	}
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, data
}

// mustDo is do that fails the test unless the status is want.
func (h *harness) mustDo(want int, method, path string, body any, opts ...reqOpt) []byte {
	h.t.Helper()
	st, _, data := h.do(method, path, body, opts...)
	if st != want {
		h.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, st, want, data)
	}
	return data
}

type variant struct {
	VT        string          `json:"vt"`
	Value     json.RawMessage `json:"value,omitempty"`
	Object    *string         `json:"object,omitempty"`
	Interface string          `json:"interface,omitempty"`
}

type reply struct {
	HResult string   `json:"hresult"`
	Name    string   `json:"name"`
	Message string   `json:"message"`
	Result  *variant `json:"result"`
}

// invoke calls /v1/invoke with req and decodes the 200 reply.
func (h *harness) invoke(req map[string]any, opts ...reqOpt) reply {
	h.t.Helper()
	data := h.mustDo(http.StatusOK, "POST", "/v1/invoke", req, opts...)
	var r reply
	if err := json.Unmarshal(data, &r); err != nil {
		h.t.Fatalf("invoke reply %s: %v", data, err)
	}
	return r
}

// call invokes and fails unless the reply is S_OK; it returns the result.
func (h *harness) call(object, member, kind string, args []any, opts ...reqOpt) *variant {
	h.t.Helper()
	req := map[string]any{"object": object, "member": member}
	if kind != "" {
		req["kind"] = kind
	}
	if args != nil {
		req["args"] = args
	}
	r := h.invoke(req, opts...)
	if r.HResult != "0x00000000" || r.Name != "S_OK" || r.Message != "" {
		h.t.Fatalf("%s.%s: %+v, want S_OK", object, member, r)
	}
	return r.Result
}

// objectOf is the object ID of a VT_DISPATCH result.
func objectOf(t *testing.T, v *variant, iface string) string {
	t.Helper()
	if v == nil || v.VT != "VT_DISPATCH" || v.Object == nil {
		t.Fatalf("result %+v, want a VT_DISPATCH object", v)
	}
	if v.Interface != iface {
		t.Fatalf("result interface %q, want %q", v.Interface, iface)
	}
	return *v.Object
}

func bstr(s string) map[string]any { return map[string]any{"vt": "VT_BSTR", "value": s} }
func i4(n int) map[string]any      { return map[string]any{"vt": "VT_I4", "value": n} }
func dispatch(id string) map[string]any {
	return map[string]any{"vt": "VT_DISPATCH", "object": id}
}

// state is GET /v1/state's body.
func (h *harness) state(opts ...reqOpt) []byte {
	h.t.Helper()
	return h.mustDo(http.StatusOK, "GET", "/v1/state", nil, opts...)
}

// sseEvent is one Server-Sent Event (or comment) read from a stream.
type sseEvent struct {
	ID, Event, Data, Comment string
}

// stream is an open GET /v1/events.
type stream struct {
	t      *testing.T
	resp   *http.Response
	r      *bufio.Reader
	cancel context.CancelFunc
}

// events opens an event stream and waits for the "subscribed" comment,
// after which every event raised reaches it.
func (h *harness) events(query string, opts ...reqOpt) *stream {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", h.ts.URL+"/v1/events"+query, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		cancel()
		h.t.Fatalf("GET /v1/events: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		h.t.Fatalf("GET /v1/events: status %d: %s", resp.StatusCode, data)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		h.t.Fatalf("events Content-Type %q", ct)
	}
	s := &stream{t: h.t, resp: resp, r: bufio.NewReader(resp.Body), cancel: cancel}
	h.t.Cleanup(s.close)
	if ev := s.next(); ev.Comment != "subscribed" {
		h.t.Fatalf("first frame %+v, want the subscribed comment", ev)
	}
	return s
}

func (s *stream) close() {
	s.cancel()
	s.resp.Body.Close()
}

// next reads the next event or comment; it fails the test at EOF. Reads
// are bounded by the test's own timeout: events that never come are a
// failure, not a hang, because every caller waits for an event it caused.
func (s *stream) next() sseEvent {
	s.t.Helper()
	ev, err := s.read()
	if err != nil {
		s.t.Fatalf("event stream: %v", err)
	}
	return ev
}

// nextEvent skips comments (keepalives).
func (s *stream) nextEvent() sseEvent {
	s.t.Helper()
	for {
		ev := s.next()
		if ev.Comment == "" {
			return ev
		}
	}
}

func (s *stream) read() (sseEvent, error) {
	var ev sseEvent
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return ev, err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if ev != (sseEvent{}) {
				return ev, nil
			}
		case strings.HasPrefix(line, ":"):
			ev.Comment = strings.TrimSpace(line[1:])
		case strings.HasPrefix(line, "id: "):
			ev.ID = line[4:]
		case strings.HasPrefix(line, "event: "):
			ev.Event = line[7:]
		case strings.HasPrefix(line, "data: "):
			ev.Data = line[6:]
		}
	}
}

type eventData struct {
	Seq    uint64                     `json:"seq"`
	DISPID int32                      `json:"dispid"`
	Time   time.Time                  `json:"time"`
	Params map[string]json.RawMessage `json:"params"`
	Args   []variant                  `json:"args"`
}

func decodeEvent(t *testing.T, ev sseEvent) eventData {
	t.Helper()
	var d eventData
	if err := json.Unmarshal([]byte(ev.Data), &d); err != nil {
		t.Fatalf("event data %q: %v", ev.Data, err)
	}
	return d
}

// drain waits until every event raised in the world reached the rings.
func (h *harness) drain(world string) {
	h.t.Helper()
	w, ok := h.srv.World(world)
	if !ok {
		h.t.Fatalf("no world %q", world)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.Drain(ctx); err != nil {
		h.t.Fatalf("drain: %v", err)
	}
}
