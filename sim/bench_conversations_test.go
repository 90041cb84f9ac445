package sim_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// BenchmarkConversations compares the heaviest conversation members with
// InstantMessage, each opening a new window for a new contact (SendText
// adds a message to one window): issue 7's bound is 2x InstantMessage.
// Every batch of windows is closed outside the timer by signing out and
// in (StartConversation hands back an HWND, not an object to close).
func BenchmarkConversations(b *testing.B) {
	ctx := context.Background()
	names := contactNames("sc", batch)
	parts := make([]model.Variant, len(names))
	for i, n := range names {
		parts[i] = model.Array(model.BSTR(n))
	}
	run := func(b *testing.B, open func(m *sim.Messenger, i int) error) {
		w := sim.MustNew(sim.WithHandleQuota(0))
		m := w.MustMessenger(model.CallerCompiled)
		warmJournal(b, ctx, m, sim.DefaultJournalSize)
		p := w.Person()
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if err := open(m, i); err != nil {
				b.Fatal(err)
			}
			if i++; i == batch {
				b.StopTimer()
				if err := p.SignOut(); err != nil {
					b.Fatal(err)
				}
				if err := p.SignIn(); err != nil {
					b.Fatal(err)
				}
				i = 0
				b.StartTimer()
			}
		}
	}
	b.Run("InstantMessage", func(b *testing.B) {
		run(b, func(m *sim.Messenger, i int) error {
			_, err := m.InstantMessage(ctx, model.BSTR(names[i]))
			return err
		})
	})
	b.Run("StartConversation", func(b *testing.B) {
		run(b, func(m *sim.Messenger, i int) error {
			_, err := m.StartConversation(ctx, model.CONVERSATION_TYPE_IM, parts[i], model.StartConversationOptions{})
			return err
		})
	})
	b.Run("StartVoice", func(b *testing.B) {
		run(b, func(m *sim.Messenger, i int) error {
			_, err := m.StartVoice(ctx, model.BSTR(names[i]))
			return err
		})
	})
	b.Run("SendText", func(b *testing.B) {
		w := sim.MustNew()
		m := w.MustMessenger(model.CallerCompiled)
		win, err := m.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
		if err != nil {
			b.Fatal(err)
		}
		adv := win.(model.ConversationWndAdvanced)
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			if err := adv.SendText(ctx, "build 42 is green"); err != nil {
				b.Fatal(err)
			}
			if n++; n == batch { // keep the history bounded
				b.StopTimer()
				if err := w.Person().CloseWindow(win); err != nil {
					b.Fatal(err)
				}
				if win, err = m.InstantMessage(ctx, model.BSTR("jaya@contoso.com")); err != nil {
					b.Fatal(err)
				}
				adv, n = win.(model.ConversationWndAdvanced), 0
				b.StartTimer()
			}
		}
	})
}
