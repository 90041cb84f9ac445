package fmtest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fakemessenger/fakemessenger/fmtest"
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// transports makes the same fake in process and over HTTP: each test runs
// on both, which is the point of sim.Fake.
var transports = []struct {
	name string
	make func(testing.TB, ...sim.Option) sim.Fake
}{
	{"inprocess", func(t testing.TB, o ...sim.Option) sim.Fake { return fmtest.InProcess(t, o...) }},
	{"http", func(t testing.TB, o ...sim.Option) sim.Fake { return fmtest.OverHTTP(t, o...) }},
}

func each(t *testing.T, fn func(t *testing.T, f sim.Fake)) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			fn(t, tr.make(t, sim.WithoutLifetimeChecks()))
		})
	}
}

// recorder is a testing.TB that keeps what an assertion reported, so a
// test can check the failure output without failing itself.
type recorder struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	logs     []string
	cleanups []func()
}

func (r *recorder) Helper() {}
func (r *recorder) Error(args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprint(args...))
}
func (r *recorder) Errorf(f string, args ...any) { r.Error(fmt.Sprintf(f, args...)) }
func (r *recorder) Log(args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.logs = append(r.logs, fmt.Sprint(args...))
}
func (r *recorder) Logf(f string, args ...any) { r.Log(fmt.Sprintf(f, args...)) }
func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.errs) > 0
}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) runCleanups() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	r.cleanups = nil
}
func (r *recorder) output() string { return strings.Join(r.errs, "\n") }

func newRecorder(t *testing.T) *recorder {
	r := &recorder{TB: t}
	t.Cleanup(r.runCleanups)
	return r
}

