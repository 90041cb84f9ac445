package sim_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Issue 3's concurrency figure: 64 goroutines x 10,000 mixed calls, the
// full size also under -race (about 10 s on 2 cores, measured when written).
const (
	concurrencyGoroutines = 64
	concurrencyCalls      = 10_000
)

// eventLog is what one subscriber saw, in delivery order.
type eventLog struct {
	seqs      []uint64
	names     []string
	created   int
	destroyed int
	digest    [32]byte // the "work" the slow subscriber does
}

func (l *eventLog) record(e model.Event) {
	l.seqs = append(l.seqs, e.Seq)
	l.names = append(l.names, e.Name)
	switch e.Name {
	case model.OnIMWindowCreated:
		l.created++
	case model.OnIMWindowDestroyed:
		l.destroyed++
	}
}

// TestConcurrentMixedCalls hammers one world from many goroutines through
// several clients while two subscribers listen, then checks what a user
// relies on: no window is lost or double-counted, the journal counts every
// call, and every event reaches every subscriber once, in order.
func TestConcurrentMixedCalls(t *testing.T) {
	ctx := context.Background()
	goroutinesBefore := runtime.NumGoroutine()

	w, err := sim.New(sim.WithSeed(7))
	if err != nil {
		t.Fatal(err)
	}
	// Several CoCreateInstance clients share the world; goroutines share
	// clients, so they also share (and fight over) the same window objects.
	const clients = 8
	roots := make([]*sim.Messenger, clients)
	for i := range roots {
		roots[i] = w.MustMessenger(model.CallerCompiled)
	}

	// Two subscribers on different clients: a plain one and one that does
	// real work per event. Each handler runs on its own goroutine, so the
	// logs need no lock; Drain and Close order the reads after the writes.
	var fast, slow eventLog
	subFast, err := roots[0].Subscribe(ctx, fast.record)
	if err != nil {
		t.Fatal(err)
	}
	subSlow, err := roots[1].Subscribe(ctx, func(e model.Event) {
		h := sha256.New()
		for _, p := range e.Params {
			fmt.Fprintf(h, "%s=%v;", p.Name, p.Value)
		}
		copy(slow.digest[:], h.Sum(slow.digest[:0]))
		slow.record(e)
	})
	if err != nil {
		t.Fatal(err)
	}

	pool := namePool(200)
	var calls atomic.Uint64
	var wg sync.WaitGroup
	for g := range concurrencyGoroutines {
		wg.Go(func() {
			n := mixedCalls(ctx, w, roots[g%clients], pool, uint64(g), concurrencyCalls)
			calls.Add(n)
		})
	}
	wg.Wait()

	t.Logf("%d goroutines made %d calls", concurrencyGoroutines, calls.Load())

	drainCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := w.Drain(drainCtx); err != nil {
		t.Fatalf("Drain: %v", err)
	}

	t.Run("windows alive = created - destroyed", func(t *testing.T) {
		alive := len(w.State().Conversations)
		for _, l := range []*eventLog{&fast, &slow} {
			if got := l.created - l.destroyed; got != alive {
				t.Errorf("%d OnIMWindowCreated - %d OnIMWindowDestroyed = %d, but %d windows are open",
					l.created, l.destroyed, got, alive)
			}
		}
		if fast.created == 0 || fast.destroyed == 0 {
			t.Errorf("the mix opened %d and destroyed %d windows; it should do both", fast.created, fast.destroyed)
		}
	})

	t.Run("journal counts every call", func(t *testing.T) {
		total := calls.Load()
		if got := w.CallCount(); got != total {
			t.Errorf("CallCount = %d, calls made = %d", got, total)
		}
		j := w.Journal()
		if want := min(total, uint64(sim.DefaultJournalSize)); uint64(len(j)) != want {
			t.Fatalf("journal holds %d entries, want %d", len(j), want)
		}
		// the retained tail is gapless and ends at the last call
		for i, c := range j {
			if want := total - uint64(len(j)) + uint64(i) + 1; c.Seq != want {
				t.Fatalf("journal[%d].Seq = %d, want %d", i, c.Seq, want)
			}
		}
	})

	t.Run("every event delivered once, in order, to both subscribers", func(t *testing.T) {
		raised := w.EventCount()
		for name, l := range map[string]*eventLog{"fast": &fast, "slow": &slow} {
			if uint64(len(l.seqs)) != raised {
				t.Errorf("%s subscriber got %d events, world raised %d", name, len(l.seqs), raised)
			}
			for i, s := range l.seqs {
				if s != uint64(i)+1 {
					t.Errorf("%s subscriber: event %d has Seq %d, want %d (lost, repeated or out of order)", name, i, s, i+1)
					break
				}
			}
		}
		if strings.Join(fast.names, ",") != strings.Join(slow.names, ",") {
			t.Error("the two subscribers saw different event sequences")
		}
	})

	_ = subFast.Close()
	_ = subSlow.Close()
	w.Close()

	// No goroutine leaks after Close (checked here, not in a subtest, whose
	// own goroutine would be counted). The workers have returned from
	// wg.Wait but may still be exiting, and a goroutine's exit cannot be
	// awaited; retry briefly, as goleak does.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutinesBefore && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutinesBefore {
		buf := make([]byte, 1<<16)
		t.Errorf("goroutine leak: %d goroutines after Close, %d before:\n%s", n, goroutinesBefore, buf[:runtime.Stack(buf, true)])
	}
}

