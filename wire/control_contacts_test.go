package wire_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/fakemessenger/fakemessenger/wire"
)

// TestContactControlBadInput: every contacts-area control route answers
// bad input with its precise status and leaves the world as it was.
func TestContactControlBadInput(t *testing.T) {
	cases := []struct {
		name, path, body string
		status           int
	}{
		{"add: no name", "/v1/control/contacts", `{}`, 400},
		{"add: malformed name", "/v1/control/contacts", `{"signinName":"a b@contoso.com"}`, 400},
		{"add: name of the wrong JSON type", "/v1/control/contacts", `{"signinName":7}`, 400},
		{"add: unknown field", "/v1/control/contacts", `{"signinName":"pat@contoso.com","group":"Team"}`, 400},
		{"remove: not on the list", "/v1/control/contacts/remove", `{"signinName":"pat@contoso.com"}`, 404},
		{"rename: no friendly name", "/v1/control/contacts/rename", `{"signinName":"jaya@contoso.com"}`, 400},
		{"rename: empty friendly name", "/v1/control/contacts/rename", `{"signinName":"jaya@contoso.com","friendlyName":""}`, 400},
		{"rename: not on the list", "/v1/control/contacts/rename", `{"signinName":"pat@contoso.com","friendlyName":"Pat"}`, 404},
		{"block: no flag", "/v1/control/contacts/block", `{"signinName":"jaya@contoso.com"}`, 400},
		{"block: already unblocked", "/v1/control/contacts/block", `{"signinName":"jaya@contoso.com","blocked":false}`, 409},
		{"phone: unknown type", "/v1/control/contacts/phone", `{"signinName":"jaya@contoso.com","phoneType":"MPHONE_TYPE_FAX","number":"1"}`, 400},
		{"phone: ALL holds no number", "/v1/control/contacts/phone", `{"signinName":"jaya@contoso.com","phoneType":"MPHONE_TYPE_ALL","number":"1"}`, 400},
		{"phone: line break", "/v1/control/contacts/phone", `{"signinName":"jaya@contoso.com","phoneType":"work","number":"1\n2"}`, 400},
		{"phone: no number", "/v1/control/contacts/phone", `{"signinName":"jaya@contoso.com","phoneType":"work"}`, 400},
		{"email: white space", "/v1/control/contacts/email", `{"signinName":"jaya@contoso.com","email":"a b@c.com"}`, 400},
		{"presence: availability out of range", "/v1/control/contacts/presence", `{"signinName":"jaya@contoso.com","availability":99}`, 400},
		{"presence: unknown calendar state", "/v1/control/contacts/presence", `{"signinName":"jaya@contoso.com","calendarState":"asleep"}`, 400},
		{"presence: unknown status", "/v1/control/contacts/presence", `{"signinName":"jaya@contoso.com","status":"MISTATUS_SLEEPY"}`, 400},
		{"presence: bad time", "/v1/control/contacts/presence", `{"signinName":"jaya@contoso.com","nextCalendarTime":"tomorrow"}`, 400},
		{"presence: not on the list", "/v1/control/contacts/presence", `{"signinName":"pat@contoso.com","note":"x"}`, 404},
		{"fail-next: not a contact answer", "/v1/control/contacts/fail-next", `{"hresult":"E_FAIL"}`, 400},
		{"fail-next: not an HRESULT", "/v1/control/contacts/fail-next", `{"hresult":"MSGR_E_NOPE"}`, 400},
		{"me/phone: a name where none belongs", "/v1/control/me/phone", `{"signinName":"jaya@contoso.com","phoneType":"home","number":"1"}`, 400},
		{"me/email: missing", "/v1/control/me/email", `{}`, 400},
		{"me/friendly-name: empty", "/v1/control/me/friendly-name", `{"friendlyName":""}`, 400},
		{"dialogs: kind the person cannot open", "/v1/control/dialogs", `{"kind":"mail"}`, 400},
		{"dialogs: no kind", "/v1/control/dialogs", `{}`, 400},
		{"dialogs/finish: no such dialog", "/v1/control/dialogs/finish", `{"id":42}`, 404},
		{"dialogs/finish: id of the wrong JSON type", "/v1/control/dialogs/finish", `{"id":"1"}`, 400},
		{"dialogs/finish: values not strings", "/v1/control/dialogs/finish", `{"id":1,"values":{"signinName":1}}`, 400},
		{"dialogs/cancel: no such dialog", "/v1/control/dialogs/cancel", `{"id":42}`, 404},
	}
	h := start(t, wire.Config{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := h.state()
			st, _, body := h.do("POST", tc.path, tc.body)
			if st != tc.status {
				t.Fatalf("status %d, want %d: %s", st, tc.status, body)
			}
			if after := h.state(); !sameWorld(before, after) {
				t.Errorf("the world changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// sameWorld compares two states without the call counter.
func sameWorld(a, b []byte) bool {
	var x, y map[string]any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	delete(x, "calls")
	delete(y, "calls")
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// TestContactControlDialogsInState: a dialog the API opens is in
// GET /v1/state, and the person's answer over the wire closes it.
func TestContactControlDialogsInState(t *testing.T) {
	h := start(t, wire.Config{})
	h.call("messenger", "AddContact", "", []any{i4(0), bstr("pat@contoso.com")})
	var st struct {
		Dialogs []struct {
			ID   int               `json:"id"`
			Kind string            `json:"kind"`
			Args map[string]string `json:"args"`
		} `json:"dialogs"`
		Contacts []struct {
			SigninName string `json:"signinName"`
		} `json:"contacts"`
	}
	if err := json.Unmarshal(h.state(), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Dialogs) != 1 || st.Dialogs[0].Kind != "addContact" || st.Dialogs[0].Args["signinName"] != "pat@contoso.com" {
		t.Fatalf("dialogs %+v", st.Dialogs)
	}
	h.mustDo(http.StatusOK, "POST", "/v1/control/dialogs/finish", map[string]any{"id": st.Dialogs[0].ID})
	st.Dialogs = nil
	if err := json.Unmarshal(h.state(), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Dialogs) != 0 || len(st.Contacts) != 4 || st.Contacts[3].SigninName != "pat@contoso.com" {
		t.Errorf("after finishing: dialogs %+v, contacts %+v", st.Dialogs, st.Contacts)
	}
	body := h.mustDo(http.StatusOK, "POST", "/v1/control/dialogs", map[string]string{"kind": "options"})
	var reply struct{ ID int }
	if err := json.Unmarshal(body, &reply); err != nil || reply.ID == 0 {
		t.Fatalf("open reply %s", body)
	}
	h.mustDo(http.StatusConflict, "POST", "/v1/control/dialogs", map[string]string{"kind": "options"})
}
