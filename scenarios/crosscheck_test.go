package scenarios_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/fakemessenger/fakemessenger/scenarios"
)

// The fake's own validator covers only the keywords the schema uses; a
// full JSON Schema (draft 2020-12) implementation, used here in tests
// only, must agree with it on whether each document is valid: the
// repository's scenarios, the every-field file, and a corpus of broken
// ones derived from it one change at a time.
func TestValidatorAgreesWithAFullImplementation(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(scenarios.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(scenarios.SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	full, err := c.Compile(scenarios.SchemaURL)
	if err != nil {
		t.Fatalf("the schema is not a valid draft 2020-12 schema: %v", err)
	}

	var corpus []string
	files, _ := filepath.Glob("*.json")
	files = append(files, "testdata/every-field.json", "../cmd/fakemessenger/default_scenario.json")
	for _, f := range files {
		if strings.HasSuffix(f, ".schema.json") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		corpus = append(corpus, string(b))
	}
	every := corpus[len(corpus)-2]
	// one change at a time to a valid document
	for _, r := range [][2]string{
		{`"signinName": "alex@contoso.com"`, `"signinName": "alex contoso"`},
		{`"signinName": "alex@contoso.com"`, `"signinName": 7`},
		{`"signedIn": true`, `"signedIn": "true"`},
		{`"availability": 3000`, `"availability": 2999`},
		{`"availability": 3000`, `"availability": 18001`},
		{`"availability": 3000`, `"availability": 3000.5`},
		{`"unreadEmail": 3`, `"unreadEmail": -3`},
		{`"locale": 1031`, `"locale": "de"`},
		{`"nextCalendarTime": "2007-07-27T10:00:00Z"`, `"nextCalendarTime": "27/07/2007"`},
		{`"groups": ["Team", "Partners"],`, `"groups": ["Team", ""],`},
		{`"groups": ["Team", "Partners"],`, `"groups": "Team",`},
		{`"participants": ["jaya@contoso.com"]`, `"participants": []`},
		{`{"text": "Yes, all green."}`, `{"from": "jaya@contoso.com"}`},
		{`"tagged": true`, `"tagged": true, "nickname": "J"`},
		{`"mobile": "+1 425 555 0102"`, `"mobile": "+1 425\n555"`},
		{`"id": "{8C6E2F4A-1D3B-4E5F-9A70-C2B1D0E3F456}"`, `"id": "{8C6E2F4A-1D3B-4E5F-9A70-C2B1D0E3F456}xx"`},
		{`"directory": [`, `"directory": [{"email": "x@y.z"},`},
		{`"customStatus": "Heads down"`, `"customStatus": "Heads\ndown"`},
		{`"receiveFileDirectory": "C:\\Users`, `"receiveFileDirectory": "C:\r\\Users`},
	} {
		if !strings.Contains(every, r[0]) {
			t.Fatalf("every-field.json has no %s", r[0])
		}
		corpus = append(corpus, strings.Replace(every, r[0], r[1], 1))
	}
	for i, d := range corpus {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(d))
		if err != nil {
			t.Fatalf("document %d is not JSON: %v", i, err)
		}
		fullOK := full.Validate(inst) == nil
		ours := scenarios.Validate([]byte(d))
		var se *scenarios.Error
		if ours != nil && !errors.As(ours, &se) {
			t.Fatalf("document %d: %v", i, ours)
		}
		if fullOK != (ours == nil) {
			t.Errorf("document %d: the full implementation says valid=%v, ours %v:\n%s", i, fullOK, ours, d)
		}
	}
}
