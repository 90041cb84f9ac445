// Package scenarios holds the JSON Schema of fakemessenger's scenario
// files (scenario.schema.json, beside the example scenarios) and checks a
// scenario document against it, naming the field and the line of every
// mistake. The standalone fake checks each scenario it loads, from
// --scenario or POST /v1/control/scenario, before sim.ParseScenario
// applies the rules a schema cannot say (statuses, unique names).
package scenarios

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Schema is the scenario format as a JSON Schema (draft 2020-12).
//
//go:embed scenario.schema.json
var Schema []byte

// SchemaURL is the schema's $id.
const SchemaURL = "https://github.com/fakemessenger/fakemessenger/scenarios/scenario.schema.json"

// compiled is the schema decoded once; the validator below reads it.
var compiled = sync.OnceValues(func() (map[string]any, error) {
	var root map[string]any
	if err := json.Unmarshal(Schema, &root); err != nil {
		return nil, err
	}
	return root, checkKeywords(root, root)
})

// Problem is one place where a document breaks the schema.
type Problem struct {
	Field  string // contacts[2].presence.availability; "" for the document
	Line   int    // 1-based; 0 when the place could not be found
	Column int
	Detail string
}

func (p Problem) String() string {
	at := ""
	if p.Line > 0 {
		at = fmt.Sprintf(" (line %d, column %d)", p.Line, p.Column)
	}
	field := p.Field
	if field == "" {
		field = "the document"
	}
	return field + at + ": " + p.Detail
}

// Error lists every problem of a document, in the order they appear.
type Error struct{ Problems []Problem }

func (e *Error) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "scenario does not match the schema: " + strings.Join(parts, "; ")
}

