package model

import (
	"fmt"
	"strconv"
	"strings"
)

// VarType is a VARIANT's type tag (oaidl.h). COM spellings are kept on
// purpose, so a reader of the COM docs finds VT_BSTR under that name.
type VarType uint16

// VARIANT type tags with their exact values (reference section 5).
const (
	VT_EMPTY    VarType = 0
	VT_NULL     VarType = 1
	VT_I2       VarType = 2
	VT_I4       VarType = 3
	VT_R4       VarType = 4
	VT_R8       VarType = 5
	VT_CY       VarType = 6
	VT_DATE     VarType = 7
	VT_BSTR     VarType = 8
	VT_DISPATCH VarType = 9
	VT_ERROR    VarType = 10
	VT_BOOL     VarType = 11
	VT_VARIANT  VarType = 12
	VT_UNKNOWN  VarType = 13
	VT_DECIMAL  VarType = 14
	VT_I1       VarType = 16
	VT_UI1      VarType = 17
	VT_UI2      VarType = 18
	VT_UI4      VarType = 19
	VT_I8       VarType = 20
	VT_UI8      VarType = 21
	VT_INT      VarType = 22
	VT_UINT     VarType = 23
	VT_ARRAY    VarType = 0x2000
	VT_BYREF    VarType = 0x4000
)

var vtNames = map[VarType]string{
	VT_EMPTY: "VT_EMPTY", VT_NULL: "VT_NULL", VT_I2: "VT_I2", VT_I4: "VT_I4",
	VT_R4: "VT_R4", VT_R8: "VT_R8", VT_CY: "VT_CY", VT_DATE: "VT_DATE",
	VT_BSTR: "VT_BSTR", VT_DISPATCH: "VT_DISPATCH", VT_ERROR: "VT_ERROR",
	VT_BOOL: "VT_BOOL", VT_VARIANT: "VT_VARIANT", VT_UNKNOWN: "VT_UNKNOWN",
	VT_DECIMAL: "VT_DECIMAL", VT_I1: "VT_I1", VT_UI1: "VT_UI1", VT_UI2: "VT_UI2",
	VT_UI4: "VT_UI4", VT_I8: "VT_I8", VT_UI8: "VT_UI8", VT_INT: "VT_INT",
	VT_UINT: "VT_UINT",
}

var vtByName = func() map[string]VarType {
	m := make(map[string]VarType, len(vtNames))
	for v, n := range vtNames {
		m[n] = v
	}
	return m
}()

// String spells the tag as COM does, modifiers first: "VT_ARRAY|VT_VARIANT".
func (vt VarType) String() string {
	var parts []string
	if vt&VT_ARRAY != 0 {
		parts = append(parts, "VT_ARRAY")
	}
	if vt&VT_BYREF != 0 {
		parts = append(parts, "VT_BYREF")
	}
	base := vt &^ (VT_ARRAY | VT_BYREF)
	if n, ok := vtNames[base]; ok {
		parts = append(parts, n)
	} else {
		parts = append(parts, "VT_0x"+strconv.FormatUint(uint64(base), 16))
	}
	return strings.Join(parts, "|")
}

// ParseVarType reads "VT_BSTR" or "VT_ARRAY|VT_VARIANT" (case-sensitive, as
// the wire protocol documents). Unknown tags are an error.
func ParseVarType(s string) (VarType, error) {
	if b, ok := vtByName[s]; ok {
		return b, nil // a plain tag, without splitting it
	}
	var vt VarType
	var haveBase bool
	for _, p := range strings.Split(s, "|") {
		switch p {
		case "VT_ARRAY":
			vt |= VT_ARRAY
		case "VT_BYREF":
			vt |= VT_BYREF
		default:
			b, ok := vtByName[p]
			if !ok || haveBase {
				return 0, fmt.Errorf("unknown VARIANT type %q", s)
			}
			vt |= b
			haveBase = true
		}
	}
	if !haveBase {
		return 0, fmt.Errorf("unknown VARIANT type %q", s)
	}
	return vt, nil
}

