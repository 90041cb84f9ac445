package fakemessenger_test

import (
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Conformance rows of the messenger-level members of issue 7a:
// IMessenger3::Property, MyProperty, ReceiveFileDirectory,
// UnreadEmailCount with OnUnreadEmailChange, ContactsSortOrder,
// GetAuthenticationInfo and ResolveContact with OnContactResolved.

func init() { rowTables["messenger7a"] = messenger7aRows }

var messenger7aRows = []conformanceRow{
	{"IMessenger3.Property/MMESSENGERPROP_VERSION and MMESSENGERPROP_PLCID", "winmessenger im-imessenger3-property: version and LCID",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			v, err := m7a(t, m).Property(ctx, model.MMESSENGERPROP_VERSION)
			expectHR(t, "Property(VERSION)", err, hresult.S_OK)
			if v.VT != model.VT_BSTR || v.Str != sim.ClientVersion {
				t.Errorf("VERSION = %v, want %q", v, sim.ClientVersion)
			}
			v, err = m7a(t, m).Property(ctx, model.MMESSENGERPROP_PLCID)
			expectHR(t, "Property(PLCID)", err, hresult.S_OK)
			if v.VT != model.VT_I4 || v.Int != 1033 {
				t.Errorf("PLCID = %v, want VT_I4 1033", v)
			}
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.Locale = 0x0407 })
			v, err = m7a(t, m).Property(ctx, model.MMESSENGERPROP_PLCID)
			expectHR(t, "Property(PLCID) with a German scenario", err, hresult.S_OK)
			if v.Int != 0x0407 {
				t.Errorf("PLCID = %v, want 0x0407", v)
			}
		}},
	{"IMessenger3.Property/E_INVALIDARG: unknown property, or any put; script E_NOTIMPL", "winmessenger im-imessenger3-property E_INVALIDARG; bb787219 Not scriptable",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, p := range []model.MMESSENGERPROPERTY{-1, 2, 99} {
				_, err := m7a(t, m).Property(ctx, p)
				expectHR(t, "Property("+p.String()+")", err, hresult.E_INVALIDARG)
			}
			expectHR(t, "Property put", m7a(t, m).SetProperty(ctx, model.MMESSENGERPROP_PLCID, model.I4(1031)), hresult.E_INVALIDARG)
			v, err := m7a(t, m).Property(ctx, model.MMESSENGERPROP_PLCID)
			expectHR(t, "Property(PLCID) after the refused put", err, hresult.S_OK)
			if v.Int != 1033 {
				t.Errorf("a refused put changed PLCID to %v", v)
			}
			_, err = m.Invoke(ctx, "Property", model.DISPATCH_PROPERTYGET, model.Array(model.I4(0)))
			expectHR(t, "Property(array)", err, hresult.DISP_E_TYPEMISMATCH)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			_, err = m7a(t, s).Property(ctx, model.MMESSENGERPROP_VERSION)
			expectHR(t, "Property from a script", err, hresult.E_NOTIMPL)
		}},
	{"IMessenger.MyProperty/E_INVALIDARG in every case", "bb758788 'Reserved. Do not use.'; winmessenger im-imessenger-myproperty E_INVALIDARG always",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, p := range []model.MCONTACTPROPERTY{model.MCONTACTPROP_INVALID_PROPERTY, model.MCONTACTPROP_GROUPS_PROPERTY, model.MCONTACTPROP_EMAIL} {
				_, err := m7a(t, m).MyProperty(ctx, p)
				expectHR(t, "MyProperty("+p.String()+")", err, hresult.E_INVALIDARG)
				expectHR(t, "MyProperty put", m7a(t, m).SetMyProperty(ctx, p, model.BSTR("x")), hresult.E_INVALIDARG)
			}
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err := m7a(t, m).MyProperty(ctx, model.MCONTACTPROP_EMAIL)
			expectHR(t, "MyProperty signed out", err, hresult.E_INVALIDARG)
		}},
	{"ReceiveFileDirectory/default and scenario folder; E_OUTOFMEMORY by fault", "winmessenger im-imessenger-receivefiledirectory S_OK, E_OUTOFMEMORY",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			want(t, "ReceiveFileDirectory", `C:\Documents and Settings\alex\My Documents\My Received Files`)(m7a(t, m).ReceiveFileDirectory(ctx))
			expectFault7a(t, ctx, w, "", "ReceiveFileDirectory", hresult.E_OUTOFMEMORY, func() error { _, err := m7a(t, m).ReceiveFileDirectory(ctx); return err })
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.ReceiveFileDirectory = `D:\Inbox` })
			want(t, "ReceiveFileDirectory from the scenario", `D:\Inbox`)(m7a(t, m).ReceiveFileDirectory(ctx))
		}},
	{"UnreadEmailCount/the inbox count; the person's mail fires OnUnreadEmailChange", "winmessenger im-imessenger-unreademailcount S_OK; im-dmessengerevents-onunreademailchange",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.UnreadEmail = 3 })
			want(t, "UnreadEmailCount", int32(3))(m7a(t, m).UnreadEmailCount(ctx, model.MUAFOLDER_INBOX))
			log := watch(t, ctx, m)
			mustDo(t, "mail arrives", w.(groupsWorld).SetUnreadEmailCount(ctx, 5))
			e := oneEvent7a(t, ctx, w, log, model.OnUnreadEmailChange)
			if f, _ := e.Param("mFolder"); f.Int != int64(model.MUAFOLDER_INBOX) {
				t.Errorf("mFolder = %v", f)
			}
			if n, _ := e.Param("cUnreadEmail"); n.VT != model.VT_I4 || n.Int != 5 {
				t.Errorf("cUnreadEmail = %v, want 5", n)
			}
			if b, _ := e.Param("pBoolfEnableDefault"); b.VT != model.VT_BOOL {
				t.Errorf("pBoolfEnableDefault = %v", b)
			}
			want(t, "UnreadEmailCount after the change", int32(5))(m7a(t, m).UnreadEmailCount(ctx, model.MUAFOLDER_INBOX))
			if st := mustState(t, ctx, w); st.UnreadEmail != 5 {
				t.Errorf("state unreadEmail = %d", st.UnreadEmail)
			}
			if err := w.(groupsWorld).SetUnreadEmailCount(ctx, -1); err == nil {
				t.Error("a negative unread count was accepted")
			}
			mustDo(t, "SignOut", w.SignOut(ctx))
			drain(t, ctx, w)
			n := len(log.events())
			mustDo(t, "mail read while signed out", w.(groupsWorld).SetUnreadEmailCount(ctx, 0))
			drain(t, ctx, w)
			if len(log.events()) != n {
				t.Error("OnUnreadEmailChange fired while signed out")
			}
		}},
	{"UnreadEmailCount/E_FAIL for other folders, MSGR_E_NOT_LOGGED_ON, S_FALSE", "winmessenger im-imessenger-unreademailcount E_FAIL, MSGR_E_NOT_LOGGED_ON (compiled), S_FALSE (script; no inbox)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, f := range []model.MUAFOLDER{model.MUAFOLDER_ALL_OTHER_FOLDERS, -1, 7} {
				_, err := m7a(t, m).UnreadEmailCount(ctx, f)
				expectHR(t, "UnreadEmailCount("+f.String()+")", err, hresult.E_FAIL)
			}
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			want(t, "UnreadEmailCount (script)", int32(0))(m7a(t, s).UnreadEmailCount(ctx, model.MUAFOLDER_INBOX))
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err := m7a(t, m).UnreadEmailCount(ctx, model.MUAFOLDER_INBOX)
			expectHR(t, "UnreadEmailCount signed out (compiled)", err, hresult.MSGR_E_NOT_LOGGED_ON)
			n, err := m7a(t, s).UnreadEmailCount(ctx, model.MUAFOLDER_INBOX)
			expectHR(t, "UnreadEmailCount signed out (script)", err, hresult.S_FALSE)
			if n != -1 {
				t.Errorf("script count signed out = %d, want -1", n)
			}
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.NoInbox = true })
			n, err = m7a(t, m).UnreadEmailCount(ctx, model.MUAFOLDER_INBOX)
			expectHR(t, "UnreadEmailCount without an inbox", err, hresult.S_FALSE)
			if n != -1 {
				t.Errorf("count without an inbox = %d, want -1", n)
			}
		}},
	{"ContactsSortOrder/get and put", "winmessenger im-imessenger2-contactssortorder S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			want(t, "ContactsSortOrder", model.MUASORT_GROUPS)(m7a(t, m).ContactsSortOrder(ctx))
			expectHR(t, "put ONOFFLINE", m7a(t, m).SetContactsSortOrder(ctx, model.MUASORT_ONOFFLINE), hresult.S_OK)
			want(t, "ContactsSortOrder after put", model.MUASORT_ONOFFLINE)(m7a(t, m).ContactsSortOrder(ctx))
			if st := mustState(t, ctx, w); st.SortOrder != "MUASORT_ONOFFLINE" {
				t.Errorf("state sortOrder %q", st.SortOrder)
			}
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.SortOrder = "onoffline" })
			want(t, "ContactsSortOrder from the scenario", model.MUASORT_ONOFFLINE)(m7a(t, m).ContactsSortOrder(ctx))
		}},
	{"ContactsSortOrder/E_INVALIDARG, MSGR_E_NOT_LOGGED_ON, E_FAIL with the main window closed, script put E_NOTIMPL", "winmessenger im-imessenger2-contactssortorder E_INVALIDARG, MSGR_E_NOT_LOGGED_ON, E_FAIL; get scriptable, put not",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			before := snapshot7a(t, ctx, w)
			for _, s := range []model.MUASORT{-1, 2, 100} {
				expectHR(t, "put "+s.String(), m7a(t, m).SetContactsSortOrder(ctx, s), hresult.E_INVALIDARG)
			}
			_, err := m.Invoke(ctx, "ContactsSortOrder", model.DISPATCH_PROPERTYPUT, model.Array(model.I4(1)))
			expectHR(t, "put an array", err, hresult.DISP_E_TYPEMISMATCH)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			want(t, "get (script)", model.MUASORT_GROUPS)(m7a(t, s).ContactsSortOrder(ctx))
			expectHR(t, "put (script)", m7a(t, s).SetContactsSortOrder(ctx, model.MUASORT_ONOFFLINE), hresult.E_NOTIMPL)
			expectUnchanged7a(t, ctx, w, before, "refused sort order puts")
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err = m7a(t, m).ContactsSortOrder(ctx)
			expectHR(t, "get signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
			expectHR(t, "put signed out", m7a(t, m).SetContactsSortOrder(ctx, model.MUASORT_ONOFFLINE), hresult.MSGR_E_NOT_LOGGED_ON)
			mustDo(t, "SignIn", w.SignIn(ctx))
			mustDo(t, "person closes the main window", w.CloseWindow(ctx, mustMainWindow(t, ctx, m)))
			_, err = m7a(t, m).ContactsSortOrder(ctx)
			expectHR(t, "get with the main window closed", err, hresult.E_FAIL)
			expectHR(t, "put with the main window closed", m7a(t, m).SetContactsSortOrder(ctx, model.MUASORT_ONOFFLINE), hresult.E_FAIL)
			if st := mustState(t, ctx, w); st.SortOrder != "MUASORT_GROUPS" {
				t.Errorf("a refused put changed the sort order to %s", st.SortOrder)
			}
		}},
	{"GetAuthenticationInfo/signed in: who, against what, how; signed out E_FAIL", "bb758782 GetAuthenticationInfo; README decision (no documented format or values)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			info, err := m7a(t, m).GetAuthenticationInfo(ctx)
			expectHR(t, "GetAuthenticationInfo", err, hresult.S_OK)
			if want := "signinName=sip:" + alex + ";serviceId=" + svcID7a + ";authentication=NTLM"; info != want {
				t.Errorf("GetAuthenticationInfo = %q, want %q", info, want)
			}
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			_, err = m7a(t, s).GetAuthenticationInfo(ctx)
			expectHR(t, "GetAuthenticationInfo (script)", err, hresult.E_NOTIMPL)
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err = m7a(t, m).GetAuthenticationInfo(ctx)
			expectHR(t, "GetAuthenticationInfo signed out", err, hresult.E_FAIL)
		}},
	{"ResolveContact/SMTP, display name and external addresses of known people", "bb787257 ResolveContact; bb758728 ADDRESS_TYPE; README decision",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			for _, c := range []struct {
				at   model.ADDRESS_TYPE
				addr string
				want string
			}{
				{model.ADDRESS_TYPE_SMTP, "Jaya@Contoso.com", "sip:" + jaya},
				{model.ADDRESS_TYPE_SMTP, alex, "sip:" + alex},
				{model.ADDRESS_TYPE_DISPLAY_NAME, "sam lee", "sip:" + sam},
				{model.ADDRESS_TYPE_EXTERNAL, "sip:kim@fabrikam.com", "sip:" + kim},
			} {
				got, err := m7a(t, m).ResolveContact(ctx, c.at, model.CONTACT_RESOLUTION_CACHED_ONLY, c.addr)
				expectHR(t, "ResolveContact("+c.at.String()+", "+c.addr+")", err, hresult.S_OK)
				if got != c.want {
					t.Errorf("ResolveContact(%s, %q) = %q, want %q", c.at, c.addr, got, c.want)
				}
			}
			expectNoEvents(t, ctx, w, log, "CACHED_ONLY resolutions")
			r, err := m.Invoke(ctx, "ResolveContact", model.DISPATCH_METHOD, model.I4(1), model.I4(1), model.BSTR(pat))
			expectHR(t, "ResolveContact(unknown)", err, hresult.S_OK)
			if r.VT != model.VT_BSTR || !r.NullStr {
				t.Errorf("an unknown address resolved to %v, want a NULL BSTR", r)
			}
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			want(t, "ResolveContact (script)", "sip:"+jaya)(m7a(t, s).ResolveContact(ctx, model.ADDRESS_TYPE_SMTP, model.CONTACT_RESOLUTION_CACHED_ONLY, jaya))
		}},
	{"ResolveContact/CONTACT_RESOLUTION_ANY reports through OnContactResolved", "bb758813 CONTACT_RESOLUTION_ANY; OnContactResolved DISPID 1050; README decision",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) {
				s.Directory = []sim.ScenarioDirectoryEntry{{SigninName: "lee@contoso.com", Email: "lee.smith@contoso.com", DisplayName: "Lee Smith"}}
			})
			log := watch(t, ctx, m)
			for _, c := range []struct {
				at        model.ADDRESS_TYPE
				addr      string
				sync, evt string
				hr        hresult.HRESULT
			}{
				{model.ADDRESS_TYPE_SMTP, jaya, "sip:" + jaya, "sip:" + jaya, hresult.S_OK},
				{model.ADDRESS_TYPE_SMTP, "lee.smith@contoso.com", "", "sip:lee@contoso.com", hresult.S_OK},
				{model.ADDRESS_TYPE_DISPLAY_NAME, "Lee Smith", "", "sip:lee@contoso.com", hresult.S_OK},
				{model.ADDRESS_TYPE_EXTERNAL, "nobody@contoso.com", "", "", hresult.MSGR_E_USER_NOT_FOUND},
			} {
				got, err := m7a(t, m).ResolveContact(ctx, c.at, model.CONTACT_RESOLUTION_ANY, c.addr)
				expectHR(t, "ResolveContact(ANY, "+c.addr+")", err, hresult.S_OK)
				if got != c.sync {
					t.Errorf("ResolveContact(ANY, %q) = %q at once, want %q", c.addr, got, c.sync)
				}
				e := oneEvent7a(t, ctx, w, log, model.OnContactResolved)
				expectEventHR7a(t, e, c.hr)
				if e.DISPID != 1050 {
					t.Errorf("OnContactResolved DISPID %d", e.DISPID)
				}
				if a, _ := e.Param("AddressType"); a.Int != int64(c.at) {
					t.Errorf("AddressType = %v", a)
				}
				if a, _ := e.Param("bstrAddress"); a.Str != c.addr {
					t.Errorf("bstrAddress = %v", a)
				}
				if a, _ := e.Param("bstrIMAddress"); a.Str != c.evt {
					t.Errorf("bstrIMAddress = %v, want %q", a, c.evt)
				}
				log = watch(t, ctx, m)
			}
			// CACHED_ONLY does not look in the directory
			r, err := m.Invoke(ctx, "ResolveContact", model.DISPATCH_METHOD, model.I4(1), model.I4(1), model.BSTR("lee.smith@contoso.com"))
			expectHR(t, "ResolveContact(CACHED_ONLY, directory entry)", err, hresult.S_OK)
			if !r.NullStr {
				t.Errorf("CACHED_ONLY found a directory entry: %v", r)
			}
		}},
	{"ResolveContact/E_INVALIDARG arguments, E_FAIL signed out", "bb787257; README decision: the method page lists no values",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			for _, c := range []struct {
				at   model.ADDRESS_TYPE
				rt   model.CONTACT_RESOLUTION_TYPE
				addr model.Variant
			}{
				{0, 1, model.BSTR(jaya)}, {4, 1, model.BSTR(jaya)}, {1, 0, model.BSTR(jaya)}, {1, 3, model.BSTR(jaya)},
				{1, 1, model.NullBSTR()}, {1, 2, model.BSTR("")}, {2, 1, model.BSTR("   ")},
			} {
				_, err := m.Invoke(ctx, "ResolveContact", model.DISPATCH_METHOD, model.I4(int32(c.at)), model.I4(int32(c.rt)), c.addr)
				expectHR(t, "ResolveContact("+c.at.String()+", "+c.rt.String()+", "+c.addr.String()+")", err, hresult.E_INVALIDARG)
			}
			_, err := m.Invoke(ctx, "ResolveContact", model.DISPATCH_METHOD, model.I4(1), model.I4(1), model.Array(model.BSTR(jaya)))
			expectHR(t, "ResolveContact(array address)", err, hresult.DISP_E_TYPEMISMATCH)
			expectNoEvents(t, ctx, w, log, "invalid ResolveContact calls")
			mustDo(t, "SignOut", w.SignOut(ctx))
			_, err = m7a(t, m).ResolveContact(ctx, model.ADDRESS_TYPE_SMTP, model.CONTACT_RESOLUTION_ANY, jaya)
			expectHR(t, "ResolveContact signed out", err, hresult.E_FAIL)
		}},
	{"ResolveContact/an ambiguous display name resolves nobody", "README decision: ResolveContact DISPLAY_NAME",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.Contacts[1].FriendlyName = strings.ToUpper(s.Contacts[0].FriendlyName) })
			r, err := m.Invoke(ctx, "ResolveContact", model.DISPATCH_METHOD, model.I4(2), model.I4(1), model.BSTR("Jaya Rao"))
			expectHR(t, "ResolveContact(ambiguous)", err, hresult.S_OK)
			if !r.NullStr {
				t.Errorf("an ambiguous display name resolved to %v", r)
			}
		}},
}
