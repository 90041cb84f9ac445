package sim_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Issue 7a's members in the bad-input table's discipline: each bad call
// gets its exact HRESULT, changes no state, raises no event, and is
// journaled with that HRESULT.

const svc7a = model.ServiceIDCommunicator

func firstGroup(t *testing.T, ctx context.Context, m *sim.Messenger) model.Group {
	t.Helper()
	gs, err := m.MyGroups(ctx)
	mustOK(t, "MyGroups", err)
	g, err := gs.Item(ctx, 0)
	mustOK(t, "Groups.Item", err)
	return g
}

func onGroup(do func(context.Context, model.Group) error) arrangeFunc {
	return func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
		g := firstGroup(t, ctx, m)
		return func() error { return do(ctx, g) }
	}
}

func onGroups(do func(context.Context, model.Groups) error) arrangeFunc {
	return func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
		gs, err := m.MyGroups(ctx)
		mustOK(t, "MyGroups", err)
		return func() error { return do(ctx, gs) }
	}
}

func onEnum(do func(context.Context, model.Enum) error) arrangeFunc {
	return func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
		list, err := m.MyContacts(ctx)
		mustOK(t, "MyContacts", err)
		e, err := list.(model.ContactsEnum).NewEnum(ctx)
		mustOK(t, "_NewEnum", err)
		return func() error { return do(ctx, e) }
	}
}

func signedOut7a(call arrangeFunc) arrangeFunc {
	return func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
		f := call(t, ctx, m)
		mustOK(t, "SignOut", m.Person().SignOut())
		return f
	}
}

func createGroupWith(name, service model.Variant) arrangeFunc {
	return invokeWith("CreateGroup", model.DISPATCH_METHOD, name, service)
}

