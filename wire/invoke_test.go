package wire_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/wire"
)

func TestInvokeGetContactThenInstantMessage(t *testing.T) {
	h := start(t, wire.Config{})
	contact := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced")

	// VT_DISPATCH: the contact object the previous reply gave.
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{dispatch(contact)}), "IMessengerConversationWndAdvanced")
	// A second call for a contact whose window is open returns that window.
	again := objectOf(t, h.call("messenger", "instantmessage", "method", []any{bstr("JAYA@contoso.com")}), "IMessengerConversationWndAdvanced")
	if again != win {
		t.Errorf("second InstantMessage gave %s, want the open window %s", again, win)
	}
	// VT_BSTR for another contact opens another window.
	other := objectOf(t, h.call("messenger", "InstantMessage", "", []any{bstr("sam@contoso.com")}), "IMessengerConversationWndAdvanced")
	if other == win {
		t.Error("InstantMessage for sam returned jaya's window")
	}
	// The window's participants, through the object IDs the wire hands out.
	parts := objectOf(t, h.call(win, "Contacts", "propget", nil), "IMessengerContacts")
	n := h.call(parts, "Count", "propget", nil)
	if n.VT != "VT_I4" || string(n.Value) != "1" {
		t.Errorf("Count = %+v, want VT_I4 1", n)
	}
	var st struct {
		Conversations []struct {
			Participants []string `json:"participants"`
		} `json:"conversations"`
	}
	if err := json.Unmarshal(h.state(), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Conversations) != 2 || st.Conversations[0].Participants[0] != "jaya@contoso.com" {
		t.Errorf("state conversations %+v, want jaya's and sam's", st.Conversations)
	}
}

func TestInvokeByDISPID(t *testing.T) {
	h := start(t, wire.Config{})
	r := h.invoke(map[string]any{"object": "messenger", "dispid": 1290, "args": []any{bstr("jaya@contoso.com")}})
	if r.HResult != "0x00000000" {
		t.Fatalf("dispid 1290: %+v", r)
	}
	objectOf(t, r.Result, "IMessengerConversationWndAdvanced")
	// Name and DISPID together must agree.
	r = h.invoke(map[string]any{"object": "messenger", "member": "InstantMessage", "dispid": 1290, "args": []any{bstr("sam@contoso.com")}})
	if r.HResult != "0x00000000" {
		t.Fatalf("member+dispid: %+v", r)
	}
	var j struct {
		Calls []struct {
			Member string `json:"member"`
		} `json:"calls"`
	}
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/journal", nil), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Calls) != 2 || j.Calls[0].Member != "InstantMessage" {
		t.Errorf("journal %+v, want two InstantMessage calls", j.Calls)
	}
}

func TestInvokeDefaultMemberOfCollection(t *testing.T) {
	h := start(t, wire.Config{})
	list := objectOf(t, h.call("messenger", "MyContacts", "propget", nil), "IMessengerContacts")
	// A late-bound coll(1): DISPID 0 with both flags.
	r := h.invoke(map[string]any{"object": list, "dispid": 0, "kind": "method|propget", "args": []any{i4(1)}})
	if r.HResult != "0x00000000" {
		t.Fatalf("Item(1): %+v", r)
	}
	c := objectOf(t, r.Result, "IMessengerContactAdvanced")
	name := h.call(c, "SigninName", "propget", nil)
	if name.VT != "VT_BSTR" || string(name.Value) != `"sam@contoso.com"` {
		t.Errorf("Item(1).SigninName = %+v, want sam@contoso.com", name)
	}
}

func TestInvokePropputMyStatus(t *testing.T) {
	h := start(t, wire.Config{})
	r := h.invoke(map[string]any{"object": "messenger", "member": "MyStatus", "kind": "propput", "args": []any{i4(0x22)}})
	if r.HResult != "0x00000000" || r.Result != nil {
		t.Fatalf("put MyStatus: %+v, want S_OK and a null result", r)
	}
	got := h.call("messenger", "MyStatus", "propget", nil)
	if got.VT != "VT_I4" || string(got.Value) != "34" {
		t.Errorf("MyStatus = %+v, want VT_I4 34 (MISTATUS_AWAY)", got)
	}
}

