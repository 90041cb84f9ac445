package scenarios_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/scenarios"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Every scenario the repository ships must match the schema and load.
func TestRepositoryScenariosMatchTheSchema(t *testing.T) {
	files, _ := filepath.Glob("*.json")
	files = append(files, "../cmd/fakemessenger/default_scenario.json")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".schema.json") {
			continue
		}
		n++
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := scenarios.Validate(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if _, err := sim.ParseScenario(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if n < 3 {
		t.Fatalf("found %d scenario files, want the examples and the embedded default", n)
	}
}

// The Go default and a scenario using every field match the schema, so
// the schema keeps up with sim.Scenario.
func TestEveryFieldIsInTheSchema(t *testing.T) {
	data, err := json.Marshal(sim.DefaultScenario())
	if err != nil {
		t.Fatal(err)
	}
	if err := scenarios.Validate(data); err != nil {
		t.Errorf("sim.DefaultScenario: %v", err)
	}
	full, err := os.ReadFile("testdata/every-field.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := scenarios.Validate(full); err != nil {
		t.Errorf("every-field.json: %v", err)
	}
	s, err := sim.ParseScenario(full)
	if err != nil {
		t.Fatalf("every-field.json does not load: %v", err)
	}
	// Round trip: every field the file sets survives into sim.Scenario
	// and back, so no schema property is one Go ignores.
	back, _ := json.Marshal(s)
	var a, b any
	_ = json.Unmarshal(full, &a)
	_ = json.Unmarshal(back, &b)
	if missing := missingKeys(a, b, ""); len(missing) > 0 {
		t.Errorf("fields of every-field.json that sim.Scenario dropped: %v", missing)
	}
	// and every property the schema declares is used by the file
	var schema map[string]any
	_ = json.Unmarshal(scenarios.Schema, &schema)
	if unused := unusedProperties(schema, schema, a, ""); len(unused) > 0 {
		t.Errorf("schema properties every-field.json does not use: %v", unused)
	}
}

func missingKeys(a, b any, at string) []string {
	var out []string
	switch x := a.(type) {
	case map[string]any:
		y, _ := b.(map[string]any)
		for k, v := range x {
			w, ok := y[k]
			if !ok && !isZero(v) { // omitempty drops false, 0 and ""
				out = append(out, at+"."+k)
				continue
			}
			out = append(out, missingKeys(v, w, at+"."+k)...)
		}
	case []any:
		y, _ := b.([]any)
		for i := range x {
			if i < len(y) {
				out = append(out, missingKeys(x[i], y[i], at+"[]")...)
			}
		}
	}
	return out
}

func isZero(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case float64:
		return x == 0
	case string:
		return x == ""
	}
	return false
}

// unusedProperties lists schema properties (following $ref) that doc
// never sets anywhere.
func unusedProperties(root, sch map[string]any, doc any, at string) []string {
	if ref, ok := sch["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		sch = root["$defs"].(map[string]any)[name].(map[string]any)
	}
	var out []string
	switch d := doc.(type) {
	case map[string]any:
		props, _ := sch["properties"].(map[string]any)
		for k, p := range props {
			v, ok := d[k]
			if !ok {
				out = append(out, at+"."+k)
				continue
			}
			out = append(out, unusedProperties(root, p.(map[string]any), v, at+"."+k)...)
		}
	case []any:
		items, _ := sch["items"].(map[string]any)
		if items == nil || len(d) == 0 {
			return out
		}
		// a property counts as used when any element uses it
		per := map[string]int{}
		for _, e := range d {
			for _, u := range unusedProperties(root, items, e, at+"[]") {
				per[u]++
			}
		}
		for u, n := range per {
			if n == len(d) {
				out = append(out, u)
			}
		}
	}
	return out
}

func TestProblemsNameTheFieldAndTheLine(t *testing.T) {
	doc := `{
  "user": {"signinName": "alex@contoso.com"},
  "contacts": [
    {"signinName": "jaya@contoso.com"},
    {"signinName": "sam@contoso.com", "presence": {"availability": 99}},
    {"signinName": "kim@fabrikam.com", "colour": "blue"}
  ],
  "unreadEmail": -1
}`
	err := scenarios.Validate([]byte(doc))
	var se *scenarios.Error
	if !errors.As(err, &se) {
		t.Fatalf("Validate = %v, want a *scenarios.Error", err)
	}
	want := []struct {
		field string
		line  int
	}{
		{"contacts[1].presence.availability", 5},
		{"contacts[2].colour", 6},
		{"unreadEmail", 8},
	}
	if len(se.Problems) != len(want) {
		t.Fatalf("problems = %v, want %d", se.Problems, len(want))
	}
	for i, w := range want {
		p := se.Problems[i]
		if p.Field != w.field || p.Line != w.line {
			t.Errorf("problem %d = %s, want field %s on line %d", i, p, w.field, w.line)
		}
	}
	if !strings.Contains(se.Problems[1].Detail, "colour") {
		t.Errorf("the unknown property is not named: %s", se.Problems[1])
	}
}

func TestStructuralMistakes(t *testing.T) {
	for _, doc := range []string{
		`{}`,
		`[]`,
		`{"user": {}}`,
		`{"user": {"signinName": ""}}`,
		`{"user": {"signinName": "a b@contoso.com"}}`,
		`{"user": {"signinName": "alex@contoso.com", "signedIn": "yes"}}`,
		`{"user": {"signinName": "alex@contoso.com"}, "groups": ["a\tb"]}`,
		`{"user": {"signinName": "alex@contoso.com"}, "conversations": [{"participants": []}]}`,
		`{"user": {"signinName": "alex@contoso.com"}, "contacts": [{"signinName": "j@c.com", "presence": {"nextCalendarTime": "tomorrow"}}]}`,
		`{"user": {"signinName": "alex@contoso.com"}, "contacts": [{"signinName": "j@c.com", "phones": {"home": "1\n2"}}]}`,
		`{"user": {"signinName": "alex@contoso.com"}, "service": {"id": "{not a guid but far too long for the field}"}}`,
	} {
		err := scenarios.Validate([]byte(doc))
		var se *scenarios.Error
		if !errors.As(err, &se) {
			t.Errorf("%s: Validate = %v, want schema problems", doc, err)
			continue
		}
		// sim's own rules must refuse it too (it is what loads scenarios
		// in process, where no schema is applied)
		if _, err := sim.ParseScenario([]byte(doc)); err == nil {
			t.Errorf("%s: the schema refuses it but sim.ParseScenario accepts it", doc)
		}
	}
	if err := scenarios.Validate([]byte(`{"user":`)); err == nil {
		t.Error("a truncated document validated")
	}
}

func TestLocate(t *testing.T) {
	doc := []byte("{\n  \"user\": {\"signinName\": \"alex@contoso.com\"},\n  \"contacts\": [\n    {\"signinName\": \"jaya@contoso.com\", \"status\": \"sleepy\"}\n  ]\n}")
	for field, want := range map[string][2]int{
		"user":                 {2, 3},
		"user.signinName":      {2, 12},
		"contacts[0].status":   {4, 40},
		"contacts[0]":          {4, 5},
		"contacts":             {3, 3},
		"contacts[1].status":   {0, 0},
		"contacts[0].nickname": {0, 0},
	} {
		line, col, ok := scenarios.Locate(doc, field)
		if line != want[0] || col != want[1] || ok != (want[0] != 0) {
			t.Errorf("Locate(%s) = %d:%d %v, want %d:%d", field, line, col, ok, want[0], want[1])
		}
	}
}
