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
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Schema is the scenario format as a JSON Schema (draft 2020-12).
//
//go:embed scenario.schema.json
var Schema []byte

// SchemaURL is the schema's $id.
const SchemaURL = "https://github.com/fakemessenger/fakemessenger/scenarios/scenario.schema.json"

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // nextCalendarTime must be a date-time
	if err := c.AddResource(SchemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(SchemaURL)
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

var printer = message.NewPrinter(language.English)

// Validate checks a JSON scenario against the schema. A syntax error is
// returned as encoding/json reports it; a schema violation as an *Error.
func Validate(data []byte) error {
	sch, err := compiled()
	if err != nil {
		return fmt.Errorf("scenarios: the embedded schema does not compile: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	err = sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return err
	}
	var leaves []*jsonschema.ValidationError
	var walk func(*jsonschema.ValidationError)
	walk = func(v *jsonschema.ValidationError) {
		if len(v.Causes) == 0 {
			leaves = append(leaves, v)
		}
		for _, c := range v.Causes {
			walk(c)
		}
	}
	walk(ve)
	offsets := locate(data)
	out := &Error{}
	seen := map[string]bool{}
	add := func(loc []string, detail string) {
		p := Problem{Field: fieldPath(loc), Detail: detail}
		if off, ok := offsets[pointer(loc)]; ok {
			p.Line, p.Column = lineCol(data, off)
		}
		if k := p.String(); !seen[k] {
			seen[k] = true
			out.Problems = append(out.Problems, p)
		}
	}
	for _, l := range leaves {
		if ap, ok := l.ErrorKind.(*kind.AdditionalProperties); ok {
			// a typo is best shown where the misspelt key is
			for _, name := range ap.Properties {
				add(append(append([]string(nil), l.InstanceLocation...), name), "unknown field "+strconv.Quote(name))
			}
			continue
		}
		add(l.InstanceLocation, l.ErrorKind.LocalizedString(printer))
	}
	sort.SliceStable(out.Problems, func(i, j int) bool {
		a, b := out.Problems[i], out.Problems[j]
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return out
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
