package client

import "github.com/fakemessenger/fakemessenger/model"

// Proxies of issue 7a's objects: groups, services and enumerators.

// Groups is an IMessengerGroups proxy.
type Groups struct {
	object
	model.GroupsMethods
}

// Group is an IMessengerGroup proxy.
type Group struct {
	object
	model.GroupMethods
}

// Services is an IMessengerServices proxy.
type Services struct {
	object
	model.ServicesMethods
}

// Service is an IMessengerService proxy.
type Service struct {
	object
	model.ServiceMethods
}

// Enumerator is an IEnumVARIANT proxy: what _NewEnum returns.
type Enumerator struct {
	object
	model.EnumMethods
}

var (
	_ model.Groups   = (*Groups)(nil)
	_ model.Group    = (*Group)(nil)
	_ model.Services = (*Services)(nil)
	_ model.Service  = (*Service)(nil)
	_ model.Enum     = (*Enumerator)(nil)
)

func init() {
	proxyKinds[model.ClassGroups] = func(o object) model.Dispatch {
		x := &Groups{object: o}
		return x.bind(x, &x.DispatchMethods)
	}
	proxyKinds[model.ClassGroup] = func(o object) model.Dispatch {
		x := &Group{object: o}
		return x.bind(x, &x.DispatchMethods)
	}
	proxyKinds[model.ClassServices] = func(o object) model.Dispatch {
		x := &Services{object: o}
		return x.bind(x, &x.DispatchMethods)
	}
	proxyKinds[model.ClassService] = func(o object) model.Dispatch {
		x := &Service{object: o}
		return x.bind(x, &x.DispatchMethods)
	}
	proxyKinds[model.ClassEnum] = func(o object) model.Dispatch {
		x := &Enumerator{object: o}
		return x.bind(x, &x.DispatchMethods)
	}
}
