package sim

import (
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// _NewEnum on every collection, and the IEnumVARIANT it returns. The
// enumerator holds a copy of the collection taken when it was made
// (bb787230: "a snapshot", so that changes do not disturb a traversal);
// its items are handed to the client as Next reaches them.

type enumObj struct {
	slot  viewSlot
	items []any // world objects
	pos   int
}

// Enumerator is IEnumVARIANT, reachable by name so that a remote client
// can run For Each.
type Enumerator struct {
	viewBase
	model.EnumMethods
	obj *enumObj
}

var _ model.Enum = (*Enumerator)(nil)

func (e *enumObj) viewSlot() *viewSlot { return &e.slot }
func (e *enumObj) newView(w *World, c *client) view {
	x := &Enumerator{obj: e}
	x.init(c, w.newID(), model.ClassEnum.Presents(), w, &x.DispatchMethods)
	return x
}

// newEnum answers _NewEnum with a new enumerator over items.
func (c *call) newEnum(items []any) hresult.HRESULT {
	c.result = dispatchOf(c.w.marshalLocked(c.cl, &enumObj{items: items}))
	return hresult.S_OK
}

func contactItems(cs []*contactObj) []any {
	out := make([]any, len(cs))
	for i, ct := range cs {
		out[i] = ct
	}
	return out
}

func groupItems(gs []*groupObj) []any {
	out := make([]any, len(gs))
	for i, g := range gs {
		out[i] = g
	}
	return out
}

func enumObjOf(c *call) *enumObj { return c.self.(*Enumerator).obj }

func init() {
	register(model.IMessengerContacts, map[string]handler{
		// A closed conversation's participants enumerate as none: the
		// page lists no failure but E_OUTOFMEMORY.
		"_NewEnum": func(c *call) hresult.HRESULT {
			x := c.self.(*Contacts)
			if x.conv != nil && !x.conv.win.Alive() {
				return c.newEnum(nil)
			}
			return c.newEnum(contactItems(x.members(c.w)))
		},
	})
	register(model.IEnumVARIANT, map[string]handler{
		"Next":  hEnumNext,
		"Skip":  hEnumSkip,
		"Reset": func(c *call) hresult.HRESULT { enumObjOf(c).pos = 0; return hresult.S_OK },
		"Clone": func(c *call) hresult.HRESULT {
			e := enumObjOf(c)
			// the clone shares the snapshot and starts where e stands
			c.result = dispatchOf(c.w.marshalLocked(c.cl, &enumObj{items: e.items, pos: e.pos}))
			return hresult.S_OK
		},
	})
}

var _ = document(model.IMessengerContacts, "_NewEnum",
	cond(hresult.E_OUTOFMEMORY, ByFault, "the copy of the collection failed", "bb787230"),
)

var _ = document(model.IMessengerGroups, "_NewEnum",
	cond(hresult.E_OUTOFMEMORY, ByFault, "the copy of the collection failed (as IMessengerContacts::_NewEnum, bb787230)", "bb758744"),
)

var _ = document(model.IEnumVARIANT, "Next",
	cond(hresult.S_FALSE, ByState, "fewer than celt items remained", "oaidl/nf-oaidl-ienumvariant-next"),
	cond(hresult.E_INVALIDARG, ByArgs, "celt is negative (generic COM code)", "oaidl/nf-oaidl-ienumvariant-next"),
)

var _ = document(model.IEnumVARIANT, "Skip",
	cond(hresult.S_FALSE, ByState, "fewer than celt items remained", "oaidl/nf-oaidl-ienumvariant-skip"),
	cond(hresult.E_INVALIDARG, ByArgs, "celt is negative (generic COM code)", "oaidl/nf-oaidl-ienumvariant-skip"),
)

// hEnumNext returns up to celt items as a VT_ARRAY|VT_VARIANT of
// VT_DISPATCH; S_FALSE (with the items there were) when fewer remained.
func hEnumNext(c *call) hresult.HRESULT {
	e, celt := enumObjOf(c), c.arg(0).Int
	if celt < 0 {
		return c.fail(hresult.E_INVALIDARG, "celt is negative")
	}
	n := min(int64(len(e.items)-e.pos), celt)
	out := make([]model.Variant, n)
	for i := range out {
		out[i] = dispatchOf(c.w.marshalLocked(c.cl, e.items[e.pos+i]))
	}
	e.pos += int(n)
	c.result = model.Array(out...)
	if n < celt {
		return c.fail(hresult.S_FALSE, "the end of the collection")
	}
	return hresult.S_OK
}

func hEnumSkip(c *call) hresult.HRESULT {
	e, celt := enumObjOf(c), c.arg(0).Int
	if celt < 0 {
		return c.fail(hresult.E_INVALIDARG, "celt is negative")
	}
	left := int64(len(e.items) - e.pos)
	if celt > left {
		e.pos = len(e.items)
		return c.fail(hresult.S_FALSE, "skipped past the end of the collection")
	}
	e.pos += int(celt)
	return hresult.S_OK
}
