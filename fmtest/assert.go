package fmtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/sim"
)

// Timeout bounds each request an assertion makes of the fake.
var Timeout = 10 * time.Second

// TailLen is how many of the newest calls a failure message shows.
var TailLen = 10

// nearMisses is how many near misses a failure message lists.
const nearMisses = 3

// Exactly asserts that exactly n calls matched e, and returns them.
func Exactly(t testing.TB, f sim.Fake, n int, e *Expectation) []sim.Call {
	t.Helper()
	return count(t, f, e, func(got int) bool { return got == n }, fmt.Sprintf("exactly %d", n))
}

// AtLeast asserts that n or more calls matched e, and returns them.
func AtLeast(t testing.TB, f sim.Fake, n int, e *Expectation) []sim.Call {
	t.Helper()
	return count(t, f, e, func(got int) bool { return got >= n }, fmt.Sprintf("at least %d", n))
}

// Never asserts that no call matched e.
func Never(t testing.TB, f sim.Fake, e *Expectation) {
	t.Helper()
	count(t, f, e, func(got int) bool { return got == 0 }, "no")
}

// journalOf reads the whole retained journal; for an expectation with a
// contact it also asks the fake whether it knows that contact at all.
type journalOf struct {
	calls   []sim.Call
	all     uint64
	unknown string // a contact the world never saw
}