// notify is code under test: it opens a conversation with the contact
// passed as an object, and releases its window when it is destroyed.
func notify(t *testing.T, ctx context.Context, m model.Messenger, who string) model.ConversationWnd {
	t.Helper()
	var mine atomic.Value
	mine.Store("")
	sub, err := m.Subscribe(ctx, func(e model.Event) {
		if e.Name == model.OnIMWindowDestroyed && e.Window().ObjectID() == mine.Load().(string) {
			_ = e.Window().Release(ctx)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sub.Close() })
	c, err := m.GetContact(ctx, who, "")
	if err != nil {
		t.Fatal(err)
	}
	win, err := m.InstantMessage(ctx, model.Dispatched(c))
	if err != nil {
		t.Fatal(err)
	}
	mine.Store(win.ObjectID())
	return win
}

func TestExactlyCountsCallsByContactWhateverFormTheContactTook(t *testing.T) {
	each(t, func(t *testing.T, f sim.Fake) {
		ctx := t.Context()
		notify(t, ctx, f.Root(), "jaya@contoso.com")
		if _, err := f.Root().InstantMessage(ctx, model.BSTR("SIP:Sam@Contoso.com")); err != nil {
			t.Fatal(err)
		}
		got := fmtest.Exactly(t, f, 1, fmtest.Member("InstantMessage").Contact("jaya@contoso.com"))
		if len(got) != 1 || got[0].Args[0].Identity.SigninName != "jaya@contoso.com" {
			t.Errorf("matched %v", got)
		}
		fmtest.Exactly(t, f, 1, fmtest.Member("instantmessage").Contact("sam@contoso.com").Returning(hresult.S_OK))
		fmtest.Exactly(t, f, 2, fmtest.Member("InstantMessage").Arg(0, fmtest.Any()))
		fmtest.Exactly(t, f, 1, fmtest.Member("InstantMessage").Arg(0, fmtest.ContactArg("jaya@contoso.com")))
		fmtest.Exactly(t, f, 1, fmtest.Member("GetContact").Arg(0, fmtest.Str("jaya@contoso.com")).On(model.IMessenger))
		// GetContact (string and result), InstantMessage (object)
		fmtest.Exactly(t, f, 2, fmtest.AnyCall().Contact("JAYA@contoso.com"))
		fmtest.AtLeast(t, f, 3, fmtest.AnyCall())
		fmtest.Never(t, f, fmtest.Member("InstantMessage").Failing())
		fmtest.Exactly(t, f, 1, fmtest.Member("InstantMessage").Where("it opened a window", func(c sim.Call) bool {
			return c.Result != nil && c.Result.Identity.HWND != 0 && len(c.Events) == 1 && c.Events[0].Name == model.OnIMWindowCreated
		}).Contact("jaya@contoso.com"))
	})
}

func TestFailureShowsExpectationNearMissesAndTail(t *testing.T) {
	each(t, func(t *testing.T, f sim.Fake) {
		ctx := t.Context()
		notify(t, ctx, f.Root(), "jaya@contoso.com")
		r := newRecorder(t)
		fmtest.Exactly(r, f, 1, fmtest.Member("InstantMessage").Contact("sam@contoso.com"))
		out := r.output()
		for _, want := range []string{
			"want exactly 1 call(s) to InstantMessage, involving contact sam@contoso.com; got 0",
			"closest calls:",
			"IMessenger::InstantMessage(VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)) -> S_OK",
			"does not involve contact sam@contoso.com",
			"journal tail (2 of 2 calls):",
			"#1 IMessenger::GetContact(",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("failure output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "never saw") {
			t.Errorf("sam is on the contact list, yet:\n%s", out)
		}

		r = newRecorder(t)
		fmtest.Never(r, f, fmtest.Member("InstantMessage"))
		if out := r.output(); !strings.Contains(out, "want no call(s) to InstantMessage; got 1\nmatching calls:\n  #2 IMessenger::InstantMessage") {
			t.Errorf("Never's failure:\n%s", out)
		}
		r = newRecorder(t)
		fmtest.AtLeast(r, f, 2, fmtest.Member("GetContact"))
		if out := r.output(); !strings.Contains(out, "want at least 2 call(s) to GetContact; got 1") {
			t.Errorf("AtLeast's failure:\n%s", out)
		}
	})
}

func TestUnknownContactIsReportedAsSuch(t *testing.T) {
	each(t, func(t *testing.T, f sim.Fake) {
		notify(t, t.Context(), f.Root(), "jaya@contoso.com")
		r := newRecorder(t)
		fmtest.Exactly(r, f, 1, fmtest.Member("InstantMessage").Contact("jya@contoso.com"))
		if out := r.output(); !strings.Contains(out, `the world never saw contact "jya@contoso.com"`) {
			t.Errorf("a typo'd contact:\n%s", out)
		}
		r = newRecorder(t)
		fmtest.Never(r, f, fmtest.Member("InstantMessage").Contact("jya@contoso.com"))
		if len(r.errs) != 0 || len(r.logs) != 1 || !strings.Contains(r.logs[0], `never saw contact "jya@contoso.com", so no call(s)`) {
			t.Errorf("Never with a typo'd contact: errors %q, logs %q", r.errs, r.logs)
		}
		r = newRecorder(t)
		fmtest.Never(r, f, fmtest.AnyCall().Contact("not a name"))
		if out := r.output(); !strings.Contains(out, "not a name") || len(r.errs) == 0 {
			t.Errorf("a malformed sign-in name passed: %q", out)
		}
	})
}

func TestInOrder(t *testing.T) {
	each(t, func(t *testing.T, f sim.Fake) {
		ctx := t.Context()
		win := notify(t, ctx, f.Root(), "jaya@contoso.com")
		if _, err := win.Contacts(ctx); err != nil {
			t.Fatal(err)
		}
		fmtest.InOrder(t, f,
			fmtest.Member("GetContact"),
			fmtest.Member("InstantMessage").Contact("jaya@contoso.com"),
			fmtest.Member("Contacts").On(model.IMessengerConversationWnd))
		r := newRecorder(t)
		if fmtest.InOrder(r, f, fmtest.Member("InstantMessage"), fmtest.Member("GetContact")) {
			t.Error("InOrder passed out of order")
		}
		out := r.output()
		for _, want := range []string{"-> 2. GetContact", "steps 1-1 matched (the last at #2); no later call matched step 2", "no call came close"} {
			if !strings.Contains(out, want) {
				t.Errorf("InOrder's failure lacks %q:\n%s", want, out)
			}
		}
	})
}

func TestLifetimeChecks(t *testing.T) {
	each(t, func(t *testing.T, f sim.Fake) {
		ctx := t.Context()
		// released by notify's handler: both checks pass
		win := notify(t, ctx, f.Root(), "jaya@contoso.com")
		if err := f.CloseWindow(ctx, win); err != nil {
			t.Fatal(err)
		}
		if !fmtest.DestroyedWindowsReleased(t, f) || !fmtest.NoCallAfterDestroyed(t, f) {
			return
		}
		// a window nobody releases, and a call on it after it went
		other, err := f.Root().InstantMessage(ctx, model.BSTR("sam@contoso.com"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.CloseWindow(ctx, other); err != nil {
			t.Fatal(err)
		}
		if err := f.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		_, _ = other.IsClosed(ctx)
		r := newRecorder(t)
		if fmtest.NoCallAfterDestroyed(r, f) {
			t.Error("NoCallAfterDestroyed passed")
		}
		out := r.output()
		if !strings.Contains(out, "IsClosed called after OnIMWindowDestroyed") || !strings.Contains(out, "IMessengerWindow(hwnd ") {
			t.Errorf("NoCallAfterDestroyed's failure:\n%s", out)
		}
		r = newRecorder(t)
		if fmtest.DestroyedWindowsReleased(r, f) {
			t.Error("DestroyedWindowsReleased passed")
		}
		if out := r.output(); !strings.Contains(out, "was destroyed but never released") {
			t.Errorf("DestroyedWindowsReleased's failure:\n%s", out)
		}
		_ = other.Release(ctx) // so the transport's own cleanup stays quiet
	})
}

func TestJournalTailIsLoggedWhenTheTestFails(t *testing.T) {
	each(t, func(t *testing.T, f sim.Fake) {
		if _, err := f.Root().MyStatus(t.Context()); err != nil {
			t.Fatal(err)
		}
		r := newRecorder(t)
		fmtest.LogJournalOnFailure(r, f)
		fmtest.LogJournalOnFailure(r, f) // once per test and fake
		r.Error("the code under test did something wrong")
		r.runCleanups()
		if len(r.logs) != 1 || !strings.Contains(r.logs[0], "journal tail (1 of 1 calls):\n  #1 IMessenger::MyStatus() -> S_OK") {
			t.Errorf("logs at cleanup: %q", r.logs)
		}

		r = newRecorder(t)
		fmtest.LogJournalOnFailure(r, f)
		r.runCleanups()
		if len(r.logs) != 0 {
			t.Errorf("a passing test logged %q", r.logs)
		}
	})
}

// The fake's constructors run the lifetime checks at cleanup on both
// transports, as sim.RunT does.
func TestConstructorsCheckLifetimesAtCleanup(t *testing.T) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			r := newRecorder(t)
			f := tr.make(r)
			ctx := t.Context()
			win, err := f.Root().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
			if err != nil {
				t.Fatal(err)
			}
			if err := f.CloseWindow(ctx, win); err != nil {
				t.Fatal(err)
			}
			r.runCleanups()
			if !strings.Contains(r.output(), "fakemessenger lifetime check: conversation window") {
				t.Errorf("cleanup reported %q", r.errs)
			}
			if len(r.logs) != 1 || !strings.Contains(r.logs[0], "InstantMessage") {
				t.Errorf("cleanup logged %q, want the journal tail", r.logs)
			}
		})
	}
}