// Validate checks a JSON scenario against the schema. A syntax error is
// returned as encoding/json reports it; a schema violation as an *Error.
//
// The validator covers the JSON Schema keywords the scenario schema uses
// (type, properties, additionalProperties, required, items, minItems,
// maxItems, minLength, maxLength, pattern, minimum, maximum, format
// date-time, $ref into $defs); a test holds the schema to that list and
// checks the validator against a full JSON Schema implementation. A
// library would cost every start of the fake its metaschema compilation
// (about 10 ms), which is longer than the fake takes to start.
func Validate(data []byte) error {
	root, err := compiled()
	if err != nil {
		return fmt.Errorf("scenarios: the embedded schema: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var inst any
	if err := dec.Decode(&inst); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data after the JSON document")
	}
	var offsets map[string]int64
	out := &Error{}
	seen := map[string]bool{}
	add := func(loc []string, detail string) {
		if offsets == nil {
			offsets = locate(data)
		}
		p := Problem{Field: fieldPath(loc), Detail: detail}
		if off, ok := offsets[pointer(loc)]; ok {
			p.Line, p.Column = lineCol(data, off)
		}
		if k := p.String(); !seen[k] {
			seen[k] = true
			out.Problems = append(out.Problems, p)
		}
	}
	check(root, root, inst, nil, add)
	if len(out.Problems) == 0 {
		return nil
	}
	sort.SliceStable(out.Problems, func(i, j int) bool {
		a, b := out.Problems[i], out.Problems[j]
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return out
}

// keywords are those check understands; the rest are annotations.
var keywords = map[string]bool{
	"type": true, "properties": true, "additionalProperties": true, "required": true, "items": true,
	"minItems": true, "maxItems": true, "minLength": true, "maxLength": true, "pattern": true,
	"minimum": true, "maximum": true, "format": true, "$ref": true,
}

var annotations = map[string]bool{"$schema": true, "$id": true, "$defs": true, "title": true, "description": true, "examples": true}

// checkKeywords refuses a schema that uses a keyword check would ignore,
// so that the schema cannot promise more than the server checks.
func checkKeywords(root, s map[string]any) error {
	for k, v := range s {
		switch {
		case keywords[k] || annotations[k]:
		default:
			return fmt.Errorf("keyword %q is not checked by this validator", k)
		}
		switch k {
		case "properties", "$defs":
			for _, sub := range v.(map[string]any) {
				if err := checkKeywords(root, sub.(map[string]any)); err != nil {
					return err
				}
			}
		case "items":
			if err := checkKeywords(root, v.(map[string]any)); err != nil {
				return err
			}
		case "additionalProperties":
			if b, ok := v.(bool); !ok || b {
				return errors.New("additionalProperties must be false")
			}
		case "pattern":
			if _, err := patternOf(v.(string)); err != nil {
				return err
			}
		case "format":
			if v != "date-time" {
				return fmt.Errorf("format %q is not checked by this validator", v)
			}
		}
	}
	return nil
}

var patterns sync.Map // string -> *regexp.Regexp

func patternOf(p string) (*regexp.Regexp, error) {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	patterns.Store(p, re)
	return re, nil
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil || !strings.ContainsAny(x.String(), ".eE") {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func num(v any) (*big.Float, bool) {
	n, ok := v.(json.Number)
	if !ok {
		f, ok := v.(float64)
		if !ok {
			return nil, false
		}
		return big.NewFloat(f), true
	}
	f, _, err := big.ParseFloat(n.String(), 10, 128, big.ToNearestEven)
	return f, err == nil
}

// check validates v against schema s, reporting every problem at its
// location.
func check(root, s map[string]any, v any, loc []string, add func([]string, string)) {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		s = root["$defs"].(map[string]any)[name].(map[string]any)
	}
	got := jsonType(v)
	if want, ok := s["type"].(string); ok && want != got && !(want == "number" && got == "integer") {
		add(loc, "want "+article(want)+", got "+article(got))
		return
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					add(loc, fmt.Sprintf("missing required field %q", r))
				}
			}
		}
		for k, val := range x {
			child := append(append([]string(nil), loc...), k)
			sub, ok := props[k].(map[string]any)
			if !ok {
				if ap, has := s["additionalProperties"]; has && ap == false {
					add(child, fmt.Sprintf("unknown field %q", k))
				}
				continue
			}
			check(root, sub, val, child, add)
		}
	case []any:
		if n, ok := num(s["minItems"]); ok {
			if i, _ := n.Int64(); int64(len(x)) < i {
				add(loc, fmt.Sprintf("want at least %d items, got %d", i, len(x)))
			}
		}
		if n, ok := num(s["maxItems"]); ok {
			if i, _ := n.Int64(); int64(len(x)) > i {
				add(loc, fmt.Sprintf("want at most %d items, got %d", i, len(x)))
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range x {
				check(root, items, e, append(append([]string(nil), loc...), strconv.Itoa(i)), add)
			}
		}
	case string:
		n := int64(utf8.RuneCountInString(x))
		if m, ok := num(s["minLength"]); ok {
			if i, _ := m.Int64(); n < i {
				add(loc, fmt.Sprintf("want at least %d characters, got %d", i, n))
			}
		}
		if m, ok := num(s["maxLength"]); ok {
			if i, _ := m.Int64(); n > i {
				add(loc, fmt.Sprintf("want at most %d characters, got %d", i, n))
			}
		}
		if p, ok := s["pattern"].(string); ok {
			if re, err := patternOf(p); err == nil && !re.MatchString(x) {
				add(loc, fmt.Sprintf("%q does not match %s", x, p))
			}
		}
		if s["format"] == "date-time" {
			if _, err := time.Parse(time.RFC3339, x); err != nil {
				add(loc, fmt.Sprintf("%q is not an RFC 3339 date-time", x))
			}
		}
	case json.Number:
		f, _ := num(x)
		if m, ok := num(s["minimum"]); ok && f.Cmp(m) < 0 {
			add(loc, fmt.Sprintf("%s is less than the minimum %s", x, m.Text('f', -1)))
		}
		if m, ok := num(s["maximum"]); ok && f.Cmp(m) > 0 {
			add(loc, fmt.Sprintf("%s is more than the maximum %s", x, m.Text('f', -1)))
		}
	}
}

func article(t string) string {
	switch t {
	case "object", "array", "integer":
		return "an " + t
	case "null":
		return "null"
	}
	return "a " + t
}

// fieldPath writes an instance location as people write field paths:
// contacts[2].presence.availability.
func fieldPath(loc []string) string {
	var b strings.Builder
	for _, s := range loc {
		if _, err := strconv.Atoi(s); err == nil {
			b.WriteString("[" + s + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

func pointer(loc []string) string { return "/" + strings.Join(loc, "/") }

// locate maps every value's JSON pointer to the offset where the value
// (or, for an object member, its key) starts.
func locate(data []byte) map[string]int64 {
	out := map[string]int64{}
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func(path []string) bool
	walk = func(path []string) bool {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if _, ok := out[pointer(path)]; !ok {
			out[pointer(path)] = skipSpace(data, start)
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				keyAt := skipSpace(data, dec.InputOffset())
				k, err := dec.Token()
				if err != nil {
					return false
				}
				key, _ := k.(string)
				child := append(append([]string(nil), path...), key)
				out[pointer(child)] = keyAt
				if !walk(child) {
					return false
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if !walk(append(append([]string(nil), path...), strconv.Itoa(i))) {
					return false
				}
			}
			_, err = dec.Token()
		}
		return err == nil || errors.Is(err, io.EOF)
	}
	walk(nil)
	out["/"] = 0
	return out
}

// skipSpace moves an offset past white space and the comma or colon the
// decoder stops before.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func lineCol(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for _, b := range data[:min(off, int64(len(data)))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// Locate finds where a field (contacts[2].status, as Problem.Field and
// sim's scenario errors write it) is in a document: its line and column.
func Locate(data []byte, field string) (line, col int, ok bool) {
	var loc []string
	for _, part := range strings.Split(field, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			loc = append(loc, name)
		}
		for rest != "" {
			idx, after, found := strings.Cut(rest, "]")
			if !found {
				return 0, 0, false
			}
			loc = append(loc, idx)
			rest = strings.TrimPrefix(after, "[")
		}
	}
	off, ok := locate(data)[pointer(loc)]
	if !ok {
		return 0, 0, false
	}
	line, col = lineCol(data, off)
	return line, col, true
}

// simField is the field a sim.ParseScenario error names:
// "scenario: contacts[2].status: ..."
var simField = regexp.MustCompile(`^scenario: ([A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z]+(?:\[\d+\])?)*)[ :]`)

// Where turns an error of sim.ParseScenario that names a field into
// " (line L, column C)" for that field in data; "" when it names none.
func Where(data []byte, err error) string {
	m := simField.FindStringSubmatch(err.Error())
	if m == nil {
		return ""
	}
	line, col, ok := Locate(data, m[1])
	if !ok {
		return ""
	}
	return fmt.Sprintf(" (line %d, column %d)", line, col)
}