func TestInvokeFailuresAreHResults(t *testing.T) {
	h := start(t, wire.Config{})
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")}), "IMessengerConversationWndAdvanced")
	tests := []struct {
		name     string
		req      map[string]any
		hr, code string
	}{
		{"null BSTR to GetContact", map[string]any{"object": "messenger", "member": "GetContact",
			"args": []any{map[string]any{"vt": "VT_BSTR", "value": nil}, bstr("")}}, "0x80004005", "E_FAIL"},
		{"unknown member", map[string]any{"object": "messenger", "member": "Fly"}, "0x80020006", "DISP_E_UNKNOWNNAME"},
		{"unknown DISPID", map[string]any{"object": "messenger", "dispid": 4242}, "0x80020003", "DISP_E_MEMBERNOTFOUND"},
		{"wrong argument count", map[string]any{"object": "messenger", "member": "GetContact", "args": []any{bstr("jaya@contoso.com")}}, "0x8002000E", "DISP_E_BADPARAMCOUNT"},
		{"wrong argument type", map[string]any{"object": "messenger", "member": "GetContact", "args": []any{map[string]any{"vt": "VT_NULL"}, bstr("")}}, "0x80020005", "DISP_E_TYPEMISMATCH"},
		{"a string that is no number for an I4", map[string]any{"object": "messenger", "member": "MyStatus", "kind": "propput", "args": []any{bstr("busy")}}, "0x80020005", "DISP_E_TYPEMISMATCH"},
		{"VT_I8 that overflows an I4 parameter", map[string]any{"object": "messenger", "member": "MyStatus", "kind": "propput",
			"args": []any{map[string]any{"vt": "VT_I8", "value": int64(1) << 40}}}, "0x8002000A", "DISP_E_OVERFLOW"},
		{"a window member on the conversation window", map[string]any{"object": win, "member": "Property", "kind": "propget", "args": []any{i4(0)}}, "0x80004001", "E_NOTIMPL"},
		{"InstantMessage to the signed-in user", map[string]any{"object": "messenger", "member": "InstantMessage",
			"args": []any{bstr("alex@contoso.com")}}, "0x80004005", "E_FAIL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.invoke(tt.req)
			if r.HResult != tt.hr || r.Name != tt.code {
				t.Fatalf("got %s %s (%s), want %s %s", r.HResult, r.Name, r.Message, tt.hr, tt.code)
			}
			if r.Message == "" || !strings.Contains(r.Message, tt.code) {
				t.Errorf("message %q does not name %s", r.Message, tt.code)
			}
		})
	}
}

func TestInvokeReleaseIsAMember(t *testing.T) {
	h := start(t, wire.Config{})
	c := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced")
	refs := h.call(c, "Release", "", nil)
	if refs.VT != "VT_I4" || string(refs.Value) != "0" {
		t.Errorf("Release = %+v, want VT_I4 0", refs)
	}
	r := h.invoke(map[string]any{"object": c, "member": "SigninName", "kind": "propget"})
	if r.Name != "RPC_E_DISCONNECTED" || r.HResult != "0x80010108" {
		t.Errorf("call on a released object: %+v, want RPC_E_DISCONNECTED", r)
	}
}

func TestCreateObjectScriptCaller(t *testing.T) {
	h := start(t, wire.Config{})
	var created struct{ Object, Interface string }
	data := h.mustDo(http.StatusCreated, "POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation", "caller": "script"})
	if err := json.Unmarshal(data, &created); err != nil {
		t.Fatal(err)
	}
	if created.Interface != "IMessengerAdvanced" || created.Object == "" {
		t.Fatalf("created %+v", created)
	}
	win := objectOf(t, h.call(created.Object, "Window", "propget", nil), "IMessengerWindow")
	r := h.invoke(map[string]any{"object": win, "member": "HWND", "kind": "propget"})
	if r.Name != "E_NOTIMPL" || r.HResult != "0x80004001" {
		t.Errorf("HWND from a script caller: %+v, want E_NOTIMPL", r)
	}
	// The compiled default messenger gets the handle.
	mainWin := objectOf(t, h.call("messenger", "Window", "propget", nil), "IMessengerWindow")
	if hwnd := h.call(mainWin, "HWND", "propget", nil); hwnd.VT != "VT_I4" {
		t.Errorf("HWND from a compiled caller: %+v", hwnd)
	}
	if mainWin == win {
		t.Error("two clients share an object ID; each client has its own")
	}
}

