package wire_test

import (
	"bufio"
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

// The adversarial suite: what a web page, a rebinding DNS name, a greedy
// or slow client can send. Every case asserts the answer and, where the
// request must change nothing, that the world is as it was. The count of
// cases is what `make adversarial` (scripts/adversarial.sh) counts.

// rawReq sends a request with exactly the headers given (no Content-Type
// unless named; "Host" sets the Host header).
func rawReq(t *testing.T, h *harness, method, path, body string, hdr map[string]string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, h.ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body == "" && (method == "POST" || method == "PUT" || method == "DELETE") {
		req.ContentLength = 0
		req.Header.Set("Content-Length", "0")
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, data
}

// stateChanging are the routes a web page must not reach cross-site.
var stateChanging = []struct{ method, path, body string }{
	{"POST", "/v1/control/signout", ""},
	{"POST", "/v1/control/signin", ""},
	{"POST", "/v1/control/reset", ""},
	{"POST", "/v1/control/shutdown", ""},
	{"POST", "/v1/worlds", ""},
	{"POST", "/v1/objects", `{"progid":"Communicator.UIAutomation"}`},
	{"POST", "/v1/invoke", `{"object":"messenger","member":"Signout"}`},
	{"POST", "/v1/control/status", `{"status":"MISTATUS_BUSY"}`},
	{"POST", "/v1/control/contacts/status", `{"signinName":"jaya@contoso.com","status":"MISTATUS_BUSY"}`},
	{"POST", "/v1/control/faults", `{"member":"InstantMessage","hresult":"E_FAIL","times":1}`},
	{"DELETE", "/v1/control/faults", ""},
	{"POST", "/v1/control/scenario", `{"user":{"signinName":"eve@evil.example"}}`},
	{"POST", "/v1/control/close-next-windows", `{"count":1}`},
	{"POST", "/v1/control/dialog-policy", `{"policy":"accept"}`},
	{"POST", "/v1/control/signin-failure", `{"hresult":"E_FAIL"}`},
	{"DELETE", "/v1/worlds/other", ""},
}

// TestCrossSiteRefused: every state-changing route, sent the ways a page
// can send it without a preflight (no Content-Type, text/plain, a form,
// multipart) or with a foreign Origin, is refused and changes nothing.
func TestCrossSiteRefused(t *testing.T) {
	h := start(t, wire.Config{})
	h.mustDo(http.StatusCreated, "POST", "/v1/worlds", map[string]any{"name": "other"})
	origin := "http://evil.example"
	variants := []struct {
		name   string
		hdr    func(body string) map[string]string
		status int
	}{
		{"no content type", func(string) map[string]string { return map[string]string{"Origin": origin} }, 0},
		{"no content type, no origin", func(string) map[string]string { return map[string]string{} }, http.StatusUnsupportedMediaType},
		{"text/plain", func(string) map[string]string {
			return map[string]string{"Content-Type": "text/plain", "Origin": origin}
		}, 0},
		{"form", func(string) map[string]string {
			return map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		}, http.StatusUnsupportedMediaType},
		{"multipart", func(string) map[string]string {
			return map[string]string{"Content-Type": "multipart/form-data; boundary=x"}
		}, http.StatusUnsupportedMediaType},
		{"json from a foreign origin", func(string) map[string]string {
			return map[string]string{"Content-Type": "application/json", "Origin": origin}
		}, http.StatusForbidden},
	}
	for _, rt := range stateChanging {
		for _, v := range variants {
			t.Run(rt.method+" "+rt.path+" "+v.name, func(t *testing.T) {
				before := h.state()
				st, hdr, data := rawReq(t, h, rt.method, rt.path, rt.body, v.hdr(rt.body))
				want := v.status
				if want == 0 {
					want = http.StatusForbidden // the Origin check answers first
				}
				if st != want {
					t.Fatalf("status %d, want %d: %s", st, want, data)
				}
				if ct := hdr.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type %q", ct)
				}
				if hdr.Get("Access-Control-Allow-Origin") != "" {
					t.Errorf("CORS header on a refusal: %v", hdr)
				}
				assertSameState(t, before, h.state(), false)
			})
		}
	}
	var list struct{ Worlds []string }
	_ = json.Unmarshal(h.mustDo(200, "GET", "/v1/worlds", nil), &list)
	if len(list.Worlds) != 2 {
		t.Errorf("worlds %v after the refusals, want default and other", list.Worlds)
	}
}

// TestOriginRules: which Origins are the server's own.
func TestOriginRules(t *testing.T) {
	h := start(t, wire.Config{})
	own := h.ts.URL // http://127.0.0.1:port
	port := h.ts.Listener.Addr().(*net.TCPAddr).Port
	for _, tc := range []struct {
		origin string
		status int
	}{
		{own, 200},
		{strings.ToUpper(own[:4]) + own[4:], 200},
		{"null", 403},
		{"http://evil.example", 403},
		{fmt.Sprintf("http://127.0.0.1:%d", port+1), 403},
		{fmt.Sprintf("https://127.0.0.1:%d", port), 403},
		{fmt.Sprintf("http://localhost:%d", port), 403}, // another origin than the Host used
		{"file://", 403},
		{"chrome-extension://abc", 403},
		{own + "/path", 403},
		{"http://127.0.0.1", 403},
	} {
		t.Run(tc.origin, func(t *testing.T) {
			st, hdr, data := rawReq(t, h, "POST", "/v1/control/dialog-policy", `{"policy":"wait"}`, map[string]string{"Content-Type": "application/json", "Origin": tc.origin})
			if st != tc.status {
				t.Fatalf("status %d, want %d: %s", st, tc.status, data)
			}
			if hdr.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("CORS header without --allow-origin")
			}
		})
	}
}

