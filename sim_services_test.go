package fakemessenger_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Conformance rows of IMessenger::Services, IMessengerServices and
// IMessengerService, and of the service ID comparisons.

func init() { rowTables["services"] = serviceRows }

func mustServices(t *testing.T, ctx context.Context, m model.Messenger) model.Services {
	t.Helper()
	ss, err := m7a(t, m).Services(ctx)
	expectHR(t, "Services", err, hresult.S_OK)
	if ss == nil {
		t.Fatal("Services returned no collection")
	}
	return ss
}

func mustPrimary(t *testing.T, ctx context.Context, m model.Messenger) model.Service {
	t.Helper()
	s, err := mustServices(t, ctx, m).PrimaryService(ctx)
	expectHR(t, "PrimaryService", err, hresult.S_OK)
	return s
}

var serviceRows = []conformanceRow{
	{"Services/one service, the primary, as the messenger reports it", "bb758724 Services; bb758793 IMessengerServices; bb787259 IMessengerService; bb758713 MySigninName as a SIP URI",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			ss := mustServices(t, ctx, m)
			if ss.InterfaceName() != model.IMessengerServices {
				t.Errorf("Services presents %q", ss.InterfaceName())
			}
			want(t, "Count", int32(1))(ss.Count(ctx))
			p := mustPrimary(t, ctx, m)
			item, err := ss.Item(ctx, 0)
			expectHR(t, "Item(0)", err, hresult.S_OK)
			if item != p {
				t.Error("Item(0) and PrimaryService are different objects")
			}
			var seen []model.Service
			for s, err := range ss.All(ctx) {
				expectHR(t, "For Each over the services", err, hresult.S_OK)
				seen = append(seen, s)
			}
			if len(seen) != 1 || seen[0] != p {
				t.Errorf("For Each saw %d services", len(seen))
			}
			want(t, "ServiceID", mustString(t, "MyServiceId", m.MyServiceId, ctx))(p.ServiceID(ctx))
			want(t, "ServiceName", mustString(t, "MyServiceName", m.MyServiceName, ctx))(p.ServiceName(ctx))
			want(t, "MyFriendlyName", "Alex Wilber")(p.MyFriendlyName(ctx))
			want(t, "MySigninName", "sip:"+alex)(p.MySigninName(ctx))
			want(t, "MyStatus", model.MISTATUS_ONLINE)(p.MyStatus(ctx))
			mustDo(t, "SetMyStatus", w.SetMyStatus(ctx, model.MISTATUS_BUSY))
			want(t, "MyStatus after the person went busy", model.MISTATUS_BUSY)(p.MyStatus(ctx))
		}},
	{"Services/Item negative E_INVALIDARG, past the end E_FAIL", "bb787225 E_INVALIDARG, E_FAIL",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			ss := mustServices(t, ctx, m)
			_, err := ss.Item(ctx, -1)
			expectHR(t, "Item(-1)", err, hresult.E_INVALIDARG)
			_, err = ss.Item(ctx, 1)
			expectHR(t, "Item(1)", err, hresult.E_FAIL)
			_, err = ss.Invoke(ctx, "Item", model.DISPATCH_METHOD, model.Array())
			expectHR(t, "Item(array)", err, hresult.DISP_E_TYPEMISMATCH)
		}},
	{"Services/signed out: MySigninName and MyFriendlyName MSGR_E_NOT_LOGGED_ON, MyStatus OFFLINE", "bb758713 MSGR_E_NOT_LOGGED_ON; winmessenger myfriendlyname; bb758803 published status; Count does not fail offline",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			p := mustPrimary(t, ctx, m)
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err := p.MySigninName(ctx)
			expectHR(t, "MySigninName signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
			_, err = p.MyFriendlyName(ctx)
			expectHR(t, "MyFriendlyName signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
			want(t, "MyStatus signed out", model.MISTATUS_OFFLINE)(p.MyStatus(ctx))
			want(t, "Count signed out", int32(1))(mustServices(t, ctx, m).Count(ctx))
			want(t, "ServiceName signed out", sim.DefaultServiceName)(p.ServiceName(ctx))
		}},
	{"Services/Property Not supported E_NOTIMPL; script reaches the scriptable members only", "bb787259: Property Not supported; MyFriendlyName, MySigninName Not scriptable",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			p := mustPrimary(t, ctx, m)
			_, err := p.Invoke(ctx, "Property", model.DISPATCH_PROPERTYGET, model.I4(-1))
			expectHR(t, "Property", err, hresult.E_NOTIMPL)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			sp := mustPrimary(t, ctx, s)
			want(t, "ServiceID (script)", svcID7a)(sp.ServiceID(ctx))
			want(t, "MyStatus (script)", model.MISTATUS_ONLINE)(sp.MyStatus(ctx))
			_, err = sp.MySigninName(ctx)
			expectHR(t, "MySigninName (script)", err, hresult.E_NOTIMPL)
			_, err = sp.MyFriendlyName(ctx)
			expectHR(t, "MyFriendlyName (script)", err, hresult.E_NOTIMPL)
		}},
	{"Services/E_OUTOFMEMORY by fault", "bb758713, winmessenger myfriendlyname/servicename E_OUTOFMEMORY",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			p := mustPrimary(t, ctx, m)
			for _, c := range []struct {
				member string
				get    func(context.Context) (string, error)
			}{{"MySigninName", p.MySigninName}, {"MyFriendlyName", p.MyFriendlyName}, {"ServiceName", p.ServiceName}} {
				expectFault7a(t, ctx, w, model.IMessengerService, c.member, hresult.E_OUTOFMEMORY, func() error { _, err := c.get(ctx); return err })
			}
		}},
	{"GetContact/the service ID compares as a GUID", "bb758743 bstrServiceId; issue 7: case-insensitive, braces optional",
		func(t *testing.T, w World) {
			bare := strings.Trim(svcID7a, "{}")
			for _, id := range []string{svcID7a, strings.ToLower(svcID7a), bare, strings.ToLower(bare)} {
				expectGetContact(t, w, jaya, id, hresult.S_OK)
			}
			expectGetContact(t, w, jaya, "{00000000-0000-0000-0000-000000000000}", hresult.E_INVALIDARG)
		}},
}