func TestCreateObjectAfterShutdown(t *testing.T) {
	h := start(t, wire.Config{})
	h.mustDo(200, "POST", "/v1/control/shutdown", map[string]any{})
	st, hdr, data := h.do("POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation"})
	if st != http.StatusServiceUnavailable || hdr.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("status %d %s: %s", st, hdr.Get("Content-Type"), data)
	}
	var p struct{ HResult string }
	if err := json.Unmarshal(data, &p); err != nil || p.HResult != "0x80040111" {
		t.Errorf("problem %s, want hresult 0x80040111", data)
	}
	r := h.invoke(map[string]any{"object": "messenger", "member": "MyStatus", "kind": "propget"})
	if r.Name != "RPC_E_DISCONNECTED" {
		t.Errorf("after shutdown: %+v", r)
	}
	// A reset brings Communicator back; the default messenger lives on.
	h.mustDo(200, "POST", "/v1/control/reset", nil)
	h.call("messenger", "MyStatus", "propget", nil)
	h.mustDo(http.StatusCreated, "POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation"})
}

func TestResetRecreatesReleasedMessenger(t *testing.T) {
	h := start(t, wire.Config{})
	h.call("messenger", "Release", "", nil)
	if r := h.invoke(map[string]any{"object": "messenger", "member": "MyStatus", "kind": "propget"}); r.Name != "RPC_E_DISCONNECTED" {
		t.Fatalf("released messenger answered %+v", r)
	}
	h.mustDo(200, "POST", "/v1/control/reset", map[string]any{})
	h.call("messenger", "MyStatus", "propget", nil)
}

func TestJournalEncodesArguments(t *testing.T) {
	h := start(t, wire.Config{})
	c := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced")
	h.call("messenger", "InstantMessage", "", []any{dispatch(c)})
	h.invoke(map[string]any{"object": "messenger", "member": "GetContact", "args": []any{map[string]any{"vt": "VT_BSTR", "value": nil}, bstr("")}})

	var j struct {
		Total int `json:"total"`
		All   int `json:"all"`
		Calls []struct {
			Seq       int       `json:"seq"`
			Object    string    `json:"object"`
			Interface string    `json:"interface"`
			Member    string    `json:"member"`
			Kind      string    `json:"kind"`
			Caller    string    `json:"caller"`
			Client    int       `json:"client"`
			Args      []variant `json:"args"`
			HResult   string    `json:"hresult"`
			Name      string    `json:"name"`
		} `json:"calls"`
	}
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/journal?member=instantmessage", nil), &j); err != nil {
		t.Fatal(err)
	}
	if j.All != 3 || j.Total != 1 || len(j.Calls) != 1 {
		t.Fatalf("journal all %d, total %d with %d InstantMessage calls, want 3, 1 and 1", j.All, j.Total, len(j.Calls))
	}
	call := j.Calls[0]
	if call.Member != "InstantMessage" || call.Kind != "method" || call.Caller != "compiled" || call.Interface != "IMessenger" || call.Name != "S_OK" || call.Seq != 2 {
		t.Errorf("call %+v", call)
	}
	if len(call.Args) != 1 || call.Args[0].VT != "VT_DISPATCH" || call.Args[0].Object == nil || *call.Args[0].Object != c || call.Args[0].Interface != "IMessengerContactAdvanced" {
		t.Errorf("args %+v, want the contact object", call.Args)
	}
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/journal?object=messenger&member=GetContact", nil), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Calls) != 2 || j.Calls[1].HResult != "0x80004005" || string(j.Calls[1].Args[0].Value) != "null" {
		t.Errorf("GetContact calls %+v, want the second with E_FAIL and a null BSTR", j.Calls)
	}
}

