package sim

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/google/uuid"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// The table must answer for exactly the newest maxTombstones released IDs,
// with each one's interface and client, through any amount of churn
// (removal shifts entries back; a mistake there loses or resurrects IDs).
func TestTombstonesKeepTheNewestExactly(t *testing.T) {
	w := MustNew()
	cl := &client{world: w}
	rng := rand.New(rand.NewPCG(1, 2))
	var t0 tombstones
	ids := make([]uuid.UUID, 3*maxTombstones+123)
	ifaces := []string{model.IMessengerConversationWnd, model.IMessengerContact, model.IMessengerContacts}
	for i := range ids {
		var u uuid.UUID
		for j := range u {
			u[j] = byte(rng.Uint32())
		}
		switch {
		case i%7 == 0:
			u[0], u[1] = 0, 0 // crowd some IDs into the same runs
		case i%11 == 0:
			u[0], u[1] = 0xff, 0xff // home in the last slot: runs wrap around
		}
		ids[i] = u
		t0.add(&viewBase{id: u, iface: ifaces[i%3], cl: cl})
		if i%1000 == 999 || i == len(ids)-1 {
			for k := 0; k <= i; k++ {
				d, ok := t0.get(w, ids[k])
				if live := k > i-maxTombstones; ok != live {
					t.Fatalf("after %d releases, ID %d found=%v, want %v", i+1, k, ok, live)
				}
				if ok && (d.ObjectID() != ids[k].String() || d.InterfaceName() != ifaces[k%3]) {
					t.Fatalf("ID %d came back as %s %s", k, d.ObjectID(), d.InterfaceName())
				}
			}
		}
	}
	if t0.n != maxTombstones || len(t0.slots) > 2*maxTombstones {
		t.Errorf("%d entries in %d slots, want %d in at most %d", t0.n, len(t0.slots), maxTombstones, 2*maxTombstones)
	}
}

// A call by the ID of a released object still answers RPC_E_DISCONNECTED
// through the dead proxy the table makes.
func TestReleasedIDAnswersDisconnected(t *testing.T) {
	ctx := context.Background()
	w := MustNew()
	m := w.MustMessenger(model.CallerCompiled)
	cw, err := m.InstantMessage(ctx, model.BSTR("late@example.com"))
	if err != nil {
		t.Fatal(err)
	}
	id := cw.ObjectID()
	if err := cw.Release(ctx); err != nil {
		t.Fatal(err)
	}
	d, ok := w.Object(id)
	if !ok {
		t.Fatal("the released ID is unknown")
	}
	if _, err := d.Invoke(ctx, "HWND", model.DISPATCH_PROPERTYGET); hresult.Code(err) != hresult.RPC_E_DISCONNECTED {
		t.Errorf("HWND by a released ID: %v, want RPC_E_DISCONNECTED", err)
	}
}
