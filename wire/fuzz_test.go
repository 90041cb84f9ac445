package wire

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Fuzz targets of the wire server. Seed corpora: testdata/fuzz/<target>;
// `make fuzz` runs each for longer, .ci/run for a few seconds.

// FuzzDecodeVariant: a wire VARIANT either decodes or is refused with a
// 400-class problem; what decodes encodes back to JSON that decodes again.
func FuzzDecodeVariant(f *testing.F) {
	for _, s := range []string{
		`{"vt":"VT_I4","value":7}`, `{"vt":"VT_BSTR","value":null}`, `{"vt":"VT_BSTR","value":"x\u00e9"}`,
		`{"vt":"VT_BOOL","value":true}`, `{"vt":"VT_EMPTY"}`, `{"vt":"VT_R8","value":1e308}`,
		`{"vt":"VT_I8","value":-9223372036854775808}`, `{"vt":"VT_UI1","value":256}`,
		`{"vt":"VT_ARRAY|VT_VARIANT","value":[{"vt":"VT_I2","value":1},{"vt":"VT_ARRAY|VT_VARIANT","value":[]}]}`,
		`{"vt":"VT_DISPATCH","object":"x"}`, `{"vt":"VT_DATE","value":"2007-07-27T09:00:00Z"}`, `{"vt":"VT_CY","value":"1.5"}`,
	} {
		f.Add([]byte(s))
	}
	resolve := func(string) (model.Dispatch, bool) { return nil, false }
	f.Fuzz(func(t *testing.T, data []byte) {
		var jv jsonVariant
		if json.Unmarshal(data, &jv) != nil {
			return
		}
		v, herr := decodeVariant(&jv, resolverFunc(resolve), "v", 0)
		if herr != nil {
			if herr.status < 400 || herr.status > 499 {
				t.Fatalf("status %d for %s", herr.status, data)
			}
			return
		}
		enc := model.AppendVariantJSON(nil, v)
		if !json.Valid(enc) {
			t.Fatalf("%s encodes as invalid JSON %s", data, enc)
		}
		var jv2 jsonVariant
		if err := json.Unmarshal(enc, &jv2); err != nil {
			t.Fatalf("re-reading %s: %v", enc, err)
		}
		if _, herr := decodeVariant(&jv2, resolverFunc(resolve), "v", 0); herr != nil {
			t.Fatalf("%s decoded, its encoding %s did not: %s", data, enc, herr.detail)
		}
	})
}

// FuzzStrictJSON: the strict checker agrees with a reference built on
// encoding/json's tokenizer about duplicate keys, and never panics on
// what the decoder accepts.
func FuzzStrictJSON(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":{"b":1,"b":2}}`, `{"a":"\ud800"}`, `{"a":"\ud83d\ude00"}`,
		`{"\u0061":1,"a":2}`, `[{"x":1},{"x":1}]`, `{"a":[1,2,{"c":3,"c":4}]}`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		err := checkStrict(data)
		if bytes.Contains(data, []byte(`\u`)) || bytes.Contains(data, []byte(`\U`)) {
			return // escapes: lone surrogates make the reference's keys lossy
		}
		if want := hasDuplicateKey(data); want != (err != nil) {
			t.Fatalf("checkStrict(%s) = %v, reference says duplicate=%v", data, err, want)
		}
	})
}

// hasDuplicateKey walks JSON tokens with a set of keys per open object.
func hasDuplicateKey(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		obj     bool
		keys    map[string]bool
		wantKey bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.obj && top.wantKey {
			if k, ok := tok.(string); ok {
				if top.keys[k] {
					return true
				}
				top.keys[k] = true
				top.wantKey = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			if top != nil && top.obj {
				top.wantKey = true
			}
			stack = append(stack, &frame{obj: true, keys: map[string]bool{}, wantKey: true})
			continue
		case json.Delim('['):
			if top != nil && top.obj {
				top.wantKey = true
			}
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			continue
		}
		if top != nil && top.obj {
			top.wantKey = true
		}
	}
}

// FuzzInvoke: any request body to POST /v1/invoke gets a JSON answer,
// 200 or a 4xx problem, never a 5xx or a panic; a 4xx changes nothing
// in the world (the call count stays), and the world's state still
// reads.
func FuzzInvoke(f *testing.F) {
	for _, s := range []string{
		`{"object":"messenger","member":"GetContact","args":[{"vt":"VT_BSTR","value":"jaya@contoso.com"},{"vt":"VT_BSTR","value":""}]}`,
		`{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"sam@contoso.com"}]}`,
		`{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4","value":10}]}`,
		`{"object":"messenger","dispid":1290,"kind":"method|propget"}`,
		`{"object":"messenger","member":"Signout"}`, `{"object":"messenger","member":"AutoSignin"}`,
		`{"object":"nope","member":"X"}`, `{"object":"messenger","member":"MyContacts","kind":"propget"}`,
		`{"object":"messenger","member":"GetContact","args":[{"vt":"VT_ARRAY|VT_VARIANT","value":[]}]}`, ``, `{`, `[]`,
	} {
		f.Add([]byte(s))
	}
	srv, err := NewServer(Config{Clock: sim.NewManualClock(sim.DefaultEpoch), MaxObjects: 2000, MaxRoots: 50})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(srv.Close)
	world, _ := srv.World(DefaultWorld)
	f.Fuzz(func(t *testing.T, body []byte) {
		if world.RootCount() > 40 || world.LiveObjects() > 1500 {
			world.Reset()
		}
		before := world.State().Calls
		req := httptest.NewRequest(http.MethodPost, "/v1/invoke", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		reply, _ := io.ReadAll(rec.Body)
		switch {
		case rec.Code == http.StatusOK:
			var r struct{ HResult, Name string }
			if err := json.Unmarshal(reply, &r); err != nil || !strings.HasPrefix(r.HResult, "0x") || r.Name == "" {
				t.Fatalf("200 with %s (%v)", reply, err)
			}
		case rec.Code >= 400 && rec.Code < 500:
			if rec.Header().Get("Content-Type") != "application/problem+json" || !json.Valid(reply) {
				t.Fatalf("%d with %q: %s", rec.Code, rec.Header().Get("Content-Type"), reply)
			}
			if after := world.State().Calls; after != before {
				t.Fatalf("a %d reached the sim (calls %d -> %d): %s", rec.Code, before, after, body)
			}
		default:
			t.Fatalf("status %d for %s: %s", rec.Code, body, reply)
		}
		if _, err := json.Marshal(world.State()); err != nil {
			t.Fatalf("state after %s: %v", body, err)
		}
	})
}
