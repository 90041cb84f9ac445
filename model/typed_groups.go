package model

import (
	"context"
	"iter"

	"github.com/fakemessenger/fakemessenger/hresult"
)

// Typed members of issue 7a's area, over the same Invoker as the rest.

func (m MessengerMethods) MyGroups(ctx context.Context) (Groups, error) {
	r, err := m.get(ctx, "MyGroups")
	g, _ := r.Obj.(Groups)
	return g, err
}

// CreateGroup asks for a group; vService is the service ID as a VT_BSTR
// (MyServiceId's value).
func (m MessengerMethods) CreateGroup(ctx context.Context, name string, vService Variant) (Group, error) {
	r, err := m.call(ctx, "CreateGroup", BSTR(name), vService)
	g, _ := r.Obj.(Group)
	return g, err
}

func (m MessengerMethods) ContactsSortOrder(ctx context.Context) (MUASORT, error) {
	s, err := m.getI4(ctx, "ContactsSortOrder")
	return MUASORT(s), err
}

func (m MessengerMethods) SetContactsSortOrder(ctx context.Context, s MUASORT) error {
	return m.put(ctx, "ContactsSortOrder", I4(int32(s)))
}

func (m MessengerMethods) Services(ctx context.Context) (Services, error) {
	r, err := m.get(ctx, "Services")
	s, _ := r.Obj.(Services)
	return s, err
}

// Property is IMessenger3::Property.
func (m MessengerMethods) Property(ctx context.Context, p MMESSENGERPROPERTY) (Variant, error) {
	return m.get(ctx, "Property", I4(int32(p)))
}

func (m MessengerMethods) SetProperty(ctx context.Context, p MMESSENGERPROPERTY, v Variant) error {
	return m.put(ctx, "Property", I4(int32(p)), v)
}

func (m MessengerMethods) MyProperty(ctx context.Context, p MCONTACTPROPERTY) (Variant, error) {
	return m.get(ctx, "MyProperty", I4(int32(p)))
}

func (m MessengerMethods) SetMyProperty(ctx context.Context, p MCONTACTPROPERTY, v Variant) error {
	return m.put(ctx, "MyProperty", I4(int32(p)), v)
}

func (m MessengerMethods) ReceiveFileDirectory(ctx context.Context) (string, error) {
	return m.getString(ctx, "ReceiveFileDirectory")
}

func (m MessengerMethods) UnreadEmailCount(ctx context.Context, f MUAFOLDER) (int32, error) {
	r, err := m.get(ctx, "UnreadEmailCount", I4(int32(f)))
	return int32(r.Int), err
}

func (m MessengerMethods) GetAuthenticationInfo(ctx context.Context) (string, error) {
	r, err := m.call(ctx, "GetAuthenticationInfo")
	return r.Str, err
}

// ResolveContact is IMessengerContactResolution::ResolveContact; "" with
// S_OK means nothing was found.
func (m MessengerMethods) ResolveContact(ctx context.Context, a ADDRESS_TYPE, r CONTACT_RESOLUTION_TYPE, address string) (string, error) {
	v, err := m.call(ctx, "ResolveContact", I4(int32(a)), I4(int32(r)), BSTR(address))
	return v.Str, err
}

// newEnum asks a collection for its enumerator (_NewEnum, DISPID -4).
func (d DispatchMethods) newEnum(ctx context.Context) (Enum, error) {
	r, err := d.get(ctx, "_NewEnum")
	e, _ := r.Obj.(Enum)
	return e, err
}

func (c ContactsMethods) NewEnum(ctx context.Context) (Enum, error) { return c.newEnum(ctx) }

// All runs For Each over the collection: one _NewEnum snapshot, read in
// batches, released when the loop ends.
func (c ContactsMethods) All(ctx context.Context) iter.Seq2[Contact, error] {
	return eachOf[Contact](ctx, c.DispatchMethods)
}

// GroupsMethods are IMessengerGroups' typed members.
type GroupsMethods struct{ DispatchMethods }

func (g GroupsMethods) Count(ctx context.Context) (int32, error) { return g.getI4(ctx, "Count") }

func (g GroupsMethods) Item(ctx context.Context, index int32) (Group, error) {
	r, err := g.call(ctx, "Item", I4(index))
	x, _ := r.Obj.(Group)
	return x, err
}

func (g GroupsMethods) Remove(ctx context.Context, x Group) error {
	var d Dispatch
	if x != nil {
		d = x // a nil Group stays a NULL IDispatch
	}
	_, err := g.call(ctx, "Remove", Dispatched(d))
	return err
}

func (g GroupsMethods) NewEnum(ctx context.Context) (Enum, error) { return g.newEnum(ctx) }

func (g GroupsMethods) All(ctx context.Context) iter.Seq2[Group, error] {
	return eachOf[Group](ctx, g.DispatchMethods)
}

