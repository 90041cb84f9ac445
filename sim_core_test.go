package fakemessenger_test

import (
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Rows for IUnknown and for the documented codes of the first members
// that only an injected fault can produce (the pages list them; no world
// state leads to them).

var coreRows = []conformanceRow{
	{"QueryInterface/every interface an object implements answers S_OK with the same object", "IUnknown::QueryInterface (learn.microsoft.com unknwn.h); IIDs from bb758782, bb787257, bb758731, bb758717",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			c, err := m.GetContact(ctx, jaya, "")
			expectHR(t, "GetContact", err, hresult.S_OK)
			for _, tc := range []struct {
				obj  model.Dispatch
				iids []string
			}{
				{m, []string{"{D50C3186-0F89-48F8-B204-3604629DEE10}", "{d50c3286-0f89-48f8-b204-3604629dee10}", "D50C3386-0F89-48F8-B204-3604629DEE10",
					"{DA0635E8-09AF-480C-88B2-AA9FA1D9DB27}", "{53A5023D-6872-454A-9A4F-827F18CFBE02}", model.IID_IDispatch, model.IID_IUnknown}},
				{win, []string{"{D6B0E4C8-FAD6-4885-B271-0DC5A584ADF8}", "{D6B0E4C9-FAD6-4885-B271-0DC5A584ADF8}", "{7C613A61-0633-4C69-AFF0-5BA9F1D28887}"}},
				{c, []string{"{E7479A0F-BB19-44A5-968F-6F41D93EE0BC}", "{086F69C0-2FBD-46B3-BE50-EC401AB86099}"}},
			} {
				for _, iid := range tc.iids {
					r, err := tc.obj.Invoke(ctx, "QueryInterface", model.DISPATCH_METHOD, model.BSTR(iid))
					expectHR(t, tc.obj.InterfaceName()+" QueryInterface("+iid+")", err, hresult.S_OK)
					if r.VT != model.VT_DISPATCH || r.Obj != tc.obj {
						t.Errorf("QueryInterface(%s) on %s = %v, want the same object", iid, tc.obj.InterfaceName(), r)
					}
				}
			}
		}},
	{"QueryInterface/an interface the object lacks is E_NOINTERFACE, a malformed IID E_INVALIDARG", "IUnknown::QueryInterface: E_NOINTERFACE; IIDFromString: E_INVALIDARG",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			before := mustState(t, ctx, w)
			for _, tc := range []struct {
				obj model.Dispatch
				iid string
				hr  hresult.HRESULT
			}{
				{m, "{E7479A0F-BB19-44A5-968F-6F41D93EE0BC}", hresult.E_NOINTERFACE},   // IMessengerContact
				{win, "{D50C3186-0F89-48F8-B204-3604629DEE10}", hresult.E_NOINTERFACE}, // IMessenger
				{win, "{11111111-2222-3333-4444-555555555555}", hresult.E_NOINTERFACE},
				{win, "{00020404-0000-0000-C000-000000000046}", hresult.E_NOINTERFACE}, // IEnumVARIANT
				{m, "IMessenger", hresult.E_INVALIDARG},
				{m, "{D50C3186-0F89-48F8-B204}", hresult.E_INVALIDARG},
			} {
				r, err := tc.obj.Invoke(ctx, "QueryInterface", model.DISPATCH_METHOD, model.BSTR(tc.iid))
				expectHR(t, tc.obj.InterfaceName()+" QueryInterface("+tc.iid+")", err, tc.hr)
				if r.Obj != nil {
					t.Errorf("a failed QueryInterface returned %v", r)
				}
			}
			_, err := m.Invoke(ctx, "QueryInterface", model.DISPATCH_METHOD, model.I4(1))
			expectHR(t, "QueryInterface(VT_I4)", err, hresult.DISP_E_TYPEMISMATCH)
			_, err = m.Invoke(ctx, "QueryInterface", model.DISPATCH_METHOD)
			expectHR(t, "QueryInterface()", err, hresult.DISP_E_BADPARAMCOUNT)
			after := mustState(t, ctx, w)
			if len(after.Objects) != len(before.Objects) || after.Events != before.Events {
				t.Errorf("failed QueryInterface calls changed the world: objects %d -> %d", len(before.Objects), len(after.Objects))
			}
		}},
	{"Faults/documented codes only a fault can produce", "bb787252 MySigninName E_FAIL, E_OUTOFMEMORY; wm:im-imessenger-myfriendlyname E_OUTOFMEMORY; wm:im-imessenger-window E_FAIL, E_INVALIDARG; bb758815 MyContacts E_FAIL; wm:im-imessenger-myserviceid E_FAIL; bb758743 MSGR_E_USER_NOT_FOUND",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, tc := range []struct {
				member string
				hr     hresult.HRESULT
				call   func() error
			}{
				{"MySigninName", hresult.E_FAIL, func() error { _, err := m.MySigninName(ctx); return err }},
				{"MySigninName", hresult.E_OUTOFMEMORY, func() error { _, err := m.MySigninName(ctx); return err }},
				{"MyFriendlyName", hresult.E_OUTOFMEMORY, func() error { _, err := m.MyFriendlyName(ctx); return err }},
				{"MyFriendlyName", hresult.E_FAIL, func() error { _, err := m.MyFriendlyName(ctx); return err }},
				{"Window", hresult.E_FAIL, func() error { _, err := m.Window(ctx); return err }},
				{"Window", hresult.E_INVALIDARG, func() error { _, err := m.Window(ctx); return err }},
				{"MyContacts", hresult.E_FAIL, func() error { _, err := m.MyContacts(ctx); return err }},
				{"MyServiceId", hresult.E_FAIL, func() error { _, err := m.MyServiceId(ctx); return err }},
				{"GetContact", hresult.MSGR_E_USER_NOT_FOUND, func() error { _, err := m.GetContact(ctx, pat, ""); return err }},
				{"ReceiveFileDirectory", hresult.E_OUTOFMEMORY, func() error { _, err := m.ReceiveFileDirectory(ctx); return err }},
			} {
				mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: tc.member, HR: tc.hr, Times: 1}))
				expectHR(t, tc.member+" under the fault", tc.call(), tc.hr)
				expectHR(t, tc.member+" after the fault", tc.call(), hresult.S_OK)
			}
		}},
	{"UnreadEmailCount/only the inbox is counted; signed out MSGR_E_NOT_LOGGED_ON", "wm:im-imessenger-unreademailcount (E_FAIL for other folders; MSGR_E_NOT_LOGGED_ON offline)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			n, err := m.UnreadEmailCount(ctx, model.MUAFOLDER_INBOX)
			expectHR(t, "UnreadEmailCount(INBOX)", err, hresult.S_OK)
			if n != 0 {
				t.Errorf("UnreadEmailCount(INBOX) = %d in the default scenario, want 0", n)
			}
			_, err = m.UnreadEmailCount(ctx, model.MUAFOLDER_ALL_OTHER_FOLDERS)
			expectHR(t, "UnreadEmailCount(ALL_OTHER_FOLDERS)", err, hresult.E_FAIL)
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err = m.UnreadEmailCount(ctx, model.MUAFOLDER_INBOX)
			expectHR(t, "UnreadEmailCount signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
		}},
}

func init() { rowTables["core"] = coreRows }
