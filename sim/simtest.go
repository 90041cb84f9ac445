package sim

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/model"
)

// LifetimeProblems lists what the client's code did wrong with object
// lifetimes so far: destroyed conversation windows it never released, and
// calls made on a window after its OnIMWindowDestroyed.
func (w *World) LifetimeProblems() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	check := func(b *viewBase) {
		if _, ok := b.target.(*convObj); !ok {
			return
		}
		if b.destroyedSeq != 0 && b.releases == 0 {
			out = append(out, fmt.Sprintf("conversation window %s (client %d) was destroyed but never released", b.id, b.cl.index))
		}
		for _, m := range b.lateCalls {
			out = append(out, fmt.Sprintf("conversation window %s (client %d): %s called after OnIMWindowDestroyed", b.id, b.cl.index, m))
		}
	}
	w.views.each(func(v view) { check(v.base()) })
	out = append(out, w.lifetime...)
	return out
}

// noteDeadView keeps lifetime facts about views that leave the maps.
func (w *World) noteDeadView(b *viewBase) {
	if _, ok := b.target.(*convObj); !ok {
		return
	}
	for _, m := range b.lateCalls {
		w.lifetime = append(w.lifetime, fmt.Sprintf("conversation window %s (client %d): %s called after OnIMWindowDestroyed", b.id, b.cl.index, m))
	}
	b.lateCalls = nil
}

type runTConfig struct {
	checks bool
	kind   model.CallerKind
}

// TestOption configures RunT beyond the world's own options.
type TestOption func(*runTConfig)

// WithoutLifetimeChecks turns off RunT's cleanup checks, for tests that
// misuse objects on purpose.
func WithoutLifetimeChecks() TestOption { return func(c *runTConfig) { c.checks = false } }

// AsScript makes the returned messenger a script caller.
func AsScript() TestOption { return func(c *runTConfig) { c.kind = model.CallerScript } }

// RunT gives a test a ready messenger in one line, in the style of
// httptest and miniredis.RunT: a world from the options (by default the
// DefaultScenario, signed in as alex@contoso.com with three contacts), and
// a compiled caller's root object. At cleanup it disconnects event sinks
// and fails the test for every lifetime problem the client's code caused.
func RunT(t testing.TB, opts ...any) *Messenger {
	t.Helper()
	rc := runTConfig{checks: true}
	var wopts []Option
	for _, o := range opts {
		switch o := o.(type) {
		case Option:
			wopts = append(wopts, o)
		case TestOption:
			o(&rc)
		default:
			t.Fatalf("sim.RunT: %T is neither a sim.Option nor a sim.TestOption", o)
		}
	}
	w, err := New(wopts...)
	if err != nil {
		t.Fatalf("sim.RunT: %v", err)
	}
	m, err := w.Messenger(rc.kind)
	if err != nil {
		t.Fatalf("sim.RunT: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = w.Drain(ctx)
		w.Close()
		if !rc.checks {
			return
		}
		for _, p := range w.LifetimeProblems() {
			t.Errorf("fakemessenger lifetime check: %s", p)
		}
	})
	return m
}
