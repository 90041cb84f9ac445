package wire_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/wire"
)

type journalReply struct {
	Total       int   `json:"total"`
	All         int   `json:"all"`
	ContactSeen *bool `json:"contactSeen"`
	Calls       []struct {
		Seq  int `json:"seq"`
		Self *struct {
			SigninName string `json:"signinName"`
		} `json:"self"`
		Member string            `json:"member"`
		Args   []json.RawMessage `json:"args"`
		Result json.RawMessage   `json:"result"`
		Name   string            `json:"name"`
		Fault  bool              `json:"fault"`
		Events []struct {
			Name string `json:"name"`
			Seq  int    `json:"seq"`
		} `json:"events"`
	} `json:"calls"`
}

func (h *harness) journal(query string) journalReply {
	h.t.Helper()
	var j journalReply
	data := h.mustDo(http.StatusOK, "GET", "/v1/journal"+query, nil)
	if err := json.Unmarshal(data, &j); err != nil {
		h.t.Fatalf("journal %s: %v", data, err)
	}
	return j
}

// A journal entry says what the call returned, which events it raised,
// whether a fault answered it, and which contact or window each object
// was, so an HTTP-only test can answer "who did my code message?".
func TestJournalEntriesCarryResultEventsFaultAndIdentity(t *testing.T) {
	h := start(t, wire.Config{})
	c := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced")
	h.mustDo(http.StatusCreated, "POST", "/v1/control/faults", map[string]any{"member": "InstantMessage", "hresult": "E_FAIL", "times": 1})
	if r := h.invoke(map[string]any{"object": "messenger", "member": "InstantMessage", "args": []any{dispatch(c)}}); r.Name != "E_FAIL" {
		t.Fatalf("faulted InstantMessage: %+v", r)
	}
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{dispatch(c)}), "IMessengerConversationWndAdvanced")
	h.call(c, "FriendlyName", "propget", nil)
	h.call(win, "Release", "", nil)

	j := h.journal("")
	if j.Total != 5 || j.All != 5 || j.ContactSeen != nil {
		t.Fatalf("total %d all %d contactSeen %v, want 5, 5 and absent", j.Total, j.All, j.ContactSeen)
	}
	getContact, faulted, im, friendly := j.Calls[0], j.Calls[1], j.Calls[2], j.Calls[3]
	if !strings.Contains(string(getContact.Result), `"interface":"IMessengerContactAdvanced","signinName":"jaya@contoso.com"`) {
		t.Errorf("GetContact's result %s lacks the contact's identity", getContact.Result)
	}
	if !faulted.Fault || faulted.Name != "E_FAIL" || len(faulted.Events) != 0 || faulted.Result != nil {
		t.Errorf("faulted call %+v: want fault, E_FAIL, no events, no result", faulted)
	}
	if im.Fault || len(im.Events) != 1 || im.Events[0].Name != "OnIMWindowCreated" || im.Events[0].Seq != 1 {
		t.Errorf("InstantMessage %+v: want no fault and OnIMWindowCreated #1", im)
	}
	if !strings.Contains(string(im.Args[0]), `"signinName":"jaya@contoso.com"`) ||
		!strings.Contains(string(im.Result), `"hwnd":`) || !strings.Contains(string(im.Result), `"mainWindow":false`) {
		t.Errorf("InstantMessage arg %s result %s: want the contact's name and the window's hwnd", im.Args[0], im.Result)
	}
	if friendly.Self == nil || friendly.Self.SigninName != "jaya@contoso.com" {
		t.Errorf("a call on the contact object: self %+v", friendly.Self)
	}
	// the window was released: its entry still names it
	j = h.journal("?object=" + win)
	if len(j.Calls) != 1 || j.Calls[0].Member != "Release" {
		t.Errorf("calls on the released window: %+v", j.Calls)
	}
}

