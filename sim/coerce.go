package sim

import (
	"math"
	"strconv"
	"strings"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Late-bound argument coercion. A real IDispatch::Invoke built on
// ITypeInfo::Invoke (DispInvoke) converts each argument to the declared
// parameter type with VariantChangeType(..., 0) before the member runs, so
// a VBScript `MyStatus = "10"` works and `MyStatus = "abc"` fails with
// DISP_E_TYPEMISMATCH. VARIANT parameters (vContact) keep whatever the
// caller sent. Typed Go calls already pass the declared types, so for
// them this is a no-op that allocates nothing.

// coerceArgLocked converts a to the type p declares, as VariantChangeType
// does, or answers the HRESULT it would (DISP_E_TYPEMISMATCH,
// DISP_E_OVERFLOW).
func (w *World) coerceArgLocked(a model.Variant, p model.ParamSpec) (model.Variant, hresult.HRESULT) {
	if p.Optional && a.VT == model.VT_EMPTY {
		return a, hresult.S_OK // an omitted optional argument
	}
	if p.VT == model.VT_VARIANT {
		return a, hresult.S_OK // the member itself judges a VARIANT parameter
	}
	if a.VT&(model.VT_BYREF|model.VT_ARRAY) != 0 {
		// an array where a scalar belongs: VariantChangeType refuses it
		return a, hresult.DISP_E_TYPEMISMATCH
	}
	if a.VT == p.VT {
		if p.VT == model.VT_BOOL && a.Int != model.VARIANT_FALSE && a.Int != model.VARIANT_TRUE {
			return model.Bool(true), hresult.S_OK // any non-zero VARIANT_BOOL is true
		}
		return a, hresult.S_OK
	}
	if a.VT == model.VT_DISPATCH && p.VT != model.VT_DISPATCH {
		return w.defaultValueLocked(a, p)
	}
	switch p.VT {
	case model.VT_I4:
		return toI4(a)
	case model.VT_BSTR:
		return toBSTR(a)
	case model.VT_BOOL:
		return toBool(a)
	case model.VT_DISPATCH:
		// A NULL pointer travels as VT_EMPTY or VT_NULL; the member
		// answers it (E_POINTER, E_INVALIDARG) as its page says.
		if a.VT == model.VT_EMPTY || a.VT == model.VT_NULL {
			return a, hresult.S_OK
		}
	}
	return a, hresult.DISP_E_TYPEMISMATCH
}

// defaultValueLocked is VariantChangeType's way with an object where a
// value is wanted: it reads the object's default member (DISPID_VALUE, a
// property get without arguments) and converts that. An object with no
// such member (no interface of this library has a parameterless default
// property: the collections' Item takes an index), a NULL pointer, or an
// object of another world answers DISP_E_TYPEMISMATCH.
func (w *World) defaultValueLocked(a model.Variant, p model.ParamSpec) (model.Variant, hresult.HRESULT) {
	v, ok := a.Obj.(view)
	if !ok || a.Obj == nil || v.base().world != w || v.base().dead {
		return a, hresult.DISP_E_TYPEMISMATCH
	}
	m, ok := model.LookupDISPID(v.base().iface, model.DISPID_VALUE)
	if !ok || m.Kinds&model.DISPATCH_PROPERTYGET == 0 || requiredParams(m) > 0 {
		return a, hresult.DISP_E_TYPEMISMATCH
	}
	h := handlerOf(m)
	if h == nil {
		return a, hresult.DISP_E_TYPEMISMATCH
	}
	sub := &call{w: w, cl: v.base().cl, self: v, m: m, kind: model.DISPATCH_PROPERTYGET}
	if hr := h(sub); hr != hresult.S_OK || sub.result.VT == model.VT_DISPATCH {
		return a, hresult.DISP_E_TYPEMISMATCH
	}
	return w.coerceArgLocked(sub.result, p)
}

func requiredParams(m *model.Member) int {
	n := 0
	for _, p := range m.Params {
		if !p.Optional {
			n++
		}
	}
	return n
}

func toI4(a model.Variant) (model.Variant, hresult.HRESULT) {
	switch {
	case a.IsInteger():
		return i4InRange(float64(a.Int), a.Int)
	case a.VT == model.VT_BOOL:
		if a.Int != 0 {
			return model.I4(-1), hresult.S_OK
		}
		return model.I4(0), hresult.S_OK
	case a.VT == model.VT_EMPTY:
		return model.I4(0), hresult.S_OK
	case a.VT == model.VT_R4 || a.VT == model.VT_R8:
		return floatToI4(a.Float)
	case a.VT == model.VT_BSTR:
		if a.NullStr {
			return a, hresult.DISP_E_TYPEMISMATCH
		}
		f, ok := parseNumber(a.Str)
		if !ok {
			return a, hresult.DISP_E_TYPEMISMATCH
		}
		return floatToI4(f)
	}
	return a, hresult.DISP_E_TYPEMISMATCH
}

func i4InRange(f float64, n int64) (model.Variant, hresult.HRESULT) {
	if f < math.MinInt32 || f > math.MaxInt32 || n < math.MinInt32 || n > math.MaxInt32 {
		return model.Variant{}, hresult.DISP_E_OVERFLOW
	}
	return model.I4(int32(n)), hresult.S_OK
}

// floatToI4 rounds half to even, as the VarI4From* functions do.
func floatToI4(f float64) (model.Variant, hresult.HRESULT) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return model.Variant{}, hresult.DISP_E_OVERFLOW
	}
	r := math.RoundToEven(f)
	if r < math.MinInt32 || r > math.MaxInt32 {
		return model.Variant{}, hresult.DISP_E_OVERFLOW
	}
	return model.I4(int32(r)), hresult.S_OK
}