// TestAllowOriginCORS: a named origin gets the CORS answers it needs,
// preflight included; others get none.
func TestAllowOriginCORS(t *testing.T) {
	page := "http://localhost:3000"
	h := start(t, wire.Config{AllowOrigins: []string{page, "https://app.test"}})
	t.Run("preflight", func(t *testing.T) {
		st, hdr, _ := rawReq(t, h, "OPTIONS", "/v1/invoke", "", map[string]string{
			"Origin": page, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
		if st != http.StatusNoContent || hdr.Get("Access-Control-Allow-Origin") != page ||
			!strings.Contains(hdr.Get("Access-Control-Allow-Methods"), "POST") ||
			!strings.Contains(hdr.Get("Access-Control-Allow-Headers"), "Content-Type") {
			t.Fatalf("preflight: %d %v", st, hdr)
		}
	})
	t.Run("preflight from another origin", func(t *testing.T) {
		st, hdr, _ := rawReq(t, h, "OPTIONS", "/v1/invoke", "", map[string]string{
			"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
		if st != http.StatusForbidden || hdr.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("foreign preflight: %d %v", st, hdr)
		}
	})
	t.Run("call from the page", func(t *testing.T) {
		st, hdr, data := rawReq(t, h, "POST", "/v1/invoke", `{"object":"messenger","member":"MySigninName","kind":"propget"}`,
			map[string]string{"Origin": page, "Content-Type": "application/json"})
		if st != 200 || hdr.Get("Access-Control-Allow-Origin") != page || !strings.Contains(hdr.Get("Vary"), "Origin") {
			t.Fatalf("%d %v %s", st, hdr, data)
		}
	})
	t.Run("allowed origin still needs JSON", func(t *testing.T) {
		st, _, _ := rawReq(t, h, "POST", "/v1/control/signout", "", map[string]string{"Origin": page})
		if st != http.StatusUnsupportedMediaType {
			t.Fatalf("%d", st)
		}
	})
	t.Run("https origin with its default port", func(t *testing.T) {
		st, hdr, _ := rawReq(t, h, "GET", "/v1/state", "", map[string]string{"Origin": "https://app.test"})
		if st != 200 || hdr.Get("Access-Control-Allow-Origin") != "https://app.test" {
			t.Fatalf("%d %v", st, hdr)
		}
	})
	t.Run("no origin, no CORS headers", func(t *testing.T) {
		_, hdr, _ := rawReq(t, h, "GET", "/v1/state", "", nil)
		if hdr.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("%v", hdr)
		}
	})
	t.Run("bad allowed origin refused at start", func(t *testing.T) {
		if _, err := wire.NewServer(wire.Config{AllowOrigins: []string{"localhost:3000"}}); err == nil {
			t.Fatal("NewServer took an origin without a scheme")
		}
	})
}

// TestHostCheck: DNS rebinding. Only loopback names with the listening
// port are answered, with 421, unless allowed.
func TestHostCheck(t *testing.T) {
	h := start(t, wire.Config{})
	port := h.ts.Listener.Addr().(*net.TCPAddr).Port
	p := fmt.Sprint(port)
	for _, tc := range []struct {
		host   string
		status int
	}{
		{"127.0.0.1:" + p, 200},
		{"localhost:" + p, 200},
		{"LOCALHOST:" + p, 200},
		{"127.0.0.2:" + p, 200},
		{"[::1]:" + p, 200},
		{"evil.example:" + p, 421},
		{"evil.example", 421},
		{"127.0.0.1:" + fmt.Sprint(port+1), 421},
		{"127.0.0.1", 421}, // port 80 implied
		{"127.1:" + p, 421},
		{"2130706433:" + p, 421},
		{"localhost.evil.example:" + p, 421},
		{"10.0.0.1:" + p, 421},
		{"[::ffff:7f00:1]:" + p, 200},
		{"0.0.0.0:" + p, 421},
	} {
		t.Run(tc.host, func(t *testing.T) {
			before := h.state()
			st, hdr, data := rawReq(t, h, "POST", "/v1/control/signout", "", map[string]string{"Host": tc.host, "Content-Type": "application/json"})
			if st != tc.status {
				t.Fatalf("status %d, want %d: %s", st, tc.status, data)
			}
			if st == 421 {
				if hdr.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(data), "host-not-allowed") {
					t.Errorf("refusal %v %s", hdr, data)
				}
				assertSameState(t, before, h.state(), false)
			} else {
				h.mustDo(200, "POST", "/v1/control/signin", nil)
			}
		})
	}
	t.Run("token does not bypass the host check", func(t *testing.T) {
		ht := start(t, wire.Config{Token: "s3cret"})
		st, _, _ := rawReq(t, ht, "GET", "/v1/state", "", map[string]string{"Host": "evil.example", "Authorization": "Bearer s3cret"})
		if st != 421 {
			t.Fatalf("%d", st)
		}
	})
	t.Run("allow-host", func(t *testing.T) {
		ha := start(t, wire.Config{AllowHosts: []string{"fake.test"}})
		if st, _, _ := rawReq(t, ha, "GET", "/v1/state", "", map[string]string{"Host": "fake.test:8080"}); st != 200 {
			t.Fatalf("allowed host: %d", st)
		}
		if st, _, _ := rawReq(t, ha, "GET", "/v1/state", "", map[string]string{"Host": "other.test"}); st != 421 {
			t.Fatalf("other host: %d", st)
		}
	})
	t.Run("allow-remote", func(t *testing.T) {
		ha := start(t, wire.Config{AllowAnyHost: true})
		if st, _, _ := rawReq(t, ha, "GET", "/v1/state", "", map[string]string{"Host": "anything.example"}); st != 200 {
			t.Fatalf("%d", st)
		}
	})
}

// TestLimits: each limit answers its documented error and changes nothing
// beyond it; GET /v1/state reports usage and limits.
func TestLimits(t *testing.T) {
	t.Run("objects", func(t *testing.T) {
		h := start(t, wire.Config{MaxObjects: 10})
		var last reply
		n := 0
		for i := 0; i < 20; i++ {
			last = h.invoke(map[string]any{"object": "messenger", "member": "GetContact",
				"args": []any{bstr(fmt.Sprintf("u%d@contoso.com", i)), bstr("")}})
			if last.Name != "S_OK" {
				break
			}
			n++
		}
		if last.Name != "E_OUTOFMEMORY" || last.HResult != "0x8007000E" {
			t.Fatalf("past the limit: %+v", last)
		}
		before := h.state()
		if r := h.invoke(map[string]any{"object": "messenger", "member": "GetContact",
			"args": []any{bstr("again@contoso.com"), bstr("")}}); r.Name != "E_OUTOFMEMORY" {
			t.Fatalf("%+v", r)
		}
		assertSameState(t, before, h.state(), true)
		// A contact the client holds is no new object.
		if r := h.invoke(map[string]any{"object": "messenger", "member": "GetContact",
			"args": []any{bstr("u0@contoso.com"), bstr("")}}); r.Name != "S_OK" {
			t.Fatalf("held contact: %+v", r)
		}
		var st struct {
			Limits wire.Limits
			Usage  wire.Usage
		}
		_ = json.Unmarshal(h.state(), &st)
		if st.Limits.MaxObjects != 10 || st.Usage.Objects < 10 || st.Usage.Objects > 11 {
			t.Errorf("state limits %+v usage %+v", st.Limits, st.Usage)
		}
	})
	t.Run("roots", func(t *testing.T) {
		h := start(t, wire.Config{MaxRoots: 3})
		for i := 0; i < 2; i++ {
			h.mustDo(201, "POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation"})
		}
		before := h.state()
		st, hdr, data := h.do("POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation"})
		if st != http.StatusInsufficientStorage || hdr.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(data), "0x8007000E") {
			t.Fatalf("%d %s", st, data)
		}
		assertSameState(t, before, h.state(), false)
	})
	t.Run("worlds", func(t *testing.T) {
		h := start(t, wire.Config{MaxWorlds: 2})
		h.mustDo(201, "POST", "/v1/worlds", nil)
		st, _, data := h.do("POST", "/v1/worlds", nil)
		if st != http.StatusTooManyRequests || !strings.Contains(string(data), "too-many-worlds") {
			t.Fatalf("%d %s", st, data)
		}
	})
	t.Run("streams", func(t *testing.T) {
		h := start(t, wire.Config{MaxStreams: 2})
		h.events("")
		h.events("")
		st, _, data := rawReq(t, h, "GET", "/v1/events", "", nil)
		if st != http.StatusTooManyRequests || !strings.Contains(string(data), "too-many-streams") {
			t.Fatalf("%d %s", st, data)
		}
		var s struct{ Usage wire.Usage }
		_ = json.Unmarshal(h.state(), &s)
		if s.Usage.Streams != 2 {
			t.Errorf("usage %+v", s.Usage)
		}
	})
	t.Run("subscribed roots", func(t *testing.T) {
		h := start(t, wire.Config{MaxStreams: 2})
		var ids []string
		for i := 0; i < 3; i++ {
			var c struct{ Object string }
			_ = json.Unmarshal(h.mustDo(201, "POST", "/v1/objects", map[string]any{"progid": "Communicator.UIAutomation"}), &c)
			ids = append(ids, c.Object)
		}
		h.events("?object=" + ids[0]).close()
		h.events("?object=" + ids[1]).close()
		for deadline := time.Now().Add(5 * time.Second); ; { // the closed streams' handlers end
			var st struct{ Usage wire.Usage }
			_ = json.Unmarshal(h.state(), &st)
			if st.Usage.Streams == 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		st, _, data := rawReq(t, h, "GET", "/v1/events?object="+ids[2], "", nil)
		if st != http.StatusTooManyRequests || !strings.Contains(string(data), "too-many-subscribers") {
			t.Fatalf("a third root's buffer: %d %s", st, data)
		}
	})
	for _, tc := range []struct {
		name string
		body map[string]any
	}{
		{"journal above the flag", map[string]any{"journalSize": 10_001}},
		{"journal negative", map[string]any{"journalSize": -1}},
		{"objects above the flag", map[string]any{"maxObjects": 10_001}},
		{"objects zero", map[string]any{"maxObjects": 0}},
		{"roots above the flag", map[string]any{"maxRoots": 1_001}},
		{"handle quota off", map[string]any{"handleQuota": 0}},
		{"handle quota above objects", map[string]any{"maxObjects": 5, "handleQuota": 6}},
		{"participants above objects", map[string]any{"maxObjects": 5, "maxParticipants": 6}},
		{"journal as a string", map[string]any{"journalSize": "big"}},
	} {
		t.Run("world "+tc.name, func(t *testing.T) {
			h := start(t, wire.Config{})
			st, _, data := h.do("POST", "/v1/worlds", tc.body)
			if st != http.StatusBadRequest {
				t.Fatalf("%d %s", st, data)
			}
			var list struct{ Worlds []string }
			_ = json.Unmarshal(h.mustDo(200, "GET", "/v1/worlds", nil), &list)
			if len(list.Worlds) != 1 {
				t.Errorf("a world was made: %v", list.Worlds)
			}
		})
	}
	t.Run("world asks for less", func(t *testing.T) {
		h := start(t, wire.Config{})
		h.mustDo(201, "POST", "/v1/worlds", map[string]any{"name": "small", "journalSize": 5, "maxObjects": 4, "maxRoots": 2})
		var s struct{ Limits wire.Limits }
		_ = json.Unmarshal(h.state(inWorld("small")), &s)
		if s.Limits.JournalSize != 5 || s.Limits.MaxObjects != 4 || s.Limits.MaxRoots != 2 || s.Limits.HandleQuota != 4 {
			t.Errorf("limits %+v", s.Limits)
		}
	})
}

