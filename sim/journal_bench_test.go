package sim_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// fullJournal is a world whose journal holds 100,000 calls (the in-process
// default size), a quarter of them involving jaya@contoso.com.
func fullJournal(b *testing.B) *sim.World {
	b.Helper()
	ctx := context.Background()
	w := sim.MustNew()
	m := w.MustMessenger(model.CallerCompiled)
	sam, err := m.GetContact(ctx, "sam@contoso.com", "")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; w.CallCount() < sim.DefaultJournalSize; i++ {
		switch i % 4 {
		case 0:
			_, err = m.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
		case 1:
			_, err = m.MyStatus(ctx)
		case 2:
			_, err = sam.FriendlyName(ctx)
		case 3:
			_, err = m.InstantMessage(ctx, model.Dispatched(sam))
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return w
}

// BenchmarkJournalQuery is issue 9's query-cost figure: reading 100,000
// journal entries unfiltered, against filtering them by contact (which
// resolves identities without allocating and builds only the matches) and
// counting the matches only.
func BenchmarkJournalQuery(b *testing.B) {
	w := fullJournal(b)
	for _, bc := range []struct {
		name  string
		f     sim.CallFilter
		count bool
	}{
		{"unfiltered", sim.CallFilter{}, false},
		{"contact", sim.CallFilter{Contact: "jaya@contoso.com"}, false},
		{"contact-count", sim.CallFilter{Contact: "jaya@contoso.com"}, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				if bc.count {
					n, _ = w.CountCalls(bc.f)
					continue
				}
				p, err := w.Query(bc.f)
				if err != nil {
					b.Fatal(err)
				}
				n = p.Total
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// BenchmarkJournalMemory is issue 9's memory figure: the live heap each
// journal entry holds once the ring is full (MyStatus calls, whose result
// is an integer, so the entry is all there is).
func BenchmarkJournalMemory(b *testing.B) {
	ctx := context.Background()
	const n = sim.DefaultJournalSize
	for b.Loop() {
		before := heapAfterGC()
		w := sim.MustNew(sim.WithJournalSize(n))
		m := w.MustMessenger(model.CallerCompiled)
		for range n {
			if _, err := m.MyStatus(ctx); err != nil {
				b.Fatal(err)
			}
		}
		after := heapAfterGC()
		b.ReportMetric(float64(int64(after)-int64(before))/n, "B/entry")
		if w.CallCount() != n {
			b.Fatal("lost calls")
		}
	}
}
