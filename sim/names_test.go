package sim

import (
	"context"
	"fmt"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
)

// contactKey is a shortcut: where it answers, the full checks must accept
// the name and normalise it to the same key.
func TestContactKeyAgreesWithModel(t *testing.T) {
	names := []string{
		"a@b.com", "bench@contoso.com", "x", "no-at-sign", "two@@ats", "a@b..c",
		"Upper@contoso.com", "sip:a@b.com", "SIP:a@b.com", "sIp:a@b.com", "a b@c.com",
		"a\t@b.com", "\x7f@b.com", "zoë@b.com", "", " lead@b.com",
		string(make([]byte, 130)), "a@" + string(make([]byte, 120)),
	}
	for i := 0; i < 140; i++ {
		names = append(names, fmt.Sprintf("%0*d@b.com", i, 0))
	}
	for _, s := range names {
		key, ok := contactKey(s)
		if !ok {
			continue
		}
		if p := model.CheckSigninName(s); p != model.ProblemNone && p < model.ProblemNoAt {
			t.Errorf("contactKey(%q) answered, but CheckSigninName finds %v", s, p)
		}
		if want := model.NormalizeSigninName(s); key != want {
			t.Errorf("contactKey(%q) = %q, NormalizeSigninName = %q", s, key, want)
		}
	}
	if _, ok := contactKey("bench@contoso.com"); !ok {
		t.Error("the usual name must take the short path")
	}
}

// Forgotten names are nil entries until a sweep; the map must stay
// bounded by the live contacts, and a forgotten name must come back as a
// new contact.
func TestForgottenNamesAreSweptAndAbsent(t *testing.T) {
	defer func(n int) { byNameSweepMin = n }(byNameSweepMin)
	byNameSweepMin = 512
	ctx := context.Background()
	w := MustNew(WithHandleQuota(0))
	m := w.MustMessenger(model.CallerCompiled)
	base := len(w.byName)
	for i := range 5000 {
		cw, err := m.InstantMessage(ctx, model.BSTR(fmt.Sprintf("loose%05d@example.com", i)))
		if err != nil {
			t.Fatal(err)
		}
		if err := cw.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if err := cw.Release(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(w.byName); n > base+3*max(byNameSweepMin, 1024) {
		t.Errorf("byName holds %d entries after 5,000 released loose contacts (%d listed): not swept", n, base)
	}
	live := 0
	for _, ct := range w.byName {
		if ct != nil {
			live++
		}
	}
	if live != base {
		t.Errorf("%d live entries in byName, want the %d listed and self", live, base)
	}
	// A forgotten name is unknown again: its contact is a new object.
	ct1, err := m.GetContact(ctx, "loose00001@example.com", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := ct1.Release(ctx); err != nil {
		t.Fatal(err)
	}
	ct2, err := m.GetContact(ctx, "loose00001@example.com", "")
	if err != nil {
		t.Fatal(err)
	}
	if ct1.ObjectID() == ct2.ObjectID() {
		t.Error("GetContact after the last Release returned the released contact's identity")
	}
}