// pythonStyle sends headers and the whole body, then reads the answer, as
// urllib and requests do; it fails on a reset.
func pythonStyle(t *testing.T, addr, head string, body []byte) (string, error) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(conn, head); err != nil {
		return "", err
	}
	if _, err := conn.Write(body); err != nil {
		return "", fmt.Errorf("writing the body: %w", err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("reading the answer: %w", err)
	}
	return line, nil
}

// TestOversizeBodies: a client that writes its whole body before reading
// gets the 413, never a reset, whatever the framing.
func TestOversizeBodies(t *testing.T) {
	h := start(t, wire.Config{MaxBodyBytes: 64 << 10})
	addr := h.ts.Listener.Addr().String()
	for _, size := range []int{64<<10 + 1, 200 << 10, 1 << 20, 4 << 20} {
		t.Run(fmt.Sprintf("content-length %d", size), func(t *testing.T) {
			body := []byte(`{"object":"messenger","member":"` + strings.Repeat("x", size) + `"}`)
			head := fmt.Sprintf("POST /v1/invoke HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", addr, len(body))
			line, err := pythonStyle(t, addr, head, body)
			if err != nil || !strings.HasPrefix(line, "HTTP/1.1 413") {
				t.Fatalf("%q, %v", line, err)
			}
		})
	}
	t.Run("chunked", func(t *testing.T) {
		var b strings.Builder
		chunk := strings.Repeat("y", 32<<10)
		for i := 0; i < 40; i++ {
			fmt.Fprintf(&b, "%x\r\n%s\r\n", len(chunk), chunk)
		}
		b.WriteString("0\r\n\r\n")
		head := fmt.Sprintf("POST /v1/invoke HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", addr)
		line, err := pythonStyle(t, addr, head, []byte(b.String()))
		if err != nil || !strings.HasPrefix(line, "HTTP/1.1 413") {
			t.Fatalf("%q, %v", line, err)
		}
	})
	t.Run("expect 100-continue gets the 413 before sending", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(conn, "POST /v1/invoke HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", addr, 100<<20)
		line, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "HTTP/1.1 413") {
			t.Fatalf("%q, %v", line, err)
		}
	})
	t.Run("keep-alive survives a drained 413", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		big := strings.Repeat("z", 100<<10)
		small := `{"object":"messenger","member":"MySigninName","kind":"propget"}`
		fmt.Fprintf(conn, "POST /v1/invoke HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(big), big)
		fmt.Fprintf(conn, "POST /v1/invoke HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(small), small)
		br := bufio.NewReader(conn)
		r1, err := http.ReadResponse(br, nil)
		if err != nil || r1.StatusCode != 413 {
			t.Fatalf("first: %v %v", r1, err)
		}
		_, _ = io.Copy(io.Discard, r1.Body)
		r2, err := http.ReadResponse(br, nil)
		if err != nil || r2.StatusCode != 200 {
			t.Fatalf("second on the same connection: %v %v", r2, err)
		}
	})
	t.Run("at the limit is fine", func(t *testing.T) {
		pad := strings.Repeat(" ", 64<<10-len(`{"object":"messenger","member":"MySigninName","kind":"propget"}`))
		st, _, data := h.do("POST", "/v1/invoke", `{"object":"messenger","member":"MySigninName","kind":"propget"}`+pad)
		if st != 200 {
			t.Fatalf("%d %s", st, data)
		}
	})
}