// Variant is a COM VARIANT: a type tag and the one field that tag uses.
// The zero Variant is VT_EMPTY, which is also how an omitted optional
// argument travels.
type Variant struct {
	VT VarType
	// Int holds VT_I1..VT_I8, VT_UI*, VT_INT, VT_UINT, VT_ERROR and VT_BOOL
	// (VARIANT_TRUE is -1, VARIANT_FALSE 0).
	Int int64
	// Float holds VT_R4 and VT_R8.
	Float float64
	// Str holds VT_BSTR. NullStr marks a NULL BSTR pointer, which the API
	// treats differently from "" (GetContact: E_FAIL vs. S_OK).
	Str     string
	NullStr bool
	// Obj holds VT_DISPATCH; nil is a NULL IDispatch pointer.
	Obj Dispatch
	// Array holds VT_ARRAY|VT_VARIANT elements.
	Array []Variant
}

// VARIANT_BOOL values.
const (
	VARIANT_TRUE  = -1
	VARIANT_FALSE = 0
)

// Constructors, named after the VARIANT they make.
func Empty() Variant                { return Variant{} }
func Null() Variant                 { return Variant{VT: VT_NULL} }
func BSTR(s string) Variant         { return Variant{VT: VT_BSTR, Str: s} }
func NullBSTR() Variant             { return Variant{VT: VT_BSTR, NullStr: true} }
func I4(n int32) Variant            { return Variant{VT: VT_I4, Int: int64(n)} }
func Dispatched(d Dispatch) Variant { return Variant{VT: VT_DISPATCH, Obj: d} }
func Array(vs ...Variant) Variant {
	return Variant{VT: VT_ARRAY | VT_VARIANT, Array: vs}
}
func Bool(b bool) Variant {
	if b {
		return Variant{VT: VT_BOOL, Int: VARIANT_TRUE}
	}
	return Variant{VT: VT_BOOL, Int: VARIANT_FALSE}
}

// IsInteger reports whether the variant carries an integer tag that an I4
// parameter accepts without loss of meaning.
func (v Variant) IsInteger() bool {
	switch v.VT {
	case VT_I1, VT_I2, VT_I4, VT_I8, VT_UI1, VT_UI2, VT_UI4, VT_UI8, VT_INT, VT_UINT:
		return true
	}
	return false
}

// Truth is the VT_BOOL value as a Go bool (any non-zero is true, as VARIANT_BOOL tests go).
func (v Variant) Truth() bool { return v.Int != 0 }

// String renders the variant for logs and the journal: VT_BSTR("jaya@contoso.com").
func (v Variant) String() string {
	switch {
	case v.VT == VT_EMPTY || v.VT == VT_NULL:
		return v.VT.String()
	case v.VT == VT_BSTR && v.NullStr:
		return "VT_BSTR(NULL)"
	case v.VT == VT_BSTR:
		return "VT_BSTR(" + strconv.Quote(v.Str) + ")"
	case v.VT == VT_DISPATCH && v.Obj == nil:
		return "VT_DISPATCH(NULL)"
	case v.VT == VT_DISPATCH:
		return "VT_DISPATCH(" + v.Obj.InterfaceName() + " " + v.Obj.ObjectID() + ")"
	case v.VT == VT_BOOL:
		return "VT_BOOL(" + strconv.FormatBool(v.Truth()) + ")"
	case v.VT == VT_R4 || v.VT == VT_R8:
		return v.VT.String() + "(" + strconv.FormatFloat(v.Float, 'g', -1, 64) + ")"
	case v.VT == VT_ARRAY|VT_VARIANT:
		parts := make([]string, len(v.Array))
		for i, e := range v.Array {
			parts[i] = e.String()
		}
		return v.VT.String() + "[" + strings.Join(parts, ", ") + "]"
	default:
		return v.VT.String() + "(" + strconv.FormatInt(v.Int, 10) + ")"
	}
}
