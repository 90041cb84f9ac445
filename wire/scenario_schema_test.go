package wire_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/wire"
)

// POST /v1/control/scenario checks the body against the published schema
// and sim's rules; the problem names the field and its line in the body,
// and the world is left as it was.
func TestScenarioRouteNamesFieldAndLine(t *testing.T) {
	h := start(t, wire.Config{})
	before := stateWithoutCalls(t, h.state())
	for _, tc := range []struct {
		body string
		want []string
	}{
		{"{\n\"user\": {\"signinName\": \"pat@contoso.com\"},\n\"unreadEmail\": -1\n}", []string{"unreadEmail (line 3, column 1)"}},
		{"{\n\"user\": {\"signinName\": \"pat@contoso.com\"},\n\"contacts\": [{\"signinName\": \"jaya@contoso.com\", \"colour\": 1}]\n}", []string{`contacts[0].colour (line 3, column 49): unknown field "colour"`}},
		{"{\n\"user\": {\"signinName\": \"pat@contoso.com\"},\n\"contacts\": [{\"signinName\": \"jaya@contoso.com\", \"status\": \"sleepy\"}]\n}", []string{"contacts[0].status", "(line 3, column 49)", "not a MISTATUS"}},
	} {
		code, _, body := h.do("POST", "/v1/control/scenario", tc.body)
		if code != http.StatusBadRequest {
			t.Fatalf("status %d (%s), want 400", code, body)
		}
		var p struct{ Detail string }
		_ = json.Unmarshal(body, &p)
		for _, w := range tc.want {
			if !strings.Contains(p.Detail, w) {
				t.Errorf("detail %q lacks %q", p.Detail, w)
			}
		}
	}
	if after := stateWithoutCalls(t, h.state()); after != before {
		t.Errorf("a refused scenario changed the world")
	}
	h.mustDo(http.StatusOK, "POST", "/v1/control/scenario", map[string]any{"user": map[string]any{"signinName": "pat@contoso.com"}, "unreadEmail": 2})
}
