package wire_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// The conversation control routes: each answers its person action, and
// bad requests get a precise status and change nothing.
func TestConversationControlRoutes(t *testing.T) {
	h := start(t, wire.Config{})
	st := func() sim.State {
		var s sim.State
		if err := json.Unmarshal(h.state(), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")}), "IMessengerConversationWndAdvanced")
	main := objectOf(t, h.call("messenger", "Window", "propget", nil), "IMessengerWindow")

	h.mustDo(200, "POST", "/v1/control/conversations/join", map[string]any{"object": win, "signinName": "sam@contoso.com"})
	h.mustDo(200, "POST", "/v1/control/conversations/receive", map[string]any{"object": win, "signinName": "sam@contoso.com", "text": "hello"})
	h.mustDo(200, "POST", "/v1/control/conversations/leave", map[string]any{"object": win, "signinName": "sam@contoso.com"})
	if c := st().Conversations; len(c) != 1 || len(c[0].Participants) != 1 || len(c[0].History) != 3 {
		t.Fatalf("conversations %+v, want jaya alone and three history lines", c)
	}
	before := string(h.state())

	bad := []struct {
		path   string
		body   any
		status int
	}{
		{"/v1/control/conversations/join", map[string]any{"signinName": "sam@contoso.com"}, http.StatusBadRequest},
		{"/v1/control/conversations/join", map[string]any{"object": win}, http.StatusBadRequest},
		{"/v1/control/conversations/join", map[string]any{"object": win, "signinName": "not a name"}, http.StatusBadRequest},
		{"/v1/control/conversations/join", map[string]any{"object": win, "signinName": "mailto:x@y.com"}, http.StatusBadRequest},
		{"/v1/control/conversations/join", map[string]any{"object": win, "signinName": "jaya@contoso.com"}, http.StatusConflict},
		{"/v1/control/conversations/join", map[string]any{"object": main, "signinName": "sam@contoso.com"}, http.StatusBadRequest},
		{"/v1/control/conversations/join", map[string]any{"object": "00000000-0000-4000-8000-000000000000", "signinName": "sam@contoso.com"}, http.StatusNotFound},
		{"/v1/control/conversations/join", map[string]any{"object": win, "signinName": "sam@contoso.com", "extra": 1}, http.StatusBadRequest},
		{"/v1/control/conversations/leave", map[string]any{"object": win, "signinName": "sam@contoso.com"}, http.StatusConflict},
		{"/v1/control/conversations/receive", map[string]any{"object": win, "signinName": "jaya@contoso.com"}, http.StatusBadRequest},
		{"/v1/control/conversations/receive", map[string]any{"object": win, "signinName": "", "text": "x"}, http.StatusBadRequest},
		{"/v1/control/conversations/receive", map[string]any{"object": win, "signinName": "kim@fabrikam.com", "text": "x"}, http.StatusConflict},
		{"/v1/control/conversations/picker", map[string]any{"participants": []string{"sam@contoso.com"}}, http.StatusConflict},
		{"/v1/control/conversations/picker", map[string]any{}, http.StatusBadRequest},
		{"/v1/control/conversations/picker", map[string]any{"participants": "sam@contoso.com"}, http.StatusBadRequest},
		{"/v1/control/calls/policy", map[string]any{"restricted": true}, http.StatusBadRequest},
		{"/v1/control/calls/policy", map[string]any{"restricted": "yes", "noPhoneService": false}, http.StatusBadRequest},
	}
	for _, b := range bad {
		h.mustDo(b.status, "POST", b.path, b.body)
	}
	if after := string(h.state()); after != before {
		t.Errorf("rejected requests changed the world:\nbefore %s\nafter  %s", before, after)
	}

	// the picker: StartConversation with no participants, then the answer
	r := h.invoke(map[string]any{"object": "messenger", "member": "StartConversation", "args": []any{i4(1), map[string]any{"vt": "VT_ARRAY|VT_VARIANT", "value": []any{}}}})
	if r.Name != "S_OK" || r.Result != nil {
		t.Fatalf("StartConversation without participants: %+v", r)
	}
	h.mustDo(http.StatusBadRequest, "POST", "/v1/control/conversations/picker", map[string]any{"participants": []string{"tel:+1"}})
	h.mustDo(200, "POST", "/v1/control/conversations/picker", map[string]any{"participants": []string{"kim@fabrikam.com"}})
	if s := st(); s.ContactPicker != nil || len(s.Conversations) != 2 {
		t.Errorf("after the answer: picker %+v, %d windows", s.ContactPicker, len(s.Conversations))
	}
	h.mustDo(200, "POST", "/v1/control/calls/policy", map[string]any{"restricted": true, "noPhoneService": true})
	if p := st().CallPolicy; !p.Restricted || !p.NoPhoneService {
		t.Errorf("call policy %+v", p)
	}
	r = h.invoke(map[string]any{"object": "messenger", "member": "StartVoice", "args": []any{bstr("sam@contoso.com")}})
	if r.Name != "MSGR_E_POLICY_RESTRICTED" {
		t.Errorf("StartVoice under the policy: %+v", r)
	}
}