// TestSlowBodies: a body that does not arrive within the timeout gets
// 408 and its connection closes; headers alone hold nothing open.
func TestSlowBodies(t *testing.T) {
	h := start(t, wire.Config{BodyTimeout: 300 * time.Millisecond})
	addr := h.ts.Listener.Addr().String()
	for _, tc := range []struct{ name, head, trickle string }{
		{"content-length, nothing sent", "Content-Length: 100\r\n", ""},
		{"content-length, 1 byte a while", "Content-Length: 100\r\n", "{"},
		{"chunked, never ends", "Transfer-Encoding: chunked\r\n", "1\r\n{\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
			t0 := time.Now()
			fmt.Fprintf(conn, "POST /v1/invoke HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n%s\r\n%s", addr, tc.head, tc.trickle)
			br := bufio.NewReader(conn)
			resp, err := http.ReadResponse(br, nil)
			if err != nil || resp.StatusCode != http.StatusRequestTimeout {
				t.Fatalf("%v %v", resp, err)
			}
			if d := time.Since(t0); d > 3*time.Second {
				t.Errorf("408 after %v", d)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			if _, err := br.ReadByte(); err == nil {
				t.Error("the connection stayed open after the 408")
			}
		})
	}
	t.Run("a long call is not cut by the body timeout", func(t *testing.T) {
		h.mustDo(201, "POST", "/v1/control/faults", map[string]any{"member": "MySigninName", "hresult": "S_OK", "delayMs": 600, "times": 1})
		if r := h.invoke(map[string]any{"object": "messenger", "member": "MySigninName", "kind": "propget"}); r.Name != "S_OK" {
			t.Fatalf("%+v", r)
		}
	})
}

