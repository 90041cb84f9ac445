package wire_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/fakemessenger/fakemessenger/wire"
)

// For Each over the raw protocol, as a client in another language does
// it: _NewEnum by DISPID -4, then Next until S_FALSE, then Release.
func TestNewEnumByDISPIDOverTheWire(t *testing.T) {
	h := start(t, wire.Config{})
	list := objectOf(t, h.call("messenger", "MyContacts", "propget", nil), "IMessengerContacts")
	r := h.invoke(map[string]any{"object": list, "dispid": -4, "kind": "propget"})
	if r.Name != "S_OK" {
		t.Fatalf("_NewEnum by DISPID -4: %+v", r)
	}
	enum := objectOf(t, r.Result, "IEnumVARIANT")

	next := func(celt int) (string, []variant) {
		t.Helper()
		r := h.invoke(map[string]any{"object": enum, "member": "Next", "args": []any{i4(celt)}})
		if r.Result == nil || r.Result.VT != "VT_ARRAY|VT_VARIANT" {
			t.Fatalf("Next(%d) result %+v, want VT_ARRAY|VT_VARIANT", celt, r.Result)
		}
		var items []variant
		if err := json.Unmarshal(r.Result.Value, &items); err != nil {
			t.Fatalf("Next items %s: %v", r.Result.Value, err)
		}
		return r.Name, items
	}
	name, items := next(2)
	if name != "S_OK" || len(items) != 2 || items[0].VT != "VT_DISPATCH" || items[0].Interface != "IMessengerContactAdvanced" {
		t.Fatalf("Next(2) = %s %+v", name, items)
	}
	name, items = next(2)
	if name != "S_FALSE" || len(items) != 1 {
		t.Fatalf("Next(2) with one left = %s, %d items; want S_FALSE and 1", name, len(items))
	}
	if r := h.invoke(map[string]any{"object": enum, "member": "Next", "args": []any{map[string]any{"vt": "VT_ARRAY|VT_VARIANT", "value": []any{i4(1)}}}}); r.Name != "DISP_E_TYPEMISMATCH" {
		t.Errorf("Next(array) = %s, want DISP_E_TYPEMISMATCH", r.Name)
	}
	h.call(enum, "Release", "", nil)
	if r := h.invoke(map[string]any{"object": enum, "member": "Reset"}); r.Name != "RPC_E_DISCONNECTED" {
		t.Errorf("Reset after Release = %s, want RPC_E_DISCONNECTED", r.Name)
	}
}

// The group and mail control routes check their bodies: a missing field,
// an unknown group, a negative count.
func TestGroupControlRoutesRejectBadBodies(t *testing.T) {
	h := start(t, wire.Config{})
	before := string(h.state())
	for _, c := range []struct {
		path string
		body any
		want int
	}{
		{"/v1/control/groups", map[string]any{}, http.StatusBadRequest},
		{"/v1/control/groups", map[string]any{"name": "Team"}, http.StatusConflict},
		{"/v1/control/groups", map[string]any{"name": 3}, http.StatusBadRequest},
		{"/v1/control/groups", map[string]any{"name": "X", "extra": 1}, http.StatusBadRequest},
		{"/v1/control/groups/rename", map[string]any{"name": "Team"}, http.StatusBadRequest},
		{"/v1/control/groups/rename", map[string]any{"name": "Nope", "newName": "X"}, http.StatusNotFound},
		{"/v1/control/groups/delete", map[string]any{"name": "Nope"}, http.StatusNotFound},
		{"/v1/control/groups/add-contact", map[string]any{"group": "Team"}, http.StatusBadRequest},
		{"/v1/control/groups/add-contact", map[string]any{"group": "Team", "signinName": "pat@contoso.com"}, http.StatusConflict},
		{"/v1/control/groups/remove-contact", map[string]any{"group": "Nope", "signinName": "jaya@contoso.com"}, http.StatusNotFound},
		{"/v1/control/groups/move-contact", map[string]any{"from": "Team", "signinName": "jaya@contoso.com"}, http.StatusBadRequest},
		{"/v1/control/email/unread", map[string]any{"count": -1}, http.StatusBadRequest},
		{"/v1/control/email/unread", map[string]any{}, http.StatusBadRequest},
		{"/v1/control/email/unread", map[string]any{"count": 1 << 40}, http.StatusBadRequest},
	} {
		if code, _, body := h.do("POST", c.path, c.body); code != c.want {
			t.Errorf("POST %s %v: %d %s, want %d", c.path, c.body, code, body, c.want)
		}
	}
	if after := string(h.state()); after != before {
		t.Errorf("rejected control requests changed the state:\n%s\n%s", before, after)
	}
	h.mustDo(http.StatusOK, "POST", "/v1/control/groups/move-contact", map[string]any{"from": "Team", "to": "Partners", "signinName": "sam@contoso.com"})
	h.mustDo(http.StatusOK, "POST", "/v1/control/email/unread", map[string]any{"count": 4})
	var st struct {
		Groups []struct {
			Name    string   `json:"name"`
			Members []string `json:"members"`
		} `json:"groups"`
		UnreadEmail int `json:"unreadEmail"`
	}
	if err := json.Unmarshal(h.state(), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Groups) != 2 || len(st.Groups[1].Members) != 2 || st.Groups[1].Members[1] != "sam@contoso.com" || st.UnreadEmail != 4 {
		t.Errorf("state after the move and the mail: %+v", st)
	}
}
