package client_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/wire"
)

// BenchmarkInvoke is one automation call through the client over loopback
// HTTP: encode, POST /v1/invoke, the sim, decode.
func BenchmarkInvoke(b *testing.B) {
	for _, bc := range []struct {
		name string
		call func(ctx context.Context, m model.Messenger) error
	}{
		{"MySigninName", func(ctx context.Context, m model.Messenger) error {
			_, err := m.MySigninName(ctx)
			return err
		}},
		{"GetContact", func(ctx context.Context, m model.Messenger) error {
			_, err := m.GetContact(ctx, "jaya@contoso.com", "")
			return err
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			url, _ := serve(b, wire.Config{}, nil)
			c := worldOn(b, url)
			ctx := context.Background()
			m := c.Messenger()
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.call(ctx, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
