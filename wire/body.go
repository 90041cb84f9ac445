package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// problemTypePrefix starts every problem "type"; the suffix names the kind
// of problem so that a client can switch on it.
const problemTypePrefix = "urn:fakemessenger:problem:"

// problem is an RFC 9457 problem document. HResult is set when the problem
// is a COM failure that happened outside an Invoke (CoCreateInstance).
type problem struct {
	Type    string `json:"type"`
	Title   string `json:"title"`
	Status  int    `json:"status"`
	Detail  string `json:"detail"`
	HResult string `json:"hresult,omitempty"`
}

// httpError is a protocol error on its way to becoming a problem document.
type httpError struct {
	status int
	kind   string
	detail string
	hr     string
}

func (e *httpError) Error() string { return e.detail }

func errorf(status int, kind, format string, args ...any) *httpError {
	return &httpError{status: status, kind: kind, detail: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *httpError {
	return errorf(http.StatusBadRequest, "bad-request", format, args...)
}

func writeProblem(w http.ResponseWriter, status int, kind, detail string) {
	writeHTTPError(w, &httpError{status: status, kind: kind, detail: detail})
}

func writeHTTPError(w http.ResponseWriter, e *httpError) {
	b, _ := json.Marshal(problem{
		Type: problemTypePrefix + e.kind, Title: http.StatusText(e.status),
		Status: e.status, Detail: e.detail, HResult: e.hr,
	})
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(e.status)
	_, _ = w.Write(append(b, '\n'))
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeProblem(w, http.StatusInternalServerError, "internal", "encoding the reply: "+err.Error())
		return
	}
	writeRaw(w, status, b)
}

// writeRaw answers with a ready JSON body.
func writeRaw(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(status)
	_, _ = w.Write(body)
	_, _ = w.Write([]byte{'\n'})
}

var bodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readJSON reads a request body into dst with every check the protocol
// promises: JSON content type (415), at most MaxBodyBytes (413), valid
// UTF-8, a single JSON object with no unknown, duplicate or mistyped
// fields and nothing after it (400). An empty body reads as {}. Behind
// the server the body was already read (readBody): size and time limits
// were applied there.
func readJSON(w http.ResponseWriter, r *http.Request, dst any) *httpError {
	buf := bodyPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 64<<10 {
			bodyPool.Put(buf)
		}
	}()
	data, herr := readBody(w, r, buf)
	if herr != nil {
		return herr
	}
	return decodeJSON(data, dst)
}

// readBody is readJSON's reading half: the body into buf, trimmed, with
// the content type and size checks. An empty body reads as {}.
func readBody(w http.ResponseWriter, r *http.Request, buf *bytes.Buffer) ([]byte, *httpError) {
	if b, ok := r.Body.(*bodyBuf); ok {
		// behind the server the body was read whole already, within the
		// size and time limits, and its Content-Type checked (guard.go)
		data := bytes.TrimSpace(b.buf.Bytes())
		if len(data) == 0 {
			data = []byte("{}")
		}
		return data, nil
	}
	if r.ContentLength > MaxBodyBytes {
		return nil, errorf(http.StatusRequestEntityTooLarge, "body-too-large", "the body is %d bytes; the limit is %d", r.ContentLength, MaxBodyBytes)
	}
	if r.ContentLength != 0 {
		if e := checkContentType(r.Header.Get("Content-Type")); e != nil {
			return nil, e
		}
	}
	buf.Reset()
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength))
	}
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBodyBytes)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errorf(http.StatusRequestEntityTooLarge, "body-too-large", "the body is over the %d byte limit", MaxBodyBytes)
		}
		return nil, errorf(http.StatusBadRequest, "unreadable-body", "reading the body: %v", err)
	}
	data := bytes.TrimSpace(buf.Bytes())
	if len(data) == 0 {
		data = []byte("{}")
	}
	return data, nil
}

func checkContentType(ct string) *httpError {
	if ct == "" {
		return errorf(http.StatusUnsupportedMediaType, "unsupported-media-type", "the body needs Content-Type: application/json")
	}
	if ct == "application/json" || ct == "application/json; charset=utf-8" {
		return nil // the usual spellings, without parsing them into a map
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return errorf(http.StatusUnsupportedMediaType, "unsupported-media-type", "Content-Type %q is not application/json", ct)
	}
	if cs, ok := params["charset"]; ok && !equalFoldASCII(cs, "utf-8") {
		return errorf(http.StatusUnsupportedMediaType, "unsupported-media-type", "charset %q: only utf-8 is accepted", cs)
	}
	return nil
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

// decodeJSON is the body checks after reading; data is trimmed.
func decodeJSON(data []byte, dst any) *httpError {
	if !utf8.Valid(data) {
		return errorf(http.StatusBadRequest, "invalid-utf8", "the body is not valid UTF-8")
	}
	if data[0] != '{' {
		return errorf(http.StatusBadRequest, "invalid-json", "the body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if rest := data[dec.InputOffset():]; len(bytes.TrimSpace(rest)) != 0 {
		return errorf(http.StatusBadRequest, "invalid-json", "trailing data after the JSON object at offset %d", dec.InputOffset())
	}
	// encoding/json keeps the last of duplicate keys and silently turns
	// lone surrogate escapes into U+FFFD; both hide a client's bug.
	if err := checkStrict(data); err != nil {
		return errorf(http.StatusBadRequest, "invalid-json", "%s", err.Error())
	}
	return nil
}

// jsonError turns a decoding error into a detail a client can act on.
func jsonError(err error) *httpError {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, "invalid-json", "truncated JSON")
	case errors.As(err, &syn):
		return errorf(http.StatusBadRequest, "invalid-json", "malformed JSON at offset %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the body"
		}
		return errorf(http.StatusBadRequest, "invalid-json", "field %q: expected %s, got JSON %s", field, jsonKind(typ.Type.String()), typ.Value)
	}
	// "json: unknown field", and what else the decoder reports.
	return errorf(http.StatusBadRequest, "invalid-json", "%v", err)
}

