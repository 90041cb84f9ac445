package inspector_test

import (
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/inspector"
)

// The page loads nothing from anywhere but the server that serves it, and
// every asset it names is one the handler serves.
func TestAssetsAreSelfContained(t *testing.T) {
	h := inspector.Handler()
	get := func(path string) (int, string, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		b, _ := io.ReadAll(rec.Body)
		return rec.Code, rec.Header().Get("Content-Type"), string(b)
	}
	paths := inspector.Paths()
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import|url\(\s*['"]?(https?:|//)`)
	for _, p := range paths {
		code, ctype, body := get(p)
		if code != 200 || ctype == "" || ctype == "application/octet-stream" {
			t.Errorf("GET %s: %d %q", p, code, ctype)
		}
		// the SVG's XML namespace is a name, not a fetch
		if m := external.FindString(strings.ReplaceAll(body, "http://www.w3.org/2000/svg", "")); m != "" {
			t.Errorf("%s refers outside the server: %q", p, m)
		}
	}
	_, _, html := get("/")
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(html, -1) {
		code, _, _ := get(m[1])
		if code != 200 {
			t.Errorf("index.html names %s, which the handler answers %d", m[1], code)
		}
	}
	if code, _, _ := get("/inspector/nope.js"); code != 404 {
		t.Errorf("an unknown asset: %d, want 404", code)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/", nil))
	if rec.Code != 404 {
		t.Errorf("POST /: %d, want 404", rec.Code)
	}
}
