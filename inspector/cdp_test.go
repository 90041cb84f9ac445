package inspector_test

// A small Chrome DevTools Protocol client for the browser test: it starts
// headless Chromium, speaks CDP over a minimal WebSocket client (text
// frames, masking, fragments, ping), and offers the handful of calls the
// test needs. The stdlib has no WebSocket client and the test needs about
// a tenth of what chromedp does, so it carries no dependency.

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// findChromium returns the browser to drive, or why there is none.
func findChromium() (string, error) {
	if p := os.Getenv("FAKEMESSENGER_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium, chromium-browser or google-chrome on PATH (Debian: apt-get install -y chromium; or set FAKEMESSENGER_CHROMIUM)")
}

type browser struct {
	cmd  *exec.Cmd
	ws   *wsConn
	mu   sync.Mutex
	next int64
	wait map[int64]chan cdpReply
	done chan struct{}
	logs []string
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

var devtoolsLine = regexp.MustCompile(`DevTools listening on (ws://\S+)`)

// startBrowser runs headless Chromium with a fresh profile and connects
// to its first page. Cleanup kills it.
func startBrowser(t *testing.T, bin string) *browser {
	t.Helper()
	// not t.TempDir: Chromium's helper processes may still write into
	// the profile for a moment after the browser exits
	profile, err := os.MkdirTemp("", "fakemessenger-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--no-default-browser-check", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-extensions",
		"--hide-scrollbars", "--mute-audio", "--user-data-dir="+profile,
		"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	exited := make(chan struct{})
	t.Cleanup(func() {
		<-exited
		for range 50 { // helpers that outlive the browser let go soon
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove the browser profile %s", profile)
	})
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		close(exited)
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			if m := devtoolsLine.FindStringSubmatch(sc.Text()); m != nil && !sent {
				found <- m[1]
				sent = true
			}
		}
	}()
	var browserURL string
	select {
	case browserURL = <-found:
	case <-time.After(30 * time.Second):
		t.Fatal("chromium did not print its DevTools address within 30 s")
	}
	u, err := url.Parse(browserURL)
	if err != nil {
		t.Fatal(err)
	}
	pageWS, err := firstPage(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := dialWS(pageWS)
	if err != nil {
		t.Fatalf("connecting to the page: %v", err)
	}
	b := &browser{cmd: cmd, ws: ws, wait: map[int64]chan cdpReply{}, done: make(chan struct{})}
	go b.read()
	t.Cleanup(func() {
		// Browser.close ends the helper processes too; Kill (above) is
		// the fallback
		_ = b.ws.WriteText([]byte(`{"id":999999,"method":"Browser.close"}`))
		select {
		case <-b.done:
		case <-time.After(5 * time.Second):
		}
		ws.Close()
	})
	b.mustCall(t, "Page.enable", nil)
	b.mustCall(t, "Runtime.enable", nil)
	b.mustCall(t, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1480, "height": 900, "deviceScaleFactor": 1, "mobile": false})
	return b
}

func firstPage(host string) (string, error) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + host + "/json/list")
		if err == nil {
			var targets []struct {
				Type string `json:"type"`
				WS   string `json:"webSocketDebuggerUrl"`
			}
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
			for _, tg := range targets {
				if tg.Type == "page" && tg.WS != "" {
					return tg.WS, nil
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", errors.New("chromium lists no page target")
}

func (b *browser) read() {
	defer close(b.done)
	for {
		msg, err := b.ws.ReadMessage()
		if err != nil {
			return
		}
		var m struct {
			ID     int64           `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			cdpReply
		}
		if json.Unmarshal(msg, &m) != nil {
			continue
		}
		if m.ID == 0 {
			if m.Method == "Page.javascriptDialogOpening" {
				// the person says yes to the page's own confirm()
				go func() { _ = b.call("Page.handleJavaScriptDialog", map[string]any{"accept": true}, nil) }()
				continue
			}
			if m.Method == "Runtime.consoleAPICalled" || m.Method == "Runtime.exceptionThrown" {
				b.mu.Lock()
				b.logs = append(b.logs, m.Method+" "+string(m.Params))
				b.mu.Unlock()
			}
			continue
		}
		b.mu.Lock()
		ch := b.wait[m.ID]
		delete(b.wait, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m.cdpReply
		}
	}
}

func (b *browser) call(method string, params any, out any) error {
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan cdpReply, 1)
	b.wait[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := b.ws.WriteText(msg); err != nil {
		return err
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return fmt.Errorf("%s: %s", method, r.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: the browser connection closed", method)
	case <-time.After(60 * time.Second):
		return fmt.Errorf("%s: no answer in 60 s", method)
	}
}

func (b *browser) mustCall(t *testing.T, method string, params any) {
	t.Helper()
	if err := b.call(method, params, nil); err != nil {
		t.Fatal(err)
	}
}

// eval runs an expression in the page (awaiting a promise) and decodes
// its JSON value into out.
func (b *browser) eval(expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := b.call("Runtime.evaluate", map[string]any{"expression": expr, "awaitPromise": true, "returnByValue": true}, &r)
	if err != nil {
		return err
	}
	if r.Exception != nil {
		return fmt.Errorf("in the page: %s %s", r.Exception.Text, r.Exception.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		return json.Unmarshal(r.Result.Value, out)
	}
	return nil
}

func (b *browser) mustEval(t *testing.T, expr string, out any) {
	t.Helper()
	if err := b.eval(expr, out); err != nil {
		t.Fatalf("%v\nexpression: %s\nconsole: %s", err, expr, b.console())
	}
}

// waitFor evaluates cond in the page until it is true (the test waits;
// the page itself never polls).
func (b *browser) waitFor(t *testing.T, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var ok bool
		if err := b.eval("!!("+cond+")", &ok); err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			var text string
			_ = b.eval("document.body.innerText.slice(0, 3000)", &text)
			t.Fatalf("waited 15 s for %s (%s)\npage text:\n%s\nconsole: %s", what, cond, text, b.console())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (b *browser) console() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Join(b.logs, "\n")
}

func (b *browser) navigate(t *testing.T, u string) {
	t.Helper()
	b.mustCall(t, "Page.navigate", map[string]any{"url": u})
	b.waitFor(t, "the page to load", fmt.Sprintf("location.href === %q && document.readyState === 'complete'", u))
}

// setFile puts a file into the <input type=file> the selector names, as
// the person choosing it would.
func (b *browser) setFile(t *testing.T, selector, path string) {
	t.Helper()
	var doc struct {
		Root struct {
			NodeID int `json:"nodeId"`
		} `json:"root"`
	}
	if err := b.call("DOM.getDocument", nil, &doc); err != nil {
		t.Fatal(err)
	}
	var q struct {
		NodeID int `json:"nodeId"`
	}
	if err := b.call("DOM.querySelector", map[string]any{"nodeId": doc.Root.NodeID, "selector": selector}, &q); err != nil || q.NodeID == 0 {
		t.Fatalf("no %s in the page: %v", selector, err)
	}
	if err := b.call("DOM.setFileInputFiles", map[string]any{"files": []string{path}, "nodeId": q.NodeID}, nil); err != nil {
		t.Fatal(err)
	}
}

// screenshot writes a PNG of the viewport.
func (b *browser) screenshot(t *testing.T, path string) {
	t.Helper()
	data := b.capture(t)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(data))
}

func (b *browser) capture(t *testing.T) []byte {
	t.Helper()
	var r struct {
		Data string `json:"data"`
	}
	if err := b.call("Page.captureScreenshot", map[string]any{"format": "png"}, &r); err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// screenshotIfChanged rewrites path only when the picture differs from
// the one there by more than a few anti-aliased pixels, so a tracked
// screenshot changes when the page does and not on every run.
func (b *browser) screenshotIfChanged(t *testing.T, path string) {
	t.Helper()
	data := b.capture(t)
	if old, err := os.ReadFile(path); err == nil && pixelsDiffer(old, data) < 100 {
		t.Logf("screenshot: %s unchanged", path)
		return
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s rewritten (%d bytes)", path, len(data))
}

// pixelsDiffer counts the pixels two PNGs differ in (all of them when
// either does not decode or their sizes differ).
func pixelsDiffer(a, b []byte) int {
	ia, err1 := png.Decode(bytes.NewReader(a))
	ib, err2 := png.Decode(bytes.NewReader(b))
	if err1 != nil || err2 != nil || ia.Bounds() != ib.Bounds() {
		return math.MaxInt
	}
	n := 0
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				n++
			}
		}
	}
	return n
}

// ---- a minimal WebSocket client (RFC 6455), enough for CDP ----

type wsConn struct {
	c  net.Conn
	r  *bufio.Reader
	wm sync.Mutex
}

func dialWS(raw string) (*wsConn, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	c, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	if err != nil {
		return nil, err
	}
	var key [16]byte
	_, _ = rand.Read(key[:])
	k := base64.StdEncoding.EncodeToString(key[:])
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + k + "\r\nSec-WebSocket-Version: 13\r\n\r\n"
	if _, err := io.WriteString(c, req); err != nil {
		c.Close()
		return nil, err
	}
	r := bufio.NewReaderSize(c, 1<<16)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		c.Close()
		return nil, err
	}
	h := sha1.Sum([]byte(k + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if resp.StatusCode != http.StatusSwitchingProtocols || resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(h[:]) {
		c.Close()
		return nil, fmt.Errorf("websocket handshake: %s", resp.Status)
	}
	return &wsConn{c: c, r: r}, nil
}

func (w *wsConn) Close() error { return w.c.Close() }

func (w *wsConn) writeFrame(op byte, payload []byte) error {
	w.wm.Lock()
	defer w.wm.Unlock()
	hdr := []byte{0x80 | op}
	n := len(payload)
	switch {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n < 1<<16:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	var mask [4]byte
	_, _ = rand.Read(mask[:])
	hdr = append(hdr, mask[:]...)
	masked := make([]byte, n)
	for i := range payload {
		masked[i] = payload[i] ^ mask[i%4]
	}
	_, err := w.c.Write(append(hdr, masked...))
	return err
}

func (w *wsConn) WriteText(p []byte) error { return w.writeFrame(0x1, p) }

// ReadMessage returns the next whole text or binary message, answering
// pings on the way.
func (w *wsConn) ReadMessage() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(w.r, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0f
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(w.r, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(w.r, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		var mask []byte
		if h[1]&0x80 != 0 {
			mask = make([]byte, 4)
			if _, err := io.ReadFull(w.r, mask); err != nil {
				return nil, err
			}
		}
		if n > 256<<20 {
			return nil, fmt.Errorf("websocket frame of %d bytes", n)
		}
		p := make([]byte, n)
		if _, err := io.ReadFull(w.r, p); err != nil {
			return nil, err
		}
		if mask != nil {
			for i := range p {
				p[i] ^= mask[i%4]
			}
		}
		switch op {
		case 0x8: // close
			return nil, io.EOF
		case 0x9: // ping
			if err := w.writeFrame(0xA, p); err != nil {
				return nil, err
			}
			continue
		case 0xA: // pong
			continue
		}
		msg = append(msg, p...)
		if fin {
			return msg, nil
		}
	}
}