// GroupMethods are IMessengerGroup's typed members.
type GroupMethods struct{ DispatchMethods }

func (g GroupMethods) Name(ctx context.Context) (string, error) { return g.getString(ctx, "Name") }

func (g GroupMethods) SetName(ctx context.Context, name string) error {
	return g.put(ctx, "Name", BSTR(name))
}

func (g GroupMethods) Contacts(ctx context.Context) (Contacts, error) {
	r, err := g.get(ctx, "Contacts")
	c, _ := r.Obj.(Contacts)
	return c, err
}

func (g GroupMethods) AddContact(ctx context.Context, vContact Variant) error {
	_, err := g.call(ctx, "AddContact", vContact)
	return err
}

func (g GroupMethods) RemoveContact(ctx context.Context, vContact Variant) error {
	_, err := g.call(ctx, "RemoveContact", vContact)
	return err
}

// ServicesMethods are IMessengerServices' typed members.
type ServicesMethods struct{ DispatchMethods }

func (s ServicesMethods) Count(ctx context.Context) (int32, error) { return s.getI4(ctx, "Count") }

func (s ServicesMethods) Item(ctx context.Context, index int32) (Service, error) {
	r, err := s.call(ctx, "Item", I4(index))
	x, _ := r.Obj.(Service)
	return x, err
}

func (s ServicesMethods) PrimaryService(ctx context.Context) (Service, error) {
	r, err := s.get(ctx, "PrimaryService")
	x, _ := r.Obj.(Service)
	return x, err
}

func (s ServicesMethods) NewEnum(ctx context.Context) (Enum, error) { return s.newEnum(ctx) }

func (s ServicesMethods) All(ctx context.Context) iter.Seq2[Service, error] {
	return eachOf[Service](ctx, s.DispatchMethods)
}

// ServiceMethods are IMessengerService's typed members.
type ServiceMethods struct{ DispatchMethods }

func (s ServiceMethods) ServiceName(ctx context.Context) (string, error) {
	return s.getString(ctx, "ServiceName")
}

func (s ServiceMethods) ServiceID(ctx context.Context) (string, error) {
	return s.getString(ctx, "ServiceID")
}

func (s ServiceMethods) MyFriendlyName(ctx context.Context) (string, error) {
	return s.getString(ctx, "MyFriendlyName")
}

func (s ServiceMethods) MyStatus(ctx context.Context) (MISTATUS, error) {
	v, err := s.getI4(ctx, "MyStatus")
	return MISTATUS(v), err
}

func (s ServiceMethods) MySigninName(ctx context.Context) (string, error) {
	return s.getString(ctx, "MySigninName")
}

// EnumMethods are IEnumVARIANT's members, called by name.
type EnumMethods struct{ DispatchMethods }

func (e EnumMethods) Next(ctx context.Context, celt int32) ([]Variant, error) {
	r, err := e.call(ctx, "Next", I4(celt))
	return r.Array, err
}

func (e EnumMethods) Skip(ctx context.Context, celt int32) error {
	_, err := e.call(ctx, "Skip", I4(celt))
	return err
}

func (e EnumMethods) Reset(ctx context.Context) error {
	_, err := e.call(ctx, "Reset")
	return err
}

func (e EnumMethods) Clone(ctx context.Context) (Enum, error) {
	r, err := e.call(ctx, "Clone")
	x, _ := r.Obj.(Enum)
	return x, err
}

// EnumBatch is how many items All asks Next for at a time: one call per
// batch, which over the wire is one round trip.
const EnumBatch = 64

// Each runs For Each over an enumerator from where it stands: it yields
// every remaining item's object, stopping at the first failure (yielded
// with a nil object). It does not release e.
func Each(ctx context.Context, e Enum) iter.Seq2[Dispatch, error] {
	return func(yield func(Dispatch, error) bool) {
		for {
			items, err := e.Next(ctx, EnumBatch)
			last := hresult.Code(err) == hresult.S_FALSE
			if err != nil && !last {
				yield(nil, err)
				return
			}
			for _, v := range items {
				if !yield(v.Obj, nil) {
					return
				}
			}
			if last {
				return
			}
		}
	}
}

// eachOf is For Each over a collection d: _NewEnum, then Each, with the
// items as T; the enumerator is released when the loop ends.
func eachOf[T Dispatch](ctx context.Context, d DispatchMethods) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		e, err := d.newEnum(ctx)
		if err != nil {
			yield(zero, err)
			return
		}
		defer func() { _ = e.Release(context.WithoutCancel(ctx)) }()
		for obj, err := range Each(ctx, e) {
			if err != nil {
				yield(zero, err)
				return
			}
			x, ok := obj.(T)
			if !ok {
				yield(zero, hresult.New(hresult.E_NOINTERFACE, "IEnumVARIANT::Next", "an item is not the collection's element type"))
				return
			}
			if !yield(x, nil) {
				return
			}
		}
	}
}
