package inspector_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/inspector"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// artifactDir is where the browser tests write their screenshots:
// $FAKEMESSENGER_ARTIFACTS, else the test's temporary directory (logged).
func artifactDir(t *testing.T) string {
	if d := os.Getenv("FAKEMESSENGER_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := filepath.Join(os.TempDir(), "fakemessenger-inspector-artifacts")
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

func needChromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin, err := findChromium()
	if err != nil {
		if os.Getenv("FAKEMESSENGER_REQUIRE_BROWSER") != "" {
			t.Fatalf("FAKEMESSENGER_REQUIRE_BROWSER is set but %v", err)
		}
		t.Skipf("SKIPPING the inspector browser test: %v", err)
	}
	return bin
}

// startFake runs the wire server with the page on 127.0.0.1:0.
func startFake(t *testing.T, cfg wire.Config) string {
	url, _ := startFakeServer(t, cfg)
	return url
}

func startFakeServer(t *testing.T, cfg wire.Config) (string, *httptest.Server) {
	t.Helper()
	cfg.Page = inspector.Handler()
	ws, err := wire.NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(ws)
	srv.Config.RegisterOnShutdown(ws.Close)
	srv.Start()
	t.Cleanup(func() { ws.Close(); srv.Close() })
	return srv.URL, srv
}

// events collects the client's events by name.
type events struct {
	mu  sync.Mutex
	got []model.Event
	ch  chan struct{}
}

func (e *events) add(ev model.Event) {
	e.mu.Lock()
	e.got = append(e.got, ev)
	close(e.ch)
	e.ch = make(chan struct{})
	e.mu.Unlock()
}

// wait returns the first event named name for which match is true.
func (e *events) wait(t *testing.T, name string, match func(model.Event) bool) model.Event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		e.mu.Lock()
		for _, ev := range e.got {
			if ev.Name == name && match(ev) {
				e.mu.Unlock()
				return ev
			}
		}
		ch := e.ch
		e.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("no %s reached the client within 10 s", name)
		}
	}
}