// NewServer is for code that speaks HTTP itself: its URL serves the
// protocol, its Client is a Fake of the same world, and the options make
// that world as sim.New would.
func TestNewServer(t *testing.T) {
	s := fmtest.NewServer(t, sim.SignedOut(), sim.WithoutLifetimeChecks())
	if s.World != "" {
		t.Errorf("world %q, want the default world", s.World)
	}
	resp, err := http.Post(s.URL+"/v1/control/signin", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-in over raw HTTP: %s", resp.Status)
	}
	st, err := s.Client.State(t.Context())
	if err != nil || !st.SignedIn {
		t.Fatalf("the client's world after a raw sign-in: signed in %v, %v", st.SignedIn, err)
	}

	// a limit the default world does not take: a named world
	q := fmtest.NewServer(t, sim.WithHandleQuota(1), sim.WithoutLifetimeChecks())
	if q.World == "" || q.Client.World() != q.World {
		t.Fatalf("world %q, client's %q", q.World, q.Client.World())
	}
	ctx := t.Context()
	if _, err := q.Client.Root().InstantMessage(ctx, model.BSTR("jaya@contoso.com")); !errors.Is(err, hresult.E_FAIL) {
		t.Errorf("InstantMessage with the main window holding the only handle: %v, want E_FAIL", err)
	}

	s.Close() // also done at cleanup; twice is fine
	if _, err := http.Get(s.URL + "/healthz"); err == nil {
		t.Error("the server still answers after Close")
	}
}
