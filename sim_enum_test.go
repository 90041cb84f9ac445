package fakemessenger_test

import (
	"context"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Conformance rows of _NewEnum on every collection and the IEnumVARIANT
// it returns: For Each works in Go and over the wire.

func init() { rowTables["enum"] = enumRows }

func mustEnum7a(t *testing.T, ctx context.Context, newEnum func(context.Context) (model.Enum, error)) model.Enum {
	t.Helper()
	e, err := newEnum(ctx)
	expectHR(t, "_NewEnum", err, hresult.S_OK)
	if e == nil || e.InterfaceName() != model.IEnumVARIANT {
		t.Fatalf("_NewEnum returned %v", e)
	}
	return e
}

// signinsOf reads the sign-in names of Next's items.
func signins7a(t *testing.T, ctx context.Context, items []model.Variant) []string {
	t.Helper()
	out := []string{}
	for _, v := range items {
		c, ok := v.Obj.(model.Contact)
		if v.VT != model.VT_DISPATCH || !ok {
			t.Fatalf("an item is %v, not a contact", v)
		}
		out = append(out, mustString(t, "SigninName", c.SigninName, ctx))
	}
	return out
}

func forEachContact7a(t *testing.T, ctx context.Context, c model.ContactsEnum) []string {
	t.Helper()
	out := []string{}
	for ct, err := range c.All(ctx) {
		expectHR(t, "For Each", err, hresult.S_OK)
		out = append(out, mustString(t, "SigninName", ct.SigninName, ctx))
	}
	return out
}

func enumerable7a(t *testing.T, c model.Contacts) model.ContactsEnum {
	t.Helper()
	x, ok := c.(model.ContactsEnum)
	if !ok {
		t.Fatalf("%T has no _NewEnum", c)
	}
	return x
}

var enumRows = []conformanceRow{
	{"_NewEnum/For Each over MyContacts", "bb787230 _NewEnum; issue 7: For Each over MyContacts",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := mustMyContacts(t, ctx, m)
			sameStrings7a(t, "For Each over MyContacts", forEachContact7a(t, ctx, enumerable7a(t, list)), []string{jaya, sam, kim})
			// the items are the objects Item returns
			e := mustEnum7a(t, ctx, enumerable7a(t, list).NewEnum)
			items, err := e.Next(ctx, 1)
			expectHR(t, "Next(1)", err, hresult.S_OK)
			first, err := list.Item(ctx, 0)
			expectHR(t, "Item(0)", err, hresult.S_OK)
			if len(items) != 1 || items[0].Obj != first {
				t.Error("Next's first item is not the object Item(0) returns")
			}
		}},
	{"_NewEnum/Next S_FALSE with fewer than celt, Skip, Reset, Clone", "IEnumVARIANT::Next/Skip S_FALSE; Reset; Clone (oaidl)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			e := mustEnum7a(t, ctx, enumerable7a(t, mustMyContacts(t, ctx, m)).NewEnum)
			items, err := e.Next(ctx, 2)
			expectHR(t, "Next(2)", err, hresult.S_OK)
			sameStrings7a(t, "Next(2)", signins7a(t, ctx, items), []string{jaya, sam})
			c, err := e.Clone(ctx)
			expectHR(t, "Clone", err, hresult.S_OK)
			items, err = e.Next(ctx, 5)
			expectHR(t, "Next(5) with one left", err, hresult.S_FALSE)
			sameStrings7a(t, "Next(5)", signins7a(t, ctx, items), []string{kim})
			items, err = e.Next(ctx, 1)
			expectHR(t, "Next at the end", err, hresult.S_FALSE)
			if len(items) != 0 {
				t.Errorf("Next at the end returned %d items", len(items))
			}
			items, err = c.Next(ctx, 1)
			expectHR(t, "the clone's Next", err, hresult.S_OK)
			sameStrings7a(t, "the clone starts where the original stood", signins7a(t, ctx, items), []string{kim})
			expectHR(t, "Reset", e.Reset(ctx), hresult.S_OK)
			expectHR(t, "Skip(2)", e.Skip(ctx, 2), hresult.S_OK)
			items, err = e.Next(ctx, 1)
			expectHR(t, "Next after Skip", err, hresult.S_OK)
			sameStrings7a(t, "Next after Skip(2)", signins7a(t, ctx, items), []string{kim})
			expectHR(t, "Reset", e.Reset(ctx), hresult.S_OK)
			expectHR(t, "Skip(4)", e.Skip(ctx, 4), hresult.S_FALSE)
			_, err = e.Next(ctx, 1)
			expectHR(t, "Next after skipping past the end", err, hresult.S_FALSE)
			items, err = e.Next(ctx, 0)
			expectHR(t, "Next(0)", err, hresult.S_OK)
			if len(items) != 0 {
				t.Error("Next(0) returned items")
			}
			_, err = e.Next(ctx, -1)
			expectHR(t, "Next(-1)", err, hresult.E_INVALIDARG)
			expectHR(t, "Skip(-1)", e.Skip(ctx, -1), hresult.E_INVALIDARG)
			_, err = e.Invoke(ctx, "Next", model.DISPATCH_METHOD, model.Array(model.I4(1)))
			expectHR(t, "Next(array)", err, hresult.DISP_E_TYPEMISMATCH)
			_, err = e.Invoke(ctx, "Next", model.DISPATCH_METHOD)
			expectHR(t, "Next()", err, hresult.DISP_E_BADPARAMCOUNT)
			_, err = e.Invoke(ctx, "Count", model.DISPATCH_PROPERTYGET)
			expectHR(t, "Count on an enumerator", err, hresult.DISP_E_UNKNOWNNAME)
		}},
	{"_NewEnum/snapshot: later changes do not disturb a traversal", "bb787230 remarks: the enumerator is over a copy of the collection",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := mustMyContacts(t, ctx, m)
			e := mustEnum7a(t, ctx, enumerable7a(t, list).NewEnum)
			expectHR(t, "Remove(sam)", list.Remove(ctx, mustContact(t, ctx, m, sam)), hresult.S_OK)
			items, err := e.Next(ctx, 3)
			expectHR(t, "Next(3)", err, hresult.S_OK)
			sameStrings7a(t, "the snapshot", signins7a(t, ctx, items), []string{jaya, sam, kim})
			sameStrings7a(t, "a new For Each", forEachContact7a(t, ctx, enumerable7a(t, list)), []string{jaya, kim})
			gs := mustGroups(t, ctx, m)
			ge := mustEnum7a(t, ctx, gs.NewEnum)
			mustDo(t, "person deletes Team", w.(groupsWorld).DeleteGroupAsPerson(ctx, "Team"))
			items, err = ge.Next(ctx, 2)
			expectHR(t, "groups Next(2)", err, hresult.S_OK)
			if len(items) != 2 {
				t.Errorf("the groups snapshot has %d items, want 2", len(items))
			}
		}},
	{"_NewEnum/every collection: groups, a group's contacts, a conversation's participants, services", "issue 7: _NewEnum on IMessengerGroups, IMessengerServices and every IMessengerContacts",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			sameStrings7a(t, "groups", groupNames7a(t, ctx, mustGroups(t, ctx, m)), []string{"Team", "Partners"})
			cs, err := mustGroup(t, ctx, m, "Team").Contacts(ctx)
			expectHR(t, "Group.Contacts", err, hresult.S_OK)
			sameStrings7a(t, "Team", forEachContact7a(t, ctx, enumerable7a(t, cs)), []string{jaya, sam})
			win := mustIM(t, ctx, m, kim)
			parts, err := win.Contacts(ctx)
			expectHR(t, "Contacts", err, hresult.S_OK)
			sameStrings7a(t, "participants", forEachContact7a(t, ctx, enumerable7a(t, parts)), []string{kim})
			expectHR(t, "Close", win.Close(ctx), hresult.S_OK)
			sameStrings7a(t, "participants of a closed window", forEachContact7a(t, ctx, enumerable7a(t, parts)), []string{})
			n := 0
			for _, err := range mustServices(t, ctx, m).All(ctx) {
				expectHR(t, "For Each over the services", err, hresult.S_OK)
				n++
			}
			if n != 1 {
				t.Errorf("For Each over the services saw %d", n)
			}
		}},
	{"_NewEnum/signed out: the copy has no members", "bb787230 remarks: offline the copy always has zero members",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "SignOut", w.SignOut(ctx))
			sameStrings7a(t, "MyContacts signed out", forEachContact7a(t, ctx, enumerable7a(t, mustMyContacts(t, ctx, m))), []string{})
			if n := len(groupNames7a(t, ctx, mustGroups(t, ctx, m))); n != 0 {
				t.Errorf("For Each over the groups signed out saw %d", n)
			}
		}},
	{"_NewEnum/the enumerator is an object: Release disconnects it, enumerators are counted", "IUnknown::Release; bb787230",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := enumerable7a(t, mustMyContacts(t, ctx, m))
			objs := len(mustState(t, ctx, w).Objects)
			e := mustEnum7a(t, ctx, list.NewEnum)
			if got := len(mustState(t, ctx, w).Objects); got != objs+1 {
				t.Errorf("objects %d -> %d after _NewEnum, want one more", objs, got)
			}
			expectHR(t, "Release", e.Release(ctx), hresult.S_OK)
			_, err := e.Next(ctx, 1)
			expectHR(t, "Next after Release", err, hresult.RPC_E_DISCONNECTED)
			for range list.All(ctx) {
			}
			if got := len(mustState(t, ctx, w).Objects); got != objs+3 {
				// the three contacts For Each met are held; its enumerator is released
				t.Errorf("objects %d -> %d after For Each, want the three contacts only", objs, got)
			}
			for c := range list.All(ctx) {
				_ = c
				break // an early break still releases the enumerator
			}
			if got := len(mustState(t, ctx, w).Objects); got != objs+3 {
				t.Errorf("objects %d after a For Each that stopped early, want %d", got, objs+3)
			}
		}},
	{"_NewEnum/E_OUTOFMEMORY by fault", "bb787230 E_OUTOFMEMORY 'the copy failed'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			list := enumerable7a(t, mustMyContacts(t, ctx, m))
			expectFault7a(t, ctx, w, model.IMessengerContacts, "_NewEnum", hresult.E_OUTOFMEMORY, func() error { _, err := list.NewEnum(ctx); return err })
			gs := mustGroups(t, ctx, m)
			expectFault7a(t, ctx, w, model.IMessengerGroups, "_NewEnum", hresult.E_OUTOFMEMORY, func() error { _, err := gs.NewEnum(ctx); return err })
			mustDo(t, "InjectFault", w.InjectFault(ctx, fault7a("_NewEnum", model.IMessengerContacts, hresult.E_OUTOFMEMORY)))
			for _, err := range list.All(ctx) {
				expectHR(t, "For Each with a failing _NewEnum", err, hresult.E_OUTOFMEMORY)
			}
		}},
	{"_NewEnum/by a script where scriptable", "bb758793 IMessengerServices _NewEnum Scriptable; bb787230 Not scriptable",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			n := 0
			for _, err := range mustServices(t, ctx, s).All(ctx) {
				expectHR(t, "For Each over the services (script)", err, hresult.S_OK)
				n++
			}
			if n != 1 {
				t.Errorf("a script's For Each over the services saw %d", n)
			}
			sl, err := s.MyContacts(ctx)
			expectHR(t, "MyContacts (script)", err, hresult.S_OK)
			_, err = enumerable7a(t, sl).NewEnum(ctx)
			expectHR(t, "MyContacts._NewEnum (script)", err, hresult.E_NOTIMPL)
		}},
}

func fault7a(member, iface string, hr hresult.HRESULT) sim.Fault {
	return sim.Fault{Member: member, Interface: iface, HR: hr, Times: 1}
}
