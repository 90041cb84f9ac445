package client_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/wire"
)

// dropFirstStream is a handler wrapper that ends the first event stream
// right after it carried one event, then holds the client's reconnection
// until the test releases it, so the test can raise events meanwhile.
type dropFirstStream struct {
	streams   atomic.Int32
	reconnect chan string // the Last-Event-ID of the second stream
	release   chan struct{}
}

func newDropFirstStream() *dropFirstStream {
	return &dropFirstStream{reconnect: make(chan string, 1), release: make(chan struct{})}
}

func (d *dropFirstStream) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/events" {
			next.ServeHTTP(w, r)
			return
		}
		switch d.streams.Add(1) {
		case 1:
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			next.ServeHTTP(&cutAfterEvent{ResponseWriter: w, cut: cancel}, r.WithContext(ctx))
		case 2:
			d.reconnect <- r.Header.Get("Last-Event-ID")
			select {
			case <-d.release:
			case <-r.Context().Done():
				return
			}
			next.ServeHTTP(w, r)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// cutAfterEvent ends its request (so the server closes the stream) once
// a real event, not a comment, has been written.
type cutAfterEvent struct {
	http.ResponseWriter
	cut func()
}

func (c *cutAfterEvent) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	if bytes.Contains(p, []byte("\nevent: ")) {
		c.cut()
	}
	return n, err
}

func (c *cutAfterEvent) Unwrap() http.ResponseWriter { return c.ResponseWriter }

func (c *cutAfterEvent) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// streamAfterDrop subscribes, lets the first stream carry one contact
// status event, and raises n more while the client is reconnecting.
func streamAfterDrop(t *testing.T, cfg wire.Config, n int) (*recorder, string) {
	t.Helper()
	d := newDropFirstStream()
	url, srv := serve(t, cfg, d.wrap)
	c := worldOn(t, url)
	ctx := ctxT(t)
	rec := newRecorder()
	subscribe(t, c.Messenger(), rec.handle)

	if err := c.SetContactStatus(ctx, "jaya@contoso.com", model.MISTATUS_BUSY); err != nil {
		t.Fatal(err)
	}
	first := rec.next(t)
	if first.Name != model.OnContactStatusChange {
		t.Fatalf("first event = %s", first.Name)
	}
	var lastID string
	select {
	case lastID = <-d.reconnect:
	case <-ctx.Done():
		t.Fatal("the client did not reconnect")
	}
	statuses := []model.MISTATUS{model.MISTATUS_AWAY, model.MISTATUS_ONLINE}
	for i := range n {
		if err := c.SetContactStatus(ctx, "jaya@contoso.com", statuses[i%2]); err != nil {
			t.Fatal(err)
		}
	}
	// Every event is in the server's ring before the client is let back.
	sw, ok := srv.World(c.World())
	if !ok {
		t.Fatalf("no world %s on the server", c.World())
	}
	if err := sw.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	close(d.release)
	return rec, lastID
}

func TestReconnectResumesWithLastEventID(t *testing.T) {
	rec, lastID := streamAfterDrop(t, wire.Config{}, 3)
	if lastID != "1" {
		t.Errorf("reconnected with Last-Event-ID %q, want 1", lastID)
	}
	for want := uint64(2); want <= 4; want++ {
		e := rec.next(t)
		if e.Seq != want || e.Name != model.OnContactStatusChange {
			t.Fatalf("after the reconnection got %s seq %d, want seq %d", e.Name, e.Seq, want)
		}
	}
}

func TestLostEventsArriveAsOneGap(t *testing.T) {
	// A ring of 2: of the 5 events raised while the client was away, the
	// first 3 are gone.
	rec, _ := streamAfterDrop(t, wire.Config{EventBuffer: 2}, 5)
	gap := rec.next(t)
	from, _ := gap.Param("from")
	to, _ := gap.Param("to")
	if gap.Name != client.GapEvent || from.Int != 2 || to.Int != 4 || gap.Seq != 4 {
		t.Fatalf("got %+v, want a gap from 2 to 4", gap)
	}
	for want := uint64(5); want <= 6; want++ {
		if e := rec.next(t); e.Seq != want {
			t.Fatalf("after the gap got seq %d, want %d", e.Seq, want)
		}
	}
}