// parseNumber reads what VarParseNumFromStr accepts in the invariant
// locale: surrounding blanks, a sign, digits with an optional fraction and
// exponent, or a VBScript-style &H hex / &O octal literal.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if len(s) > 2 && s[0] == '&' {
		base := 0
		switch s[1] {
		case 'h', 'H':
			base = 16
		case 'o', 'O':
			base = 8
		}
		if base == 0 {
			return 0, false
		}
		n, err := strconv.ParseUint(s[2:], base, 32)
		if err != nil {
			return 0, false
		}
		return float64(int32(uint32(n))), true // &HFFFFFFFF is -1, as in VBScript
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.' || r == 'e' || r == 'E') {
			return 0, false // no "inf", "nan", "0x..", "1_000"
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return 0, false
	}
	return f, true // out of float range is an overflow, found by the caller
}

func toBSTR(a model.Variant) (model.Variant, hresult.HRESULT) {
	switch {
	case a.IsInteger():
		if a.VT == model.VT_UI8 || a.VT == model.VT_UINT || a.VT == model.VT_UI4 {
			return model.BSTR(strconv.FormatUint(uint64(a.Int), 10)), hresult.S_OK
		}
		return model.BSTR(strconv.FormatInt(a.Int, 10)), hresult.S_OK
	case a.VT == model.VT_BOOL:
		// Without VARIANT_ALPHABOOL a VARIANT_BOOL becomes "-1" or "0".
		if a.Int != 0 {
			return model.BSTR("-1"), hresult.S_OK
		}
		return model.BSTR("0"), hresult.S_OK
	case a.VT == model.VT_EMPTY:
		return model.BSTR(""), hresult.S_OK // an empty BSTR, not a NULL one
	case a.VT == model.VT_R4:
		return model.BSTR(formatFloat(a.Float, 32)), hresult.S_OK
	case a.VT == model.VT_R8:
		return model.BSTR(formatFloat(a.Float, 64)), hresult.S_OK
	}
	return a, hresult.DISP_E_TYPEMISMATCH
}

// formatFloat writes a double as VarBstrFromR8 does in the invariant
// locale: shortest form, upper-case exponent for very large or small values.
func formatFloat(f float64, bits int) string {
	digits := 15
	if bits == 32 {
		digits = 7
	}
	s := strconv.FormatFloat(f, 'G', digits, bits)
	if strings.ContainsRune(s, 'E') {
		mant, exp, _ := strings.Cut(s, "E")
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		return mant + "E" + exp
	}
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func toBool(a model.Variant) (model.Variant, hresult.HRESULT) {
	switch {
	case a.IsInteger():
		return model.Bool(a.Int != 0), hresult.S_OK
	case a.VT == model.VT_EMPTY:
		return model.Bool(false), hresult.S_OK
	case a.VT == model.VT_R4 || a.VT == model.VT_R8:
		return model.Bool(a.Float != 0), hresult.S_OK
	case a.VT == model.VT_BSTR && !a.NullStr:
		switch strings.ToLower(strings.TrimSpace(a.Str)) {
		case "true", "#true#":
			return model.Bool(true), hresult.S_OK
		case "false", "#false#":
			return model.Bool(false), hresult.S_OK
		}
		if f, ok := parseNumber(a.Str); ok {
			return model.Bool(f != 0), hresult.S_OK
		}
	}
	return a, hresult.DISP_E_TYPEMISMATCH
}

// unchanged: coercion left the argument as it was.
func unchanged(a, b model.Variant) bool {
	return a.VT == b.VT && a.Int == b.Int && a.Str == b.Str && a.NullStr == b.NullStr && a.Float == b.Float
}

// keepOriginalArgs saves the arguments as sent before coercion changes
// one, for the journal.
func (c *call) keepOriginalArgs() {
	if c.orig == nil {
		c.orig = append([]model.Variant(nil), c.args...)
	}
}