func hwndOf(t *testing.T, w model.ConversationWnd) int32 {
	t.Helper()
	h, err := w.HWND(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestInspectorInBrowser drives the page in headless Chromium against a
// fake with a token: the page asks for the token, shows a window a Go
// client opens, closes it as the person (the client gets
// OnIMWindowDestroyed), marks the client's late call and leak, and
// answers a confirmation dialog.
func TestInspectorInBrowser(t *testing.T) {
	bin := needChromium(t)
	const token = "browser-test-token"
	// A manual clock and the default seed make the page, and so
	// docs/inspector.png, the same on every run: the file changes only when
	// the page does.
	clk := sim.NewManualClock(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
	tick := func() { clk.Advance(1234 * time.Millisecond) }
	base := startFake(t, wire.Config{Token: token, Clock: clk})
	b := startBrowser(t, bin)
	dir := artifactDir(t)
	ctx := context.Background()

	// The page loads without the token and shows no world data.
	b.navigate(t, base+"/")
	b.waitFor(t, "the token form", `document.querySelector('#login:not([hidden]) input[name=token]')`)
	var text string
	b.mustEval(t, `document.body.innerText`, &text)
	if strings.Contains(text, "contoso.com") || strings.Contains(text, "Jaya") {
		t.Fatalf("world data shown before the token was given:\n%s", text)
	}
	var appHidden bool
	b.mustEval(t, `document.getElementById('app').hidden`, &appHidden)
	if !appHidden {
		t.Fatal("the app is visible before the token was given")
	}
	b.screenshot(t, filepath.Join(dir, "inspector-token.png"))

	// A wrong token is refused and asked for again.
	b.mustEval(t, `(() => { const f = document.getElementById('login'); f.token.value = 'wrong'; f.requestSubmit(); })()`, nil)
	b.waitFor(t, "the refusal", `document.getElementById('login-error').textContent.includes('refused')`)

	b.mustEval(t, fmt.Sprintf(`(() => { const f = document.getElementById('login'); f.token.value = %q; f.requestSubmit(); })()`, token), nil)
	b.waitFor(t, "the contact list", `document.querySelector('#contacts [data-signin="jaya@contoso.com"]')`)
	b.waitFor(t, "the live stream", `document.getElementById('conn').textContent === 'live'`)
	var href string
	b.mustEval(t, `location.href`, &href)
	if strings.Contains(href, token) {
		t.Fatalf("the token is in the URL: %s", href)
	}
	var stored string
	b.mustEval(t, `sessionStorage.getItem('fakemessenger.token')`, &stored)
	if stored != token {
		t.Fatalf("sessionStorage holds %q, want the token", stored)
	}

	// A client session through the Go client.
	c, err := client.New(base, client.WithToken(token))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := &events{ch: make(chan struct{})}
	sub, err := c.Messenger().Subscribe(ctx, got.add)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	tick()
	win1, err := c.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	h1 := hwndOf(t, win1)
	card1 := fmt.Sprintf(`document.querySelector('.card[data-hwnd="%d"]')`, h1)
	b.waitFor(t, "the window's card with the contact and HWND",
		fmt.Sprintf(`%s && %s.innerText.includes('jaya@contoso.com') && %s.innerText.includes('HWND %d')`, card1, card1, card1, h1))
	b.waitFor(t, "the InstantMessage row in the journal", `[...document.querySelectorAll('#journal .jrow')].some(r => r.innerText.includes('InstantMessage') && r.innerText.includes('jaya@contoso.com'))`)
	b.waitFor(t, "OnIMWindowCreated in the events", `window.fmInspector.stats().events >= 1`)

	// The person closes it from the page; the client hears of it.
	tick()
	b.mustEval(t, card1+`.querySelector('form[data-action=close] button').click()`, nil)
	got.wait(t, model.OnIMWindowDestroyed, func(ev model.Event) bool {
		w, ok := ev.Params[0].Value.Obj.(model.ConversationWnd)
		return ok && w == win1
	})
	// The client never releases win1 and calls it after the event: both
	// are problems the page marks.
	if _, err := win1.HWND(ctx); err == nil {
		t.Fatal("HWND on a destroyed window succeeded")
	}
	b.waitFor(t, "the leaked window marked", card1+` && `+card1+`.innerText.includes('NOT released')`)
	b.waitFor(t, "the late call flagged", `[...document.querySelectorAll('#journal .jrow.late')].some(r => r.innerText.includes('HWND'))`)
	b.waitFor(t, "the problem count", `/^[1-9]\d* problems?$/.test(document.getElementById('bugs').textContent)`)

	// A failed call, by an injected fault.
	tick()
	if _, err := c.InjectFault(ctx, client.Fault{Member: "GetContact", HR: hresult.E_FAIL, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messenger().GetContact(ctx, "kim@fabrikam.com", ""); !errors.Is(err, hresult.E_FAIL) {
		t.Fatalf("GetContact with a fault armed: %v, want E_FAIL", err)
	}
	b.waitFor(t, "the failed call marked as an injected fault", `[...document.querySelectorAll('#journal .jrow.failed')].some(r => r.innerText.includes('GetContact') && r.innerText.includes('E_FAIL') && r.querySelector('.flag')?.textContent === 'fault')`)

	// A confirmation dialog: an action is in progress (started from the
	// page), the client's Close waits for the person, who answers it on
	// the page.
	tick()
	win2, err := c.Messenger().InstantMessage(ctx, model.BSTR("sam@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	h2 := hwndOf(t, win2)
	card2 := fmt.Sprintf(`document.querySelector('.card[data-hwnd="%d"]')`, h2)
	b.waitFor(t, "the second card", card2)
	tick()
	if err := c.ContactSays(ctx, win2, "sam@contoso.com", "Sending you the deck now"); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, "the message in the history", card2+`.innerText.includes('Sending you the deck now')`)
	b.mustEval(t, card2+`.querySelector('form[data-action=start-action] button').click()`, nil)
	b.waitFor(t, "the action in progress", card2+` && `+card2+`.innerText.includes('in progress: file transfer')`)
	closed := make(chan error, 1)
	go func() { closed <- win2.Close(ctx) }()
	b.waitFor(t, "the pending dialog", card2+` && `+card2+`.querySelector('.dialog form[data-action=accept] button')`)
	// and a Communicator dialog on the desktop: the Add a Contact wizard
	// the client's AddContact opened
	if err := c.Messenger().AddContact(ctx, 0, "lee@contoso.com"); err != nil {
		t.Fatal(err)
	}
	wizard := `document.querySelector('#desk .uidialog[data-kind=addContact]')`
	b.waitFor(t, "the Add a Contact wizard", wizard+` && `+wizard+`.innerText.includes('lee@contoso.com')`)
	b.screenshot(t, filepath.Join(dir, "inspector-dialog.png"))
	// docs/inspector.png is the README's picture: this moment, regenerated
	// by every run that has a browser.
	b.mustEval(t, `document.getElementById('toast').hidden = true`, nil)
	b.screenshotIfChanged(t, filepath.Join("..", "docs", "inspector.png"))
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) before the dialog was answered", err)
	default:
	}
	b.mustEval(t, card2+`.querySelector('.dialog form[data-action=accept] button').click()`, nil)
	select {
	case err := <-closed:
		if err != nil {
			t.Fatalf("Close after the person accepted: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close still waits after the dialog was accepted on the page")
	}
	got.wait(t, model.OnIMWindowDestroyed, func(ev model.Event) bool {
		w, ok := ev.Params[0].Value.Obj.(model.ConversationWnd)
		return ok && w == win2
	})
	// The person cancels the wizard: it goes, and nothing is added.
	b.mustEval(t, wizard+`.querySelector('form[data-action=cancel-dialog] button').click()`, nil)
	b.waitFor(t, "the wizard gone", `!document.querySelector('#desk .uidialog')`)
	if st, err := c.State(ctx); err != nil || len(st.Dialogs) != 0 || slices.ContainsFunc(st.Contacts, func(c sim.StateContact) bool { return c.SigninName == "lee@contoso.com" && c.Listed }) {
		t.Fatalf("after the person cancelled the wizard: dialogs %+v, contacts %+v, %v", st.Dialogs, st.Contacts, err)
	}
	// Released now: the card says so and the leak count drops.
	// as Marshal.FinalReleaseComObject does: every reference the client
	// was given (the call's result and each event's) goes
	for i := 0; ; i++ {
		left, err := win2.Invoke(ctx, "Release", model.DISPATCH_METHOD)
		if err != nil {
			t.Fatal(err)
		}
		if left.Int == 0 {
			break
		}
		if i == 10 {
			t.Fatalf("win2 still has %d references after 10 Releases", left.Int)
		}
	}
	b.waitFor(t, "the released window", card2+` && `+card2+`.innerText.includes('released') && !`+card2+`.innerText.includes('NOT released')`)

	// Presence from the page reaches the client as an event.
	b.mustEval(t, `(() => { const f = document.querySelector('#contacts [data-signin="kim@fabrikam.com"] form[data-action=contact-status]'); f.status.value = 'MISTATUS_ONLINE'; f.requestSubmit(); })()`, nil)
	got.wait(t, model.OnContactStatusChange, func(ev model.Event) bool {
		return len(ev.Params) == 2 && ev.Params[1].Value.Int == int64(model.MISTATUS_ONLINE)
	})
	// The person opens a conversation; a contact types in it.
	b.mustEval(t, `document.querySelector('#contacts [data-signin="kim@fabrikam.com"] form[data-action=open-conversation] button').click()`, nil)
	created := got.wait(t, model.OnIMWindowCreated, func(ev model.Event) bool {
		w, ok := ev.Params[0].Value.Obj.(model.ConversationWnd)
		return ok && w != win1 && w != win2
	})
	h3 := hwndOf(t, created.Params[0].Value.Obj.(model.ConversationWnd))
	card3 := fmt.Sprintf(`document.querySelector('.card[data-hwnd="%d"]')`, h3)
	b.waitFor(t, "the person's window", card3+` && `+card3+`.innerText.includes('kim@fabrikam.com')`)
	b.mustEval(t, `(() => { const f = `+card3+`.querySelector('form[data-action=say]'); f.from.value = 'kim@fabrikam.com'; f.text.value = 'Hi from the page'; f.requestSubmit(); })()`, nil)
	b.waitFor(t, "the contact's message", card3+`.innerText.includes('Kim Akers:') && `+card3+`.innerText.includes('Hi from the page')`)
	hist, err := created.Params[0].Value.Obj.(model.ConversationWnd).History(ctx)
	if err != nil || !strings.Contains(hist, "Hi from the page") {
		t.Fatalf("History after the page's message: %q, %v", hist, err)
	}

	// Sign out and in again from the main window.
	b.mustEval(t, `document.querySelector('#me-actions form[data-action=signout] button').click()`, nil)
	got.wait(t, model.OnSignout, func(model.Event) bool { return true })
	b.waitFor(t, "signed out", `document.querySelector('#me-actions form[data-action=signin] button')`)
	b.mustEval(t, `document.querySelector('#me-actions form[data-action=signin] button').click()`, nil)
	got.wait(t, model.OnSignin, func(model.Event) bool { return true })
	b.screenshot(t, filepath.Join(dir, "inspector-final.png"))
	// The world's actions, with a fault armed from the page.
	b.mustEval(t, `document.querySelector('.tabs button[data-tab=world]').click()`, nil)
	b.mustEval(t, `(() => { const f = document.querySelector('form[data-action=fault]'); f.member.value = 'Signout'; f.hresult.value = 'E_FAIL'; f.times.value = '2'; f.requestSubmit(); })()`, nil)
	b.waitFor(t, "the armed fault listed", `document.getElementById('faults').innerText.includes('Signout → E_FAIL, 2 more time(s)')`)
	fs, err := c.Faults(ctx)
	if err != nil || len(fs) != 1 || fs[0].Member != "Signout" || fs[0].HR != hresult.E_FAIL || fs[0].Times != 2 {
		t.Fatalf("faults after arming one from the page: %+v, %v", fs, err)
	}
	b.screenshot(t, filepath.Join(dir, "inspector-world.png"))

	// Load a scenario file, then reset (the page asks first; the test's
	// browser says yes).
	scenario := filepath.Join(t.TempDir(), "team.json")
	if err := os.WriteFile(scenario, []byte(`{"user":{"signinName":"pat@contoso.com","friendlyName":"Pat Kim"},"contacts":[{"signinName":"lee@contoso.com","friendlyName":"Lee Ray","status":"MISTATUS_BUSY"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	b.setFile(t, "form[data-action=scenario] input[type=file]", scenario)
	b.mustEval(t, `document.querySelector('form[data-action=scenario]').requestSubmit()`, nil)
	b.waitFor(t, "the loaded scenario", `document.getElementById('me').innerText.includes('pat@contoso.com') && document.querySelector('#contacts [data-signin="lee@contoso.com"]')`)
	b.waitFor(t, "the journal emptied by the load", `window.fmInspector.stats().calls === 0`)
	if _, err := c.Messenger().MyStatus(ctx); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, "a call after the load", `window.fmInspector.stats().lastCall === 1`)
	b.mustEval(t, `document.querySelector('form[data-action=reset] button').click()`, nil)
	b.waitFor(t, "the journal emptied by the reset", `window.fmInspector.stats().calls === 0 && document.querySelectorAll('.card').length === 0`)
	if logs := b.console(); strings.Contains(logs, "exceptionThrown") {
		t.Errorf("the page threw:\n%s", logs)
	}
}

// TestInspectorResumesWithoutLossOrDuplicates cuts the page's stream and
// checks that the journal it shows afterwards has every call exactly once.
func TestInspectorResumesWithoutLossOrDuplicates(t *testing.T) {
	bin := needChromium(t)
	base, srv := startFakeServer(t, wire.Config{})
	b := startBrowser(t, bin)
	ctx := context.Background()
	// no keep-alive, so cutting every connection cannot fail a call
	c, err := client.New(base, client.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	b.navigate(t, base+"/")
	b.waitFor(t, "the live stream", `document.getElementById('conn').textContent === 'live'`)
	call := func(n int) {
		for range n {
			if _, err := c.Messenger().MyStatus(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	call(50)
	b.waitFor(t, "50 rows", `window.fmInspector.stats().lastCall === 50`)
	// Cut the page's stream as a network failure would, and keep calling
	// while the page reconnects (it waits at least 250 ms).
	srv.CloseClientConnections()
	call(50)
	b.waitFor(t, "the reconnect", `document.getElementById('conn').textContent === 'live'`)
	call(50)
	b.waitFor(t, "150 rows", `window.fmInspector.stats().lastCall === 150`)
	var seqs []int
	b.mustEval(t, `window.fmInspector.seqs()`, &seqs)
	if len(seqs) != 150 {
		t.Fatalf("the page holds %d journal rows, want 150", len(seqs))
	}
	for i, s := range seqs {
		if s != i+1 {
			t.Fatalf("row %d is call %d: lost or repeated rows around it", i, s)
		}
	}
}

// TestInspectorNeedsNoToken checks the page's assets are served without
// the token and the data routes are not.
func TestInspectorNeedsNoToken(t *testing.T) {
	base := startFake(t, wire.Config{Token: "t"})
	for _, p := range inspector.Paths() {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s without the token: %d, want 200", p, resp.StatusCode)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("GET %s: Content-Security-Policy %q", p, csp)
		}
	}
	for _, p := range []string{"/v1/inspect", "/v1/inspect/stream", "/v1/state"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without the token: %d, want 401", p, resp.StatusCode)
		}
	}
}

// TestInspectorFigures measures the figures in the browser: time
// to first render with 10,000 journal rows and 1,000 open windows, time
// to apply 1,000 events, and the page's weight. It writes them to
// inspector-figures.txt among the artifacts.
func TestInspectorFigures(t *testing.T) {
	bin := needChromium(t)
	const windows, calls, events = 1000, 10_000, 1000
	sc := sim.DefaultScenario()
	for i := range windows {
		sc.Contacts = append(sc.Contacts, sim.ScenarioContact{
			SigninName: fmt.Sprintf("user%04d@contoso.com", i), FriendlyName: fmt.Sprintf("User %04d", i),
			Status: "MISTATUS_ONLINE", Groups: []string{"Team"}})
	}
	ws, err := wire.NewServer(wire.Config{Scenario: sc, Page: inspector.Handler()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(ws)
	t.Cleanup(func() { ws.Close(); srv.Close() })
	world, _ := ws.World(wire.DefaultWorld)
	ctx := context.Background()
	m := world.MustMessenger(model.CallerCompiled)
	for i := range windows {
		if _, err := m.InstantMessage(ctx, model.BSTR(fmt.Sprintf("user%04d@contoso.com", i))); err != nil {
			t.Fatal(err)
		}
	}
	for range calls - windows {
		if _, err := m.MyStatus(ctx); err != nil {
			t.Fatal(err)
		}
	}

	b := startBrowser(t, bin)
	b.navigate(t, srv.URL+"/")
	b.waitFor(t, "the first render of every row", `window.fmInspector.stats().firstRender > 0`)
	var st struct {
		Calls       int     `json:"calls"`
		FirstRender float64 `json:"firstRender"`
	}
	b.mustEval(t, `window.fmInspector.stats()`, &st)
	var raw map[string]any
	b.mustEval(t, `window.fmInspector.stats()`, &raw)
	t.Logf("page stats at first render: %v", raw)
	if st.Calls != calls {
		t.Fatalf("first render with %d journal rows, want %d", st.Calls, calls)
	}
	var dom struct{ Rows, Cards int }
	b.mustEval(t, `({rows: document.querySelectorAll('#journal .jrow:not([hidden])').length, cards: document.querySelectorAll('.card').length})`, &dom)
	b.waitFor(t, "1000 windows counted", `document.getElementById('win-count').textContent.includes('1000 open')`)
	b.screenshot(t, filepath.Join(artifactDir(t), "inspector-1000-windows.png"))

	// 1,000 presence changes, raised as fast as the sim can.
	var base struct {
		LastEvent int     `json:"lastEvent"`
		Now       float64 `json:"now"`
	}
	b.mustEval(t, `({lastEvent: window.fmInspector.stats().lastEvent, now: performance.now()})`, &base)
	p := world.Person()
	for i := range events {
		st := model.MISTATUS_AWAY
		if i%2 == 1 {
			st = model.MISTATUS_ONLINE
		}
		if err := p.SetContactStatus("user0000@contoso.com", st); err != nil {
			t.Fatal(err)
		}
	}
	target := base.LastEvent + events
	b.waitFor(t, "1000 events applied", fmt.Sprintf(`window.fmInspector.stats().renderedEvent >= %d`, target))
	var applied float64
	b.mustEval(t, `window.fmInspector.stats().eventRenderAt`, &applied)
	apply := applied - base.Now

	// The page's weight: everything GET / pulls in.
	total := 0
	for _, path := range inspector.Paths() {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		total += int(n)
	}

	report := fmt.Sprintf("inspector figures (headless Chromium, %d journal rows, %d open windows)\n"+
		"time to first render (navigation start to every row drawn): %.0f ms\n"+
		"time to apply %d events (first raised to last drawn):        %.0f ms\n"+
		"page weight (GET / and its assets, uncompressed):             %d bytes (%.1f KiB)\n"+
		"DOM: %d journal row elements, %d window cards (virtualised / paged)\n",
		calls, windows, st.FirstRender, events, apply, total, float64(total)/1024, dom.Rows, dom.Cards)
	t.Log("\n" + report)
	if err := os.WriteFile(filepath.Join(artifactDir(t), "inspector-figures.txt"), []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	// The goals are 1 s and 200 KiB. Times under the race detector
	// (the server runs several times slower) are reported, not judged; a
	// shared runner gets three times the goal before this fails.
	if raceEnabled {
		t.Log("timings measured under -race: not judged against the 1 s goal")
	} else if st.FirstRender > 3000 || apply > 3000 {
		t.Errorf("first render %.0f ms, applying %d events %.0f ms: want each well under 1 s", st.FirstRender, events, apply)
	}
	if total > 200<<10 {
		t.Errorf("the page weighs %d bytes, want under 200 KiB", total)
	}
	if dom.Rows > 200 || dom.Cards > 100 {
		t.Errorf("%d row elements and %d cards for %d rows and %d windows: not virtualised", dom.Rows, dom.Cards, calls, windows)
	}
}

// TestInspectorWorldSelector: with several worlds the page offers them and
// shows the chosen one's data only.
func TestInspectorWorldSelector(t *testing.T) {
	bin := needChromium(t)
	base := startFake(t, wire.Config{})
	ctx := context.Background()
	c, err := client.New(base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sc := sim.Scenario{User: sim.ScenarioUser{SigninName: "casey@contoso.com", FriendlyName: "Casey Jones"},
		Contacts: []sim.ScenarioContact{{SigninName: "drew@contoso.com", FriendlyName: "Drew Park", Status: "MISTATUS_BUSY"}}}
	second, err := c.CreateWorld(ctx, "second", sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := second.Messenger().InstantMessage(ctx, model.BSTR("drew@contoso.com")); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, bin)
	b.navigate(t, base+"/")
	b.waitFor(t, "the world selector", `!document.getElementById('world-pick').hidden && document.getElementById('world').options.length === 2`)
	b.waitFor(t, "the default world", `document.getElementById('me').innerText.includes('alex@contoso.com')`)
	b.mustEval(t, `(() => { const s = document.getElementById('world'); s.value = 'second'; s.dispatchEvent(new Event('change')); })()`, nil)
	b.waitFor(t, "the second world", `document.getElementById('me').innerText.includes('casey@contoso.com') && document.querySelector('#contacts [data-signin="drew@contoso.com"]')`)
	b.waitFor(t, "its journal only", `window.fmInspector.stats().calls === 1 && document.querySelector('.card') && document.querySelector('.card').innerText.includes('drew@contoso.com')`)
	var text string
	b.mustEval(t, `document.getElementById('app').innerText`, &text)
	if strings.Contains(text, "jaya@contoso.com") {
		t.Fatal("the default world's contacts are still shown after switching")
	}
}
