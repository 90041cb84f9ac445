package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// The mock in mock_messenger_test.go is generated; regenerate it with
// `go generate ./sim/` (needs mockgen v0.6.0 on PATH). CI builds the
// committed file and never needs mockgen.

// batch is how many windows a benchmark opens before closing them all
// outside the timer: it keeps memory bounded while every timed call still
// opens a new window.
const batch = 4096

// contactNames makes n distinct sign-in names that are not on the default
// scenario's contact list, so each InstantMessage makes a new contact.
func contactNames(prefix string, n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%07d@example.com", prefix, i)
	}
	return names
}

// closeAll has the person close every window and the client release it,
// outside the timer (Release is what lets the sim forget the window and its
// contact, so the next batch starts from the same state).
func closeAll(b *testing.B, ctx context.Context, w *sim.World, wins []model.ConversationWnd) {
	b.Helper()
	p := w.Person()
	for i, cw := range wins {
		if err := p.CloseWindow(cw); err != nil {
			b.Fatalf("CloseWindow: %v", err)
		}
		if err := cw.Release(ctx); err != nil {
			b.Fatalf("Release: %v", err)
		}
		wins[i] = nil
	}
}

// cpuMeter reports the process's CPU time per op (cpu-ns/op) next to
// the wall-clock ns/op: on a busy machine the wall clock counts the time
// other processes had the CPU, the process's own CPU time does not (the
// collector's background work, which the benchmark causes, is in it).
// Work done with the timer stopped is left out by pausing the meter too.
type cpuMeter struct {
	start, paused, pausedAt int64
}

func startCPU() *cpuMeter { return &cpuMeter{start: processCPU()} }

func (m *cpuMeter) pause()  { m.pausedAt = processCPU() }
func (m *cpuMeter) resume() { m.paused += processCPU() - m.pausedAt }

// report must come after the loop: b.Loop's first call resets metrics.
func (m *cpuMeter) report(b *testing.B) {
	if m.start == 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(processCPU()-m.start-m.paused)/float64(b.N), "cpu-ns/op")
}

// warmJournal fills the journal ring so the timed loop measures the steady
// state a long test run is in, not the ring's one-off growth.
func warmJournal(b *testing.B, ctx context.Context, m model.Messenger, n int) {
	b.Helper()
	for range n {
		if _, err := m.MyStatus(ctx); err != nil {
			b.Fatalf("MyStatus: %v", err)
		}
	}
}

// BenchmarkInstantMessage is issue 3's first figure: InstantMessage with a
// VT_BSTR name that opens a new window, journal on, no subscribers, against
// a gomock mock of the same interface answering the same call. Both are
// called through model.Messenger, as client code would.
func BenchmarkInstantMessage(b *testing.B) {
	ctx := context.Background()
	names := contactNames("im", batch)

	b.Run("impl=gomock", func(b *testing.B) {
		// The value the mock hands back: a real window, made once.
		w := sim.MustNew(sim.WithHandleQuota(0))
		wnd, err := w.MustMessenger(model.CallerCompiled).InstantMessage(ctx, model.BSTR("prebuilt@example.com"))
		if err != nil {
			b.Fatal(err)
		}
		ctrl := gomock.NewController(b)
		mock := NewMockMessenger(ctrl)
		mock.EXPECT().InstantMessage(gomock.Any(), gomock.Any()).Return(wnd, nil).AnyTimes()
		var m model.Messenger = mock
		b.ReportAllocs()
		i := 0
		cpu := startCPU()
		for b.Loop() {
			if _, err := m.InstantMessage(ctx, model.BSTR(names[i])); err != nil {
				b.Fatal(err)
			}
			if i++; i == len(names) {
				i = 0
			}
		}
		cpu.report(b)
	})

	b.Run("impl=sim", func(b *testing.B) {
		w := sim.MustNew(sim.WithHandleQuota(0))
		var m model.Messenger = w.MustMessenger(model.CallerCompiled)
		warmJournal(b, ctx, m, sim.DefaultJournalSize)
		wins := make([]model.ConversationWnd, 0, batch)
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			cw, err := m.InstantMessage(ctx, model.BSTR(names[len(wins)]))
			if err != nil {
				b.Fatal(err)
			}
			wins = append(wins, cw)
			if len(wins) == batch {
				b.StopTimer()
				cpu.pause()
				closeAll(b, ctx, w, wins)
				wins = wins[:0]
				cpu.resume()
				b.StartTimer()
			}
		}
		cpu.report(b)
		closeAll(b, ctx, w, wins)
	})
}

// BenchmarkIMClose is issue 3's cost-growth figure: InstantMessage for a new
// contact, then Close and Release of the window it returned (the sample
// client's pattern: without the Release the sim must keep the window's
// object alive for the client), with N windows already open. B/window is the
// heap each open window holds, measured while pre-opening them.
func BenchmarkIMClose(b *testing.B) {
	for _, n := range []int{10, 10_000, 1_000_000} {
		b.Run(fmt.Sprintf("open=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("-short (the benchmark smoke): a million windows take seconds and ~500 MB")
			}
			ctx := context.Background()
			w := sim.MustNew(sim.WithHandleQuota(0), sim.WithJournalSize(1024))
			var m model.Messenger = w.MustMessenger(model.CallerCompiled)

			perWindow := preOpen(b, ctx, m, n)

			names := contactNames("iter", batch)
			b.ReportAllocs()
			i := 0
			cpu := startCPU()
			for b.Loop() {
				cw, err := m.InstantMessage(ctx, model.BSTR(names[i]))
				if err != nil {
					b.Fatal(err)
				}
				if err := cw.Close(ctx); err != nil {
					b.Fatal(err)
				}
				if err := cw.Release(ctx); err != nil {
					b.Fatal(err)
				}
				if i++; i == len(names) {
					i = 0
				}
			}
			// after the loop: b.Loop's timer reset drops earlier metrics
			cpu.report(b)
			if n >= 10_000 {
				b.ReportMetric(perWindow, "B/window")
			}
			if n <= 10_000 { // a State snapshot of 1M windows takes seconds
				if got := len(w.State().Conversations); got != n {
					b.Fatalf("%d windows open after the loop, want %d", got, n)
				}
			}
		})
	}
}

// preOpen opens n windows with distinct contacts and returns the live heap
// each one added. The names are made inside the loop and not kept, so the
// only references to them are the sim's.
func preOpen(b *testing.B, ctx context.Context, m model.Messenger, n int) float64 {
	b.Helper()
	before := heapAfterGC()
	for i := range n {
		if _, err := m.InstantMessage(ctx, model.BSTR(fmt.Sprintf("open%07d@example.com", i))); err != nil {
			b.Fatalf("pre-opening window %d: %v", i, err)
		}
	}
	after := heapAfterGC()
	return float64(int64(after)-int64(before)) / float64(n)
}

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