func jsonKind(goType string) string {
	switch goType {
	case "string", "*string":
		return "a string"
	case "int", "int32", "int64", "*int", "*int64", "*int32", "uint64":
		return "an integer"
	case "bool", "*bool":
		return "a boolean"
	}
	if len(goType) > 2 && goType[:2] == "[]" {
		return "an array"
	}
	return "an object"
}

// checkStrict walks valid JSON and reports the first object that repeats
// a key, or a string escape that is a lone UTF-16 surrogate.
func checkStrict(data []byte) error {
	s := strictScanner{data: data}
	return s.value()
}

type strictScanner struct {
	data []byte
	i    int
}

func (s *strictScanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *strictScanner) value() error {
	s.ws()
	if s.i >= len(s.data) {
		return nil
	}
	switch s.data[s.i] {
	case '{':
		return s.object()
	case '[':
		s.i++
		for {
			s.ws()
			if s.i < len(s.data) && s.data[s.i] == ']' {
				s.i++
				return nil
			}
			if err := s.value(); err != nil {
				return err
			}
			s.ws()
			if s.i < len(s.data) && s.data[s.i] == ',' {
				s.i++
			}
		}
	case '"':
		_, err := s.str()
		return err
	default:
		for s.i < len(s.data) {
			switch s.data[s.i] {
			case ',', ']', '}', ' ', '\t', '\n', '\r':
				return nil
			}
			s.i++
		}
		return nil
	}
}

func (s *strictScanner) object() error {
	s.i++ // {
	var keys []string
	var keyArr [8]string
	keys = keyArr[:0]
	var seen map[string]bool
	for {
		s.ws()
		if s.i >= len(s.data) {
			return nil
		}
		if s.data[s.i] == '}' {
			s.i++
			return nil
		}
		k, err := s.str()
		if err != nil {
			return err
		}
		if seen != nil {
			if seen[k] {
				return fmt.Errorf("duplicate key %q in a JSON object", k)
			}
			seen[k] = true
		} else {
			for _, x := range keys {
				if x == k {
					return fmt.Errorf("duplicate key %q in a JSON object", k)
				}
			}
			keys = append(keys, k)
			if len(keys) > 16 {
				seen = make(map[string]bool, 32)
				for _, x := range keys {
					seen[x] = true
				}
			}
		}
		s.ws()
		s.i++ // :
		if err := s.value(); err != nil {
			return err
		}
		s.ws()
		if s.i < len(s.data) && s.data[s.i] == ',' {
			s.i++
		}
	}
}

// str reads a string at s.i and returns it unescaped.
func (s *strictScanner) str() (string, error) {
	start := s.i + 1
	escaped := false
	for j := start; j < len(s.data); j++ {
		switch s.data[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			s.i = j + 1
			raw := s.data[start:j]
			if !escaped {
				return string(raw), nil
			}
			return unescape(raw)
		}
	}
	s.i = len(s.data)
	return "", nil
}

// unescape decodes a JSON string body, rejecting lone surrogates.
func unescape(raw []byte) (string, error) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			continue
		}
		i++
		switch raw[i] {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			r1, ok := hex4(raw, i+1)
			if !ok {
				return "", errors.New("bad \\u escape in a JSON string")
			}
			i += 4
			ru := rune(r1)
			if utf16.IsSurrogate(ru) {
				r2, ok2 := rune(0), false
				if i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					var v int
					v, ok2 = hex4(raw, i+3)
					r2 = rune(v)
				}
				dec := utf16.DecodeRune(ru, r2)
				if !ok2 || dec == utf8.RuneError {
					return "", errors.New("a JSON string holds a lone UTF-16 surrogate (not valid Unicode)")
				}
				i += 6
				ru = dec
			}
			out = utf8.AppendRune(out, ru)
		default: // " \ /
			out = append(out, raw[i])
		}
	}
	return string(out), nil
}

func hex4(b []byte, at int) (int, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[at:at+4]), 16, 16)
	return int(v), err == nil
}
