package wire

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
)

func decodeOne(t *testing.T, src string) (model.Variant, *httpError) {
	t.Helper()
	var jv jsonVariant
	if e := decodeJSON([]byte(src), &jv); e != nil {
		return model.Variant{}, e
	}
	return decodeVariant(&jv, resolverFunc(func(string) (model.Dispatch, bool) { return nil, false }), "v", 0)
}

func TestVariantRoundTrip(t *testing.T) {
	tests := []struct {
		in   string
		want model.Variant
		out  string // "" means the same as in
	}{
		{`{"vt":"VT_EMPTY"}`, model.Variant{}, ""},
		{`{"vt":"VT_EMPTY","value":null}`, model.Variant{}, `{"vt":"VT_EMPTY"}`},
		{`{"vt":"VT_NULL"}`, model.Null(), ""},
		{`{"vt":"VT_I4","value":-7}`, model.I4(-7), ""},
		{`{"vt":"VT_I2","value":32767}`, model.Variant{VT: model.VT_I2, Int: 32767}, ""},
		{`{"vt":"VT_I1","value":-128}`, model.Variant{VT: model.VT_I1, Int: -128}, ""},
		{`{"vt":"VT_I8","value":-9223372036854775808}`, model.Variant{VT: model.VT_I8, Int: -1 << 63}, ""},
		{`{"vt":"VT_UI4","value":4294967295}`, model.Variant{VT: model.VT_UI4, Int: 1<<32 - 1}, ""},
		{`{"vt":"VT_UI8","value":18446744073709551615}`, model.Variant{VT: model.VT_UI8, Int: -1}, ""},
		{`{"vt":"VT_INT","value":5}`, model.Variant{VT: model.VT_INT, Int: 5}, ""},
		{`{"vt":"VT_UINT","value":5}`, model.Variant{VT: model.VT_UINT, Int: 5}, ""},
		{`{"vt":"VT_UI1","value":255}`, model.Variant{VT: model.VT_UI1, Int: 255}, ""},
		{`{"vt":"VT_UI2","value":65535}`, model.Variant{VT: model.VT_UI2, Int: 65535}, ""},
		{`{"vt":"VT_BOOL","value":true}`, model.Bool(true), ""},
		{`{"vt":"VT_BOOL","value":false}`, model.Bool(false), ""},
		{`{"vt":"VT_BSTR","value":"jaya@contoso.com"}`, model.BSTR("jaya@contoso.com"), ""},
		{`{"vt":"VT_BSTR","value":""}`, model.BSTR(""), ""},
		{`{"vt":"VT_BSTR","value":null}`, model.NullBSTR(), ""},
		{`{"vt":"VT_BSTR","value":"tab\tquote\"back\\slash\u0001é😀"}`, model.BSTR("tab\tquote\"back\\slash\x01é😀"), ""},
		{`{"vt":"VT_BSTR","value":"\ud83d\ude00"}`, model.BSTR("😀"), `{"vt":"VT_BSTR","value":"😀"}`},
		{`{"vt":"VT_R8","value":1.5}`, model.Variant{VT: model.VT_R8, Float: 1.5}, ""},
		{`{"vt":"VT_R4","value":0.25}`, model.Variant{VT: model.VT_R4, Float: 0.25}, ""},
		{`{"vt":"VT_ERROR","value":"0x80020004"}`, model.Variant{VT: model.VT_ERROR, Int: int64(int32(-2147352572))}, ""},
		{`{"vt":"VT_ERROR","value":"DISP_E_PARAMNOTFOUND"}`, model.Variant{VT: model.VT_ERROR, Int: int64(int32(-2147352572))}, `{"vt":"VT_ERROR","value":"0x80020004"}`},
		{`{"vt":"VT_DISPATCH","object":null}`, model.Dispatched(nil), ""},
		{`{"vt":"VT_ARRAY|VT_VARIANT","value":[{"vt":"VT_I4","value":1},{"vt":"VT_ARRAY|VT_VARIANT","value":[]}]}`,
			model.Array(model.I4(1), model.Array()), ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, e := decodeOne(t, tt.in)
			if e != nil {
				t.Fatalf("decode: %v", e)
			}
			if v.String() != tt.want.String() || v.Int != tt.want.Int || v.NullStr != tt.want.NullStr {
				t.Errorf("decoded %v (%d), want %v (%d)", v, v.Int, tt.want, tt.want.Int)
			}
			out := string(model.AppendVariantJSON(nil, v))
			want := tt.out
			if want == "" {
				want = tt.in
			}
			if out != want {
				t.Errorf("encoded %s, want %s", out, want)
			}
			if !json.Valid([]byte(out)) {
				t.Errorf("encoded %s is not JSON", out)
			}
		})
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "<html>&", "\x00\x1f\x7f", "line\nbreak\r", "\u2028\u2029", "bad\xffutf8", strings.Repeat("é", 40)} {
		got := model.AppendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q encoded as %s: %v", s, got, err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if back != want {
			t.Errorf("%q came back as %q", s, back)
		}
	}
}

func TestCheckStrict(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{`{"a":1,"b":{"a":2},"c":[{"a":1},{"a":1}]}`, true},
		{`{"a":1,"a":2}`, false},
		{`{"x":{"k":1,"k":1}}`, false},
		{`[{"k":1,"k":1}]`, false},
		{`{"k":1,"\u006b":2}`, false},
		{`{"s":"\ud800"}`, false},
		{`{"s":"\udc00\ud800"}`, false},
		{`{"s":"\ud83d\ude00 and \"quotes\" and \\u0041"}`, true},
		{`{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k3":0}`, false},
		{`{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17}`, true},
	}
	for _, tt := range tests {
		if err := checkStrict([]byte(tt.in)); (err == nil) != tt.ok {
			t.Errorf("checkStrict(%s) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}
