package model

import "context"

// Invoker is IDispatch::Invoke with its arguments as a slice: the one thing
// a transport provides. The typed methods of every interface are written
// once, below, over it; the in-process sim and the wire client embed them.
type Invoker interface {
	InvokeArgs(ctx context.Context, member string, kind InvokeKind, args []Variant) (Variant, error)
}

// DispatchMethods gives an object Invoke and Release over its Invoker.
type DispatchMethods struct{ Inv Invoker }

// Invoke is IDispatch::Invoke by member name.
func (d DispatchMethods) Invoke(ctx context.Context, member string, kind InvokeKind, args ...Variant) (Variant, error) {
	return d.Inv.InvokeArgs(ctx, member, kind, args)
}

// Release drops one reference, as Marshal.ReleaseComObject does.
func (d DispatchMethods) Release(ctx context.Context) error {
	_, err := d.Inv.InvokeArgs(ctx, "Release", DISPATCH_METHOD, nil)
	return err
}

func (d DispatchMethods) get(ctx context.Context, member string, args ...Variant) (Variant, error) {
	return d.Inv.InvokeArgs(ctx, member, DISPATCH_PROPERTYGET, args)
}

func (d DispatchMethods) put(ctx context.Context, member string, args ...Variant) error {
	_, err := d.Inv.InvokeArgs(ctx, member, DISPATCH_PROPERTYPUT, args)
	return err
}

func (d DispatchMethods) call(ctx context.Context, member string, args ...Variant) (Variant, error) {
	return d.Inv.InvokeArgs(ctx, member, DISPATCH_METHOD, args)
}

func (d DispatchMethods) getString(ctx context.Context, member string) (string, error) {
	r, err := d.get(ctx, member)
	return r.Str, err
}

func (d DispatchMethods) getI4(ctx context.Context, member string) (int32, error) {
	r, err := d.get(ctx, member)
	return int32(r.Int), err
}

func (d DispatchMethods) getBool(ctx context.Context, member string) (bool, error) {
	r, err := d.get(ctx, member)
	return r.Truth(), err
}

// MessengerMethods are IMessenger's typed members (Subscribe is the
// transport's own).
type MessengerMethods struct{ DispatchMethods }

func (m MessengerMethods) InstantMessage(ctx context.Context, vContact Variant) (ConversationWnd, error) {
	r, err := m.call(ctx, "InstantMessage", vContact)
	w, _ := r.Obj.(ConversationWnd)
	return w, err
}

func (m MessengerMethods) GetContact(ctx context.Context, signinName, serviceID string) (Contact, error) {
	r, err := m.call(ctx, "GetContact", BSTR(signinName), BSTR(serviceID))
	c, _ := r.Obj.(Contact)
	return c, err
}

func (m MessengerMethods) MySigninName(ctx context.Context) (string, error) {
	return m.getString(ctx, "MySigninName")
}

func (m MessengerMethods) MyServiceId(ctx context.Context) (string, error) {
	return m.getString(ctx, "MyServiceId")
}

func (m MessengerMethods) MyServiceName(ctx context.Context) (string, error) {
	return m.getString(ctx, "MyServiceName")
}

func (m MessengerMethods) MyFriendlyName(ctx context.Context) (string, error) {
	return m.getString(ctx, "MyFriendlyName")
}

func (m MessengerMethods) MyStatus(ctx context.Context) (MISTATUS, error) {
	s, err := m.getI4(ctx, "MyStatus")
	return MISTATUS(s), err
}

func (m MessengerMethods) SetMyStatus(ctx context.Context, s MISTATUS) error {
	return m.put(ctx, "MyStatus", I4(int32(s)))
}

func (m MessengerMethods) AutoSignin(ctx context.Context) error {
	_, err := m.call(ctx, "AutoSignin")
	return err
}

func (m MessengerMethods) Signin(ctx context.Context, hwndParent int32, signinName, password string) error {
	_, err := m.call(ctx, "Signin", I4(hwndParent), BSTR(signinName), BSTR(password))
	return err
}

func (m MessengerMethods) Signout(ctx context.Context) error {
	_, err := m.call(ctx, "Signout")
	return err
}

func (m MessengerMethods) MyContacts(ctx context.Context) (Contacts, error) {
	r, err := m.get(ctx, "MyContacts")
	c, _ := r.Obj.(Contacts)
	return c, err
}

func (m MessengerMethods) Window(ctx context.Context) (Window, error) {
	r, err := m.get(ctx, "Window")
	w, _ := r.Obj.(Window)
	return w, err
}

// WindowMethods are IMessengerWindow's typed members.
type WindowMethods struct{ DispatchMethods }

