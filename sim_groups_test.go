package fakemessenger_test

import (
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Conformance rows of IMessenger2::MyGroups and CreateGroup,
// IMessengerGroups, IMessengerGroup and the group events, over every
// transport. The default scenario has Team = jaya and sam, Partners = kim.

func init() { rowTables["groups"] = groupRows }

const svcID7a = model.ServiceIDCommunicator

var groupRows = []conformanceRow{
	{"MyGroups/default scenario: Team and Partners with their members", "bb787223 MyGroups; bb787211 Group.Contacts; scenario groups",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			gs := mustGroups(t, ctx, m)
			want(t, "Groups.Count", int32(2))(gs.Count(ctx))
			sameStrings7a(t, "groups", groupNames7a(t, ctx, gs), []string{"Team", "Partners"})
			sameStrings7a(t, "Team", memberNames7a(t, ctx, mustGroup(t, ctx, m, "Team")), []string{jaya, sam})
			sameStrings7a(t, "Partners", memberNames7a(t, ctx, mustGroup(t, ctx, m, "Partners")), []string{kim})
			g0, err := gs.Item(ctx, 0)
			expectHR(t, "Item(0)", err, hresult.S_OK)
			if g0 != mustGroup(t, ctx, m, "Team") {
				t.Error("the same group came back as two objects")
			}
			if g0.InterfaceName() != model.IMessengerGroup {
				t.Errorf("InterfaceName = %q", g0.InterfaceName())
			}
		}},
	{"MyGroups/signed out: S_OK and an empty collection", "bb787223 remarks: not signed in, S_OK with zero members",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "SignOut", w.SignOut(ctx))
			gs := mustGroups(t, ctx, m)
			want(t, "Count", int32(0))(gs.Count(ctx))
			_, err := gs.Item(ctx, 0)
			expectHR(t, "Item(0) signed out", err, hresult.E_FAIL)
			if n := len(groupNames7a(t, ctx, gs)); n != 0 {
				t.Errorf("For Each signed out saw %d groups", n)
			}
			mustDo(t, "SignIn", w.SignIn(ctx))
			want(t, "Count after signing in again", int32(2))(gs.Count(ctx))
		}},
	{"MyGroups/groups not enabled MSGR_E_GROUPS_NOT_ENABLED", "winmessenger im-imessenger2-mygroups; bb758736; im-imessenger2-contactssortorder",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.GroupsDisabled = true })
			gs, err := m7a(t, m).MyGroups(ctx)
			expectHR(t, "MyGroups", err, hresult.MSGR_E_GROUPS_NOT_ENABLED)
			if gs != nil {
				t.Error("a failed MyGroups returned a collection")
			}
			before := snapshot7a(t, ctx, w)
			_, err = m7a(t, m).CreateGroup(ctx, "Friends", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup", err, hresult.MSGR_E_GROUPS_NOT_ENABLED)
			_, err = m7a(t, m).ContactsSortOrder(ctx)
			expectHR(t, "ContactsSortOrder get", err, hresult.MSGR_E_GROUPS_NOT_ENABLED)
			expectHR(t, "ContactsSortOrder put", m7a(t, m).SetContactsSortOrder(ctx, model.MUASORT_ONOFFLINE), hresult.MSGR_E_GROUPS_NOT_ENABLED)
			expectUnchanged7a(t, ctx, w, before, "calls without groups")
		}},
	{"MyGroups/E_OUTOFMEMORY by fault", "winmessenger im-imessenger2-mygroups E_OUTOFMEMORY 'error building the list'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectFault7a(t, ctx, w, "", "MyGroups", hresult.E_OUTOFMEMORY, func() error { _, err := m7a(t, m).MyGroups(ctx); return err })
		}},
	{"CreateGroup/creates the group and fires OnGroupAdded S_OK", "bb758736 S_OK; OnGroupAdded (bb758720, winmessenger ongroupadded)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			g, err := m7a(t, m).CreateGroup(ctx, "  Friends ", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup", err, hresult.S_OK)
			want(t, "Name (trimmed)", "Friends")(g.Name(ctx))
			e := oneEvent7a(t, ctx, w, log, model.OnGroupAdded)
			expectEventHR7a(t, e, hresult.S_OK)
			if evGroup7a(e) != g {
				t.Error("OnGroupAdded's pMGroup is not the group CreateGroup returned")
			}
			sameStrings7a(t, "groups", groupNames7a(t, ctx, mustGroups(t, ctx, m)), []string{"Team", "Partners", "Friends"})
			if n := len(memberNames7a(t, ctx, g)); n != 0 {
				t.Errorf("a new group has %d members", n)
			}
			if st := mustState(t, ctx, w); len(st.Groups) != 3 || st.Groups[2].Name != "Friends" {
				t.Errorf("state groups %+v", st.Groups)
			}
		}},
	{"CreateGroup/the service ID compares as a GUID", "issue 7: MyServiceId compared case-insensitively, with or without braces",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			bare := strings.ToLower(strings.Trim(svcID7a, "{}"))
			for i, id := range []string{strings.ToLower(svcID7a), bare, "{" + strings.ToUpper(bare) + "}"} {
				name := "G" + string(rune('a'+i))
				_, err := m7a(t, m).CreateGroup(ctx, name, model.BSTR(id))
				expectHR(t, "CreateGroup with service "+id, err, hresult.S_OK)
			}
		}},
	{"CreateGroup/existing name: OnGroupAdded MSGR_E_GROUP_ALREADY_EXISTS", "winmessenger ongroupadded hr MSGR_E_GROUP_ALREADY_EXISTS; bb758736 remarks: the name is looked up first",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			log := watch(t, ctx, m)
			g, err := m7a(t, m).CreateGroup(ctx, " team ", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup(existing)", err, hresult.S_OK)
			if g != team {
				t.Error("CreateGroup of an existing name did not return that group")
			}
			e := oneEvent7a(t, ctx, w, log, model.OnGroupAdded)
			expectEventHR7a(t, e, hresult.MSGR_E_GROUP_ALREADY_EXISTS)
			if evGroup7a(e) != team {
				t.Error("OnGroupAdded's pMGroup is not the existing group")
			}
			want(t, "Count", int32(2))(mustGroups(t, ctx, m).Count(ctx))
		}},
	{"CreateGroup/NULL bstrName E_POINTER", "bb758736 E_POINTER 'bstrName is NULL'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			before := snapshot7a(t, ctx, w)
			_, err := m.Invoke(ctx, "CreateGroup", model.DISPATCH_METHOD, model.NullBSTR(), model.BSTR(svcID7a))
			expectHR(t, "CreateGroup(NULL)", err, hresult.E_POINTER)
			expectUnchanged7a(t, ctx, w, before, "CreateGroup(NULL)")
		}},
	{"CreateGroup/E_INVALIDARG names and services", "bb758736 E_INVALIDARG: empty/all spaces, CR/LF, vService NULL/too long/not VT_BSTR",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			before := snapshot7a(t, ctx, w)
			for _, name := range []string{"", "   ", "a\rb", "a\nb"} {
				_, err := m7a(t, m).CreateGroup(ctx, name, model.BSTR(svcID7a))
				expectHR(t, "CreateGroup("+name+")", err, hresult.E_INVALIDARG)
			}
			for _, svc := range []model.Variant{model.NullBSTR(), model.BSTR(""), model.BSTR("  "), model.BSTR(svcID7a + "\n"),
				model.BSTR(svcID7a + "x"), model.BSTR("{00000000-0000-0000-0000-000000000000}"), model.I4(1), model.Empty(),
				model.Dispatched(m), model.Array(model.BSTR(svcID7a))} {
				_, err := m7a(t, m).CreateGroup(ctx, "Friends", svc)
				expectHR(t, "CreateGroup(vService "+svc.String()+")", err, hresult.E_INVALIDARG)
			}
			expectUnchanged7a(t, ctx, w, before, "invalid CreateGroup calls")
		}},
	{"CreateGroup/tab or control character MSGR_E_BAD_GROUP_NAME", "bb758736 MSGR_E_BAD_GROUP_NAME 'CR, LF, tab or non-printable'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			before := snapshot7a(t, ctx, w)
			for _, name := range []string{"a\tb", "bell\x07", "nul\x00x"} {
				_, err := m7a(t, m).CreateGroup(ctx, name, model.BSTR(svcID7a))
				expectHR(t, "CreateGroup("+name+")", err, hresult.MSGR_E_BAD_GROUP_NAME)
			}
			expectUnchanged7a(t, ctx, w, before, "bad group names")
		}},
	{"CreateGroup/name over the limit MSGR_E_GROUP_NAME_TOO_LONG", "bb758736 MSGR_E_GROUP_NAME_TOO_LONG; README decision: 64 characters",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			before := snapshot7a(t, ctx, w)
			_, err := m7a(t, m).CreateGroup(ctx, strings.Repeat("x", sim.MaxGroupNameLen+1), model.BSTR(svcID7a))
			expectHR(t, "CreateGroup(65 characters)", err, hresult.MSGR_E_GROUP_NAME_TOO_LONG)
			expectUnchanged7a(t, ctx, w, before, "a too long name")
			_, err = m7a(t, m).CreateGroup(ctx, " "+strings.Repeat("x", sim.MaxGroupNameLen)+" ", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup(64 characters, padded)", err, hresult.S_OK)
		}},
	{"CreateGroup/signed out MSGR_E_NOT_LOGGED_ON", "bb758736 MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "SignOut", w.SignOut(ctx))
			before := snapshot7a(t, ctx, w)
			_, err := m7a(t, m).CreateGroup(ctx, "Friends", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup signed out", err, hresult.MSGR_E_NOT_LOGGED_ON)
			_, err = m7a(t, m).CreateGroup(ctx, "a\tb", model.BSTR(svcID7a))
			expectHR(t, "a bad name is reported before the sign-in", err, hresult.MSGR_E_BAD_GROUP_NAME)
			expectUnchanged7a(t, ctx, w, before, "CreateGroup signed out")
		}},
	{"CreateGroup/past the group limit MSGR_E_TOO_MANY_GROUPS", "msgrua.h MSGR_E_TOO_MANY_GROUPS; README decision: 64 groups",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for i := 2; i < sim.MaxGroups; i++ {
				_, err := m7a(t, m).CreateGroup(ctx, "G"+strings.Repeat("x", i), model.BSTR(svcID7a))
				expectHR(t, "CreateGroup under the limit", err, hresult.S_OK)
			}
			log := watch(t, ctx, m)
			before := snapshot7a(t, ctx, w)
			g, err := m7a(t, m).CreateGroup(ctx, "One too many", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup over the limit", err, hresult.MSGR_E_TOO_MANY_GROUPS)
			if g != nil {
				t.Error("a failed CreateGroup returned a group")
			}
			expectUnchanged7a(t, ctx, w, before, "CreateGroup over the limit")
			expectNoEvents(t, ctx, w, log, "CreateGroup over the limit")
			// an existing name is still found at the limit
			_, err = m7a(t, m).CreateGroup(ctx, "Team", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup(existing) at the limit", err, hresult.S_OK)
		}},
	{"CreateGroup/script caller E_NOTIMPL", "bb787216: CreateGroup Not scriptable",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			_, err := m7a(t, s).CreateGroup(ctx, "Friends", model.BSTR(svcID7a))
			expectHR(t, "CreateGroup from a script", err, hresult.E_NOTIMPL)
			gs, err := m7a(t, s).MyGroups(ctx)
			expectHR(t, "MyGroups from a script (scriptable get)", err, hresult.S_OK)
			_, err = gs.Count(ctx)
			expectHR(t, "Groups.Count from a script", err, hresult.E_NOTIMPL)
		}},
	{"Groups.Item/negative E_INVALIDARG, past the end E_FAIL", "bb787256 E_INVALIDARG (not a positive integer), E_FAIL (index >= length)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			gs := mustGroups(t, ctx, m)
			_, err := gs.Item(ctx, -1)
			expectHR(t, "Item(-1)", err, hresult.E_INVALIDARG)
			_, err = gs.Item(ctx, 2)
			expectHR(t, "Item(Count)", err, hresult.E_FAIL)
			_, err = gs.Invoke(ctx, "Item", model.DISPATCH_METHOD|model.DISPATCH_PROPERTYGET, model.Array(model.I4(0)))
			expectHR(t, "Item(array)", err, hresult.DISP_E_TYPEMISMATCH)
			_, err = gs.Invoke(ctx, "Item", model.DISPATCH_METHOD)
			expectHR(t, "Item()", err, hresult.DISP_E_BADPARAMCOUNT)
		}},
	{"Groups.Remove/deletes the group, OnGroupRemoved S_OK, contacts stay", "bb758763 S_OK; bb758753 OnGroupRemoved S_OK; bb758720 contacts stay",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			gs, team := mustGroups(t, ctx, m), mustGroup(t, ctx, m, "Team")
			log := watch(t, ctx, m)
			expectHR(t, "Remove(Team)", gs.Remove(ctx, team), hresult.S_OK)
			e := oneEvent7a(t, ctx, w, log, model.OnGroupRemoved)
			expectEventHR7a(t, e, hresult.S_OK)
			if evGroup7a(e) != team {
				t.Error("OnGroupRemoved's pMGroup is not the removed group")
			}
			sameStrings7a(t, "groups", groupNames7a(t, ctx, gs), []string{"Partners"})
			sameStrings7a(t, "contact list", contactNames(t, ctx, mustMyContacts(t, ctx, m)), []string{jaya, sam, kim})
			// the stale group: its name stays readable, it has no members
			want(t, "Name of the deleted group", "Team")(team.Name(ctx))
			if n := len(memberNames7a(t, ctx, team)); n != 0 {
				t.Errorf("the deleted group still shows %d members", n)
			}
		}},
	{"Groups.Remove/a deleted group: OnGroupRemoved MSGR_E_GROUP_DOES_NOT_EXIST", "bb758753 hr MSGR_E_GROUP_DOES_NOT_EXIST; README decision",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			gs, team := mustGroups(t, ctx, m), mustGroup(t, ctx, m, "Team")
			mustDo(t, "person deletes Team", w.(groupsWorld).DeleteGroupAsPerson(ctx, "Team"))
			drain(t, ctx, w)
			log := watch(t, ctx, m)
			expectHR(t, "Remove(deleted group)", gs.Remove(ctx, team), hresult.S_OK)
			e := oneEvent7a(t, ctx, w, log, model.OnGroupRemoved)
			expectEventHR7a(t, e, hresult.MSGR_E_GROUP_DOES_NOT_EXIST)
			want(t, "Count", int32(1))(gs.Count(ctx))
		}},
	{"Groups.Remove/NULL E_POINTER, not a group E_FAIL, script E_NOTIMPL", "bb758763 E_POINTER, E_FAIL (not in the collection), E_NOTIMPL (scripting)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			gs := mustGroups(t, ctx, m)
			log := watch(t, ctx, m)
			before := snapshot7a(t, ctx, w)
			expectHR(t, "Remove(nil)", gs.Remove(ctx, nil), hresult.E_POINTER)
			_, err := gs.Invoke(ctx, "Remove", model.DISPATCH_METHOD, model.Dispatched(mustContact(t, ctx, m, jaya)))
			expectHR(t, "Remove(a contact)", err, hresult.E_FAIL)
			other := mustNewMessenger(t, ctx, w, model.CallerCompiled)
			if _, ok := w.(*inProcess); ok {
				// a group of another world is foreign, not in the collection
				foreign := mustGroup(t, ctx, sim.RunT(t, sim.WithoutLifetimeChecks()), "Team")
				expectHR(t, "Remove(another world's group)", gs.Remove(ctx, foreign), hresult.E_FAIL)
			}
			// a group held by another client of the same world is the same group
			team2 := mustGroup(t, ctx, other, "Partners")
			expectHR(t, "Release", team2.Release(ctx), hresult.S_OK)
			expectHR(t, "Remove(a released group)", gs.Remove(ctx, team2), hresult.E_FAIL)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			sg, err := m7a(t, s).MyGroups(ctx)
			expectHR(t, "MyGroups (script)", err, hresult.S_OK)
			expectHR(t, "Remove from a script", sg.Remove(ctx, mustGroup(t, ctx, m, "Team")), hresult.E_NOTIMPL)
			otherTeam := mustGroup(t, ctx, other, "Team")
			mustDo(t, "SignOut", w.SignOut(ctx))
			expectHR(t, "Remove signed out", gs.Remove(ctx, otherTeam), hresult.E_FAIL)
			mustDo(t, "SignIn", w.SignIn(ctx))
			drain(t, ctx, w)
			before.events = mustState(t, ctx, w).Events
			expectUnchanged7a(t, ctx, w, before, "rejected Removes")
			if n := len(log.named(model.OnGroupRemoved)); n != 0 {
				t.Errorf("rejected Removes raised %d OnGroupRemoved", n)
			}
		}},
	{"Groups.Remove/\"Other Contacts\" MSGR_E_CANNOT_DELETE", "bb758763 MSGR_E_CANNOT_DELETE: the Other Contacts group is read-only",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) { s.Groups = append(s.Groups, sim.OtherContactsGroup) })
			other := mustGroup(t, ctx, m, sim.OtherContactsGroup)
			before := snapshot7a(t, ctx, w)
			expectHR(t, "Remove(Other Contacts)", mustGroups(t, ctx, m).Remove(ctx, other), hresult.MSGR_E_CANNOT_DELETE)
			expectHR(t, "rename Other Contacts", other.SetName(ctx, "Others"), hresult.E_FAIL)
			expectUnchanged7a(t, ctx, w, before, "Remove(Other Contacts)")
			if err := w.(groupsWorld).DeleteGroupAsPerson(ctx, sim.OtherContactsGroup); err == nil {
				t.Error("the person deleted Other Contacts")
			}
		}},
	{"Group.Name/put renames, OnGroupNameChanged S_OK", "bb758716 Name; bb758721 OnGroupNameChanged S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			log := watch(t, ctx, m)
			expectHR(t, "Name put", team.SetName(ctx, " Core team "), hresult.S_OK)
			e := oneEvent7a(t, ctx, w, log, model.OnGroupNameChanged)
			expectEventHR7a(t, e, hresult.S_OK)
			if evGroup7a(e) != team {
				t.Error("OnGroupNameChanged's pMGroup is not the renamed group")
			}
			want(t, "Name", "Core team")(team.Name(ctx))
			sameStrings7a(t, "groups", groupNames7a(t, ctx, mustGroups(t, ctx, m)), []string{"Core team", "Partners"})
		}},
	{"Group.Name/refused names: OnGroupNameChanged hr, name unchanged", "bb758721 hr MSGR_E_GROUP_NAME_TOO_LONG, MSGR_E_BAD_GROUP_NAME; README decision for a taken name",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			for _, c := range []struct {
				name string
				hr   hresult.HRESULT
			}{
				{strings.Repeat("n", sim.MaxGroupNameLen+1), hresult.MSGR_E_GROUP_NAME_TOO_LONG},
				{"a\tb", hresult.MSGR_E_BAD_GROUP_NAME},
				{"  ", hresult.MSGR_E_BAD_GROUP_NAME},
				{"a\nb", hresult.MSGR_E_BAD_GROUP_NAME},
				{"partners", hresult.MSGR_E_GROUP_ALREADY_EXISTS},
			} {
				log := watch(t, ctx, m)
				before := mustState(t, ctx, w).Groups
				expectHR(t, "Name put "+c.name, team.SetName(ctx, c.name), hresult.S_OK)
				expectEventHR7a(t, oneEvent7a(t, ctx, w, log, model.OnGroupNameChanged), c.hr)
				want(t, "Name after a refused rename", "Team")(team.Name(ctx))
				if after := mustState(t, ctx, w).Groups; after[0].Name != before[0].Name {
					t.Errorf("a refused rename changed the state: %+v", after)
				}
			}
		}},
	{"Group.Name/put on a deleted group E_FAIL, signed out E_FAIL, script E_NOTIMPL", "README decision: Name put on a stale group; bb758745 Not scriptable",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team, partners := mustGroup(t, ctx, m, "Team"), mustGroup(t, ctx, m, "Partners")
			mustDo(t, "person deletes Team", w.(groupsWorld).DeleteGroupAsPerson(ctx, "Team"))
			before := snapshot7a(t, ctx, w)
			expectHR(t, "Name put on a deleted group", team.SetName(ctx, "Again"), hresult.E_FAIL)
			mustDo(t, "SignOut", w.SignOut(ctx))
			before = snapshot7a(t, ctx, w)
			expectHR(t, "Name put signed out", partners.SetName(ctx, "Others"), hresult.E_FAIL)
			expectUnchanged7a(t, ctx, w, before, "rejected renames")
			mustDo(t, "SignIn", w.SignIn(ctx))
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			gs, err := m7a(t, s).MyGroups(ctx)
			expectHR(t, "MyGroups (script)", err, hresult.S_OK)
			_, err = gs.Item(ctx, 0)
			expectHR(t, "Groups.Item from a script", err, hresult.E_NOTIMPL)
		}},
	{"Group.Name/E_OUTOFMEMORY and Contacts E_OUTOFMEMORY by fault", "bb758716 E_OUTOFMEMORY; bb787211 E_OUTOFMEMORY",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			expectFault7a(t, ctx, w, model.IMessengerGroup, "Name", hresult.E_OUTOFMEMORY, func() error { _, err := team.Name(ctx); return err })
			expectFault7a(t, ctx, w, model.IMessengerGroup, "Contacts", hresult.E_OUTOFMEMORY, func() error { _, err := team.Contacts(ctx); return err })
		}},
	{"Group.AddContact/adds a listed contact, OnContactAddedToGroup S_OK", "bb758792 S_OK; OnContactAddedToGroup (winmessenger) S_OK",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			partners := mustGroup(t, ctx, m, "Partners")
			log := watch(t, ctx, m)
			expectHR(t, "AddContact(jaya by name)", partners.AddContact(ctx, model.BSTR("JAYA@contoso.com")), hresult.S_OK)
			e := oneEvent7a(t, ctx, w, log, model.OnContactAddedToGroup)
			expectEventHR7a(t, e, hresult.S_OK)
			if evGroup7a(e) != partners || e.Contact() != mustContact(t, ctx, m, jaya) {
				t.Error("OnContactAddedToGroup names the wrong group or contact")
			}
			sameStrings7a(t, "Partners", memberNames7a(t, ctx, partners), []string{kim, jaya})
			// a contact may be in several groups: jaya is still in Team
			sameStrings7a(t, "Team", memberNames7a(t, ctx, mustGroup(t, ctx, m, "Team")), []string{jaya, sam})
			expectHR(t, "AddContact(sam by object)", partners.AddContact(ctx, model.Dispatched(mustContact(t, ctx, m, sam))), hresult.S_OK)
			sameStrings7a(t, "Partners", memberNames7a(t, ctx, partners), []string{kim, jaya, sam})
			// already a member: S_OK and S_OK again, nothing doubles
			expectHR(t, "AddContact(kim) again", partners.AddContact(ctx, model.BSTR(kim)), hresult.S_OK)
			sameStrings7a(t, "Partners", memberNames7a(t, ctx, partners), []string{kim, jaya, sam})
		}},
	{"Group.AddContact/E_INVALIDARG arguments", "bb758792 E_INVALIDARG: NULL, NULL string, leading space, over 129, CR/LF",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			log := watch(t, ctx, m)
			before := snapshot7a(t, ctx, w)
			for _, v := range []model.Variant{model.Empty(), model.Null(), model.NullBSTR(), model.BSTR(""), model.BSTR(" kim@fabrikam.com"),
				model.BSTR(name130), model.BSTR("kim@fab\nrikam.com"), model.I4(3), model.Dispatched(nil), model.Dispatched(team),
				model.Array(model.BSTR(kim))} {
				expectHR(t, "AddContact("+v.String()+")", team.AddContact(ctx, v), hresult.E_INVALIDARG)
				expectHR(t, "RemoveContact("+v.String()+")", team.RemoveContact(ctx, v), hresult.E_INVALIDARG)
			}
			expectUnchanged7a(t, ctx, w, before, "invalid AddContact/RemoveContact")
			expectNoEvents(t, ctx, w, log, "invalid AddContact/RemoveContact")
		}},
	{"Group.AddContact/signed out MSGR_E_NOT_LOGGED_ON, self E_FAIL, unknown MSGR_E_USER_NOT_FOUND", "bb758792 MSGR_E_NOT_LOGGED_ON, E_FAIL, MSGR_E_USER_NOT_FOUND",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			before := snapshot7a(t, ctx, w)
			expectHR(t, "AddContact(self)", team.AddContact(ctx, model.BSTR(alex)), hresult.E_FAIL)
			expectHR(t, "RemoveContact(self)", team.RemoveContact(ctx, model.BSTR(alex)), hresult.E_FAIL)
			expectHR(t, "AddContact(not listed)", team.AddContact(ctx, model.BSTR(pat)), hresult.MSGR_E_USER_NOT_FOUND)
			expectHR(t, "RemoveContact(not listed)", team.RemoveContact(ctx, model.BSTR(pat)), hresult.MSGR_E_USER_NOT_FOUND)
			expectUnchanged7a(t, ctx, w, before, "rejected AddContact")
			mustDo(t, "SignOut", w.SignOut(ctx))
			before = snapshot7a(t, ctx, w)
			expectHR(t, "AddContact signed out", team.AddContact(ctx, model.BSTR(kim)), hresult.MSGR_E_NOT_LOGGED_ON)
			expectHR(t, "RemoveContact signed out", team.RemoveContact(ctx, model.BSTR(jaya)), hresult.MSGR_E_NOT_LOGGED_ON)
			expectUnchanged7a(t, ctx, w, before, "AddContact signed out")
		}},
	{"Group.AddContact/a contact not on the list: OnContactAddedToGroup MSGR_E_USER_NOT_FOUND", "winmessenger oncontactaddedtogroup hr MSGR_E_USER_NOT_FOUND; README decision",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			loose := mustContact(t, ctx, m, pat)
			log := watch(t, ctx, m)
			expectHR(t, "AddContact(loose contact)", team.AddContact(ctx, model.Dispatched(loose)), hresult.S_OK)
			expectEventHR7a(t, oneEvent7a(t, ctx, w, log, model.OnContactAddedToGroup), hresult.MSGR_E_USER_NOT_FOUND)
			expectHR(t, "RemoveContact(loose contact)", team.RemoveContact(ctx, model.Dispatched(loose)), hresult.S_OK)
			expectEventHR7a(t, oneEvent7a(t, ctx, w, log, model.OnContactRemovedFromGroup), hresult.MSGR_E_USER_NOT_FOUND)
			sameStrings7a(t, "Team", memberNames7a(t, ctx, team), []string{jaya, sam})
		}},
	{"Group.AddContact/RemoveContact on a deleted group: MSGR_E_GROUP_DOES_NOT_EXIST", "OnContactAddedToGroup / bb787237 OnContactRemovedFromGroup hr MSGR_E_GROUP_DOES_NOT_EXIST",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			mustDo(t, "person deletes Team", w.(groupsWorld).DeleteGroupAsPerson(ctx, "Team"))
			drain(t, ctx, w)
			log := watch(t, ctx, m)
			expectHR(t, "AddContact on a deleted group", team.AddContact(ctx, model.BSTR(kim)), hresult.S_OK)
			e := oneEvent7a(t, ctx, w, log, model.OnContactAddedToGroup)
			expectEventHR7a(t, e, hresult.MSGR_E_GROUP_DOES_NOT_EXIST)
			if evGroup7a(e) != team {
				t.Error("pMGroup is not the deleted group")
			}
			expectHR(t, "RemoveContact on a deleted group", team.RemoveContact(ctx, model.BSTR(jaya)), hresult.S_OK)
			expectEventHR7a(t, oneEvent7a(t, ctx, w, log, model.OnContactRemovedFromGroup), hresult.MSGR_E_GROUP_DOES_NOT_EXIST)
			if st := mustState(t, ctx, w); len(st.Groups) != 1 {
				t.Errorf("state groups %+v, want Partners only", st.Groups)
			}
		}},
	{"Group.RemoveContact/removes a member, OnContactRemovedFromGroup S_OK", "bb787237 OnContactRemovedFromGroup S_OK; bb758759 the contact stays listed",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			log := watch(t, ctx, m)
			expectHR(t, "RemoveContact(sam)", team.RemoveContact(ctx, model.Dispatched(mustContact(t, ctx, m, sam))), hresult.S_OK)
			e := oneEvent7a(t, ctx, w, log, model.OnContactRemovedFromGroup)
			expectEventHR7a(t, e, hresult.S_OK)
			if evGroup7a(e) != team || e.Contact() != mustContact(t, ctx, m, sam) {
				t.Error("OnContactRemovedFromGroup names the wrong group or contact")
			}
			sameStrings7a(t, "Team", memberNames7a(t, ctx, team), []string{jaya})
			sameStrings7a(t, "contact list", contactNames(t, ctx, mustMyContacts(t, ctx, m)), []string{jaya, sam, kim})
		}},
	{"Group.RemoveContact/not a member: OnContactRemovedFromGroup MSGR_E_USER_NOT_GROUP_MEMBER", "bb787237 hr MSGR_E_USER_NOT_GROUP_MEMBER",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			team := mustGroup(t, ctx, m, "Team")
			log := watch(t, ctx, m)
			expectHR(t, "RemoveContact(kim)", team.RemoveContact(ctx, model.BSTR(kim)), hresult.S_OK)
			expectEventHR7a(t, oneEvent7a(t, ctx, w, log, model.OnContactRemovedFromGroup), hresult.MSGR_E_USER_NOT_GROUP_MEMBER)
			sameStrings7a(t, "Team", memberNames7a(t, ctx, team), []string{jaya, sam})
		}},
	{"Group/script caller E_NOTIMPL on every member", "bb758745: AddContact, RemoveContact, Contacts, Name Not scriptable; Service Not supported",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			// a script meets a group through an event
			slog := watch(t, ctx, s)
			mustDo(t, "person creates a group", w.(groupsWorld).CreateGroupAsPerson(ctx, "Friends"))
			g := evGroup7a(oneEvent7a(t, ctx, w, slog, model.OnGroupAdded))
			if g == nil {
				t.Fatal("OnGroupAdded carried no group")
			}
			_, err := g.Name(ctx)
			expectHR(t, "Name (script)", err, hresult.E_NOTIMPL)
			_, err = g.Contacts(ctx)
			expectHR(t, "Contacts (script)", err, hresult.E_NOTIMPL)
			expectHR(t, "AddContact (script)", g.AddContact(ctx, model.BSTR(kim)), hresult.E_NOTIMPL)
			expectHR(t, "RemoveContact (script)", g.RemoveContact(ctx, model.BSTR(kim)), hresult.E_NOTIMPL)
			_, err = mustGroup(t, ctx, m, "Team").Invoke(ctx, "Service", model.DISPATCH_PROPERTYGET)
			expectHR(t, "Service (compiled)", err, hresult.E_NOTIMPL)
		}},
	{"Groups/a group's Contacts is a read-only IMessengerContacts", "bb787211; bb758746 Remove E_FAIL for a collection it does not apply to",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cs, err := mustGroup(t, ctx, m, "Team").Contacts(ctx)
			expectHR(t, "Contacts", err, hresult.S_OK)
			if cs.InterfaceName() != model.IMessengerContacts {
				t.Errorf("Group.Contacts presents %q", cs.InterfaceName())
			}
			before := snapshot7a(t, ctx, w)
			expectHR(t, "Remove on a group's Contacts", cs.Remove(ctx, mustContact(t, ctx, m, jaya)), hresult.E_FAIL)
			expectUnchanged7a(t, ctx, w, before, "Remove on a group's Contacts")
			_, err = cs.Item(ctx, 2)
			expectHR(t, "Item(2)", err, hresult.E_FAIL)
			// a contact removed from the list leaves its groups
			expectHR(t, "MyContacts.Remove(sam)", mustMyContacts(t, ctx, m).Remove(ctx, mustContact(t, ctx, m, sam)), hresult.S_OK)
			want(t, "Team members after sam left the list", int32(1))(cs.Count(ctx))
		}},
	{"Person/group actions fire every group event", "issue 7 section 3: the person causes every event; bb758720",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			gw := w.(groupsWorld)
			log := watch(t, ctx, m)
			mustDo(t, "create", gw.CreateGroupAsPerson(ctx, "Friends"))
			mustDo(t, "rename", gw.RenameGroupAsPerson(ctx, "friends", "Pals"))
			mustDo(t, "add", gw.AddContactToGroupAsPerson(ctx, "Pals", kim))
			mustDo(t, "move", gw.MoveContactToGroupAsPerson(ctx, "Team", "Pals", sam))
			mustDo(t, "remove", gw.RemoveContactFromGroupAsPerson(ctx, "Pals", kim))
			mustDo(t, "delete", gw.DeleteGroupAsPerson(ctx, "Partners"))
			drain(t, ctx, w)
			sameStrings7a(t, "events", eventNames(log.events()), []string{model.OnGroupAdded, model.OnGroupNameChanged,
				model.OnContactAddedToGroup, model.OnContactRemovedFromGroup, model.OnContactAddedToGroup,
				model.OnContactRemovedFromGroup, model.OnGroupRemoved})
			for _, e := range log.events() {
				expectEventHR7a(t, e, hresult.S_OK)
				if evGroup7a(e) == nil {
					t.Errorf("%s without a group", e.Name)
				}
			}
			st := mustState(t, ctx, w)
			if len(st.Groups) != 2 || st.Groups[0].Name != "Team" || st.Groups[1].Name != "Pals" {
				t.Fatalf("state groups %+v", st.Groups)
			}
			sameStrings7a(t, "Team", st.Groups[0].Members, []string{jaya})
			sameStrings7a(t, "Pals", st.Groups[1].Members, []string{sam})
			// the person's mistakes are errors and change nothing
			before := snapshot7a(t, ctx, w)
			for what, err := range map[string]error{
				"create existing":   gw.CreateGroupAsPerson(ctx, "team"),
				"create bad name":   gw.CreateGroupAsPerson(ctx, "a\tb"),
				"rename unknown":    gw.RenameGroupAsPerson(ctx, "Nope", "X"),
				"rename to taken":   gw.RenameGroupAsPerson(ctx, "Team", "pals"),
				"delete unknown":    gw.DeleteGroupAsPerson(ctx, "Nope"),
				"add unlisted":      gw.AddContactToGroupAsPerson(ctx, "Team", pat),
				"add member":        gw.AddContactToGroupAsPerson(ctx, "Team", jaya),
				"remove non-member": gw.RemoveContactFromGroupAsPerson(ctx, "Team", kim),
				"move same group":   gw.MoveContactToGroupAsPerson(ctx, "Team", "team", jaya),
				"move non-member":   gw.MoveContactToGroupAsPerson(ctx, "Team", "Pals", kim),
			} {
				if err == nil {
					t.Errorf("person %s: no error", what)
				}
			}
			expectUnchanged7a(t, ctx, w, before, "the person's refused group actions")
			mustDo(t, "SignOut", w.SignOut(ctx))
			if err := gw.CreateGroupAsPerson(ctx, "Offline"); err == nil {
				t.Error("the person created a group while signed out")
			}
		}},
	{"Scenario/groups and membership seed the world", "issue 7 section 4: scenarios set groups and membership",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			loadScenario7a(t, ctx, w, func(s *sim.Scenario) {
				s.Groups = []string{"Family", "Work"}
				s.Contacts[0].Groups = []string{"Work", "Family"}
				s.Contacts[1].Groups = nil
				s.Contacts[2].Groups = []string{"Work"}
			})
			sameStrings7a(t, "groups", groupNames7a(t, ctx, mustGroups(t, ctx, m)), []string{"Family", "Work"})
			sameStrings7a(t, "Work", memberNames7a(t, ctx, mustGroup(t, ctx, m, "Work")), []string{jaya, kim})
			sameStrings7a(t, "Family", memberNames7a(t, ctx, mustGroup(t, ctx, m, "Family")), []string{jaya})
			for what, edit := range map[string]func(*sim.Scenario){
				"case-insensitive repeat": func(s *sim.Scenario) { s.Groups = []string{"Team", "team"} },
				"tab":                     func(s *sim.Scenario) { s.Groups = []string{"a\tb"} },
				"too long":                func(s *sim.Scenario) { s.Groups = []string{strings.Repeat("g", 65)} },
				"unknown member group":    func(s *sim.Scenario) { s.Contacts[0].Groups = []string{"Nope"} },
				"bad sort order":          func(s *sim.Scenario) { s.SortOrder = "MUASORT_NAME" },
				"negative unread":         func(s *sim.Scenario) { s.UnreadEmail = -1 },
			} {
				s := sim.DefaultScenario()
				edit(&s)
				if err := load7a(ctx, w, s); err == nil {
					t.Errorf("a scenario with %s loaded", what)
				}
			}
		}},
}