// TestResetClearsEventHistory: after a reset a live subscriber gets a
// reset event and nothing raised before it, and so does a client resuming
// from an ID before the reset; a new subscriber starts after it.
func TestResetClearsEventHistory(t *testing.T) {
	h := start(t, wire.Config{})
	world, _ := h.srv.World(wire.DefaultWorld)
	// upTo reads a stream until the world's newest event.
	upTo := func(s *stream) []sseEvent {
		t.Helper()
		h.drain(wire.DefaultWorld)
		want := fmt.Sprint(world.EventCount())
		var evs []sseEvent
		for {
			ev := s.nextEvent()
			evs = append(evs, ev)
			if ev.ID == want {
				return evs
			}
		}
	}
	s := h.events("")
	h.mustDo(200, "POST", "/v1/control/status", map[string]any{"status": "MISTATUS_BUSY"})
	h.mustDo(200, "POST", "/v1/control/status", map[string]any{"status": "MISTATUS_AWAY"})
	before := upTo(s)
	h.mustDo(200, "POST", "/v1/control/reset", nil)
	if ev := s.nextEvent(); ev.Event != "reset" || ev.ID != before[len(before)-1].ID {
		t.Fatalf("live stream got %+v, want the reset event", ev)
	}
	h.mustDo(200, "POST", "/v1/control/status", map[string]any{"status": "MISTATUS_BUSY"})
	after := upTo(s)
	for _, ev := range after {
		if ev.Event == "reset" {
			t.Fatalf("a second reset event: %+v", after)
		}
	}
	r := h.events("", withHeader("Last-Event-ID", before[0].ID))
	if ev := r.nextEvent(); ev.Event != "reset" {
		t.Fatalf("resume from before the reset got %+v, want reset", ev)
	}
	if got := upTo(r); len(got) != len(after) || got[0].ID != after[0].ID {
		t.Fatalf("resume replayed %+v, want only %+v (nothing from before the reset)", got, after)
	}
	n := h.events("")
	h.mustDo(200, "POST", "/v1/control/status", map[string]any{"status": "MISTATUS_ONLINE"})
	for _, ev := range upTo(n) {
		if ev.Event == "reset" {
			t.Fatalf("a subscriber made after the reset got %+v", ev)
		}
	}
}
