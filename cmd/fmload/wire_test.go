package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/wire"
)

// inProcessWire serves the real wire server from this process, so the
// measuring code is tested against the protocol it measures (the binary
// itself stays standard-library only; only this test imports wire).
func inProcessWire(t *testing.T) *server {
	t.Helper()
	ws, err := wire.NewServer(wire.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(ws)
	// ws.Close first: it ends the event streams ts.Close would wait for.
	t.Cleanup(func() { ws.Close(); ts.Close() })
	return &server{name: "wire", url: ts.URL, pid: os.Getpid(), stop: func() error { return nil }}
}

func TestLoadAgainstWire(t *testing.T) {
	srv := inProcessWire(t)
	for _, release := range []bool{true, false} {
		o := options{duration: 100 * time.Millisecond, warmup: 10 * time.Millisecond, maxRequests: 90, release: release}
		r, err := runLoad(context.Background(), srv, 2, 0, o)
		if err != nil {
			t.Fatalf("release=%v: %v", release, err)
		}
		perOp := map[bool]int{true: 3, false: 2}[release]
		if r.Ops == 0 || r.Requests != r.Ops*perOp || r.Latency.N != r.Requests {
			t.Errorf("release=%v: %d ops, %d requests, %d samples; want %d requests per op", release, r.Ops, r.Requests, r.Latency.N, perOp)
		}
	}
}

func TestEventLatencyAgainstWire(t *testing.T) {
	srv := inProcessWire(t)
	res, err := eventLatency(context.Background(), srv.url, 20)
	if err != nil {
		t.Fatal(err)
	}
	if res.Latency.N != 20 || res.Reply.N != 20 || res.Latency.P50us <= 0 {
		t.Errorf("event latency %+v, reply %+v", res.Latency, res.Reply)
	}
}

func TestWorldsAgainstWire(t *testing.T) {
	srv := inProcessWire(t)
	client := &http.Client{Timeout: requestTimeout}
	var res worldsResult
	create, del, err := worldsOn(context.Background(), client, srv, 50, &res)
	if err != nil {
		t.Fatal(err)
	}
	if len(create) != 50 || len(del) != 50 || res.MemoryCreated.RSSKiB == 0 {
		t.Errorf("%d creates, %d deletes, memory %+v", len(create), len(del), res.MemoryCreated)
	}
}
