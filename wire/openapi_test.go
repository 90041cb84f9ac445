package wire_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/wire"
)

var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "patch": true, "head": true, "options": true, "trace": true}

// yamlLine is one significant line of a block-style YAML document.
type yamlLine struct {
	n      int // 1-based line number
	indent int
	key    string // the mapping key, quotes removed; "" for list items and scalars
}

func yamlLines(doc string) ([]yamlLine, error) {
	var out []yamlLine
	for i, raw := range strings.Split(doc, "\n") {
		if strings.Contains(raw, "\t") {
			return nil, fmt.Errorf("line %d: a tab (YAML indents with spaces)", i+1)
		}
		text := strings.TrimLeft(raw, " ")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		l := yamlLine{n: i + 1, indent: len(raw) - len(text)}
		if k, _, ok := strings.Cut(text, ":"); ok && !strings.HasPrefix(text, "- ") {
			l.key = strings.Trim(k, `"'`)
		}
		out = append(out, l)
	}
	return out, nil
}

// block returns the lines nested under the top-level key.
func block(lines []yamlLine, top string) []yamlLine {
	for i, l := range lines {
		if l.indent == 0 && l.key == top {
			j := i + 1
			for j < len(lines) && lines[j].indent > 0 {
				j++
			}
			return lines[i+1 : j]
		}
	}
	return nil
}

// operations reads "METHOD /path" for every operation under paths:.
// Multi-line scalars (description: |) are deeper than the method keys,
// so they cannot be mistaken for them.
func operations(lines []yamlLine) ([]string, error) {
	var ops []string
	path := ""
	for _, l := range block(lines, "paths") {
		switch l.indent {
		case 2:
			if !strings.HasPrefix(l.key, "/") {
				return nil, fmt.Errorf("line %d: %q under paths is not a path", l.n, l.key)
			}
			path = l.key
		case 4:
			if httpMethods[l.key] {
				ops = append(ops, strings.ToUpper(l.key)+" "+path)
			} else if l.key != "parameters" && l.key != "summary" && l.key != "description" {
				return nil, fmt.Errorf("line %d: %q under %s is not an operation", l.n, l.key, path)
			}
		}
	}
	return ops, nil
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	h := start(t, wire.Config{})
	served := h.mustDo(200, "GET", "/openapi.yaml", nil)
	onDisk, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(served, onDisk) {
		t.Fatal("GET /openapi.yaml differs from wire/openapi.yaml")
	}
	lines, err := yamlLines(string(served))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(served), "openapi: 3.") {
		t.Error("not an OpenAPI 3 document")
	}
	documented, err := operations(lines)
	if err != nil {
		t.Fatal(err)
	}
	registered := wire.Routes()
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("route %q is registered but not in openapi.yaml", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			t.Errorf("openapi.yaml documents %q, which the server does not register", d)
		}
	}
	if len(documented) != len(registered) {
		t.Errorf("%d operations documented, %d routes registered", len(documented), len(registered))
	}
}

func TestOpenAPIReferencesResolve(t *testing.T) {
	lines, err := yamlLines(string(mustRead(t, "openapi.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	section := ""
	for _, l := range block(lines, "components") {
		switch l.indent {
		case 2:
			section = l.key
		case 4:
			defined["#/components/"+section+"/"+l.key] = true
		}
	}
	for _, name := range []string{"Variant", "Problem", "InvokeRequest", "InvokeReply", "EventData", "GapEvent", "Journal", "State"} {
		if !defined["#/components/schemas/"+name] {
			t.Errorf("schema %s is not defined", name)
		}
	}
	refs := regexp.MustCompile(`\$ref: "([^"]+)"`).FindAllStringSubmatch(string(mustRead(t, "openapi.yaml")), -1)
	if len(refs) == 0 {
		t.Fatal("no $ref found")
	}
	for _, m := range refs {
		if !defined[m[1]] {
			t.Errorf("$ref %s points nowhere", m[1])
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