func badInputs7a() []badInput {
	arr := model.Array(model.I4(0))
	cases := []badInput{
		{"CreateGroup NULL name", "CreateGroup", hresult.E_POINTER, createGroupWith(model.NullBSTR(), model.BSTR(svc7a))},
		{"CreateGroup empty name", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR(""), model.BSTR(svc7a))},
		{"CreateGroup CR in name", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR("a\rb"), model.BSTR(svc7a))},
		{"CreateGroup tab in name", "CreateGroup", hresult.MSGR_E_BAD_GROUP_NAME, createGroupWith(model.BSTR("a\tb"), model.BSTR(svc7a))},
		{"CreateGroup 65-character name", "CreateGroup", hresult.MSGR_E_GROUP_NAME_TOO_LONG, createGroupWith(model.BSTR(strings.Repeat("g", 65)), model.BSTR(svc7a))},
		{"CreateGroup array name", "CreateGroup", hresult.DISP_E_TYPEMISMATCH, createGroupWith(model.Array(model.BSTR("x")), model.BSTR(svc7a))},
		{"CreateGroup vService VT_EMPTY", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR("x"), model.Empty())},
		{"CreateGroup vService VT_I4", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR("x"), model.I4(1))},
		{"CreateGroup vService NULL BSTR", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR("x"), model.NullBSTR())},
		{"CreateGroup vService 39 characters", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR("x"), model.BSTR(biSvcID39))},
		{"CreateGroup vService another service", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR("x"), model.BSTR(biOtherSvc))},
		{"CreateGroup vService array", "CreateGroup", hresult.E_INVALIDARG, createGroupWith(model.BSTR("x"), model.Array(model.BSTR(svc7a)))},
		{"CreateGroup one argument", "CreateGroup", hresult.DISP_E_BADPARAMCOUNT, invokeWith("CreateGroup", model.DISPATCH_METHOD, model.BSTR("x"))},
		{"CreateGroup signed out", "CreateGroup", hresult.MSGR_E_NOT_LOGGED_ON, signedOut7a(createGroupWith(model.BSTR("x"), model.BSTR(svc7a)))},
		{"MyGroups with an argument", "MyGroups", hresult.DISP_E_BADPARAMCOUNT, invokeWith("MyGroups", model.DISPATCH_PROPERTYGET, model.I4(1))},
		{"MyGroups put", "MyGroups", hresult.DISP_E_MEMBERNOTFOUND, invokeWith("MyGroups", model.DISPATCH_PROPERTYPUT, model.I4(1))},

		{"Groups.Item -1", "Item", hresult.E_INVALIDARG, onGroups(func(ctx context.Context, gs model.Groups) error { _, err := gs.Item(ctx, -1); return err })},
		{"Groups.Item past the end", "Item", hresult.E_FAIL, onGroups(func(ctx context.Context, gs model.Groups) error { _, err := gs.Item(ctx, 2); return err })},
		{"Groups.Item array", "Item", hresult.DISP_E_TYPEMISMATCH, onGroups(func(ctx context.Context, gs model.Groups) error {
			_, err := gs.Invoke(ctx, "Item", model.DISPATCH_METHOD, arr)
			return err
		})},
		{"Groups.Item not a number", "Item", hresult.DISP_E_TYPEMISMATCH, onGroups(func(ctx context.Context, gs model.Groups) error {
			_, err := gs.Invoke(ctx, "Item", model.DISPATCH_METHOD, model.BSTR("abc"))
			return err
		})},
		{"Groups.Remove NULL", "Remove", hresult.E_POINTER, onGroups(func(ctx context.Context, gs model.Groups) error { return gs.Remove(ctx, nil) })},
		{"Groups.Remove VT_I4", "Remove", hresult.DISP_E_TYPEMISMATCH, onGroups(func(ctx context.Context, gs model.Groups) error {
			_, err := gs.Invoke(ctx, "Remove", model.DISPATCH_METHOD, model.I4(0))
			return err
		})},
		{"Groups.Remove a contact", "Remove", hresult.E_FAIL, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			c, err := m.GetContact(ctx, biJaya, "")
			mustOK(t, "GetContact", err)
			gs, err := m.MyGroups(ctx)
			mustOK(t, "MyGroups", err)
			return invokeCall(ctx, gs, "Remove", model.DISPATCH_METHOD, model.Dispatched(c))
		}},
		{"Groups.Remove another world's group", "Remove", hresult.E_FAIL, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			foreign := firstGroup(t, ctx, sim.RunT(t, sim.WithoutLifetimeChecks()))
			gs, err := m.MyGroups(ctx)
			mustOK(t, "MyGroups", err)
			return func() error { return gs.Remove(ctx, foreign) }
		}},
		{"Groups.Remove a released group", "Remove", hresult.E_FAIL, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			g := firstGroup(t, ctx, m)
			mustOK(t, "Release", g.Release(ctx))
			gs, err := m.MyGroups(ctx)
			mustOK(t, "MyGroups", err)
			return func() error { return gs.Remove(ctx, g) }
		}},
		{"Groups.Count with an argument", "Count", hresult.DISP_E_BADPARAMCOUNT, onGroups(func(ctx context.Context, gs model.Groups) error {
			_, err := gs.Invoke(ctx, "Count", model.DISPATCH_PROPERTYGET, model.I4(0))
			return err
		})},
		{"Group unknown member", "Shape", hresult.DISP_E_UNKNOWNNAME, onGroup(func(ctx context.Context, g model.Group) error {
			_, err := g.Invoke(ctx, "Shape", model.DISPATCH_METHOD)
			return err
		})},
		{"Group released", "Name", hresult.RPC_E_DISCONNECTED, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			g := firstGroup(t, ctx, m)
			mustOK(t, "Release", g.Release(ctx))
			return func() error { _, err := g.Name(ctx); return err }
		}},
		{"Group.Name put array", "Name", hresult.DISP_E_TYPEMISMATCH, onGroup(func(ctx context.Context, g model.Group) error {
			_, err := g.Invoke(ctx, "Name", model.DISPATCH_PROPERTYPUT, model.Array(model.BSTR("x")))
			return err
		})},
		{"Group.Name put on a deleted group", "Name", hresult.E_FAIL, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			g := firstGroup(t, ctx, m)
			mustOK(t, "DeleteGroup", m.Person().DeleteGroup("Team"))
			return func() error { return g.SetName(ctx, "Again") }
		}},
		{"Group.Service Not supported", "Service", hresult.E_NOTIMPL, onGroup(func(ctx context.Context, g model.Group) error {
			_, err := g.Invoke(ctx, "Service", model.DISPATCH_PROPERTYGET)
			return err
		})},
		{"Group.AddContact self", "AddContact", hresult.E_FAIL, onGroup(func(ctx context.Context, g model.Group) error { return g.AddContact(ctx, model.BSTR(biSelf)) })},
		{"Group.AddContact unknown name", "AddContact", hresult.MSGR_E_USER_NOT_FOUND, onGroup(func(ctx context.Context, g model.Group) error {
			return g.AddContact(ctx, model.BSTR("pat@contoso.com"))
		})},
		{"Group.AddContact foreign contact", "AddContact", hresult.E_INVALIDARG, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			g, c := firstGroup(t, ctx, m), foreignContact(t, ctx)
			return func() error { return g.AddContact(ctx, model.Dispatched(c)) }
		}},
		{"Group.AddContact released contact", "AddContact", hresult.E_INVALIDARG, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			g := firstGroup(t, ctx, m)
			c, err := m.GetContact(ctx, "kim@fabrikam.com", "")
			mustOK(t, "GetContact", err)
			mustOK(t, "Release", c.Release(ctx))
			return func() error { return g.AddContact(ctx, model.Dispatched(c)) }
		}},
		{"Group.AddContact signed out", "AddContact", hresult.MSGR_E_NOT_LOGGED_ON, signedOut7a(onGroup(func(ctx context.Context, g model.Group) error {
			return g.AddContact(ctx, model.BSTR("kim@fabrikam.com"))
		}))},
		{"Group.RemoveContact unknown name", "RemoveContact", hresult.MSGR_E_USER_NOT_FOUND, onGroup(func(ctx context.Context, g model.Group) error {
			return g.RemoveContact(ctx, model.BSTR("pat@contoso.com"))
		})},
		{"Group.RemoveContact no arguments", "RemoveContact", hresult.DISP_E_BADPARAMCOUNT, onGroup(func(ctx context.Context, g model.Group) error {
			_, err := g.Invoke(ctx, "RemoveContact", model.DISPATCH_METHOD)
			return err
		})},

		{"Enum.Next -1", "Next", hresult.E_INVALIDARG, onEnum(func(ctx context.Context, e model.Enum) error { _, err := e.Next(ctx, -1); return err })},
		{"Enum.Skip -1", "Skip", hresult.E_INVALIDARG, onEnum(func(ctx context.Context, e model.Enum) error { return e.Skip(ctx, -1) })},
		{"Enum.Next array", "Next", hresult.DISP_E_TYPEMISMATCH, onEnum(func(ctx context.Context, e model.Enum) error {
			_, err := e.Invoke(ctx, "Next", model.DISPATCH_METHOD, arr)
			return err
		})},
		{"Enum.Next over 32 bits", "Next", hresult.DISP_E_OVERFLOW, onEnum(func(ctx context.Context, e model.Enum) error {
			_, err := e.Invoke(ctx, "Next", model.DISPATCH_METHOD, model.Variant{VT: model.VT_I8, Int: 1 << 40})
			return err
		})},
		{"Enum released", "Reset", hresult.RPC_E_DISCONNECTED, func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
			list, err := m.MyContacts(ctx)
			mustOK(t, "MyContacts", err)
			e, err := list.(model.ContactsEnum).NewEnum(ctx)
			mustOK(t, "_NewEnum", err)
			mustOK(t, "Release", e.Release(ctx))
			return func() error { return e.Reset(ctx) }
		}},

		{"Services.Item -1", "Item", hresult.E_INVALIDARG, servicesItem(-1)},
		{"Services.Item 1", "Item", hresult.E_FAIL, servicesItem(1)},
		{"Service.MySigninName signed out", "MySigninName", hresult.MSGR_E_NOT_LOGGED_ON, signedOut7a(onService(func(ctx context.Context, s model.Service) error {
			_, err := s.MySigninName(ctx)
			return err
		}))},
		{"Service.Property Not supported", "Property", hresult.E_NOTIMPL, onService(func(ctx context.Context, s model.Service) error {
			_, err := s.Invoke(ctx, "Property", model.DISPATCH_PROPERTYGET, model.I4(-1))
			return err
		})},

		{"Property 2", "Property", hresult.E_INVALIDARG, invokeWith("Property", model.DISPATCH_PROPERTYGET, model.I4(2))},
		{"Property put", "Property", hresult.E_INVALIDARG, invokeWith("Property", model.DISPATCH_PROPERTYPUT, model.I4(1), model.I4(1031))},
		{"Property array", "Property", hresult.DISP_E_TYPEMISMATCH, invokeWith("Property", model.DISPATCH_PROPERTYGET, arr)},
		{"MyProperty get", "MyProperty", hresult.E_INVALIDARG, invokeWith("MyProperty", model.DISPATCH_PROPERTYGET, model.I4(1))},
		{"MyProperty put", "MyProperty", hresult.E_INVALIDARG, invokeWith("MyProperty", model.DISPATCH_PROPERTYPUT, model.I4(1), model.BSTR("x"))},
		{"UnreadEmailCount other folders", "UnreadEmailCount", hresult.E_FAIL, invokeWith("UnreadEmailCount", model.DISPATCH_PROPERTYGET, model.I4(1))},
		{"UnreadEmailCount signed out", "UnreadEmailCount", hresult.MSGR_E_NOT_LOGGED_ON, signedOut7a(invokeWith("UnreadEmailCount", model.DISPATCH_PROPERTYGET, model.I4(0)))},
		{"ReceiveFileDirectory put", "ReceiveFileDirectory", hresult.DISP_E_MEMBERNOTFOUND, invokeWith("ReceiveFileDirectory", model.DISPATCH_PROPERTYPUT, model.BSTR(`C:\x`))},
		{"ContactsSortOrder put 2", "ContactsSortOrder", hresult.E_INVALIDARG, invokeWith("ContactsSortOrder", model.DISPATCH_PROPERTYPUT, model.I4(2))},
		{"ContactsSortOrder put array", "ContactsSortOrder", hresult.DISP_E_TYPEMISMATCH, invokeWith("ContactsSortOrder", model.DISPATCH_PROPERTYPUT, arr)},
		{"ContactsSortOrder signed out", "ContactsSortOrder", hresult.MSGR_E_NOT_LOGGED_ON, signedOut7a(invokeWith("ContactsSortOrder", model.DISPATCH_PROPERTYPUT, model.I4(1)))},
		{"GetAuthenticationInfo signed out", "GetAuthenticationInfo", hresult.E_FAIL, signedOut7a(invokeWith("GetAuthenticationInfo", model.DISPATCH_METHOD))},
		{"ResolveContact ADDRESS_TYPE 0", "ResolveContact", hresult.E_INVALIDARG, invokeWith("ResolveContact", model.DISPATCH_METHOD, model.I4(0), model.I4(1), model.BSTR(biJaya))},
		{"ResolveContact resolution 3", "ResolveContact", hresult.E_INVALIDARG, invokeWith("ResolveContact", model.DISPATCH_METHOD, model.I4(1), model.I4(3), model.BSTR(biJaya))},
		{"ResolveContact NULL address", "ResolveContact", hresult.E_INVALIDARG, invokeWith("ResolveContact", model.DISPATCH_METHOD, model.I4(1), model.I4(2), model.NullBSTR())},
		{"ResolveContact array address", "ResolveContact", hresult.DISP_E_TYPEMISMATCH, invokeWith("ResolveContact", model.DISPATCH_METHOD, model.I4(1), model.I4(2), model.Array(model.BSTR(biJaya)))},
		{"ResolveContact signed out", "ResolveContact", hresult.E_FAIL, signedOut7a(invokeWith("ResolveContact", model.DISPATCH_METHOD, model.I4(1), model.I4(2), model.BSTR(biJaya)))},
	}
	return cases
}

