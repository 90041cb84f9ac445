package wire_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/wire"
)

func (h *harness) createWorld(body any) string {
	h.t.Helper()
	var r struct{ World string }
	if err := json.Unmarshal(h.mustDo(http.StatusCreated, "POST", "/v1/worlds", body), &r); err != nil || r.World == "" {
		h.t.Fatalf("create world: %v", err)
	}
	return r.World
}

func TestWorldsAreIsolated(t *testing.T) {
	h := start(t, wire.Config{})
	a := h.createWorld(map[string]any{"name": "alpha"})
	b := h.createWorld(nil)
	if a != "alpha" || b == "" || b == a {
		t.Fatalf("worlds %q and %q", a, b)
	}
	sa := h.events("", inWorld(a))
	sb := h.events("?world=" + b)

	ca := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}, inWorld(a)), "IMessengerContactAdvanced")
	// An ID from world A is unknown in world B and in the default world.
	for _, other := range []string{b, wire.DefaultWorld} {
		st, _, data := h.do("POST", "/v1/invoke", map[string]any{"object": ca, "member": "SigninName", "kind": "propget"}, inWorld(other))
		if st != http.StatusNotFound {
			t.Errorf("A's object in %s: %d %s, want 404", other, st, data)
		}
		st, _, _ = h.do("POST", "/v1/invoke", map[string]any{"object": "messenger", "member": "InstantMessage", "args": []any{dispatch(ca)}}, inWorld(other))
		if st != http.StatusBadRequest {
			t.Errorf("A's object as an argument in %s: %d, want 400", other, st)
		}
	}
	// The two default messengers are different objects.
	wa := objectOf(t, h.call("messenger", "InstantMessage", "", []any{dispatch(ca)}, inWorld(a)), "IMessengerConversationWndAdvanced")
	h.call("messenger", "MyStatus", "propput", []any{i4(0x22)}, inWorld(b))

	// Events: each stream sees its own world only.
	if ev := sa.nextEvent(); ev.Event != "OnIMWindowCreated" {
		t.Errorf("A's first event %+v", ev)
	}
	if ev := sb.nextEvent(); ev.Event != "OnMyStatusChange" {
		t.Errorf("B's first event %+v, want its own OnMyStatusChange", ev)
	}
	// Journals and state are per world.
	var j struct {
		Total int
		Calls []struct{ Member string }
	}
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/journal", nil, inWorld(b)), &j); err != nil {
		t.Fatal(err)
	}
	if j.Total != 1 || j.Calls[0].Member != "MyStatus" {
		t.Errorf("B's journal %+v, want only its MyStatus", j)
	}
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/journal", nil), &j); err != nil || j.Total != 0 {
		t.Errorf("default journal %+v, want empty", j)
	}
	var st struct{ Conversations []any }
	if err := json.Unmarshal(h.state(inWorld(b)), &st); err != nil || len(st.Conversations) != 0 {
		t.Errorf("B's conversations %v, want none", st.Conversations)
	}
	// Faults too.
	h.mustDo(http.StatusCreated, "POST", "/v1/control/faults", map[string]any{"member": "MyStatus", "hresult": "E_FAIL", "times": -1}, inWorld(a))
	h.call("messenger", "MyStatus", "propget", nil, inWorld(b))

	var list struct{ Worlds []string }
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/worlds", nil), &list); err != nil {
		t.Fatal(err)
	}
	want := []string{a, b, wire.DefaultWorld}
	slices.Sort(want)
	if !slices.Equal(list.Worlds, want) {
		t.Errorf("worlds %v, want %v", list.Worlds, want)
	}

	// Deleting A releases it: its stream ends, its objects and name go.
	h.mustDo(http.StatusNoContent, "DELETE", "/v1/worlds/"+a, nil)
	if ev, err := sa.read(); err != nil || ev.Comment != "world deleted" {
		t.Errorf("A's stream ended with %+v, %v; want the \"world deleted\" comment", ev, err)
	}
	if _, err := sa.read(); err == nil {
		t.Error("A's event stream is still open after DELETE")
	}
	for _, path := range []string{"/v1/state", "/v1/journal", "/v1/events"} {
		if st, _, _ := h.do("GET", path, nil, inWorld(a)); st != http.StatusNotFound {
			t.Errorf("GET %s in a deleted world: %d, want 404", path, st)
		}
	}
	if st, _, _ := h.do("POST", "/v1/invoke", map[string]any{"object": wa, "member": "History", "kind": "propget"}, inWorld(a)); st != http.StatusNotFound {
		t.Errorf("invoke in a deleted world: %d, want 404", st)
	}
	if _, ok := h.srv.World(a); ok {
		t.Error("Server.World still finds the deleted world")
	}
	h.mustDo(http.StatusNotFound, "DELETE", "/v1/worlds/"+a, nil)
	// B goes on.
	h.call("messenger", "MyStatus", "propget", nil, inWorld(b))
	if ev := sb.nextEvent(); ev.Event != "OnContactStatusChange" {
		t.Errorf("B's stream after A's deletion: %+v", ev)
	}
}

