package wire_test

import (
	"encoding/json"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/wire"
)

// Issue 7a's members over the raw protocol with bad arguments: a request
// the wire cannot decode is 400 and never reaches the sim; one it can is
// answered with the member's HRESULT. Neither changes the world.
func TestBadInputs7a(t *testing.T) {
	h := start(t, wire.Config{})
	groups := objectOf(t, h.call("messenger", "MyGroups", "propget", nil), "IMessengerGroups")
	team := objectOf(t, h.call(groups, "Item", "method|propget", []any{i4(0)}), "IMessengerGroup")
	list := objectOf(t, h.call("messenger", "MyContacts", "propget", nil), "IMessengerContacts")
	enum := objectOf(t, h.call(list, "_NewEnum", "propget", nil), "IEnumVARIANT")
	const bogus = `{"vt":"VT_DISPATCH","object":"00000000-0000-4000-8000-000000000000"}`
	for _, c := range []struct {
		name, body string
		status     int
		hr         string
	}{
		{"CreateGroup bogus vService object", `{"object":"messenger","member":"CreateGroup","args":[{"vt":"VT_BSTR","value":"X"},` + bogus + `]}`, 400, ""},
		{"CreateGroup I4 given as a string", `{"object":"messenger","member":"CreateGroup","args":[{"vt":"VT_BSTR","value":"X"},{"vt":"VT_I4","value":"1"}]}`, 400, ""},
		{"CreateGroup VT_I4 service", `{"object":"messenger","member":"CreateGroup","args":[{"vt":"VT_BSTR","value":"X"},{"vt":"VT_I4","value":1}]}`, 200, "E_INVALIDARG"},
		{"CreateGroup NULL name", `{"object":"messenger","member":"CreateGroup","args":[{"vt":"VT_BSTR","value":null},{"vt":"VT_BSTR","value":"` + model.ServiceIDCommunicator + `"}]}`, 200, "E_POINTER"},
		{"Groups.Remove bogus object", `{"object":"` + groups + `","member":"Remove","args":[` + bogus + `]}`, 400, ""},
		{"Groups.Remove the list", `{"object":"` + groups + `","member":"Remove","args":[{"vt":"VT_DISPATCH","object":"` + list + `"}]}`, 200, "E_FAIL"},
		{"Groups.Item past the end", `{"object":"` + groups + `","member":"Item","args":[{"vt":"VT_I4","value":9}]}`, 200, "E_FAIL"},
		{"Group.AddContact bogus contact", `{"object":"` + team + `","member":"AddContact","args":[` + bogus + `]}`, 400, ""},
		{"Group.AddContact an enumerator", `{"object":"` + team + `","member":"AddContact","args":[{"vt":"VT_DISPATCH","object":"` + enum + `"}]}`, 200, "E_INVALIDARG"},
		{"Group.Name put VT_ARRAY", `{"object":"` + team + `","member":"Name","kind":"propput","args":[{"vt":"VT_ARRAY|VT_VARIANT","value":[]}]}`, 200, "DISP_E_TYPEMISMATCH"},
		{"Next over 32 bits", `{"object":"` + enum + `","member":"Next","args":[{"vt":"VT_I4","value":4294967296}]}`, 400, ""},
		{"Next negative", `{"object":"` + enum + `","member":"Next","args":[{"vt":"VT_I4","value":-1}]}`, 200, "E_INVALIDARG"},
		{"Next no arguments", `{"object":"` + enum + `","member":"Next"}`, 200, "DISP_E_BADPARAMCOUNT"},
		{"enumerator unknown member", `{"object":"` + enum + `","member":"Count","kind":"propget"}`, 200, "DISP_E_UNKNOWNNAME"},
		{"ResolveContact NULL address", `{"object":"messenger","member":"ResolveContact","args":[{"vt":"VT_I4","value":1},{"vt":"VT_I4","value":2},{"vt":"VT_BSTR","value":null}]}`, 200, "E_INVALIDARG"},
		{"UnreadEmailCount other folders", `{"object":"messenger","member":"UnreadEmailCount","kind":"propget","args":[{"vt":"VT_I4","value":1}]}`, 200, "E_FAIL"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := stateWithoutCalls(t, h.state())
			code, _, body := h.do("POST", "/v1/invoke", c.body)
			if code != c.status {
				t.Fatalf("status %d (%s), want %d", code, body, c.status)
			}
			if c.status == 200 {
				var r reply
				if err := json.Unmarshal(body, &r); err != nil || r.Name != c.hr {
					t.Errorf("reply %s, want %s", body, c.hr)
				}
			}
			if after := stateWithoutCalls(t, h.state()); after != before {
				t.Errorf("the world changed:\n%s\n%s", before, after)
			}
		})
	}
}

// stateWithoutCalls is /v1/state without its call counter, which every
// call that reaches the sim moves.
func stateWithoutCalls(t *testing.T, data []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "calls")
	if u, ok := m["usage"].(map[string]any); ok {
		delete(u, "journalEntries") // every call is journaled, failed ones too
	}
	out, _ := json.Marshal(m)
	return string(out)
}
