package wire

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"strconv"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// jsonVariant is a VARIANT as the wire spells it:
//
//	{"vt":"VT_I4","value":7}  {"vt":"VT_BSTR","value":null}
//	{"vt":"VT_DISPATCH","object":"<id>"}  {"vt":"VT_ARRAY|VT_VARIANT","value":[...]}
//
// Value and Object stay raw until the tag says how to read them.
type jsonVariant struct {
	VT     *string         `json:"vt"`
	Value  json.RawMessage `json:"value"`
	Object json.RawMessage `json:"object"`
	// Interface is what a returned object carries; a client may echo it
	// back, and it is ignored (the object's own interface counts).
	Interface *string `json:"interface"`
}

// maxArrayDepth bounds SAFEARRAYs of VARIANTs nested in each other: each
// level is decoded again, so this also bounds the work one body can cause.
const maxArrayDepth = 8

// objectResolver finds a world's object by the ID a client was given. An
// interface rather than a func, so that passing a world's entry to
// decodeVariant allocates nothing.
type objectResolver interface {
	resolveObject(id string) (model.Dispatch, bool)
}

// resolverFunc makes a function an objectResolver.
type resolverFunc func(id string) (model.Dispatch, bool)

func (f resolverFunc) resolveObject(id string) (model.Dispatch, bool) { return f(id) }

// decodeVariant turns a wire VARIANT into a model.Variant; where names the
// value in error details ("args[0]").
func decodeVariant(jv *jsonVariant, resolve objectResolver, where string, depth int) (model.Variant, *httpError) {
	if jv.VT == nil {
		return model.Variant{}, badRequest("%s: \"vt\" is required", where)
	}
	vt, err := model.ParseVarType(*jv.VT)
	if err != nil {
		return model.Variant{}, errorf(http.StatusBadRequest, "unknown-vt", "%s: %v", where, err)
	}
	if vt != model.VT_DISPATCH && jv.Object != nil {
		return model.Variant{}, badRequest("%s: \"object\" belongs only to VT_DISPATCH", where)
	}
	value := jv.Value
	isNull := bytes.Equal(value, []byte("null"))
	v := model.Variant{VT: vt}
	switch vt {
	case model.VT_EMPTY, model.VT_NULL:
		if value != nil && !isNull {
			return v, badRequest("%s: %s takes no value", where, vt)
		}
		return v, nil
	case model.VT_DISPATCH:
		if value != nil {
			return v, badRequest("%s: VT_DISPATCH takes \"object\", not \"value\"", where)
		}
		if jv.Object == nil {
			return v, badRequest("%s: VT_DISPATCH needs \"object\": an object ID or null", where)
		}
		if bytes.Equal(jv.Object, []byte("null")) {
			return v, nil
		}
		id, ok := plainString(jv.Object)
		if !ok && json.Unmarshal(jv.Object, &id) != nil {
			return v, badRequest("%s: \"object\" must be a string or null", where)
		}
		obj, ok := resolve.resolveObject(id)
		if !ok {
			return v, errorf(http.StatusBadRequest, "unknown-object", "%s: %q is not an object of this world", where, id)
		}
		v.Obj = obj
		return v, nil
	}
	if value == nil {
		return v, badRequest("%s: %s needs \"value\"", where, vt)
	}
	switch vt {
	case model.VT_BSTR:
		if isNull {
			v.NullStr = true
			return v, nil
		}
		if str, ok := plainString(value); ok {
			v.Str = str
			return v, nil
		}
		if json.Unmarshal(value, &v.Str) != nil {
			return v, badRequest("%s: VT_BSTR \"value\" must be a string or null", where)
		}
		return v, nil
	case model.VT_BOOL:
		switch string(value) {
		case "true":
			v.Int = model.VARIANT_TRUE
		case "false":
			v.Int = model.VARIANT_FALSE
		default:
			return v, badRequest("%s: VT_BOOL \"value\" must be true or false", where)
		}
		return v, nil
	case model.VT_R8, model.VT_R4:
		bits := 64
		if vt == model.VT_R4 {
			bits = 32
		}
		if !isNumber(value) {
			return v, badRequest("%s: %s \"value\" must be a JSON number", where, vt)
		}
		f, err := strconv.ParseFloat(string(value), bits)
		if err != nil {
			return v, badRequest("%s: %s \"value\" %s is out of range", where, vt, value)
		}
		v.Float = f
		return v, nil
	case model.VT_ERROR:
		var s string
		if json.Unmarshal(value, &s) != nil {
			return v, badRequest("%s: VT_ERROR \"value\" must be an HRESULT string such as \"0x80020004\"", where)
		}
		hr, err := hresult.Parse(s)
		if err != nil {
			return v, badRequest("%s: VT_ERROR: %v", where, err)
		}
		v.Int = int64(int32(hr))
		return v, nil
	case model.VT_ARRAY | model.VT_VARIANT:
		if depth >= maxArrayDepth {
			return v, badRequest("%s: arrays nest deeper than %d", where, maxArrayDepth)
		}
		if len(value) == 0 || value[0] != '[' {
			return v, badRequest("%s: VT_ARRAY|VT_VARIANT \"value\" must be an array of variants", where)
		}
		var elems []jsonVariant
		dec := json.NewDecoder(bytes.NewReader(value))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&elems); err != nil {
			e := jsonError(err)
			e.detail = where + ": " + e.detail
			return v, e
		}
		v.Array = make([]model.Variant, len(elems))
		for i := range elems {
			ev, e := decodeVariant(&elems[i], resolve, where+".value["+strconv.Itoa(i)+"]", depth+1)
			if e != nil {
				return v, e
			}
			v.Array[i] = ev
		}
		return v, nil
	}
	if lo, hi, ok := intRange(vt); ok {
		if !isInteger(value) {
			return v, badRequest("%s: %s \"value\" must be a JSON integer", where, vt)
		}
		if vt == model.VT_UI8 {
			u, err := strconv.ParseUint(string(value), 10, 64)
			if err != nil {
				return v, badRequest("%s: %s \"value\" %s is out of range", where, vt, value)
			}
			v.Int = int64(u) // the bits of a ULONGLONG, as a VARIANT holds them
			return v, nil
		}
		n, err := strconv.ParseInt(string(value), 10, 64)
		if err != nil || n < lo || n > hi {
			return v, badRequest("%s: %s \"value\" %s is out of range [%d, %d]", where, vt, value, lo, hi)
		}
		v.Int = n
		return v, nil
	}
	return v, errorf(http.StatusBadRequest, "unknown-vt", "%s: %s has no wire form", where, vt)
}