func TestControlFaults(t *testing.T) {
	h := start(t, wire.Config{})
	var id struct{ ID int }
	data := h.mustDo(http.StatusCreated, "POST", "/v1/control/faults", map[string]any{"member": "InstantMessage", "hresult": "MSGR_E_NOT_LOGGED_ON", "times": 1})
	if err := json.Unmarshal(data, &id); err != nil || id.ID == 0 {
		t.Fatalf("fault reply %s", data)
	}
	var list struct {
		Faults []struct {
			Member, HResult, Name string
			Times                 int
		}
	}
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/control/faults", nil), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Faults) != 1 || list.Faults[0].HResult != "0x8100031E" || list.Faults[0].Times != 1 {
		t.Fatalf("faults %+v", list.Faults)
	}
	r := h.invoke(map[string]any{"object": "messenger", "member": "InstantMessage", "args": []any{bstr("jaya@contoso.com")}})
	if r.Name != "MSGR_E_NOT_LOGGED_ON" {
		t.Errorf("faulted call: %+v", r)
	}
	h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")})
	h.mustDo(http.StatusCreated, "POST", "/v1/control/faults", map[string]any{"member": "GetContact", "object": "messenger", "hresult": "0x80004005", "times": -1})
	h.mustDo(http.StatusNoContent, "DELETE", "/v1/control/faults", nil)
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/control/faults", nil), &list); err != nil || len(list.Faults) != 0 {
		t.Errorf("faults after DELETE: %+v", list.Faults)
	}
}

func TestControlDialogFlow(t *testing.T) {
	h := start(t, wire.Config{})
	// The main window: Close with an action in progress raises a dialog.
	win := objectOf(t, h.call("messenger", "Window", "propget", nil), "IMessengerWindow")
	h.mustDo(200, "POST", "/v1/control/windows/action", map[string]any{"object": win, "name": "file transfer"})
	done := make(chan reply, 1)
	go func() {
		// Close blocks until the person answers the confirmation dialog.
		st, _, data := h.do("POST", "/v1/invoke", map[string]any{"object": win, "member": "Close"})
		var r reply
		if st == 200 {
			_ = json.Unmarshal(data, &r)
		}
		done <- r
	}()
	h.mustDo(200, "POST", "/v1/control/windows/dialog/wait", map[string]any{"object": win, "timeoutMs": 10000})
	h.mustDo(200, "POST", "/v1/control/windows/dialog", map[string]any{"object": win, "accept": true})
	if r := <-done; r.Name != "S_OK" {
		t.Fatalf("Close after accept: %+v", r)
	}
	closed := h.call(win, "IsClosed", "propget", nil)
	if closed.VT != "VT_BOOL" || string(closed.Value) != "true" {
		t.Errorf("IsClosed = %+v, want true", closed)
	}
	if st, _, data := h.do("POST", "/v1/control/windows/dialog", map[string]any{"object": win, "accept": true}); st != http.StatusConflict {
		t.Errorf("answering no dialog: %d %s, want 409", st, data)
	}
	if st, _, _ := h.do("POST", "/v1/control/windows/dialog/wait", map[string]any{"object": win, "timeoutMs": 0}); st != http.StatusRequestTimeout {
		t.Errorf("waiting for a dialog that never comes: %d, want 408", st)
	}
}

func TestInvokeCloseConversationWindow(t *testing.T) {
	h := start(t, wire.Config{})
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")}), "IMessengerConversationWndAdvanced")
	h.call(win, "Close", "", nil)
	if r := h.invoke(map[string]any{"object": win, "member": "HWND", "kind": "propget"}); r.Name != "E_FAIL" {
		t.Errorf("HWND of a closed conversation window: %+v, want E_FAIL", r)
	}
}

