package fakemessenger_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/fmtest"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// TestReadmeExample is the README's Go example, run over both transports:
// the same test body, with only the constructor changed.
func TestReadmeExample(t *testing.T) {
	for name, start := range map[string]func(testing.TB, ...sim.Option) sim.Fake{
		"inprocess": func(t testing.TB, o ...sim.Option) sim.Fake { return fmtest.InProcess(t, o...) },
		"http":      func(t testing.TB, o ...sim.Option) sim.Fake { return fmtest.OverHTTP(t, o...) },
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			fake := start(t)
			m := fake.Root()

			sub, err := m.Subscribe(ctx, func(e model.Event) {
				if e.Name == model.OnIMWindowDestroyed {
					e.Window().Release(ctx) // what Marshal.ReleaseComObject does
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			defer sub.Close()
			contact, err := m.GetContact(ctx, "jaya@contoso.com", "")
			if err != nil {
				t.Fatal(err)
			}
			win, err := m.InstantMessage(ctx, model.Dispatched(contact))
			if err != nil {
				t.Fatal(err)
			}

			fake.CloseWindow(ctx, win) // the user clicks X
			fmtest.Exactly(t, fake, 1, fmtest.Member("InstantMessage").Contact("jaya@contoso.com"))
			fmtest.DestroyedWindowsReleased(t, fake) // waits for the handler first
			fmtest.NoCallAfterDestroyed(t, fake)
		})
	}
}
