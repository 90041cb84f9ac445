package sim_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// BenchmarkContacts measures the contacts area's heaviest members in
// process, to compare with BenchmarkInstantMessage/sim (the budget is 2x):
// PresenceProperties get builds the 11-slot array; the put publishes a
// status (two events, no subscriber); MyStatus = "10" goes through the
// late-bound coercion of a string.
func BenchmarkContacts(b *testing.B) {
	ctx := context.Background()
	w := sim.MustNew()
	m := w.MustMessenger(model.CallerCompiled)
	warmJournal(b, ctx, m, sim.DefaultJournalSize)
	c, err := m.GetContact(ctx, "sam@contoso.com", "")
	if err != nil {
		b.Fatal(err)
	}
	me, err := m.GetContact(ctx, "alex@contoso.com", "")
	if err != nil {
		b.Fatal(err)
	}
	sam, self := c.(model.ContactAdvanced), me.(model.ContactAdvanced)

	b.Run("PresenceProperties", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := sam.PresenceProperties(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("PresenceProperties put", func(b *testing.B) {
		slots := make([]model.Variant, model.PRESENCE_PROP_MAX)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			st := model.MISTATUS_BUSY
			if i++; i%2 == 0 {
				st = model.MISTATUS_AWAY
			}
			slots[model.PRESENCE_PROP_MSTATE] = model.I4(int32(st))
			if err := self.SetPresenceProperties(ctx, slots); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MyStatus put", func(b *testing.B) {
		// the baseline of publishing a status: the same two events
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			st := model.MISTATUS_BUSY
			if i++; i%2 == 0 {
				st = model.MISTATUS_AWAY
			}
			if err := m.SetMyStatus(ctx, st); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MyStatus put string", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Invoke(ctx, "MyStatus", model.DISPATCH_PROPERTYPUT, model.BSTR("10")); err != nil {
				b.Fatal(err)
			}
		}
	})
}