func servicesItem(i int32) arrangeFunc {
	return func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
		ss, err := m.Services(ctx)
		mustOK(t, "Services", err)
		return func() error { _, err := ss.Item(ctx, i); return err }
	}
}

func onService(do func(context.Context, model.Service) error) arrangeFunc {
	return func(t *testing.T, ctx context.Context, m *sim.Messenger) func() error {
		ss, err := m.Services(ctx)
		mustOK(t, "Services", err)
		s, err := ss.PrimaryService(ctx)
		mustOK(t, "PrimaryService", err)
		return func() error { return do(ctx, s) }
	}
}

func TestBadInput7a(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range badInputs7a() {
		if seen[tc.name] {
			t.Fatalf("two cases are named %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			m := sim.RunT(t, sim.WithoutLifetimeChecks())
			w := m.World()
			call := tc.arrange(t, ctx, m)
			mustOK(t, "Drain", w.Drain(ctx))
			before, events := w.State(), w.EventCount()
			err := call()
			if !errors.Is(err, tc.want) || hresult.Code(err) != tc.want {
				t.Errorf("got %v (code %v), want %v", err, hresult.Code(err), tc.want)
			}
			mustOK(t, "Drain", w.Drain(ctx))
			if n := w.EventCount(); n != events {
				t.Errorf("%d events raised", n-events)
			}
			after := w.State()
			before.Calls, after.Calls = 0, 0
			if !reflect.DeepEqual(before, after) {
				b, _ := json.MarshalIndent(before, "", " ")
				a, _ := json.MarshalIndent(after, "", " ")
				t.Errorf("the state changed:\nbefore %s\nafter  %s", b, a)
			}
			last, ok := w.LastCall("")
			if !ok || last.Member != tc.member || last.HR != tc.want {
				t.Errorf("last journal entry %s %v, want %s %v", last.Member, last.HR, tc.member, tc.want)
			}
		})
	}
}
