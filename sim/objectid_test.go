package sim_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// The wire server writes object IDs with AppendObjectID; a client then
// names the object by that text, so it must be ObjectID's exactly.
func TestAppendObjectIDIsObjectID(t *testing.T) {
	ctx := context.Background()
	w := sim.MustNew()
	m := w.MustMessenger(model.CallerCompiled)
	cw, err := m.InstantMessage(ctx, model.BSTR("someone@example.com"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []model.Dispatch{m, cw} {
		a, ok := d.(model.ObjectIDAppender)
		if !ok {
			t.Fatalf("%s does not implement model.ObjectIDAppender", d.InterfaceName())
		}
		if got := string(a.AppendObjectID([]byte("x"))); got != "x"+d.ObjectID() {
			t.Errorf("AppendObjectID wrote %q, ObjectID is %q", got, d.ObjectID())
		}
	}
}