func TestControlPerson(t *testing.T) {
	h := start(t, wire.Config{})
	var st struct {
		SignedIn bool `json:"signedIn"`
		User     struct {
			Status string `json:"status"`
		} `json:"user"`
		Contacts []struct {
			SigninName, Status string
		} `json:"contacts"`
		Conversations []struct {
			Messages int `json:"messages"`
		} `json:"conversations"`
		DialogPolicy string `json:"dialogPolicy"`
		CloseNext    int    `json:"closeNextWindows"`
	}
	read := func() {
		t.Helper()
		if err := json.Unmarshal(h.state(), &st); err != nil {
			t.Fatal(err)
		}
	}
	h.mustDo(200, "POST", "/v1/control/status", map[string]any{"status": "MISTATUS_BUSY"})
	h.mustDo(200, "POST", "/v1/control/contacts/status", map[string]any{"signinName": "kim@fabrikam.com", "status": "away"})
	h.mustDo(http.StatusNotFound, "POST", "/v1/control/contacts/status", map[string]any{"signinName": "nobody@contoso.com", "status": "away"})
	h.mustDo(200, "POST", "/v1/control/dialog-policy", map[string]any{"policy": "refuse"})
	h.mustDo(200, "POST", "/v1/control/close-next-windows", map[string]any{"count": 2})
	read()
	if st.User.Status != "MISTATUS_BUSY" || st.Contacts[2].Status != "MISTATUS_AWAY" || st.DialogPolicy != "refuse" || st.CloseNext != 2 {
		t.Errorf("state %+v", st)
	}
	h.mustDo(200, "POST", "/v1/control/close-next-windows", map[string]any{"count": 0})
	win := objectOf(t, h.call("messenger", "InstantMessage", "", []any{bstr("jaya@contoso.com")}), "IMessengerConversationWndAdvanced")
	h.mustDo(200, "POST", "/v1/control/windows/say", map[string]any{"object": win, "text": "hello"})
	h.mustDo(200, "POST", "/v1/control/windows/say", map[string]any{"object": win, "from": "jaya@contoso.com", "text": "hi"})
	h.mustDo(http.StatusConflict, "POST", "/v1/control/windows/say", map[string]any{"object": win, "from": "sam@contoso.com", "text": "?"})
	h.mustDo(200, "POST", "/v1/control/windows/minimize", map[string]any{"object": win})
	h.mustDo(200, "POST", "/v1/control/windows/action/end", map[string]any{"object": win})
	read()
	if len(st.Conversations) != 1 || st.Conversations[0].Messages != 2 {
		t.Errorf("conversations %+v, want one with 2 messages", st.Conversations)
	}
	contact := objectOf(t, h.call("messenger", "GetContact", "", []any{bstr("jaya@contoso.com"), bstr("")}), "IMessengerContactAdvanced")
	h.mustDo(http.StatusBadRequest, "POST", "/v1/control/windows/close", map[string]any{"object": contact})
	h.mustDo(200, "POST", "/v1/control/windows/close", map[string]any{"object": win})
	h.mustDo(http.StatusConflict, "POST", "/v1/control/windows/close", map[string]any{"object": win})
	h.mustDo(200, "POST", "/v1/control/conversations", map[string]any{"signinName": "sam@contoso.com"})
	h.mustDo(200, "POST", "/v1/control/signin-failure", map[string]any{"hresult": "MSGR_E_LOGON_TIMEOUT"})
	h.mustDo(http.StatusBadRequest, "POST", "/v1/control/signin-failure", map[string]any{"hresult": "S_OK"})
	h.mustDo(200, "POST", "/v1/control/signout", nil)
	h.mustDo(http.StatusConflict, "POST", "/v1/control/signout", nil)
	read()
	if st.SignedIn {
		t.Error("still signed in after signout")
	}
	h.mustDo(200, "POST", "/v1/control/signin", map[string]any{})
	read()
	if st.SignedIn {
		t.Error("signed in although the sign-in was set to fail")
	}
	h.mustDo(200, "POST", "/v1/control/scenario", map[string]any{"user": map[string]any{"signinName": "pat@contoso.com"}})
	name := h.call("messenger", "MySigninName", "propget", nil)
	if string(name.Value) != `"pat@contoso.com"` {
		t.Errorf("after loading a scenario, MySigninName = %s", name.Value)
	}
	h.mustDo(http.StatusBadRequest, "POST", "/v1/control/scenario", map[string]any{"user": map[string]any{"signinName": "not a name"}})
}