func TestDrainWaitsForDelivery(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	var mu sync.Mutex
	var seen []string
	subscribe(t, c.Messenger(), func(e model.Event) {
		mu.Lock()
		seen = append(seen, e.Name)
		mu.Unlock()
	})
	other, err := c.NewMessenger(ctx, model.CallerCompiled)
	if err != nil {
		t.Fatal(err)
	}
	var otherSeen atomic.Int32
	subscribe(t, other, func(model.Event) { otherSeen.Add(1) })

	if err := c.OpenConversation(ctx, "jaya@contoso.com"); err != nil {
		t.Fatal(err)
	}
	if err := c.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	got := append([]string(nil), seen...)
	mu.Unlock()
	want := []string{model.OnIMWindowCreated, model.OnIMWindowDestroyed, model.OnMyStatusChange, model.OnSignout, model.OnMyStatusChange}
	if len(got) != len(want) {
		t.Fatalf("after Drain the handler saw %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("after Drain the handler saw %v, want %v", got, want)
		}
	}
	if n := otherSeen.Load(); n != int32(len(want)) {
		t.Errorf("the second root's handler saw %d events, want %d", n, len(want))
	}
}

func TestDrainWithNothingToWaitFor(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	if err := c.OpenConversation(ctx, "jaya@contoso.com"); err != nil {
		t.Fatal(err)
	}
	// Raised before the subscription: Drain must not wait for them.
	subscribe(t, c.Messenger(), func(model.Event) {})
	if err := c.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	// A released root gets no more events: Drain must not wait for it.
	other, err := c.NewMessenger(ctx, model.CallerCompiled)
	if err != nil {
		t.Fatal(err)
	}
	subscribe(t, other, func(model.Event) {})
	if err := other.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.SetContactStatus(ctx, "sam@contoso.com", model.MISTATUS_BUSY); err != nil {
		t.Fatal(err)
	}
	if err := c.Drain(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestCloseFromInsideTheHandler(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	var sub model.Subscription
	var calls atomic.Int32
	ready := make(chan struct{})
	closed := make(chan error, 1)
	s, err := c.Messenger().Subscribe(ctx, func(model.Event) {
		<-ready
		if calls.Add(1) == 1 {
			closed <- sub.Close()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sub = s
	// Three events queue up behind the blocked handler; the first one it
	// handles closes the subscription, so the others must not arrive.
	for _, st := range []model.MISTATUS{model.MISTATUS_BUSY, model.MISTATUS_AWAY, model.MISTATUS_ONLINE} {
		if err := c.SetContactStatus(ctx, "jaya@contoso.com", st); err != nil {
			t.Fatal(err)
		}
	}
	close(ready)
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatal("Close from inside the handler did not return")
	}
	<-s.(*client.Subscription).Done()
	if err := c.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the handler ran %d times after closing its subscription", n)
	}
}

func TestCloseEndsTheGoroutine(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	for range 5 {
		s, err := c.Messenger().Subscribe(ctx, func(model.Event) {})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-s.(*client.Subscription).Done():
		default:
			t.Fatal("Close returned before the subscription's goroutine ended")
		}
		if err := s.(*client.Subscription).Err(); err != nil {
			t.Errorf("Err after Close = %v, want nil", err)
		}
	}
}

func TestSubscriptionEndsWithItsWorld(t *testing.T) {
	c, _ := world(t)
	ctx := ctxT(t)
	s, err := c.Messenger().Subscribe(ctx, func(model.Event) {})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := c.DeleteWorld(ctx); err != nil {
		t.Fatal(err)
	}
	sub := s.(*client.Subscription)
	select {
	case <-sub.Done():
	case <-ctx.Done():
		t.Fatal("the subscription outlived its world")
	}
	var pe *client.ProtocolError
	if !errors.As(sub.Err(), &pe) || pe.Status != http.StatusNotFound {
		t.Errorf("Err = %v, want the 404 of the deleted world", sub.Err())
	}
	if err := c.Drain(ctx); err == nil {
		t.Error("Drain of a deleted world succeeded")
	}
}

func TestSubscribeNeedsAHandler(t *testing.T) {
	c, _ := world(t)
	if _, err := c.Messenger().Subscribe(ctxT(t), nil); err == nil {
		t.Error("Subscribe(nil) succeeded")
	}
}
