package sim_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

func TestObserveFollowsCallsAndEventsFromACursor(t *testing.T) {
	ctx := context.Background()
	w := sim.MustNew()
	m := w.MustMessenger(model.CallerCompiled)
	o := w.Observe(sim.Cursor{}, 0)
	if o.Reset || len(o.Calls) != 0 || len(o.Events) != 0 {
		t.Fatalf("a new world: %+v", o)
	}
	win, err := m.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	h, _ := win.HWND(ctx)
	select {
	case <-o.Changed:
	default:
		t.Fatal("Changed was not closed by a call")
	}
	o2 := w.Observe(o.Next, 0)
	if len(o2.Calls) != 2 || o2.Calls[0].Member != "InstantMessage" || o2.Calls[1].Member != "HWND" {
		t.Fatalf("calls after the cursor: %+v", o2.Calls)
	}
	if len(o2.Events) != 1 || o2.Events[0].Name != "OnIMWindowCreated" || o2.Events[0].Params[0].Object == nil ||
		o2.Events[0].Params[0].Object.HWND != h {
		t.Fatalf("events after the cursor: %+v", o2.Events)
	}
	// Observing marshals nothing: the world's objects are the client's only.
	before := len(w.State().Objects)
	w.Observe(sim.Cursor{}, 0)
	w.Inspect()
	if after := len(w.State().Objects); after != before {
		t.Fatalf("observing made objects: %d -> %d", before, after)
	}
	// Nothing new: empty, same cursor.
	if o3 := w.Observe(o2.Next, 0); len(o3.Calls)+len(o3.Events) != 0 || o3.Next != o2.Next {
		t.Fatalf("nothing happened, yet %+v", o3)
	}
	// A limit cuts the answer and says so.
	if o4 := w.Observe(o.Next, 1); len(o4.Calls) != 1 || !o4.More || o4.Next.Calls != o.Next.Calls+1 {
		t.Fatalf("with a limit of 1: %+v", o4)
	}
}

func TestObserveSaysResetAndLostCalls(t *testing.T) {
	ctx := context.Background()
	w := sim.MustNew(sim.WithJournalSize(3))
	m := w.MustMessenger(model.CallerCompiled)
	o := w.Observe(sim.Cursor{}, 0)
	for range 5 {
		if _, err := m.MyStatus(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := w.Observe(o.Next, 0)
	if got.CallsLost != 2 || len(got.Calls) != 3 || got.Calls[0].Seq != 3 {
		t.Fatalf("5 calls into a journal of 3: lost %d, got %d from seq %d", got.CallsLost, len(got.Calls), got.Calls[0].Seq)
	}
	w.Reset()
	if _, err := m.MyStatus(ctx); err != nil {
		t.Fatal(err)
	}
	after := w.Observe(got.Next, 0)
	if !after.Reset || len(after.Calls) != 1 || after.Calls[0].Seq != 1 || after.Next.Epoch == got.Next.Epoch {
		t.Fatalf("after a reset: %+v", after)
	}
}

func TestInspectListsLeakedWindowsAndGroups(t *testing.T) {
	ctx := context.Background()
	w := sim.MustNew()
	m := w.MustMessenger(model.CallerCompiled)
	win, err := m.InstantMessage(ctx, model.BSTR("sam@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Person().ContactSays(win, "sam@contoso.com", "hello"); err != nil {
		t.Fatal(err)
	}
	in := w.Inspect()
	if len(in.Conversations) != 1 || len(in.Conversations[0].History) != 1 || in.Conversations[0].History[0].Text != "hello" {
		t.Fatalf("conversations %+v", in.Conversations)
	}
	if len(in.Groups) != 2 || in.Contacts[1].SigninName != "sam@contoso.com" || in.Contacts[1].Groups[0] != "Team" {
		t.Fatalf("groups %v, contacts %+v", in.Groups, in.Contacts)
	}
	if err := w.Person().CloseWindow(win); err != nil {
		t.Fatal(err)
	}
	in = w.Inspect()
	if len(in.Conversations) != 1 || in.Conversations[0].Open || in.Conversations[0].Handles[0] != win.ObjectID() {
		t.Fatalf("a destroyed window the client holds: %+v", in.Conversations)
	}
	for win.Release(ctx) == nil {
		if len(w.Inspect().Conversations) == 0 {
			return
		}
	}
	t.Fatalf("released, yet listed: %+v", w.Inspect().Conversations)
}
