package sim

import (
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// TestCoerceArg pins VariantChangeType's answers for the parameter types
// the type library declares (I4, BSTR, BOOL, DISPATCH, VARIANT).
func TestCoerceArg(t *testing.T) {
	w := MustNew()
	i4, bstr, boolean := model.ParamSpec{Name: "p", VT: model.VT_I4}, model.ParamSpec{Name: "p", VT: model.VT_BSTR}, model.ParamSpec{Name: "p", VT: model.VT_BOOL}
	r8 := func(f float64) model.Variant { return model.Variant{VT: model.VT_R8, Float: f} }
	r4 := func(f float64) model.Variant { return model.Variant{VT: model.VT_R4, Float: f} }
	tests := []struct {
		in   model.Variant
		p    model.ParamSpec
		want model.Variant
		hr   hresult.HRESULT
	}{
		{model.BSTR("10"), i4, model.I4(10), hresult.S_OK},
		{model.BSTR("  -7 "), i4, model.I4(-7), hresult.S_OK},
		{model.BSTR("+3"), i4, model.I4(3), hresult.S_OK},
		{model.BSTR("2.5"), i4, model.I4(2), hresult.S_OK},
		{model.BSTR("3.5"), i4, model.I4(4), hresult.S_OK},
		{model.BSTR("1e3"), i4, model.I4(1000), hresult.S_OK},
		{model.BSTR("&HFF"), i4, model.I4(255), hresult.S_OK},
		{model.BSTR("&o17"), i4, model.I4(15), hresult.S_OK},
		{model.BSTR("&HFFFFFFFF"), i4, model.I4(-1), hresult.S_OK},
		{model.BSTR("2147483647"), i4, model.I4(2147483647), hresult.S_OK},
		{model.BSTR("2147483648"), i4, model.Variant{}, hresult.DISP_E_OVERFLOW},
		{model.BSTR("1e400"), i4, model.Variant{}, hresult.DISP_E_OVERFLOW},
		{model.BSTR("abc"), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.BSTR(""), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.BSTR("inf"), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.BSTR("1_000"), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.BSTR("&HG"), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.NullBSTR(), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.Bool(true), i4, model.I4(-1), hresult.S_OK},
		{model.Bool(false), i4, model.I4(0), hresult.S_OK},
		{model.Empty(), i4, model.I4(0), hresult.S_OK},
		{model.Null(), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{r8(-2.5), i4, model.I4(-2), hresult.S_OK},
		{r8(2147483647.4), i4, model.I4(2147483647), hresult.S_OK},
		{r8(2147483647.5), i4, model.Variant{}, hresult.DISP_E_OVERFLOW},
		{model.Variant{VT: model.VT_I8, Int: 1 << 31}, i4, model.Variant{}, hresult.DISP_E_OVERFLOW},
		{model.Variant{VT: model.VT_UI2, Int: 65535}, i4, model.I4(65535), hresult.S_OK},
		{model.Variant{VT: model.VT_ERROR, Int: 5}, i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.Array(model.I4(1)), i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.Variant{VT: model.VT_I4 | model.VT_BYREF}, i4, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},

		{model.I4(-12), bstr, model.BSTR("-12"), hresult.S_OK},
		{model.Variant{VT: model.VT_UI4, Int: 4000000000}, bstr, model.BSTR("4000000000"), hresult.S_OK},
		{model.Bool(true), bstr, model.BSTR("-1"), hresult.S_OK},
		{model.Bool(false), bstr, model.BSTR("0"), hresult.S_OK},
		{model.Empty(), bstr, model.BSTR(""), hresult.S_OK},
		{r8(1.5), bstr, model.BSTR("1.5"), hresult.S_OK},
		{r8(100), bstr, model.BSTR("100"), hresult.S_OK},
		{r8(1e20), bstr, model.BSTR("1E+20"), hresult.S_OK},
		{r8(0.1), bstr, model.BSTR("0.1"), hresult.S_OK},
		{r4(0.1), bstr, model.BSTR("0.1"), hresult.S_OK},
		{model.Null(), bstr, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.Array(), bstr, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},

		{model.I4(2), boolean, model.Bool(true), hresult.S_OK},
		{model.I4(0), boolean, model.Bool(false), hresult.S_OK},
		{model.Variant{VT: model.VT_BOOL, Int: 1}, boolean, model.Bool(true), hresult.S_OK},
		{model.BSTR("True"), boolean, model.Bool(true), hresult.S_OK},
		{model.BSTR(" false "), boolean, model.Bool(false), hresult.S_OK},
		{model.BSTR("#TRUE#"), boolean, model.Bool(true), hresult.S_OK},
		{model.BSTR("0"), boolean, model.Bool(false), hresult.S_OK},
		{model.BSTR("-1"), boolean, model.Bool(true), hresult.S_OK},
		{r8(0.5), boolean, model.Bool(true), hresult.S_OK},
		{model.Empty(), boolean, model.Bool(false), hresult.S_OK},
		{model.BSTR("yes"), boolean, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.NullBSTR(), boolean, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},

		{model.I4(1), model.ParamSpec{VT: model.VT_VARIANT}, model.I4(1), hresult.S_OK},
		{model.Empty(), model.ParamSpec{VT: model.VT_BSTR, Optional: true}, model.Empty(), hresult.S_OK},
		{model.Null(), model.ParamSpec{VT: model.VT_DISPATCH}, model.Null(), hresult.S_OK},
		{model.I4(1), model.ParamSpec{VT: model.VT_DISPATCH}, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
		{model.Dispatched(nil), bstr, model.Variant{}, hresult.DISP_E_TYPEMISMATCH},
	}
	for _, tt := range tests {
		w.mu.Lock()
		got, hr := w.coerceArgLocked(tt.in, tt.p)
		w.mu.Unlock()
		if hr != tt.hr {
			t.Errorf("%v to %v: %v, want %v", tt.in, tt.p.VT, hr, tt.hr)
			continue
		}
		if hr == hresult.S_OK && (got.VT != tt.want.VT || got.Int != tt.want.Int || got.Str != tt.want.Str || got.NullStr != tt.want.NullStr) {
			t.Errorf("%v to %v = %v, want %v", tt.in, tt.p.VT, got, tt.want)
		}
	}
}
