package sim

import (
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Contact is IMessengerContact. It satisfies model.Contact.
type Contact struct {
	viewBase
	model.ContactMethods
	obj *contactObj
}

// Contacts is IMessengerContacts: the contact list (conv nil) or a
// conversation's participants.
type Contacts struct {
	viewBase
	model.ContactsMethods
	conv *convObj
}

var (
	_ model.Contact  = (*Contact)(nil)
	_ model.Contacts = (*Contacts)(nil)
)

func (c *contactObj) friendlyName() string {
	if c.partial() {
		return c.signin
	}
	return c.friendly
}

func contactOf(c *call) *contactObj { return c.self.(*Contact).obj }

func init() {
	register(model.IMessengerContact, map[string]handler{
		"FriendlyName": func(c *call) hresult.HRESULT {
			c.result = model.BSTR(contactOf(c).friendlyName())
			return hresult.S_OK
		},
		"Status": func(c *call) hresult.HRESULT {
			ct := contactOf(c)
			switch {
			case ct.self:
				c.result = model.I4(int32(c.w.myStatusLocked()))
			case ct.partial():
				c.result = model.I4(int32(model.MISTATUS_UNKNOWN))
			case !c.w.signedIn:
				// signed out, nobody's presence is known
				c.result = model.I4(int32(model.MISTATUS_UNKNOWN))
			default:
				c.result = model.I4(int32(ct.status))
			}
			return hresult.S_OK
		},
		"SigninName": func(c *call) hresult.HRESULT {
			c.result = model.BSTR(contactOf(c).signin)
			return hresult.S_OK
		},
		"ServiceName": func(c *call) hresult.HRESULT {
			c.result = model.BSTR(c.w.serviceName)
			return hresult.S_OK
		},
		"ServiceId": func(c *call) hresult.HRESULT {
			// Communicator "always returns the service ID for Microsoft
			// Office Communications Server" (bb787246).
			c.result = model.BSTR(c.w.serviceID)
			return hresult.S_OK
		},
		"IsSelf": func(c *call) hresult.HRESULT {
			// offline it "does not fail but always returns false"
			c.result = model.Bool(c.w.signedIn && contactOf(c).self)
			return hresult.S_OK
		},
		"Blocked": hBlocked,
	})
	register(model.IMessengerContacts, map[string]handler{
		"Count":  hCount,
		"Item":   hItem,
		"Remove": hRemove,
	})
}

func hBlocked(c *call) hresult.HRESULT {
	ct, w := contactOf(c), c.w
	if c.kind == model.DISPATCH_PROPERTYGET {
		// offline, get returns FALSE without error even when blocked
		c.result = model.Bool(w.signedIn && ct.blocked)
		return hresult.S_OK
	}
	want := c.arg(0).Truth()
	if !w.signedIn {
		return c.fail(hresult.E_FAIL, "not signed in")
	}
	if ct.self {
		return c.fail(hresult.E_FAIL, "cannot block yourself")
	}
	if ct.blocked == want {
		return c.fail(hresult.S_FALSE, "already in that state")
	}
	ct.blocked = want
	w.emitLocked(evOnContactBlockChange, evHR(hresult.S_OK), evObj(ct), evArg{v: model.Bool(want)})
	return hresult.S_OK
}

// members lists a collection's contacts: the contact list is empty while
// signed out (MyContacts remarks); a conversation excludes the local user.
func (x *Contacts) members(w *World) []*contactObj {
	if x.conv != nil {
		return x.conv.parts
	}
	if !w.signedIn {
		return nil
	}
	return w.contacts
}

func hCount(c *call) hresult.HRESULT {
	x := c.self.(*Contacts)
	if x.conv != nil && !x.conv.win.Alive() {
		return c.fail(hresult.E_FAIL, "the conversation window is closed")
	}
	c.result = model.I4(int32(len(x.members(c.w))))
	return hresult.S_OK
}

func hItem(c *call) hresult.HRESULT {
	x := c.self.(*Contacts)
	if x.conv != nil && !x.conv.win.Alive() {
		return c.fail(hresult.E_FAIL, "the conversation window is closed")
	}
	i := c.arg(0).Int
	ms := x.members(c.w)
	if i < 0 {
		return c.fail(hresult.E_INVALIDARG, "Index is negative")
	}
	if i >= int64(len(ms)) {
		return c.fail(hresult.E_FAIL, "Index is past the end of the collection")
	}
	c.result = dispatchOf(c.w.marshalLocked(c.cl, ms[i]))
	return hresult.S_OK
}

func hRemove(c *call) hresult.HRESULT {
	x, w := c.self.(*Contacts), c.w
	a := c.arg(0)
	if a.Obj == nil {
		return c.fail(hresult.E_POINTER, "pMContact is NULL")
	}
	if x.conv != nil {
		// "Remove cannot be used on" a conversation's collection.
		return c.fail(hresult.E_FAIL, "a conversation's contacts cannot be removed")
	}
	ct, ok := a.Obj.(*Contact)
	if !ok || ct.world != w || ct.dead || !ct.obj.listed || !w.signedIn {
		return c.fail(hresult.E_FAIL, "pMContact is not in the collection")
	}
	obj := ct.obj
	obj.listed = false
	for i, x := range w.contacts {
		if x == obj {
			w.contacts = append(w.contacts[:i:i], w.contacts[i+1:]...)
			break
		}
	}
	if obj.holders <= 0 {
		w.forgetNameLocked(obj)
	}
	w.emitLocked(evOnContactListRemove, evHR(hresult.S_OK), evObj(obj))
	return hresult.S_OK
}