func TestJournalQueries(t *testing.T) {
	h := start(t, wire.Config{})
	c := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced") // 1
	h.call("messenger", "InstantMessage", "", []any{dispatch(c)})                                                                   // 2
	h.call(c, "Status", "propget", nil)                                                                                             // 3
	h.call("messenger", "InstantMessage", "", []any{bstr("sip:SAM@contoso.com")})                                                   // 4
	h.invoke(map[string]any{"object": "messenger", "member": "InstantMessage", "args": []any{bstr(" bad")}})                        // 5, E_INVALIDARG
	h.invoke(map[string]any{"object": "messenger", "member": "Nope"})                                                               // 6, DISP_E_UNKNOWNNAME

	seqs := func(q string) []int {
		t.Helper()
		j := h.journal(q)
		if j.All != 6 || j.Total != len(j.Calls) {
			t.Errorf("%s: all %d total %d for %d calls", q, j.All, j.Total, len(j.Calls))
		}
		var out []int
		for _, c := range j.Calls {
			out = append(out, c.Seq)
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  string
	}{
		{"?contact=jaya@contoso.com", "[1 2 3]"}, // string arg and result, object arg, call on the object
		{"?contact=JAYA@Contoso.com", "[1 2 3]"},
		{"?contact=sam@contoso.com", "[4]"},
		{"?contact=sip:sam@contoso.com&member=instantmessage", "[4]"},
		{"?member=InstantMessage", "[2 4 5]"},
		{"?interface=IMessengerContact", "[3]"},
		{"?object=messenger&hresult=S_OK", "[1 2 4]"},
		{"?hresult=E_INVALIDARG", "[5]"},
		{"?hresult=0x80070057", "[5]"},
		{"?hresult=failed", "[5 6]"},
		{"?client=0&after=2&before=5", "[3 4]"},
		{"?client=1", "[]"},
		{"?object=" + c, "[3]"},
	} {
		if got := fmt.Sprint(seqs(tc.query)); got != tc.want {
			t.Errorf("%s: seqs %s, want %s", tc.query, got, tc.want)
		}
	}
	if j := h.journal("?contact=nobody@contoso.com"); j.ContactSeen == nil || *j.ContactSeen || j.Total != 0 {
		t.Errorf("a contact the world never saw: %+v", j)
	}
	if j := h.journal("?contact=sam@contoso.com&member=Status"); j.ContactSeen == nil || !*j.ContactSeen {
		t.Errorf("sam is in the journal, contactSeen %v", j.ContactSeen)
	}
}

// Bad journal queries are 400s that name what was wrong, instead of
// filters silently ignored.
func TestJournalQueryBadInput(t *testing.T) {
	h := start(t, wire.Config{})
	h.call("messenger", "MyStatus", "propget", nil)
	for _, tc := range []struct{ query, names string }{
		{"?membr=InstantMessage", `"membr"`},
		{"?zzz=1&aaa=2", `parameters "aaa", "zzz"`},
		{"?hresult=E_NOPE", "E_NOPE"},
		{"?hresult=0xZZ", "0xZZ"},
		{"?after=two", "after"},
		{"?before=-1", "before"},
		{"?client=first", "client"},
		{"?contact=" + "not%20a%20name", "not a name"},
		{"?contact=%20jaya@contoso.com", "contact"},
		{"?object=not-a-uuid", "not-a-uuid"},
		{"?member=a&member=b", `"member"`},
		{"?after=5&before=6", "before"},
	} {
		status, hdr, body := h.do("GET", "/v1/journal"+tc.query, nil)
		var p struct{ Detail string }
		_ = json.Unmarshal(body, &p)
		if status != http.StatusBadRequest || hdr.Get("Content-Type") != "application/problem+json" || !strings.Contains(p.Detail, tc.names) {
			t.Errorf("%s: %d %s %s, want a 400 problem naming %s", tc.query, status, hdr.Get("Content-Type"), body, tc.names)
		}
	}
}
