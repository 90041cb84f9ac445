package fakemessenger_test

import (
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// IMessengerContact::Property(MCONTACTPROP_GROUPS_PROPERTY): the groups a
// contact belongs to, as an IMessengerGroups (the Windows Messenger page's
// example; scriptable read-only for this property).
var contactGroupRows = []conformanceRow{
	{"Contact.Property/MCONTACTPROP_GROUPS_PROPERTY is an IMessengerGroups of the contact's groups", "wm:im-imessengercontact-property (example and remarks)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, tc := range []struct {
				who  string
				want []string
			}{{jaya, []string{"Team"}}, {kim, []string{"Partners"}}, {pat, nil}} {
				c, err := m.GetContact(ctx, tc.who, "")
				expectHR(t, "GetContact", err, hresult.S_OK)
				v, err := c.Property(ctx, model.MCONTACTPROP_GROUPS_PROPERTY)
				expectHR(t, "Property(GROUPS)", err, hresult.S_OK)
				gs, ok := v.Obj.(model.Groups)
				if v.VT != model.VT_DISPATCH || !ok {
					t.Fatalf("Property(GROUPS) of %s = %v, want an IMessengerGroups", tc.who, v)
				}
				sameStrings7a(t, tc.who+"'s groups", groupNames7a(t, ctx, gs), tc.want)
				n, err := gs.Count(ctx)
				expectHR(t, "Count", err, hresult.S_OK)
				if int(n) != len(tc.want) {
					t.Errorf("%s's groups Count = %d, want %d", tc.who, n, len(tc.want))
				}
				again, _ := c.Property(ctx, model.MCONTACTPROP_GROUPS_PROPERTY)
				if again.Obj != v.Obj {
					t.Errorf("a second Property(GROUPS) gave another object")
				}
			}
		}},
	{"Contact.Property/a contact's groups follow membership and cannot be changed through it", "wm:im-imessengercontact-property; bb758763 (Remove E_FAIL: not in the collection)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c, err := m.GetContact(ctx, jaya, "")
			expectHR(t, "GetContact", err, hresult.S_OK)
			v, err := c.Property(ctx, model.MCONTACTPROP_GROUPS_PROPERTY)
			expectHR(t, "Property(GROUPS)", err, hresult.S_OK)
			gs := v.Obj.(model.Groups)
			partners := mustGroup(t, ctx, m, "Partners")
			expectHR(t, "Partners.AddContact(jaya)", partners.AddContact(ctx, model.BSTR(jaya)), hresult.S_OK)
			drain(t, ctx, w)
			sameStrings7a(t, "jaya's groups after joining Partners", groupNames7a(t, ctx, gs), []string{"Team", "Partners"})
			before := mustState(t, ctx, w)
			expectHR(t, "Remove through a contact's groups", gs.Remove(ctx, partners), hresult.E_FAIL)
			if after := mustState(t, ctx, w); len(after.Groups) != len(before.Groups) {
				t.Errorf("a refused Remove deleted a group: %d -> %d", len(before.Groups), len(after.Groups))
			}
		}},
}

var contactGroupOptionRows = []struct {
	conformanceRow
	opts []sim.Option
}{
	{conformanceRow{"Contact.Property/MCONTACTPROP_GROUPS_PROPERTY E_FAIL when the service has no groups", "wm:im-imessengercontact-property; README decision",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			c, err := m.GetContact(ctx, jaya, "")
			expectHR(t, "GetContact", err, hresult.S_OK)
			_, err = c.Property(ctx, model.MCONTACTPROP_GROUPS_PROPERTY)
			expectHR(t, "Property(GROUPS) without groups", err, hresult.E_FAIL)
		}}, []sim.Option{sim.WithScenario(groupsDisabledScenario())}},
}

func groupsDisabledScenario() sim.Scenario {
	s := sim.DefaultScenario()
	s.GroupsDisabled = true
	return s
}

func init() {
	rowTables["contact-groups"] = contactGroupRows
	withOptions = append(withOptions, contactGroupOptionRows...)
}
