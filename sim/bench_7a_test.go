package sim_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Issue 7's cost figures for enumeration: one op is a whole For Each
// (_NewEnum, Next in batches of model.EnumBatch, Release of the
// enumerator); ns/item divides it by the items seen.

// bigScenario has n listed contacts, the first m of them in group "Big".
func bigScenario(n, m int) sim.Scenario {
	s := sim.DefaultScenario()
	s.Contacts = nil
	s.Groups = []string{"Big"}
	for i := range n {
		c := sim.ScenarioContact{SigninName: fmt.Sprintf("c%06d@example.com", i), Status: "MISTATUS_ONLINE"}
		if i < m {
			c.Groups = []string{"Big"}
		}
		s.Contacts = append(s.Contacts, c)
	}
	return s
}

func benchForEach(b *testing.B, coll model.ContactsEnum, want int) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range coll.All(ctx) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != want {
			b.Fatalf("For Each saw %d items, want %d", n, want)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*want), "ns/item")
}

// BenchmarkNewEnum10000Contacts: For Each over a contact list of 10,000.
func BenchmarkNewEnum10000Contacts(b *testing.B) {
	ctx := context.Background()
	w := sim.MustNew(sim.WithScenario(bigScenario(10_000, 0)), sim.WithJournalSize(1024))
	list, err := w.MustMessenger(model.CallerCompiled).MyContacts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	benchForEach(b, list.(model.ContactsEnum), 10_000)
}

// BenchmarkNewEnumGroup1000: For Each over a group of 1,000 members (of a
// list of 10,000).
func BenchmarkNewEnumGroup1000(b *testing.B) {
	ctx := context.Background()
	w := sim.MustNew(sim.WithScenario(bigScenario(10_000, 1_000)), sim.WithJournalSize(1024))
	gs, err := w.MustMessenger(model.CallerCompiled).MyGroups(ctx)
	if err != nil {
		b.Fatal(err)
	}
	g, err := gs.Item(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	cs, err := g.Contacts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	benchForEach(b, cs.(model.ContactsEnum), 1_000)
}

// BenchmarkGroupMembers is the cost of issue 7a's per-call members next
// to InstantMessage's: CreateGroup alone, CreateGroup with Groups.Remove
// and Release (three calls per op), and Group.AddContact (an
// event-raising request).
func BenchmarkGroupMembers(b *testing.B) {
	ctx := context.Background()
	b.Run("CreateGroup", func(b *testing.B) {
		w := sim.MustNew(sim.WithJournalSize(1024))
		m := w.MustMessenger(model.CallerCompiled)
		names := make([]string, sim.MaxGroups)
		for i := range names {
			names[i] = fmt.Sprintf("Bench %02d", i)
		}
		// the scenario has 2 groups; deleting and releasing the new ones
		// outside the timer makes room
		made := make([]model.Group, 0, sim.MaxGroups)
		n := 2
		b.ReportAllocs()
		for b.Loop() {
			if n == sim.MaxGroups {
				b.StopTimer()
				for i, g := range made {
					if err := w.Person().DeleteGroup(names[i+2]); err != nil {
						b.Fatal(err)
					}
					if err := g.Release(ctx); err != nil {
						b.Fatal(err)
					}
				}
				made, n = made[:0], 2
				b.StartTimer()
			}
			g, err := m.CreateGroup(ctx, names[n], model.BSTR(model.ServiceIDCommunicator))
			if err != nil {
				b.Fatal(err)
			}
			made = append(made, g)
			n++
		}
	})
	b.Run("CreateGroup+Remove+Release", func(b *testing.B) {
		w := sim.MustNew(sim.WithJournalSize(1024))
		m := w.MustMessenger(model.CallerCompiled)
		gs, err := m.MyGroups(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			g, err := m.CreateGroup(ctx, "Bench", model.BSTR(model.ServiceIDCommunicator))
			if err != nil {
				b.Fatal(err)
			}
			if err := gs.Remove(ctx, g); err != nil {
				b.Fatal(err)
			}
			if err := g.Release(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Group.AddContact", func(b *testing.B) {
		w := sim.MustNew(sim.WithJournalSize(1024))
		m := w.MustMessenger(model.CallerCompiled)
		gs, _ := m.MyGroups(ctx)
		g, err := gs.Item(ctx, 0)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := g.AddContact(ctx, model.BSTR("kim@fabrikam.com")); hresult.Code(err) != hresult.S_OK {
				b.Fatal(err)
			}
		}
	})
}
