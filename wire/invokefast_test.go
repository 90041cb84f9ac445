package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

// invokeBodies are plain and not-so-plain invoke bodies: the fast decoder
// must take the plain ones and leave the rest to the general decoder.
var invokeBodies = []string{
	`{}`,
	`{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"bench@contoso.com"}]}`,
	` { "object" : "messenger" , "member" : "MyStatus" , "kind" : "propget" } `,
	`{"object":"messenger","dispid":1610743808,"kind":"method|propget"}`,
	`{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4","value":-34}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_R8","value":-1.5e+10},{"vt":"VT_BOOL","value":true},{"vt":"VT_BSTR","value":null},{"vt":"VT_EMPTY"}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_DISPATCH","object":null},{"vt":"VT_DISPATCH","object":"messenger","interface":"IMessenger"}]}`,
	`{"object":"messenger","member":"X","args":[]}`,
	`{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"Zoë Ünicode"}]}`,
	// the general decoder's cases: each must be refused by the fast one
	`{"Object":"messenger","member":"MyStatus"}`,
	`{"object":"messenger","object":"messenger","member":"MyStatus"}`,
	`{"object":"messenger","member":"My\u0053tatus"}`,
	`{"object":"messenger","member":"MyStatus","extra":1}`,
	`{"object":null,"member":"MyStatus"}`,
	`{"object":"messenger","member":"MyStatus",}`,
	`{"object":"messenger","member":"MyStatus"} {}`,
	`{"object":"messenger","dispid":1.5}`,
	`{"object":"messenger","dispid":1e3}`,
	`{"object":"messenger","dispid":99999999999999999999}`,
	`{"object":"messenger","dispid":01}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4","value":01}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4","value":1,"value":2}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_ARRAY|VT_VARIANT","value":[{"vt":"VT_I4","value":1}]}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_BSTR","value":"\ud800"}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_DISPATCH","object":7}]}`,
	`{"object":"messenger","member":"X","args":null}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4","value":tru}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4","value":truex}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4" "value":1}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4","value":1}{"vt":"VT_I4","value":2}]}`,
	`{"object":"messenger","member":"X","args":[{,"vt":"VT_I4"}]}`,
	"{\"object\":\"messenger\",\"member\":\"X\",\"args\":[{\"vt\":\"VT_BSTR\",\"value\":\"a\tb\"}]}",
	"{\"object\":\"messenger\",\"member\":\"\xff\"}",
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4","value":-}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_R8","value":1.}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_R8","value":1e}]}`,
	`{"object":"messenger","member":"X","args":[{"vt":"VT_I4","value":1}`,
	`[]`,
	`{"object":"messenger" "member":"X"}`,
}

// checkFastMatchesSlow: whenever the fast decoder takes a body, the
// general decoder takes it too and decodes it to the same request.
func checkFastMatchesSlow(t *testing.T, body []byte) (fast bool) {
	t.Helper()
	st := &invokeState{}
	fast = st.decodeFast(body)
	var slow invokeRequest
	herr := decodeJSON(body, &slow)
	if !fast {
		return false
	}
	if herr != nil {
		t.Errorf("fast decoder took %q, the general one refuses it: %s", body, herr.detail)
		return fast
	}
	got := st.req
	if len(got.Args) == 0 && len(slow.Args) == 0 && (got.Args == nil) == (slow.Args == nil) {
		got.Args, slow.Args = nil, nil
	}
	if !reflect.DeepEqual(got, slow) {
		gj, _ := json.Marshal(got)
		sj, _ := json.Marshal(slow)
		t.Errorf("%q: fast decoded %s, general %s", body, gj, sj)
	}
	return fast
}

func TestFastDecodeMatchesGeneral(t *testing.T) {
	took := 0
	for _, b := range invokeBodies {
		if checkFastMatchesSlow(t, bytes.TrimSpace([]byte(b))) {
			took++
		}
	}
	// The plain bodies at the top must all take the fast path, or the
	// server's hot path silently got slow.
	if took != 9 {
		t.Errorf("the fast decoder took %d of the bodies, want the 9 plain ones", took)
	}
	// Every body with one byte dropped, doubled or replaced: the fast
	// decoder must never take a body the general one refuses or reads
	// differently.
	repl := []byte(`"{}[],:\ 0-.eE` + "\x01\xc3")
	for _, b := range invokeBodies[:9] {
		for i := 0; i < len(b); i++ {
			checkFastMatchesSlow(t, bytes.TrimSpace([]byte(b[:i]+b[i+1:])))
			checkFastMatchesSlow(t, bytes.TrimSpace([]byte(b[:i]+b[i:i+1]+b[i:])))
			for _, c := range repl {
				checkFastMatchesSlow(t, bytes.TrimSpace([]byte(b[:i]+string(c)+b[i+1:])))
			}
		}
	}
}

func FuzzFastDecodeMatchesGeneral(f *testing.F) {
	for _, b := range invokeBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		body = bytes.TrimSpace(body)
		if len(body) == 0 {
			return
		}
		checkFastMatchesSlow(t, body)
	})
}

// The call context joins the request's and the world's only when asked
// for Done; either ending must end it, as context.WithCancel+AfterFunc did.
func TestCallContextEndsWithWorldOrRequest(t *testing.T) {
	for _, which := range []string{"world", "request"} {
		reqCtx, endReq := context.WithCancel(context.Background())
		worldCtx, endWorld := context.WithCancel(context.Background())
		c := &callCtx{Context: reqCtx, world: worldCtx}
		if c.Err() != nil {
			t.Fatalf("%s: Err before either ended: %v", which, c.Err())
		}
		done := c.Done()
		if which == "world" {
			endWorld()
		} else {
			endReq()
		}
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("the %s's end did not end the call context", which)
		}
		if !errors.Is(c.Err(), context.Canceled) {
			t.Errorf("%s: Err = %v, want context.Canceled", which, c.Err())
		}
		c.end()
		endReq()
		endWorld()
	}
	// Without a Done, Err still sees the world's end.
	worldCtx, endWorld := context.WithCancel(context.Background())
	c := &callCtx{Context: context.Background(), world: worldCtx}
	endWorld()
	if !errors.Is(c.Err(), context.Canceled) {
		t.Errorf("Err after the world ended = %v, want context.Canceled", c.Err())
	}
	c.end()
}

// intern must hand back the bytes' string whatever the table holds, and
// stop growing at its bound.
func TestInternIsBoundedAndExact(t *testing.T) {
	for i := range maxInterned + 100 {
		b := []byte("member" + string(rune('a'+i%26)) + time.Duration(i).String())
		if got := intern(b); got != string(b) {
			t.Fatalf("intern(%q) = %q", b, got)
		}
	}
	if n := lenOf(internTab.Load()); n > maxInterned {
		t.Errorf("the intern table grew to %d entries, bound %d", n, maxInterned)
	}
	long := bytes.Repeat([]byte("x"), 100)
	if intern(long) != string(long) {
		t.Error("a long name must come back as itself")
	}
}