func (w WindowMethods) HWND(ctx context.Context) (int32, error)   { return w.getI4(ctx, "HWND") }
func (w WindowMethods) Left(ctx context.Context) (int32, error)   { return w.getI4(ctx, "Left") }
func (w WindowMethods) Top(ctx context.Context) (int32, error)    { return w.getI4(ctx, "Top") }
func (w WindowMethods) Width(ctx context.Context) (int32, error)  { return w.getI4(ctx, "Width") }
func (w WindowMethods) Height(ctx context.Context) (int32, error) { return w.getI4(ctx, "Height") }

func (w WindowMethods) SetLeft(ctx context.Context, v int32) error {
	return w.put(ctx, "Left", I4(v))
}

func (w WindowMethods) SetTop(ctx context.Context, v int32) error {
	return w.put(ctx, "Top", I4(v))
}

func (w WindowMethods) SetWidth(ctx context.Context, v int32) error {
	return w.put(ctx, "Width", I4(v))
}

func (w WindowMethods) SetHeight(ctx context.Context, v int32) error {
	return w.put(ctx, "Height", I4(v))
}

func (w WindowMethods) Close(ctx context.Context) error {
	_, err := w.call(ctx, "Close")
	return err
}

func (w WindowMethods) Show(ctx context.Context) error {
	_, err := w.call(ctx, "Show")
	return err
}

func (w WindowMethods) IsClosed(ctx context.Context) (bool, error) {
	return w.getBool(ctx, "IsClosed")
}

func (w WindowMethods) Property(ctx context.Context, p MWINDOWPROPERTY) (Variant, error) {
	return w.get(ctx, "Property", I4(int32(p)))
}

func (w WindowMethods) SetProperty(ctx context.Context, p MWINDOWPROPERTY, v Variant) error {
	return w.put(ctx, "Property", I4(int32(p)), v)
}

// ConversationWndMethods are IMessengerConversationWnd's typed members.
type ConversationWndMethods struct{ WindowMethods }

func (w ConversationWndMethods) Contacts(ctx context.Context) (Contacts, error) {
	r, err := w.get(ctx, "Contacts")
	c, _ := r.Obj.(Contacts)
	return c, err
}

func (w ConversationWndMethods) History(ctx context.Context) (string, error) {
	return w.getString(ctx, "History")
}

func (w ConversationWndMethods) AddContact(ctx context.Context, vContact Variant) error {
	_, err := w.call(ctx, "AddContact", vContact)
	return err
}

// ContactMethods are IMessengerContact's typed members.
type ContactMethods struct{ DispatchMethods }

func (c ContactMethods) FriendlyName(ctx context.Context) (string, error) {
	return c.getString(ctx, "FriendlyName")
}

func (c ContactMethods) Status(ctx context.Context) (MISTATUS, error) {
	s, err := c.getI4(ctx, "Status")
	return MISTATUS(s), err
}

func (c ContactMethods) SigninName(ctx context.Context) (string, error) {
	return c.getString(ctx, "SigninName")
}

func (c ContactMethods) ServiceName(ctx context.Context) (string, error) {
	return c.getString(ctx, "ServiceName")
}

func (c ContactMethods) ServiceId(ctx context.Context) (string, error) {
	return c.getString(ctx, "ServiceId")
}

func (c ContactMethods) Blocked(ctx context.Context) (bool, error) {
	return c.getBool(ctx, "Blocked")
}

func (c ContactMethods) SetBlocked(ctx context.Context, b bool) error {
	return c.put(ctx, "Blocked", Bool(b))
}

func (c ContactMethods) IsSelf(ctx context.Context) (bool, error) {
	return c.getBool(ctx, "IsSelf")
}

// ContactsMethods are IMessengerContacts' typed members.
type ContactsMethods struct{ DispatchMethods }

func (c ContactsMethods) Count(ctx context.Context) (int32, error) {
	return c.getI4(ctx, "Count")
}

func (c ContactsMethods) Item(ctx context.Context, index int32) (Contact, error) {
	r, err := c.call(ctx, "Item", I4(index))
	ct, _ := r.Obj.(Contact)
	return ct, err
}

func (c ContactsMethods) Remove(ctx context.Context, ct Contact) error {
	var d Dispatch
	if ct != nil {
		d = ct // a nil Contact stays a NULL IDispatch, not a typed nil
	}
	_, err := c.call(ctx, "Remove", Dispatched(d))
	return err
}

// QueryInterface asks the object for another of its interfaces by IID
// (any case, braces optional). It answers with the same object, as COM
// identity requires, or E_NOINTERFACE.
func (d DispatchMethods) QueryInterface(ctx context.Context, iid string) (Dispatch, error) {
	r, err := d.call(ctx, "QueryInterface", BSTR(iid))
	return r.Obj, err
}