func TestWorldsLifecycleErrors(t *testing.T) {
	h := start(t, wire.Config{MaxWorlds: 3})
	h.mustDo(http.StatusConflict, "DELETE", "/v1/worlds/default", nil)
	h.createWorld(map[string]any{"name": "one", "seed": 7})
	h.mustDo(http.StatusConflict, "POST", "/v1/worlds", map[string]any{"name": "one"})
	h.mustDo(http.StatusBadRequest, "POST", "/v1/worlds", map[string]any{"name": "has space"})
	h.mustDo(http.StatusBadRequest, "POST", "/v1/worlds", map[string]any{"scenario": map[string]any{"user": map[string]any{"signinName": "nope"}}})
	h.createWorld(map[string]any{"scenario": map[string]any{"user": map[string]any{"signinName": "pat@contoso.com"}}})
	h.mustDo(http.StatusTooManyRequests, "POST", "/v1/worlds", nil)
	h.mustDo(http.StatusNoContent, "DELETE", "/v1/worlds/one", nil)
	h.createWorld(nil)
}

func TestWorldsWithTheSameSeedAreReproducible(t *testing.T) {
	h := start(t, wire.Config{})
	ids := map[string]string{}
	for _, name := range []string{"x", "y"} {
		h.createWorld(map[string]any{"name": name, "seed": 42})
		ids[name] = objectOf(t, h.call("messenger", "MyContacts", "propget", nil, inWorld(name)), "IMessengerContacts")
	}
	if ids["x"] != ids["y"] {
		t.Errorf("same seed, different IDs: %v", ids)
	}
	h.createWorld(map[string]any{"name": "z"})
	if z := objectOf(t, h.call("messenger", "MyContacts", "propget", nil, inWorld("z")), "IMessengerContacts"); z == ids["x"] {
		t.Error("a world without a seed repeats another world's IDs")
	}
}

func TestCloseEndsStreamsAndLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	h := start(t, wire.Config{})
	other := h.createWorld(nil)
	streams := []*stream{h.events(""), h.events("", inWorld(other))}
	h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")})
	streams[0].nextEvent()

	// A call blocked in the sim: Close on a window whose dialog nobody answers.
	win := objectOf(t, h.call("messenger", "Window", "propget", nil), "IMessengerWindow")
	h.mustDo(200, "POST", "/v1/control/windows/action", map[string]any{"object": win})
	blocked := make(chan reply, 1)
	go func() {
		st, _, data := h.do("POST", "/v1/invoke", map[string]any{"object": win, "member": "Close"})
		var r reply
		if st == 200 {
			_ = json.Unmarshal(data, &r)
		}
		blocked <- r
	}()
	h.mustDo(200, "POST", "/v1/control/windows/dialog/wait", map[string]any{"object": win, "timeoutMs": 10000})

	h.srv.Close()
	h.srv.Close() // idempotent

	ended := make(chan error, len(streams))
	for _, s := range streams {
		go func() {
			_, err := io.Copy(io.Discard, s.r)
			ended <- err
		}()
	}
	bound := time.NewTimer(10 * time.Second)
	defer bound.Stop()
	for range streams {
		select {
		case err := <-ended:
			if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Logf("stream ended with %v", err)
			}
		case <-bound.C:
			t.Fatal("an event stream is still open after Close")
		}
	}
	select {
	case r := <-blocked:
		if r.Name != "E_ABORT" {
			t.Errorf("the blocked Close answered %+v, want E_ABORT", r)
		}
	case <-bound.C:
		t.Fatal("a call blocked in the sim outlived Close")
	}
	if st, _, _ := h.do("GET", "/v1/state", nil); st != http.StatusServiceUnavailable {
		t.Errorf("after Close: %d, want 503", st)
	}

	h.ts.Close()
	h.client.CloseIdleConnections()
	// Goroutines end asynchronously after their connections close; give
	// them a bounded time to do so.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after Close, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}
