package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// testTimeout bounds every wait in these tests, so a bug fails the test
// instead of hanging it.
const testTimeout = 10 * time.Second

func ctxT(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// serve runs a wire server on loopback behind wrap (nil for none) and
// returns its URL and the server, both closed at cleanup.
func serve(t testing.TB, cfg wire.Config, wrap func(http.Handler) http.Handler) (string, *wire.Server) {
	t.Helper()
	if cfg.Clock == nil {
		cfg.Clock = sim.NewManualClock(sim.DefaultEpoch)
	}
	srv, err := wire.NewServer(cfg)
	if err != nil {
		t.Fatalf("wire.NewServer: %v", err)
	}
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		hs.Close()
	})
	return hs.URL, srv
}

// world gives the test a client bound to its own world on a fresh server.
func world(t *testing.T, opts ...client.Option) (*client.Client, *wire.Server) {
	t.Helper()
	url, srv := serve(t, wire.Config{}, nil)
	return worldOn(t, url, opts...), srv
}

func worldOn(t testing.TB, url string, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(url, opts...)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	wc, err := c.CreateWorld(ctxT(t), "", nil, nil)
	if err != nil {
		t.Fatalf("CreateWorld: %v", err)
	}
	return wc
}

// recorder is an event handler that records what it is given and lets a
// test wait for an event by name.
type recorder struct {
	ch chan model.Event
}

func newRecorder() *recorder { return &recorder{ch: make(chan model.Event, 1024)} }

func (r *recorder) handle(e model.Event) { r.ch <- e }

// next returns the next event, failing the test if none comes in time.
func (r *recorder) next(t *testing.T) model.Event {
	t.Helper()
	select {
	case e := <-r.ch:
		return e
	case <-time.After(testTimeout):
		t.Fatal("no event arrived")
		return model.Event{}
	}
}

// await skips events until one named name arrives.
func (r *recorder) await(t *testing.T, name string) model.Event {
	t.Helper()
	for range 1000 {
		if e := r.next(t); e.Name == name {
			return e
		}
	}
	t.Fatalf("no %s event among the next 1000", name)
	return model.Event{}
}

func subscribe(t *testing.T, m model.Messenger, fn func(model.Event)) model.Subscription {
	t.Helper()
	s, err := m.Subscribe(ctxT(t), fn)
	if err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}