// plainString is the value of a JSON string with no escapes and no
// control characters (what encoding/json would decode it to, given valid
// UTF-8, which every body is checked for), without a decoder.
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	return string(body), true
}

// intRange is the range of an integer VARIANT type.
func intRange(vt model.VarType) (lo, hi int64, ok bool) {
	switch vt {
	case model.VT_I1:
		return math.MinInt8, math.MaxInt8, true
	case model.VT_I2:
		return math.MinInt16, math.MaxInt16, true
	case model.VT_I4, model.VT_INT:
		return math.MinInt32, math.MaxInt32, true
	case model.VT_I8:
		return math.MinInt64, math.MaxInt64, true
	case model.VT_UI1:
		return 0, math.MaxUint8, true
	case model.VT_UI2:
		return 0, math.MaxUint16, true
	case model.VT_UI4, model.VT_UINT:
		return 0, math.MaxUint32, true
	case model.VT_UI8:
		return 0, math.MaxInt64, true
	}
	return 0, 0, false
}

func isNumber(b []byte) bool {
	return len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9')
}

func isInteger(b []byte) bool {
	if !isNumber(b) {
		return false
	}
	return bytes.IndexAny(b, ".eE") < 0
}

// appendResult is appendVariant with VT_EMPTY as null: "nothing returned".
func appendResult(b []byte, v model.Variant) []byte {
	if v.VT == model.VT_EMPTY {
		return append(b, "null"...)
	}
	return model.AppendVariantJSON(b, v)
}
