package sim

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/model"
)

// LifetimeProblem is one thing the client's code did wrong with an
// object's lifetime.
type LifetimeProblem struct {
	// Kind is "not-released" (a conversation window was destroyed and the
	// client never released it) or "call-after-destroyed" (a call was
	// made on a window after its OnIMWindowDestroyed).
	Kind   string `json:"kind"`
	Object string `json:"object"`
	Client int    `json:"client"`
	HWND   int32  `json:"hwnd"`
	// Member is the late call's member ("call-after-destroyed" only).
	Member string `json:"member,omitempty"`
}

// The kinds of LifetimeProblem.
const (
	NotReleased        = "not-released"
	CallAfterDestroyed = "call-after-destroyed"
)

func (p LifetimeProblem) String() string {
	if p.Kind == NotReleased {
		return fmt.Sprintf("conversation window %s (hwnd %d, client %d) was destroyed but never released", p.Object, p.HWND, p.Client)
	}
	return fmt.Sprintf("conversation window %s (hwnd %d, client %d): %s called after OnIMWindowDestroyed", p.Object, p.HWND, p.Client, p.Member)
}

// LifetimeProblems lists what the client's code did wrong with object
// lifetimes so far: destroyed conversation windows it never released, and
// calls made on a window after its OnIMWindowDestroyed.
func (w *World) LifetimeProblems() []string {
	ps := w.LifetimeReport()
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// LifetimeReport is LifetimeProblems as values.
func (w *World) LifetimeReport() []LifetimeProblem {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lifetimeLocked()
}

func (w *World) lifetimeLocked() []LifetimeProblem {
	out := []LifetimeProblem{}
	w.views.each(func(v view) {
		b := v.base()
		if _, ok := b.target.(*convObj); !ok {
			return
		}
		if b.destroyedSeq != 0 && b.releases == 0 {
			out = append(out, lifetimeProblem(NotReleased, b, ""))
		}
		for _, m := range b.lateCalls {
			out = append(out, lifetimeProblem(CallAfterDestroyed, b, m))
		}
	})
	return append(out, w.lifetime...)
}

func lifetimeProblem(kind string, b *viewBase, member string) LifetimeProblem {
	return LifetimeProblem{Kind: kind, Object: b.id.String(), Client: b.cl.index, HWND: identityOf(b.self).HWND, Member: member}
}

// noteDeadView keeps lifetime facts about views that leave the maps.
func (w *World) noteDeadView(b *viewBase) {
	if _, ok := b.target.(*convObj); !ok {
		return
	}
	for _, m := range b.lateCalls {
		w.lifetime = append(w.lifetime, lifetimeProblem(CallAfterDestroyed, b, m))
	}
	b.lateCalls = nil
}

// TestOption is the option type RunT took when it had two; every option
// is an Option now.
//
// Deprecated: use Option.
type TestOption = Option

// WithoutLifetimeChecks turns off RunT's cleanup checks, for tests that
// misuse objects on purpose. New ignores it.
func WithoutLifetimeChecks() Option { return func(c *config) { c.noLifetimeChecks = true } }

// AsScript makes RunT's messenger a script caller. New ignores it.
func AsScript() Option { return func(c *config) { c.rootKind = model.CallerScript } }

// TestConfig is what the test-only options (WithoutLifetimeChecks,
// AsScript) ask of a test helper: fmtest reads it to treat a world it
// starts over HTTP as RunT treats one in process.
type TestConfig struct {
	LifetimeChecks bool
	Caller         model.CallerKind
}

// TestConfigOf reads the test-only options among opts.
func TestConfigOf(opts ...Option) TestConfig {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return TestConfig{LifetimeChecks: !cfg.noLifetimeChecks, Caller: cfg.rootKind}
}

// RunT gives a test a ready messenger in one line, in the style of
// httptest and miniredis.RunT: a world from the options (by default the
// DefaultScenario, signed in as alex@contoso.com with three contacts), and
// a compiled caller's root object. At cleanup it disconnects event sinks
// and fails the test for every lifetime problem the client's code caused.
// m.Control() is the same world as a Fake.
func RunT(t testing.TB, opts ...Option) *Messenger {
	t.Helper()
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	w, err := New(opts...)
	if err != nil {
		t.Fatalf("sim.RunT: %v", err)
	}
	m, err := w.Messenger(cfg.rootKind)
	if err != nil {
		t.Fatalf("sim.RunT: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = w.Drain(ctx)
		w.Close()
		if cfg.noLifetimeChecks {
			return
		}
		for _, p := range w.LifetimeProblems() {
			t.Errorf("fakemessenger lifetime check: %s", p)
		}
	})
	return m
}
