package model

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/fakemessenger/fakemessenger/hresult"
)

// The wire protocol's spelling of a VARIANT, written once for the server
// (replies, events, the journal) and the Go client (arguments):
//
//	{"vt":"VT_I4","value":7}  {"vt":"VT_BSTR","value":null}
//	{"vt":"VT_DISPATCH","object":"<id>","interface":"IMessengerContact"}
//	{"vt":"VT_ARRAY|VT_VARIANT","value":[...]}

// AppendVariantJSON writes v in the protocol's JSON. What JSON cannot
// carry is written as near as it can be (invalid UTF-8 as U+FFFD, NaN and
// infinities as null); a sender that must not alter a value checks it
// first with JSONProblem.
func AppendVariantJSON(b []byte, v Variant) []byte {
	b = appendVTTag(b, v.VT)
	switch {
	case v.VT == VT_EMPTY || v.VT == VT_NULL:
	case v.VT == VT_DISPATCH:
		b = append(b, `,"object":`...)
		if v.Obj == nil {
			b = append(b, "null"...)
			break
		}
		if a, ok := v.Obj.(ObjectIDAppender); ok {
			b = append(b, '"')
			b = a.AppendObjectID(b)
			b = append(b, '"')
		} else {
			b = AppendJSONString(b, v.Obj.ObjectID())
		}
		b = append(b, `,"interface":`...)
		b = AppendJSONString(b, v.Obj.InterfaceName())
	case v.VT == VT_BSTR:
		b = append(b, `,"value":`...)
		if v.NullStr {
			b = append(b, "null"...)
		} else {
			b = AppendJSONString(b, v.Str)
		}
	case v.VT == VT_BOOL:
		b = append(b, `,"value":`...)
		b = strconv.AppendBool(b, v.Truth())
	case v.VT == VT_R8 || v.VT == VT_R4:
		b = append(b, `,"value":`...)
		if math.IsNaN(v.Float) || math.IsInf(v.Float, 0) {
			b = append(b, "null"...) // JSON has no NaN or infinity
		} else {
			bits := 64
			if v.VT == VT_R4 {
				bits = 32
			}
			b = strconv.AppendFloat(b, v.Float, 'g', -1, bits)
		}
	case v.VT == VT_ERROR:
		b = append(b, `,"value":`...)
		b = AppendJSONString(b, hresult.HRESULT(uint32(v.Int)).Hex())
	case v.VT == VT_ARRAY|VT_VARIANT:
		b = append(b, `,"value":[`...)
		for i, e := range v.Array {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendVariantJSON(b, e)
		}
		b = append(b, ']')
	case v.VT == VT_UI8:
		b = append(b, `,"value":`...)
		b = strconv.AppendUint(b, uint64(v.Int), 10)
	default:
		b = append(b, `,"value":`...)
		b = strconv.AppendInt(b, v.Int, 10)
	}
	return append(b, '}')
}

// ObjectIDAppender is an object that can write its ObjectID into a buffer
// without making a string of it first. The ID must need no JSON escaping
// (the sim's are UUIDs).
type ObjectIDAppender interface {
	AppendObjectID(b []byte) []byte
}

// appendVTTag writes `{"vt":"VT_..."`; the usual tags are one append.
func appendVTTag(b []byte, vt VarType) []byte {
	if n, ok := vtNames[vt]; ok {
		b = append(b, `{"vt":"`...)
		b = append(b, n...)
		return append(b, '"')
	}
	if vt == VT_ARRAY|VT_VARIANT {
		return append(b, `{"vt":"VT_ARRAY|VT_VARIANT"`...)
	}
	b = append(b, `{"vt":`...)
	return AppendJSONString(b, vt.String())
}

// JSONProblem says why v cannot travel as JSON unchanged, or "" when it
// can: a BSTR that is not valid UTF-8, or a NaN or infinite float.
func JSONProblem(v Variant) string {
	switch {
	case v.VT == VT_BSTR && !v.NullStr && !utf8.ValidString(v.Str):
		return "a VT_BSTR that is not valid UTF-8 cannot travel as JSON"
	case (v.VT == VT_R4 || v.VT == VT_R8) && (math.IsNaN(v.Float) || math.IsInf(v.Float, 0)):
		return v.VT.String() + " " + strconv.FormatFloat(v.Float, 'g', -1, 64) + " cannot travel as JSON"
	case v.VT&VT_ARRAY != 0:
		for i, e := range v.Array {
			if p := JSONProblem(e); p != "" {
				return "element " + strconv.Itoa(i) + ": " + p
			}
		}
	}
	return ""
}

const hexDigits = "0123456789abcdef"

// AppendJSONString writes s as a JSON string. Invalid UTF-8 (which the wire
// never accepts, but a Go caller of the sim might store) becomes U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
