package wire_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/wire"
)

func TestEventsCarryTheInvokeObjectIDs(t *testing.T) {
	h := start(t, wire.Config{})
	s := h.events("")
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")}), "IMessengerConversationWndAdvanced")

	ev := s.nextEvent()
	if ev.Event != "OnIMWindowCreated" {
		t.Fatalf("event %+v, want OnIMWindowCreated", ev)
	}
	d := decodeEvent(t, ev)
	if ev.ID != strconv.FormatUint(d.Seq, 10) || d.DISPID != 1041 {
		t.Errorf("id %s, seq %d, dispid %d", ev.ID, d.Seq, d.DISPID)
	}
	var p variant
	if err := json.Unmarshal(d.Params["pIMWindow"], &p); err != nil {
		t.Fatal(err)
	}
	if p.Object == nil || *p.Object != win || p.Interface != "IMessengerConversationWndAdvanced" {
		t.Errorf("pIMWindow %+v, want the window %s the invoke returned", p, win)
	}
	if len(d.Args) != 1 || d.Args[0].Object == nil || *d.Args[0].Object != win {
		t.Errorf("args %+v", d.Args)
	}

	// The person closes the window: OnIMWindowDestroyed names it too.
	h.mustDo(200, "POST", "/v1/control/windows/close", map[string]any{"object": win})
	ev = s.nextEvent()
	d = decodeEvent(t, ev)
	if err := json.Unmarshal(d.Params["pIMWindow"], &p); err != nil {
		t.Fatal(err)
	}
	if ev.Event != "OnIMWindowDestroyed" || d.DISPID != 1042 || *p.Object != win {
		t.Errorf("event %s %+v, want OnIMWindowDestroyed of %s", ev.Event, d, win)
	}
}

func TestEventsScalarParameters(t *testing.T) {
	h := start(t, wire.Config{})
	s := h.events("")
	h.call("messenger", "MyStatus", "propput", []any{i4(0x22)})
	ev := s.nextEvent()
	if ev.Event != "OnMyStatusChange" {
		t.Fatalf("event %+v", ev)
	}
	d := decodeEvent(t, ev)
	if string(d.Params["hr"]) != `"0x00000000"` || string(d.Params["mMyStatus"]) != `{"vt":"VT_I4","value":34}` {
		t.Errorf("params %s", ev.Data)
	}
	if len(d.Args) != 2 || d.Args[0].VT != "VT_I4" || string(d.Args[0].Value) != "0" || string(d.Args[1].Value) != "34" {
		t.Errorf("args %+v, want hr then mMyStatus as VT_I4", d.Args)
	}
	if d.Time.IsZero() {
		t.Error("no time")
	}
	// The user's own contact changes status too (reference §9.9).
	if ev := s.nextEvent(); ev.Event != "OnContactStatusChange" {
		t.Errorf("second event %+v", ev)
	}
}

func TestEventsPerRootObject(t *testing.T) {
	h := start(t, wire.Config{})
	var created struct{ Object string }
	if err := json.Unmarshal(h.mustDo(http.StatusCreated, "POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation"}), &created); err != nil {
		t.Fatal(err)
	}
	def := h.events("")
	second := h.events("?object=" + created.Object)
	win := objectOf(t, h.call(created.Object, "InstantMessage", "", []any{bstr("jaya@contoso.com")}), "IMessengerConversationWndAdvanced")

	var p variant
	if err := json.Unmarshal(decodeEvent(t, second.nextEvent()).Params["pIMWindow"], &p); err != nil {
		t.Fatal(err)
	}
	if *p.Object != win {
		t.Errorf("the creating client's event names %s, want %s", *p.Object, win)
	}
	// The other client meets the same window under its own identity.
	if err := json.Unmarshal(decodeEvent(t, def.nextEvent()).Params["pIMWindow"], &p); err != nil {
		t.Fatal(err)
	}
	if *p.Object == win {
		t.Error("two clients got the same object ID for the window")
	}
	h.call(*p.Object, "History", "propget", nil)

	contact := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced")
	if st, _, data := h.do("GET", "/v1/events?object="+contact, nil); st != http.StatusBadRequest {
		t.Errorf("events of a contact: %d %s, want 400", st, data)
	}
}

