package wire_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// inspectStream opens GET /v1/inspect/stream with a Last-Event-ID (none
// when "") and reads past the subscribed comment.
func (h *harness) inspectStream(lastID string) *stream {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", h.ts.URL+"/v1/inspect/stream", nil)
	if err != nil {
		h.t.Fatal(err)
	}
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		cancel()
		h.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		h.t.Fatalf("GET /v1/inspect/stream: %d %s", resp.StatusCode, b)
	}
	s := &stream{t: h.t, resp: resp, r: bufio.NewReader(resp.Body), cancel: cancel}
	h.t.Cleanup(s.close)
	if ev := s.next(); ev.Comment != "subscribed" {
		h.t.Fatalf("first frame %+v, want the subscribed comment", ev)
	}
	return s
}

type streamCall struct {
	Seq     uint64 `json:"seq"`
	Member  string `json:"member"`
	HResult string `json:"hresult"`
}

// nextOf skips frames until one of the given type.
func (s *stream) nextOf(event string) sseEvent {
	s.t.Helper()
	for {
		ev := s.nextEvent()
		if ev.Event == event {
			return ev
		}
	}
}

func TestInspectStreamReplaysAndResumesExactly(t *testing.T) {
	h := start(t, wire.Config{})
	h.call("messenger", "MyStatus", "propget", nil)
	h.call("messenger", "MySigninName", "propget", nil)

	// No cursor: the retained journal, in order, ids advancing.
	s := h.inspectStream("")
	first, second := s.nextOf("call"), s.nextOf("call")
	var c1, c2 streamCall
	if err := json.Unmarshal([]byte(first.Data), &c1); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(second.Data), &c2)
	if c1.Seq != 1 || c1.Member != "MyStatus" || c2.Seq != 2 || c2.Member != "MySigninName" {
		t.Fatalf("replayed %+v then %+v", c1, c2)
	}
	if !strings.HasSuffix(first.ID, ".1.0") || !strings.HasSuffix(second.ID, ".2.0") {
		t.Fatalf("ids %q %q, want the cursor after each call", first.ID, second.ID)
	}

	// Live: a call and the event it raises.
	h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")})
	live := s.nextOf("call")
	ev := s.nextOf("event")
	var oe sim.ObservedEvent
	if err := json.Unmarshal([]byte(ev.Data), &oe); err != nil {
		t.Fatal(err)
	}
	if oe.Name != "OnIMWindowCreated" || len(oe.Params) != 1 || oe.Params[0].Object == nil ||
		oe.Params[0].Object.Kind != "conversation" || oe.Params[0].Object.HWND == 0 {
		t.Fatalf("event %s", ev.Data)
	}
	if !strings.Contains(live.Data, `"InstantMessage"`) {
		t.Fatalf("live call %s", live.Data)
	}
	s.close()

	// Resume after the second call: the third call and the event again,
	// nothing before them.
	h.call("messenger", "MyFriendlyName", "propget", nil)
	again := h.inspectStream(second.ID)
	var got []string
	for len(got) < 3 {
		f := again.nextEvent()
		switch f.Event {
		case "call":
			var c streamCall
			_ = json.Unmarshal([]byte(f.Data), &c)
			got = append(got, c.Member)
		case "event":
			got = append(got, "event")
		}
	}
	if strings.Join(got, ",") != "InstantMessage,MyFriendlyName,event" {
		t.Fatalf("resumed with %v", got)
	}
}

func TestInspectStreamReportsReset(t *testing.T) {
	h := start(t, wire.Config{})
	h.call("messenger", "MyStatus", "propget", nil)
	s := h.inspectStream("")
	seen := s.nextOf("call")
	h.mustDo(200, "POST", "/v1/control/reset", nil)
	if f := s.nextEvent(); f.Event != "reset" {
		t.Fatalf("after a reset: %+v, want a reset frame", f)
	}
	s.close()
	// A cursor from before the reset resumes with a reset frame too.
	h.call("messenger", "MyStatus", "propget", nil)
	again := h.inspectStream(seen.ID)
	if f := again.nextEvent(); f.Event != "reset" {
		t.Fatalf("stale cursor: %+v, want a reset frame first", f)
	}
	var c streamCall
	_ = json.Unmarshal([]byte(again.nextOf("call").Data), &c)
	if c.Seq != 1 {
		t.Fatalf("after the reset the journal restarts at 1, got %d", c.Seq)
	}
}

