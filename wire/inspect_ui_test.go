package wire_test

import (
	"encoding/json"
	"testing"

	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// The inspector's snapshot carries what the person answers on the page:
// the dialogs a client opened, the contact picker, the call policy, the
// contacts' details and the inbox; and a group an event names is shown
// as that group.
func TestInspectShowsDialogsPickerPolicyAndGroups(t *testing.T) {
	h := start(t, wire.Config{})
	inspect := func() sim.Inspection {
		t.Helper()
		var in sim.Inspection
		if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/inspect", nil), &in); err != nil {
			t.Fatal(err)
		}
		return in
	}
	in := inspect()
	if len(in.Dialogs) != 0 || in.ContactPicker != nil || in.CallPolicy.Restricted || in.UnreadEmail != 0 {
		t.Fatalf("a fresh world's desk: %+v", in.InspectUI)
	}
	if len(in.ContactInfo) != 4 || !in.ContactInfo[0].IsSelf {
		t.Fatalf("contact info %+v, want the user then the three contacts", in.ContactInfo)
	}

	h.call("messenger", "AddContact", "", []any{i4(0), bstr("lee@contoso.com")})
	h.call("messenger", "StartConversation", "", []any{i4(1), map[string]any{"vt": "VT_EMPTY"}, map[string]any{"vt": "VT_EMPTY"}, bstr("Plans")})
	h.mustDo(200, "POST", "/v1/control/calls/policy", map[string]any{"restricted": true, "noPhoneService": false})
	h.mustDo(200, "POST", "/v1/control/email/unread", map[string]any{"count": 3})
	h.mustDo(200, "POST", "/v1/control/contacts/phone", map[string]any{"signinName": "sam@contoso.com", "phoneType": "MPHONE_TYPE_MOBILE", "number": "+1 555 0100"})
	in = inspect()
	if len(in.Dialogs) != 1 || in.Dialogs[0].Kind != sim.DialogAddContact || in.Dialogs[0].Args["signinName"] != "lee@contoso.com" {
		t.Fatalf("dialogs %+v, want the Add a Contact wizard for lee", in.Dialogs)
	}
	if in.ContactPicker == nil || in.ContactPicker.Subject != "Plans" || in.ContactPicker.Type != "CONVERSATION_TYPE_IM" {
		t.Fatalf("contact picker %+v", in.ContactPicker)
	}
	if !in.CallPolicy.Restricted || in.UnreadEmail != 3 {
		t.Fatalf("call policy %+v, unread %d", in.CallPolicy, in.UnreadEmail)
	}
	var sam *sim.StateContactInfo
	for i := range in.ContactInfo {
		if in.ContactInfo[i].SigninName == "sam@contoso.com" {
			sam = &in.ContactInfo[i]
		}
	}
	if sam == nil || sam.Phones.Mobile != "+1 555 0100" {
		t.Fatalf("sam's details %+v", sam)
	}
	// the snapshot agrees with GET /v1/state, taken the same way
	var st sim.State
	if err := json.Unmarshal(h.state(), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Dialogs) != len(in.Dialogs) || st.Dialogs[0].ID != in.Dialogs[0].ID || *st.ContactPicker != *in.ContactPicker || st.CallPolicy != in.CallPolicy {
		t.Fatalf("state %+v / %+v / %+v, inspect %+v", st.Dialogs, st.ContactPicker, st.CallPolicy, in.InspectUI)
	}

	s := h.inspectStream("")
	h.mustDo(200, "POST", "/v1/control/groups", map[string]any{"name": "Friends"})
	for {
		var oe sim.ObservedEvent
		if err := json.Unmarshal([]byte(s.nextOf("event").Data), &oe); err != nil {
			t.Fatal(err)
		}
		if oe.Name != "OnGroupAdded" {
			continue
		}
		if len(oe.Params) != 2 || oe.Params[1].Object == nil || oe.Params[1].Object.Kind != "group" || oe.Params[1].Object.Name != "Friends" {
			t.Fatalf("OnGroupAdded's group: %+v", oe.Params)
		}
		break
	}
}