func read(t testing.TB, f sim.Fake, contact string) (journalOf, bool) {
	t.Helper()
	logTailOnFailure(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	page, err := f.Journal(ctx, sim.CallFilter{})
	if err != nil {
		t.Errorf("fmtest: reading the journal: %v", err)
		return journalOf{}, false
	}
	j := journalOf{calls: page.Calls, all: page.All}
	if contact != "" {
		cp, err := f.Journal(ctx, sim.CallFilter{Contact: contact})
		if err != nil {
			t.Errorf("fmtest: contact %q: %v", contact, err)
			return j, false
		}
		if !cp.ContactSeen {
			j.unknown = contact
		}
	}
	return j, true
}

// serverFilter is the part of e the journal query itself can apply, so
// a passing assertion reads only the calls it counts (one request over
// HTTP); rest is what is left to check here.
func (e *Expectation) serverFilter() (f sim.CallFilter, rest *Expectation) {
	f = sim.CallFilter{Member: e.member, Interface: e.iface, Contact: e.contact, HR: e.hr, Failed: e.failed}
	rest = &Expectation{args: e.args, preds: e.preds}
	return f, rest
}

func count(t testing.TB, f sim.Fake, e *Expectation, ok func(int) bool, want string) []sim.Call {
	t.Helper()
	logTailOnFailure(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	filter, rest := e.serverFilter()
	page, err := f.Journal(ctx, filter)
	if err != nil {
		t.Errorf("fmtest: reading the journal for %s: %v", e, err)
		return nil
	}
	var matched []sim.Call
	for _, c := range page.Calls {
		if rest.Matches(c) {
			matched = append(matched, c)
		}
	}
	if ok(len(matched)) {
		if e.contact != "" && !page.ContactSeen {
			// it held, but perhaps only because the name is a typo
			t.Logf("fmtest: note: the world never saw contact %q, so %s call(s) to %s holds trivially", e.contact, want, e)
		}
		return matched
	}
	// Failed: read everything for the near misses and the tail.
	j, readOK := read(t, f, "")
	if !readOK {
		return matched
	}
	if e.contact != "" && !page.ContactSeen {
		j.unknown = e.contact
	}
	var b strings.Builder
	fmt.Fprintf(&b, "fmtest: want %s call(s) to %s; got %d\n", want, e, len(matched))
	if j.unknown != "" {
		fmt.Fprintf(&b, "the world never saw contact %q: not on the contact list, not held as an object, not in any call (a typo?)\n", j.unknown)
	}
	if len(matched) > 0 {
		b.WriteString("matching calls:\n")
		for _, c := range matched {
			b.WriteString("  " + c.String() + "\n")
		}
	} else {
		writeNearMisses(&b, e, j.calls, 0)
	}
	writeTail(&b, j)
	t.Error(strings.TrimRight(b.String(), "\n"))
	return matched
}

// writeNearMisses lists the calls (with Seq > after) that came closest to
// e, with what each lacked.
func writeNearMisses(b *strings.Builder, e *Expectation, calls []sim.Call, after uint64) {
	type near struct {
		c      sim.Call
		misses []miss
		score  int
	}
	var ns []near
	for _, c := range calls {
		if c.Seq <= after {
			continue
		}
		m, s := e.check(c)
		if len(m) > 0 && s > 0 {
			ns = append(ns, near{c, m, s})
		}
	}
	if len(ns) == 0 {
		b.WriteString("no call came close\n")
		return
	}
	slices.SortStableFunc(ns, func(x, y near) int {
		if x.score != y.score {
			return y.score - x.score
		}
		return int(int64(y.c.Seq) - int64(x.c.Seq)) // the newest first among equals
	})
	b.WriteString("closest calls:\n")
	for _, n := range ns[:min(nearMisses, len(ns))] {
		b.WriteString("  " + n.c.String() + "\n")
		for _, m := range n.misses {
			b.WriteString("      " + m.what + "\n")
		}
	}
}

func writeTail(b *strings.Builder, j journalOf) {
	cs := j.calls[max(0, len(j.calls)-TailLen):]
	fmt.Fprintf(b, "journal tail (%d of %d calls", len(cs), j.all)
	if dropped := j.all - uint64(len(j.calls)); dropped > 0 {
		fmt.Fprintf(b, "; %d older ones dropped by the bounded journal", dropped)
	}
	b.WriteString("):\n")
	if len(cs) == 0 {
		b.WriteString("  (no calls)\n")
	}
	for _, c := range cs {
		b.WriteString("  " + c.String() + "\n")
	}
}

// InOrder asserts that calls matching each expectation happened in this
// order: a match of the first, then a later match of the second, and so
// on (other calls may come between).
func InOrder(t testing.TB, f sim.Fake, es ...*Expectation) bool {
	t.Helper()
	contact := ""
	for _, e := range es {
		if e.contact != "" {
			contact = e.contact
		}
	}
	j, ok := read(t, f, contact)
	if !ok {
		return false
	}
	var after uint64
	var got []sim.Call
	for i, e := range es {
		found := false
		for _, c := range j.calls {
			if c.Seq > after && e.Matches(c) {
				after, found = c.Seq, true
				got = append(got, c)
				break
			}
		}
		if found {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "fmtest: want in order:\n")
		for k, x := range es {
			mark := "  "
			if k == i {
				mark = "->"
			}
			fmt.Fprintf(&b, " %s %d. %s\n", mark, k+1, x)
		}
		if after == 0 {
			fmt.Fprintf(&b, "no call matched step %d\n", i+1)
		} else {
			fmt.Fprintf(&b, "steps 1-%d matched (the last at #%d); no later call matched step %d\n", i, after, i+1)
		}
		for k, c := range got {
			fmt.Fprintf(&b, "  step %d: %s\n", k+1, c)
		}
		if j.unknown != "" {
			fmt.Fprintf(&b, "the world never saw contact %q (a typo?)\n", j.unknown)
		}
		writeNearMisses(&b, e, j.calls, after)
		writeTail(&b, j)
		t.Error(strings.TrimRight(b.String(), "\n"))
		return false
	}
	return true
}

// NoCallAfterDestroyed asserts the named check "no call was made on a
// window after its OnIMWindowDestroyed", for every client of the world.
// It drains events first, so handlers that ran late are counted.
func NoCallAfterDestroyed(t testing.TB, f sim.Fake) bool {
	t.Helper()
	return lifetime(t, f, sim.CallAfterDestroyed, "no call on a window after its OnIMWindowDestroyed")
}

// DestroyedWindowsReleased asserts the named check "every destroyed
// window was released" (at least once, as the reference's sample does in
// its OnIMWindowDestroyed handler). It drains events first.
func DestroyedWindowsReleased(t testing.TB, f sim.Fake) bool {
	t.Helper()
	return lifetime(t, f, sim.NotReleased, "every destroyed window was released")
}

func lifetime(t testing.TB, f sim.Fake, kind, name string) bool {
	t.Helper()
	logTailOnFailure(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	if err := f.Drain(ctx); err != nil {
		t.Errorf("fmtest: %s: draining events: %v", name, err)
		return false
	}
	st, err := f.State(ctx)
	if err != nil {
		t.Errorf("fmtest: %s: reading the state: %v", name, err)
		return false
	}
	var bad []sim.LifetimeProblem
	for _, p := range st.Lifetime {
		if p.Kind == kind {
			bad = append(bad, p)
		}
	}
	if len(bad) == 0 {
		return true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "fmtest: check %q failed:\n", name)
	for _, p := range bad {
		b.WriteString("  " + p.String() + "\n")
		page, err := f.Journal(ctx, sim.CallFilter{Object: p.Object})
		if err == nil {
			for _, c := range page.Calls {
				b.WriteString("      " + c.String() + "\n")
			}
		}
	}
	t.Error(strings.TrimRight(b.String(), "\n"))
	return false
}

// logged remembers the (test, fake) pairs whose cleanup logs the tail.
var logged sync.Map

type tbFake struct {
	t testing.TB
	f sim.Fake
}

// LogJournalOnFailure logs the journal's tail when the test has failed,
// for any reason, at cleanup. Every fmtest assertion and constructor
// calls it; calling it again for the same test and fake does nothing.
func LogJournalOnFailure(t testing.TB, f sim.Fake) { logTailOnFailure(t, f) }

func logTailOnFailure(t testing.TB, f sim.Fake) {
	key := tbFake{t, f}
	if _, dup := logged.LoadOrStore(key, true); dup {
		return
	}
	t.Cleanup(func() {
		logged.Delete(key)
		if t.Failed() {
			logNow(t, f)
		}
	})
}

// logNow logs the journal's tail.
func logNow(t testing.TB, f sim.Fake) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	page, err := f.Journal(ctx, sim.CallFilter{})
	if err != nil {
		t.Logf("fmtest: the test failed; the journal could not be read: %v", err)
		return
	}
	var b strings.Builder
	b.WriteString("fmtest: the test failed; ")
	writeTail(&b, journalOf{calls: page.Calls, all: page.All})
	t.Log(strings.TrimRight(b.String(), "\n"))
}
