package wire_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/wire"
)

// badCase is one malformed or unlucky request and its documented answer.
type badCase struct {
	name   string
	method string
	path   string
	// body may hold {CONTACT} (a live contact), {RELEASED} (a released
	// object) and {WINDOW} (the main window), replaced before sending.
	body        string
	contentType string // default application/json with a body; "none" for no header
	header      map[string]string
	auth        string // Authorization; default the right bearer token; "none" for no header
	// raw sends the request itself (a client that disconnects mid-body).
	raw func(t *testing.T, h *harness)

	status int
	hr     string // for 200: the reply's name
	// reachesSim: the call gets to the sim, whose journal counts it; any
	// other difference in /v1/state fails the test.
	reachesSim bool
	allow      string // for 405: the Allow header
}

func invokeBody(args string) string {
	return `{"object":"messenger","member":"GetContact","args":[` + args + `,{"vt":"VT_BSTR","value":""}]}`
}

func TestBadInputs(t *testing.T) {
	const token = "s3cret"
	huge := strings.Repeat("a", wire.MaxBodyBytes)
	bigButAllowed := strings.Repeat("b", 900<<10)
	cases := []badCase{
		// JSON syntax and shape
		{name: "truncated JSON", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"GetCon`, status: 400},
		{name: "empty object is missing the object", method: "POST", path: "/v1/invoke", body: `{}`, status: 400},
		{name: "no body", method: "POST", path: "/v1/invoke", body: ``, status: 400},
		{name: "a JSON array", method: "POST", path: "/v1/invoke", body: `[]`, status: 400},
		{name: "a JSON string", method: "POST", path: "/v1/invoke", body: `"messenger"`, status: 400},
		{name: "JSON null", method: "POST", path: "/v1/invoke", body: `null`, status: 400},
		{name: "trailing data", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"} {}`, status: 400},
		{name: "trailing brace", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}}`, status: 400},
		{name: "unknown field", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget","extra":1}`, status: 400},
		{name: "duplicate field", method: "POST", path: "/v1/invoke", body: `{"object":"{CONTACT}","object":"messenger","member":"MyStatus","kind":"propget"}`, status: 400},
		{name: "duplicate field spelled with an escape", method: "POST", path: "/v1/invoke", body: `{"member":"MyStatus","\u006dember":"Signout","object":"messenger"}`, status: 400},
		// wrong JSON types, one per invoke field
		{name: "object is a number", method: "POST", path: "/v1/invoke", body: `{"object":5,"member":"MyStatus"}`, status: 400},
		{name: "member is a number", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":5}`, status: 400},
		{name: "dispid is a string", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","dispid":"1290"}`, status: 400},
		{name: "dispid is fractional", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","dispid":1290.5}`, status: 400},
		{name: "dispid is beyond 32 bits", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","dispid":4294967296}`, status: 400},
		{name: "kind is a number", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":2}`, status: 400},
		{name: "kind is unknown", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"fly"}`, status: 400},
		{name: "args is an object", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"GetContact","args":{}}`, status: 400},
		{name: "an arg is a number", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"GetContact","args":[5]}`, status: 400},
		{name: "member and dispid disagree", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"Signout","dispid":1290}`, status: 400},
		{name: "neither member nor dispid", method: "POST", path: "/v1/invoke", body: `{"object":"messenger"}`, status: 400},
		{name: "member name over the limit", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"` + strings.Repeat("x", 300) + `"}`, status: 400},
		// variants
		{name: "variant without vt", method: "POST", path: "/v1/invoke", body: invokeBody(`{"value":"jaya@contoso.com"}`), status: 400},
		{name: "vt is a number", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":8,"value":"jaya@contoso.com"}`), status: 400},
		{name: "unknown VT", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_FOO","value":"x"}`), status: 400},
		{name: "VT with no wire form", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BYREF|VT_BSTR","value":"x"}`), status: 400},
		{name: "unknown field in a variant", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR","value":"x","extra":true}`), status: 400},
		{name: "duplicate field in a variant", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR","value":"jaya@contoso.com","value":"sam@contoso.com"}`), status: 400},
		{name: "VT_BSTR value is a number", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR","value":5}`), status: 400},
		{name: "VT_BSTR without a value", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR"}`), status: 400},
		{name: "VT_I4 value is a string", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4","value":"2"}]}`, status: 400},
		{name: "VT_I4 out of range", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4","value":2147483648}]}`, status: 400},
		{name: "VT_I4 fractional", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4","value":2.5}]}`, status: 400},
		{name: "VT_UI1 out of range", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_UI1","value":256}]}`, status: 400},
		{name: "VT_BOOL value is a number", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_BOOL","value":1}]}`, status: 400},
		{name: "VT_ERROR value is not an HRESULT", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_ERROR","value":"bogus"}`), status: 400},
		{name: "VT_EMPTY with a value", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_EMPTY","value":1}`), status: 400},
		{name: "VT_DISPATCH with a bogus id", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_DISPATCH","object":"00000000-0000-4000-8000-000000000000"}]}`, status: 400},
		{name: "VT_DISPATCH with a value instead of an object", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_DISPATCH","value":"{CONTACT}"}]}`, status: 400},
		{name: "object on a VT_BSTR", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR","value":"x","object":"{CONTACT}"}`), status: 400},
		{name: "arrays nested too deep", method: "POST", path: "/v1/invoke", body: invokeBody(strings.Repeat(`{"vt":"VT_ARRAY|VT_VARIANT","value":[`, 10) + strings.Repeat(`]}`, 10)), status: 400},
		// text
		{name: "invalid UTF-8", method: "POST", path: "/v1/invoke", body: invokeBody("{\"vt\":\"VT_BSTR\",\"value\":\"ja\xffya@contoso.com\"}"), status: 400},
		{name: "lone surrogate escape", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR","value":"ja\ud800ya@contoso.com"}`), status: 400},
		{name: "body over 1 MiB", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR","value":"` + huge + `"}`), status: 413},
		{name: "body over 1 MiB sent chunked", method: "POST", path: "/v1/invoke", raw: func(t *testing.T, h *harness) {
			body := io.MultiReader(strings.NewReader(`{"object":"messenger","member":"`), strings.NewReader(huge), strings.NewReader(`"}`))
			req, _ := http.NewRequest("POST", h.ts.URL+"/v1/invoke", body) // unknown length: chunked
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := h.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 413 {
				t.Errorf("status %d, want 413", resp.StatusCode)
			}
		}},
		{name: "a huge string within the limit reaches the sim", method: "POST", path: "/v1/invoke", body: invokeBody(`{"vt":"VT_BSTR","value":"` + bigButAllowed + `"}`), status: 200, hr: "E_INVALIDARG", reachesSim: true},
		// headers
		{name: "wrong content type", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}`, contentType: "text/plain", status: 415},
		{name: "no content type", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}`, contentType: "none", status: 415},
		{name: "charset other than utf-8", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}`, contentType: "application/json; charset=latin1", status: 415},
		{name: "missing token", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}`, auth: "none", status: 401},
		{name: "wrong token", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}`, auth: "Bearer nope", status: 401},
		{name: "token with the wrong scheme", method: "GET", path: "/v1/state", auth: "Basic " + token, status: 401},
		{name: "unknown world", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}`, header: map[string]string{"Fakemessenger-World": "nowhere"}, status: 404},
		{name: "header and query name different worlds", method: "POST", path: "/v1/invoke?world=other", body: `{"object":"messenger","member":"MyStatus","kind":"propget"}`, header: map[string]string{"Fakemessenger-World": "default"}, status: 400},
		// routes and methods
		{name: "GET on invoke", method: "GET", path: "/v1/invoke", status: 405, allow: "POST"},
		{name: "DELETE on state", method: "DELETE", path: "/v1/state", status: 405, allow: "GET, HEAD"},
		{name: "PUT on worlds", method: "PUT", path: "/v1/worlds", status: 405, allow: "GET, HEAD, POST"},
		{name: "unknown route", method: "GET", path: "/v1/nothing", status: 404},
		// objects
		{name: "unknown object id", method: "POST", path: "/v1/invoke", body: `{"object":"00000000-0000-4000-8000-000000000000","member":"SigninName","kind":"propget"}`, status: 404},
		{name: "object id that is not a UUID", method: "POST", path: "/v1/invoke", body: `{"object":"jaya","member":"SigninName","kind":"propget"}`, status: 404},
		{name: "released object id", method: "POST", path: "/v1/invoke", body: `{"object":"{RELEASED}","member":"SigninName","kind":"propget"}`, status: 200, hr: "RPC_E_DISCONNECTED", reachesSim: true},
		{name: "unknown member", method: "POST", path: "/v1/invoke", body: `{"object":"{CONTACT}","member":"Fly"}`, status: 200, hr: "DISP_E_UNKNOWNNAME", reachesSim: true},
		{name: "wrong argument count", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"InstantMessage"}`, status: 200, hr: "DISP_E_BADPARAMCOUNT", reachesSim: true},
		{name: "wrong argument type", method: "POST", path: "/v1/invoke", body: `{"object":"messenger","member":"GetContact","args":[{"vt":"VT_ARRAY|VT_VARIANT","value":[]},{"vt":"VT_BSTR","value":""}]}`, status: 200, hr: "DISP_E_TYPEMISMATCH", reachesSim: true},
		{name: "other progid", method: "POST", path: "/v1/objects", body: `{"progid":"Messenger.UIAutomation"}`, status: 400},
		{name: "caller is unknown", method: "POST", path: "/v1/objects", body: `{"progid":"Communicator.UIAutomation","caller":"vb6"}`, status: 400},
		// control and events
		{name: "status that is not a MISTATUS", method: "POST", path: "/v1/control/status", body: `{"status":"MISTATUS_SLEEPY"}`, status: 400},
		{name: "close a window that does not exist", method: "POST", path: "/v1/control/windows/close", body: `{"object":"00000000-0000-4000-8000-000000000000"}`, status: 404},
		{name: "close a contact as a window", method: "POST", path: "/v1/control/windows/close", body: `{"object":"{CONTACT}"}`, status: 400},
		{name: "answer a dialog that is not pending", method: "POST", path: "/v1/control/windows/dialog", body: `{"object":"{WINDOW}","accept":true}`, status: 409},
		{name: "fault for no member", method: "POST", path: "/v1/control/faults", body: `{"member":"Fly","hresult":"E_FAIL","times":1}`, status: 400},
		{name: "fault without times", method: "POST", path: "/v1/control/faults", body: `{"member":"Signout","hresult":"E_FAIL"}`, status: 400},
		{name: "negative close-next count", method: "POST", path: "/v1/control/close-next-windows", body: `{"count":-1}`, status: 400},
		{name: "scenario with an unknown field", method: "POST", path: "/v1/control/scenario", body: `{"user":{"signinName":"pat@contoso.com","nickname":"P"}}`, status: 400},
		{name: "events of a non-root object", method: "GET", path: "/v1/events?object={CONTACT}", status: 400},
		{name: "Last-Event-ID that is not a number", method: "GET", path: "/v1/events", header: map[string]string{"Last-Event-ID": "yesterday"}, status: 400},
		{name: "delete an unknown world", method: "DELETE", path: "/v1/worlds/nowhere", status: 404},
		// the connection
		{name: "client disconnects mid-body", raw: func(t *testing.T, h *harness) {
			conn, err := net.Dial("tcp", h.ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			closed := h.connClosed(conn.LocalAddr().String())
			fmt.Fprintf(conn, "POST /v1/invoke HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n", token)
			fmt.Fprint(conn, `{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4",`)
			conn.Close()
			select { // the server has finished with the request
			case <-closed:
			case <-time.After(10 * time.Second):
				t.Fatal("the server did not close the connection")
			}
		}},
		{name: "client disconnects after the headers", raw: func(t *testing.T, h *harness) {
			conn, err := net.Dial("tcp", h.ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			closed := h.connClosed(conn.LocalAddr().String())
			fmt.Fprintf(conn, "POST /v1/control/signout HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n", token)
			conn.Close()
			select {
			case <-closed:
			case <-time.After(10 * time.Second):
				t.Fatal("the server did not close the connection")
			}
		}},
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}

	h := start(t, wire.Config{Token: token})
	contact := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced")
	released := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("sam@contoso.com"), bstr("")}), "IMessengerContactAdvanced")
	h.call(released, "Release", "", nil)
	win := objectOf(t, h.call("messenger", "Window", "propget", nil), "IMessengerWindow")
	fill := strings.NewReplacer("{CONTACT}", contact, "{RELEASED}", released, "{WINDOW}", win)

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := h.state()
			if tc.raw != nil {
				tc.raw(t, h)
			} else {
				sendBad(t, h, tc, fill.Replace(tc.body), fill.Replace(tc.path), token)
			}
			// The server is up and the world is as it was.
			if st, _, _ := h.do("GET", "/healthz", nil, withHeader("Authorization", "")); st != 200 {
				t.Fatalf("healthz after the bad input: %d", st)
			}
			assertSameState(t, before, h.state(), tc.reachesSim)
		})
	}
}

func sendBad(t *testing.T, h *harness, tc badCase, body, path, token string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(tc.method, h.ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case tc.contentType == "none":
	case tc.contentType != "":
		req.Header.Set("Content-Type", tc.contentType)
	case body != "" || tc.method != "GET":
		req.Header.Set("Content-Type", "application/json")
	}
	switch tc.auth {
	case "none":
	case "":
		req.Header.Set("Authorization", "Bearer "+token)
	default:
		req.Header.Set("Authorization", tc.auth)
	}
	for k, v := range tc.header {
		req.Header.Set(k, v)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		t.Fatalf("request: %v", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != tc.status {
		t.Fatalf("status %d, want %d; body %s", resp.StatusCode, tc.status, data)
	}
	if tc.status == 200 {
		var r reply
		if err := json.Unmarshal(data, &r); err != nil || r.Name != tc.hr {
			t.Fatalf("reply %s, want %s", data, tc.hr)
		}
		return
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json; body %s", ct, data)
	}
	var p struct {
		Type, Title, Detail string
		Status              int
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil || p.Status != tc.status || p.Title == "" || p.Detail == "" || !strings.HasPrefix(p.Type, "urn:fakemessenger:problem:") {
		t.Fatalf("problem %s (%v)", data, err)
	}
	if tc.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	if tc.allow != "" && resp.Header.Get("Allow") != tc.allow {
		t.Errorf("Allow %q, want %q", resp.Header.Get("Allow"), tc.allow)
	}
}

// assertSameState compares two /v1/state bodies byte for byte, except the
// call count, which grows by exactly one when the call reached the sim.
func assertSameState(t *testing.T, before, after []byte, reachesSim bool) {
	t.Helper()
	var b, a map[string]json.RawMessage
	if err := json.Unmarshal(before, &b); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(after, &a); err != nil {
		t.Fatal(err)
	}
	var nb, na int
	_ = json.Unmarshal(b["calls"], &nb)
	_ = json.Unmarshal(a["calls"], &na)
	want := nb
	if reachesSim {
		want++
	}
	if na != want {
		t.Errorf("calls went from %d to %d, want %d", nb, na, want)
	}
	delete(b, "calls")
	delete(a, "calls")
	// usage counts journal entries, which move with calls (checked above)
	delete(b, "usage")
	delete(a, "usage")
	bb, _ := json.Marshal(b)
	ab, _ := json.Marshal(a)
	if !bytes.Equal(bb, ab) {
		t.Errorf("state changed:\nbefore %s\nafter  %s", bb, ab)
	}
}