// namePool: names that open new windows, names on the contact list, the
// user's own name (E_FAIL) and malformed ones (E_INVALIDARG), so the mix hits
// existing windows, new windows and failures.
func namePool(n int) []string {
	pool := []string{"jaya@contoso.com", "SAM@contoso.com", "kim@fabrikam.com", "alex@contoso.com", " lead@x.com", ""}
	for i := len(pool); i < n; i++ {
		pool = append(pool, fmt.Sprintf("peer%03d@example.com", i))
	}
	return pool
}

// mixedCalls makes at least count automation calls chosen at random and
// returns how many it made (every branch counts each call it makes). Errors
// are expected (windows closed or released by another goroutine, the user
// signed out meanwhile): only the totals matter.
func mixedCalls(ctx context.Context, w *sim.World, m *sim.Messenger, pool []string, seed uint64, count int) uint64 {
	rng := rand.New(rand.NewPCG(seed, 0x636f6e63))
	person := w.Person()
	var held []model.ConversationWnd
	statuses := []model.MISTATUS{model.MISTATUS_ONLINE, model.MISTATUS_BUSY, model.MISTATUS_AWAY, model.MISTATUS_DO_NOT_DISTURB}
	var n uint64
	pick := func() (model.ConversationWnd, int) {
		i := rng.IntN(len(held))
		return held[i], i
	}
	for n < uint64(count) {
		r := rng.IntN(1000)
		switch {
		case r < 300:
			n++
			cw, err := m.InstantMessage(ctx, model.BSTR(pool[rng.IntN(len(pool))]))
			if err == nil && len(held) < 16 {
				held = append(held, cw)
			} else if cw != nil {
				_ = cw.Release(ctx) // more than we keep: hand it back
				n++
			}
		case r < 450 && len(held) > 0:
			cw, _ := pick()
			n++
			_ = cw.Close(ctx)
		case r < 550 && len(held) > 0:
			cw, i := pick()
			n++
			_ = cw.Release(ctx)
			held = append(held[:i], held[i+1:]...)
		case r < 650 && len(held) > 0:
			cw, _ := pick()
			n++
			_, _ = cw.IsClosed(ctx)
		case r < 750 && len(held) > 0:
			cw, _ := pick()
			n++
			_, _ = cw.HWND(ctx)
		case r < 800:
			n++
			if c, err := m.GetContact(ctx, pool[rng.IntN(len(pool))], ""); err == nil {
				n++
				_, _ = c.Status(ctx)
				n++
				_ = c.Release(ctx)
			}
		case r < 850:
			n++
			_, _ = m.MyStatus(ctx)
		case r < 880:
			n++
			_ = m.SetMyStatus(ctx, statuses[rng.IntN(len(statuses))])
		case r < 930:
			n++
			if cs, err := m.MyContacts(ctx); err == nil {
				n++
				_, _ = cs.Count(ctx)
				n++
				_ = cs.Release(ctx)
			}
		case r < 998:
			// the person's side: not an automation call, not journaled
			_ = person.SetContactStatus(pool[rng.IntN(3)], statuses[rng.IntN(len(statuses))])
		default:
			// rare: sign out (destroying every window) and back in
			n++
			_ = m.Signout(ctx)
			n++
			_ = m.AutoSignin(ctx)
		}
	}
	for _, cw := range held {
		n++
		_ = cw.Release(ctx)
	}
	return n
}
