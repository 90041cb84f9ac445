package inspector_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/wire"
)

// notPersonActions are control routes the page has no button for, and why.
var notPersonActions = map[string]string{
	"POST /v1/control/windows/dialog/wait": "a script's way to wait for a dialog; the page shows dialogs as they come",
	"GET /v1/control/faults":               "read: the page shows the armed faults from GET /v1/inspect",
}

var actionRow = regexp.MustCompile(`\{ id: "([^"]+)"[^{}]*?(?:method: "([A-Z]+)", )?path: "([^"]+)"`)

// Every row of the page's ACTIONS table names a route the server has, and
// every control route is a row: whatever the control API can do, the page
// can do. A new control route fails here until app.js has its row.
func TestActionsCoverTheControlAPI(t *testing.T) {
	src, err := os.ReadFile("assets/app.js")
	if err != nil {
		t.Fatal(err)
	}
	routes := wire.Routes()
	covered := map[string]bool{}
	rows := actionRow.FindAllStringSubmatch(string(src), -1)
	if len(rows) < 10 {
		t.Fatalf("found %d action rows in app.js: has the ACTIONS table's shape changed?", len(rows))
	}
	for _, m := range rows {
		method := m[2]
		if method == "" {
			method = "POST"
		}
		r := method + " " + m[3]
		if !slices.Contains(routes, r) {
			t.Errorf("action %q uses %s, which the server does not register", m[1], r)
		}
		covered[r] = true
	}
	for _, r := range routes {
		if !strings.Contains(r, " /v1/control/") || covered[r] || notPersonActions[r] != "" {
			continue
		}
		t.Errorf("control route %s has no row in the page's ACTIONS table (inspector/assets/app.js)", r)
	}
}
