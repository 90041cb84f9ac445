package sim

import (
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// IMessenger::Services, IMessengerServices and IMessengerService. The
// Automation API supports one service, the Communications Service
// (bb758724), so the collection always holds exactly that one.

type servicesColl struct{ slot viewSlot }

type serviceObj struct{ slot viewSlot }

// Services is IMessengerServices.
type Services struct {
	viewBase
	model.ServicesMethods
}

// Service is IMessengerService.
type Service struct {
	viewBase
	model.ServiceMethods
}

var (
	_ model.Services = (*Services)(nil)
	_ model.Service  = (*Service)(nil)
)

func (s *servicesColl) viewSlot() *viewSlot { return &s.slot }
func (s *servicesColl) newView(w *World, c *client) view {
	x := &Services{}
	x.init(c, w.newID(), model.ClassServices.Presents(), w, &x.DispatchMethods)
	return x
}

func (s *serviceObj) viewSlot() *viewSlot { return &s.slot }
func (s *serviceObj) newView(w *World, c *client) view {
	x := &Service{}
	x.init(c, w.newID(), model.ClassService.Presents(), w, &x.DispatchMethods)
	return x
}

// sipURI is a sign-in name as a SIP URI (IMessengerService::MySigninName
// "is formatted as a SIP URI", bb758713).
func imAddress(name string) string {
	if len(name) >= 4 && (name[:4] == "sip:" || name[:4] == "SIP:") {
		return name
	}
	return "sip:" + name
}

func init() {
	register(model.IMessenger, map[string]handler{
		"Services": func(c *call) hresult.HRESULT {
			c.result = dispatchOf(c.w.marshalLocked(c.cl, c.w.area7a.services))
			return hresult.S_OK
		},
	})
	register(model.IMessengerServices, map[string]handler{
		"Count": func(c *call) hresult.HRESULT {
			// does not fail while offline ([wm-doc] Count)
			c.result = model.I4(1)
			return hresult.S_OK
		},
		"Item": hServicesItem,
		"PrimaryService": func(c *call) hresult.HRESULT {
			c.result = dispatchOf(c.w.marshalLocked(c.cl, c.w.area7a.service))
			return hresult.S_OK
		},
		"_NewEnum": func(c *call) hresult.HRESULT { return c.newEnum([]any{c.w.area7a.service}) },
	})
	register(model.IMessengerService, map[string]handler{
		"ServiceName": func(c *call) hresult.HRESULT { c.result = model.BSTR(c.w.serviceName); return hresult.S_OK },
		"ServiceID":   func(c *call) hresult.HRESULT { c.result = model.BSTR(c.w.serviceID); return hresult.S_OK },
		"MyFriendlyName": func(c *call) hresult.HRESULT {
			if !c.w.signedIn {
				return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "the service is offline")
			}
			c.result = model.BSTR(c.w.user.friendly)
			return hresult.S_OK
		},
		"MySigninName": func(c *call) hresult.HRESULT {
			if !c.w.signedIn {
				return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "the service is offline")
			}
			c.result = model.BSTR(imAddress(c.w.user.signin))
			return hresult.S_OK
		},
		"MyStatus": func(c *call) hresult.HRESULT {
			// the published status: OFFLINE while signed out (bb758803)
			c.result = model.I4(int32(c.w.myStatusLocked()))
			return hresult.S_OK
		},
	})
}

var _ = document(model.IMessengerServices, "Item",
	cond(hresult.E_INVALIDARG, ByArgs, "Index is negative", "bb787225"),
	cond(hresult.E_FAIL, ByArgs, "Index is past the end (the collection holds one service)", "bb787225"),
)

var _ = document(model.IMessengerService, "MySigninName",
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "the service is offline", "bb758713"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "the string could not be made", "bb758713"),
)

var _ = document(model.IMessengerService, "MyFriendlyName",
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "the service is offline", "winmessenger/im-imessengerservice-myfriendlyname"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "the string could not be made", "winmessenger/im-imessengerservice-myfriendlyname"),
)

var _ = document(model.IMessengerService, "ServiceName",
	cond(hresult.E_OUTOFMEMORY, ByFault, "the string could not be copied", "winmessenger/im-imessengerservice-servicename"),
)

func hServicesItem(c *call) hresult.HRESULT {
	i := c.arg(0).Int
	if i < 0 {
		return c.fail(hresult.E_INVALIDARG, "Index is negative")
	}
	if i >= 1 {
		return c.fail(hresult.E_FAIL, "Index is past the end of the collection")
	}
	c.result = dispatchOf(c.w.marshalLocked(c.cl, c.w.area7a.service))
	return hresult.S_OK
}
