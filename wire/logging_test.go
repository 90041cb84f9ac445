package wire_test

import (
	"net/http"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/fakemessenger/fakemessenger/wire"
)

func TestRequestLog(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	h := start(t, wire.Config{Logger: zap.New(core)})
	h.createWorld(map[string]any{"name": "logged"})
	logs.TakeAll()

	h.call("messenger", "MyStatus", "propget", nil, inWorld("logged"))
	h.mustDo(http.StatusNotFound, "GET", "/v1/state", nil, inWorld("nowhere"))
	var reqs []observer.LoggedEntry
	for _, e := range logs.TakeAll() {
		if e.Message == "request" {
			reqs = append(reqs, e)
		}
	}
	if len(reqs) != 2 {
		t.Fatalf("%d request lines, want 2: %v", len(reqs), reqs)
	}
	f := reqs[0].ContextMap()
	if reqs[0].Level != zapcore.DebugLevel || f["method"] != "POST" || f["path"] != "/v1/invoke" || f["world"] != "logged" || f["status"] != int64(200) || f["duration"] == nil {
		t.Errorf("request line %v", f)
	}
	if f := reqs[1].ContextMap(); f["status"] != int64(404) || f["world"] != "nowhere" {
		t.Errorf("request line %v", f)
	}

	// Event streams work through the logging wrapper, and a 5xx is a warning.
	s := h.events("")
	h.call("messenger", "Signout", "", nil)
	if ev := s.nextEvent(); ev.Event == "" {
		t.Errorf("event %+v", ev)
	}
	h.srv.Close()
	h.mustDo(http.StatusServiceUnavailable, "GET", "/v1/state", nil)
	if warns := logs.FilterLevelExact(zapcore.WarnLevel).FilterField(zap.Int("status", 503)).Len(); warns != 1 {
		t.Errorf("%d warnings for the 503, want 1", warns)
	}
}
