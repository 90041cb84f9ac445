package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// appendVariant writes v in the protocol's VARIANT JSON (model's one
// encoder). It refuses what JSON would alter rather than send a different
// call. A VT_DISPATCH is sent by its ObjectID, whoever made it: a value that
// is not one of this client's objects is the server's to reject (400).
func appendVariant(b []byte, v model.Variant) ([]byte, error) {
	if p := model.JSONProblem(v); p != "" {
		return nil, errors.New(p)
	}
	return model.AppendVariantJSON(b, v), nil
}

// wireVariant is a VARIANT as the server sends it.
type wireVariant struct {
	VT        string          `json:"vt"`
	Value     json.RawMessage `json:"value"`
	Object    *string         `json:"object"`
	Interface string          `json:"interface"`
}

// decodeVariant reads a VARIANT from the server; objects become this
// client's proxies, the same one for the same ID.
func (c *Client) decodeVariant(raw json.RawMessage) (model.Variant, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return model.Variant{}, nil
	}
	var w wireVariant
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&w); err != nil {
		return model.Variant{}, err
	}
	vt, err := model.ParseVarType(w.VT)
	if err != nil {
		return model.Variant{}, err
	}
	v := model.Variant{VT: vt}
	null := len(w.Value) == 0 || bytes.Equal(w.Value, []byte("null"))
	switch {
	case vt == model.VT_EMPTY || vt == model.VT_NULL:
	case vt == model.VT_BSTR:
		if null {
			v.NullStr = true
			break
		}
		err = json.Unmarshal(w.Value, &v.Str)
	case vt == model.VT_BOOL:
		var t bool
		err = json.Unmarshal(w.Value, &t)
		v = model.Bool(t)
	case vt == model.VT_R4 || vt == model.VT_R8:
		err = json.Unmarshal(w.Value, &v.Float)
	case vt == model.VT_ERROR:
		var s string
		if err = json.Unmarshal(w.Value, &s); err == nil {
			var hr hresult.HRESULT
			if hr, err = hresult.Parse(s); err == nil {
				// SCODE is signed, as hr travels in VT_I4 event arguments.
				v.Int = int64(int32(hr))
			}
		}
	case vt == model.VT_DISPATCH:
		if w.Object != nil {
			v.Obj = c.proxy(*w.Object, w.Interface)
		}
	case vt&model.VT_ARRAY != 0:
		var elems []json.RawMessage
		if err = json.Unmarshal(w.Value, &elems); err == nil {
			v.Array = make([]model.Variant, len(elems))
			for i, e := range elems {
				if v.Array[i], err = c.decodeVariant(e); err != nil {
					return model.Variant{}, fmt.Errorf("element %d: %w", i, err)
				}
			}
		}
	case vt == model.VT_UI8:
		var u uint64
		err = json.Unmarshal(w.Value, &u)
		v.Int = int64(u) // the bits of a ULONGLONG, as a VARIANT holds them
	default:
		var n json.Number
		if err = json.Unmarshal(w.Value, &n); err == nil {
			v.Int, err = n.Int64()
		}
	}
	if err != nil {
		return model.Variant{}, fmt.Errorf("%s value: %w", w.VT, err)
	}
	return v, nil
}