func TestInspectStreamBadCursor(t *testing.T) {
	h := start(t, wire.Config{})
	for _, id := range []string{"7", "a.b.c", "1.2", "-1.0.0"} {
		code, _, body := h.do("GET", "/v1/inspect/stream?cursor="+id, nil)
		if code != http.StatusBadRequest || !strings.Contains(string(body), "epoch.calls.events") {
			t.Errorf("cursor %q: %d %s", id, code, body)
		}
	}
}

// The snapshot names the windows a client leaked and the object IDs the
// page needs to act on a window; observing marshals nothing.
func TestInspectShowsLeakedWindowsWithoutTouchingLifetimes(t *testing.T) {
	h := start(t, wire.Config{})
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")}), "IMessengerConversationWndAdvanced")
	before := string(h.state())
	var in sim.Inspection
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/inspect", nil), &in); err != nil {
		t.Fatal(err)
	}
	if string(h.state()) != before {
		t.Fatal("GET /v1/inspect changed the world's state")
	}
	if len(in.Conversations) != 1 || !in.Conversations[0].Open || len(in.Conversations[0].Handles) != 1 || in.Conversations[0].Handles[0] != win {
		t.Fatalf("conversations %+v, want the open window held as %s", in.Conversations, win)
	}
	if len(in.Groups) != 2 || len(in.Contacts) != 3 || in.Contacts[0].Groups[0] != "Team" {
		t.Fatalf("groups %v contacts %+v", in.Groups, in.Contacts)
	}

	h.mustDo(200, "POST", "/v1/control/windows/close", map[string]any{"object": win})
	if r := h.invoke(map[string]any{"object": win, "member": "HWND", "kind": "propget"}); r.Name != "E_FAIL" {
		t.Fatalf("HWND of a destroyed window: %+v", r) // too late: the window is gone
	}
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/inspect", nil), &in); err != nil {
		t.Fatal(err)
	}
	if len(in.Conversations) != 1 || in.Conversations[0].Open {
		t.Fatalf("the destroyed window a client holds must stay listed as not open: %+v", in.Conversations)
	}
	var obj *sim.InspectObject
	for i := range in.Objects {
		if in.Objects[i].ID == win {
			obj = &in.Objects[i]
		}
	}
	if obj == nil || !obj.Destroyed || obj.DestroyedAtCall == 0 || len(obj.LateCalls) != 1 || obj.LateCalls[0] != "HWND" {
		t.Fatalf("the leaked view: %+v", obj)
	}
	if obj.Ref == nil || obj.Ref.Kind != "conversation" || obj.Ref.HWND != in.Conversations[0].HWND {
		t.Fatalf("the view's identity: %+v", obj.Ref)
	}

	// Released: gone from the snapshot.
	h.call(win, "Release", "method", nil)
	for {
		if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/inspect", nil), &in); err != nil {
			t.Fatal(err)
		}
		if len(in.Conversations) == 0 {
			break
		}
		h.call(win, "Release", "method", nil)
	}
}

func TestPageRoutes(t *testing.T) {
	// Without a page the routes answer 404 problems.
	h := start(t, wire.Config{})
	if code, _, _ := h.do("GET", "/", nil); code != http.StatusNotFound {
		t.Errorf("GET / without a page: %d", code)
	}
	// With one and a token, the page loads without it; data does not.
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "page "+r.URL.Path) })
	h = start(t, wire.Config{Token: "tok", Page: page})
	for _, p := range []string{"/", "/inspector/app.js"} {
		resp, err := http.Get(h.ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != "page "+p {
			t.Errorf("GET %s without the token: %d %q", p, resp.StatusCode, b)
		}
	}
	resp, err := http.Head(h.ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD / without the token: %d", resp.StatusCode)
	}
	for _, p := range []string{"/v1/inspect", "/v1/inspect/stream", "/inspector/a/b", "/index.html"} {
		resp, err := http.Get(h.ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without the token: %d, want 401", p, resp.StatusCode)
		}
	}
}
