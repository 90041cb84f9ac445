package fmtest

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// InProcess is sim.RunT as a sim.Fake: a world from the options, signed
// in by default, with RunT's lifetime checks at cleanup and the journal's
// tail logged if the test fails. OverHTTP takes the same options and
// gives the same Fake over the wire.
func InProcess(t testing.TB, opts ...sim.Option) *sim.Control {
	t.Helper()
	// Registered before RunT's cleanup, so it runs after it and sees the
	// lifetime checks' failures too.
	var c *sim.Control
	t.Cleanup(func() {
		if c == nil {
			return
		}
		logged.Delete(tbFake{t, c})
		if t.Failed() {
			logNow(t, c)
		}
	})
	c = sim.RunT(t, opts...).Control()
	logged.Store(tbFake{t, c}, true) // the cleanup above does it
	return c
}

// Server is an in-process HTTP fake for one test, as httptest.Server is
// for a handler: the wire server on a loopback port, a client of it, and
// cleanup registered with the test.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:port", for the code under
	// test (any language that speaks HTTP).
	URL string
	// Client is the Go client of the world the options made; it is a
	// sim.Fake.
	Client *client.Client
	// World is the world's name: "" for the server's default world. It
	// is a named world (send it in the Fakemessenger-World header) only
	// when the options set limits the default world does not take
	// (WithHandleQuota, WithMaxParticipants).
	World string
	// Wire is the server itself.
	Wire *wire.Server

	ts *httptest.Server
}

// NewServer starts a wire server for the test, its default world made
// from the options as sim.New would make it (scenario, seed, journal size;
// the clock stands still at sim.DefaultEpoch), and closes it at cleanup.
// At cleanup it also runs RunT's lifetime checks over the wire (unless
// sim.WithoutLifetimeChecks) and logs the journal's tail if the test
// failed. sim.AsScript is in-process only: the wire's default root is a
// compiled caller (Client.NewMessenger makes a script one).
func NewServer(t testing.TB, opts ...sim.Option) *Server {
	t.Helper()
	tc := sim.TestConfigOf(opts...)
	if tc.Caller != 0 {
		t.Fatalf("fmtest.NewServer: sim.AsScript is in-process only; use Client.NewMessenger(ctx, model.CallerScript)")
	}
	probe, err := sim.New(opts...)
	if err != nil {
		t.Fatalf("fmtest.NewServer: %v", err)
	}
	st := probe.Settings()
	srv, err := wire.NewServer(wire.Config{Scenario: probe.Scenario(), Seed: st.Seed, JournalSize: st.JournalSize,
		Clock: sim.NewManualClock(sim.DefaultEpoch)})
	if err != nil {
		t.Fatalf("fmtest.NewServer: %v", err)
	}
	ts := httptest.NewServer(srv)
	s := &Server{URL: ts.URL, Wire: srv, ts: ts}
	t.Cleanup(s.Close)
	c, err := client.New(ts.URL)
	if err != nil {
		t.Fatalf("fmtest.NewServer: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	def := sim.MustNew().Settings()
	if st.HandleQuota != def.HandleQuota || st.MaxParticipants != def.MaxParticipants {
		c, err = c.CreateWorldWith(ctx, client.WorldSpec{Scenario: probe.Scenario(), Seed: &st.Seed,
			JournalSize: &st.JournalSize, HandleQuota: &st.HandleQuota, MaxParticipants: &st.MaxParticipants})
		if err != nil {
			t.Fatalf("fmtest.NewServer: %v", err)
		}
		s.World = c.World()
	}
	s.Client = c
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), Timeout)
		defer cancel()
		defer logged.Delete(tbFake{t, c})
		_ = c.Drain(ctx)
		_ = c.Close()
		if tc.LifetimeChecks {
			if st, err := c.State(ctx); err != nil {
				t.Errorf("fmtest: lifetime checks: %v", err)
			} else {
				for _, p := range st.Lifetime {
					t.Errorf("fakemessenger lifetime check: %s", p)
				}
			}
		}
		if t.Failed() {
			logNow(t, c)
		}
	})
	logged.Store(tbFake{t, c}, true) // the cleanup above does it
	return s
}

// OverHTTP is NewServer's client: the same sim.Fake as InProcess gives,
// over HTTP.
func OverHTTP(t testing.TB, opts ...sim.Option) *client.Client {
	t.Helper()
	return NewServer(t, opts...).Client
}

// Close stops the server; the test's cleanup does it too.
func (s *Server) Close() {
	s.Wire.Close()
	s.ts.Close()
}