func TestEventsReconnectWithLastEventID(t *testing.T) {
	for _, via := range []string{"header", "query"} {
		t.Run(via, func(t *testing.T) {
			h := start(t, wire.Config{})
			s := h.events("")
			h.call("messenger", "MyStatus", "propput", []any{i4(0x22)})
			s.nextEvent()
			seen := s.nextEvent()
			s.close()

			// Missed while disconnected.
			h.call("messenger", "MyStatus", "propput", []any{i4(0x0A)})
			h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")})

			var again *stream
			if via == "header" {
				again = h.events("", withHeader("Last-Event-ID", seen.ID))
			} else {
				again = h.events("?lastEventId=" + seen.ID)
			}
			last, _ := strconv.Atoi(seen.ID)
			for i, want := range []string{"OnMyStatusChange", "OnContactStatusChange", "OnIMWindowCreated"} {
				ev := again.nextEvent()
				if ev.Event != want || ev.ID != strconv.Itoa(last+1+i) {
					t.Errorf("replayed event %d: %s id %s, want %s id %d", i, ev.Event, ev.ID, want, last+1+i)
				}
			}
		})
	}
}

func TestEventsGapWhenTheRingOverflowed(t *testing.T) {
	h := start(t, wire.Config{EventBuffer: 4})
	s := h.events("")
	s.close()
	for i := 0; i < 5; i++ { // 10 events; the ring keeps the last 4
		h.call("messenger", "MyStatus", "propput", []any{i4(0x22)})
	}
	h.drain(wire.DefaultWorld)

	again := h.events("", withHeader("Last-Event-ID", "0"))
	gap := again.nextEvent()
	if gap.Event != "gap" || gap.Data != `{"from":1,"to":6}` || gap.ID != "6" {
		t.Fatalf("first event %+v, want gap 1..6", gap)
	}
	for seq := 7; seq <= 10; seq++ {
		if ev := again.nextEvent(); ev.ID != strconv.Itoa(seq) {
			t.Fatalf("event %+v, want id %d", ev, seq)
		}
	}
	// A client that saw everything retained gets no gap.
	third := h.events("", withHeader("Last-Event-ID", "8"))
	h.call("messenger", "Signout", "", nil)
	if ev := third.nextEvent(); ev.ID != "9" {
		t.Errorf("after 8 came %+v, want 9", ev)
	}
}

func TestEventsKeepalive(t *testing.T) {
	// Registered before start, so it runs after the server's cleanup.
	t.Cleanup(wire.SetKeepaliveInterval(5 * time.Millisecond))
	h := start(t, wire.Config{})
	s := h.events("")
	if ev := s.next(); ev.Comment != "keepalive" {
		t.Errorf("idle stream sent %+v, want a keepalive comment", ev)
	}
}

// stuckWriter is a subscriber's connection that stopped draining: every
// write after the first blocks until release.
type stuckWriter struct {
	header  http.Header
	once    sync.Once
	started chan struct{}
	release chan struct{}
	writes  int
}

func (w *stuckWriter) Header() http.Header { return w.header }
func (w *stuckWriter) WriteHeader(int)     {}
func (w *stuckWriter) Flush()              {}
func (w *stuckWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes == 1 {
		w.once.Do(func() { close(w.started) })
		return len(p), nil
	}
	<-w.release
	return 0, io.ErrClosedPipe
}

func TestEventsStalledSubscriberDoesNotStallCalls(t *testing.T) {
	h := start(t, wire.Config{EventBuffer: 64})

	// One stream whose writes block forever (served in process), one real
	// connection that never reads.
	sw := &stuckWriter{header: http.Header{}, started: make(chan struct{}), release: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan struct{})
	go func() {
		defer close(served)
		req := httptest.NewRequest("GET", "/v1/events", nil).WithContext(ctx)
		h.srv.ServeHTTP(sw, req)
	}()
	<-sw.started
	conn, err := net.Dial("tcp", h.ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var created struct{ Object string }
	if err := json.Unmarshal(h.mustDo(http.StatusCreated, "POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation"}), &created); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "GET /v1/events?object=%s HTTP/1.1\r\nHost: %s\r\n\r\n", created.Object, h.ts.Listener.Addr())
	// The response header proves the subscription exists; then never read.
	buf := make([]byte, 12)
	if _, err := io.ReadFull(conn, buf); err != nil || !strings.HasPrefix(string(buf), "HTTP/1.1 200") {
		t.Fatalf("stream response %q: %v", buf, err)
	}

	for i := 0; i < 1000; i++ {
		st := []int{0x22, 0x0A}[i%2]
		h.call("messenger", "MyStatus", "propput", []any{i4(st)})
	}
	var state struct{ Events int }
	if err := json.Unmarshal(h.state(), &state); err != nil || state.Events != 2000 {
		t.Errorf("events raised %d, want 2000", state.Events)
	}
	close(sw.release)
	cancel()
	<-served
}
