"""Python values to and from the wire's VARIANT JSON, as pywin32 converts.

Arguments: str is VT_BSTR, bool VT_BOOL, int VT_I4 (VT_I8 or VT_UI8 when
it does not fit), float VT_R8, None VT_EMPTY (a NULL BSTR where the
parameter is a string), lists and tuples VT_ARRAY|VT_VARIANT, our objects
VT_DISPATCH.  Results come back the other way; arrays as tuples.
"""

import math

_I4_MIN, _I4_MAX = -(1 << 31), (1 << 31) - 1
_I8_MIN, _I8_MAX = -(1 << 63), (1 << 63) - 1
_UI8_MAX = (1 << 64) - 1

# VARTYPE numbers (oaidl.h) for VARIANT(vt, value) and pythoncom.VT_*.
VT_NUMBERS = {
    "VT_EMPTY": 0, "VT_NULL": 1, "VT_I2": 2, "VT_I4": 3, "VT_R4": 4, "VT_R8": 5,
    "VT_CY": 6, "VT_DATE": 7, "VT_BSTR": 8, "VT_DISPATCH": 9, "VT_ERROR": 10,
    "VT_BOOL": 11, "VT_VARIANT": 12, "VT_UNKNOWN": 13, "VT_DECIMAL": 14,
    "VT_I1": 16, "VT_UI1": 17, "VT_UI2": 18, "VT_UI4": 19, "VT_I8": 20,
    "VT_UI8": 21, "VT_INT": 22, "VT_UINT": 23, "VT_ARRAY": 0x2000, "VT_BYREF": 0x4000,
}
_VT_NAMES = {v: k for k, v in VT_NUMBERS.items()}
_INT_VTS = {"VT_I1", "VT_I2", "VT_I4", "VT_I8", "VT_UI1", "VT_UI2", "VT_UI4", "VT_UI8", "VT_INT", "VT_UINT"}


class _Marker:
    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return "pythoncom." + self._name


# pythoncom.Empty / Missing (an omitted argument) / Nothing (a NULL object).
Empty = _Marker("Empty")
Missing = _Marker("Missing")
Nothing = _Marker("Nothing")


class VARIANT:
    """win32com.client.VARIANT: a value with the VARTYPE it must travel as."""

    def __init__(self, vt, value):
        self.varianttype = vt
        self.value = value

    def __repr__(self):
        return "win32com.client.VARIANT(%r, %r)" % (self.varianttype, self.value)


def vt_name(vt):
    if vt == (VT_NUMBERS["VT_ARRAY"] | VT_NUMBERS["VT_VARIANT"]):
        return "VT_ARRAY|VT_VARIANT"
    name = _VT_NAMES.get(vt)
    if name is None:
        raise TypeError("VARTYPE %r has no wire form" % (vt,))
    return name


def to_variant(value, hint, where, session):
    """The wire VARIANT of value for a parameter of type hint ("VT_BSTR",
    "VT_VARIANT"...); where names the argument in a TypeError."""
    if value is None:
        if hint == "VT_BSTR":
            return {"vt": "VT_BSTR", "value": None}
        return {"vt": "VT_EMPTY"}
    t = type(value)
    if t is str:
        return {"vt": "VT_BSTR", "value": _utf8_checked(value, where)}
    if t is bool:
        return {"vt": "VT_BOOL", "value": value}
    if t is int:
        return {"vt": _int_vt(value, where), "value": value}
    if t is float:
        if math.isnan(value) or math.isinf(value):
            want = " where %s is needed" % hint if hint and hint != "VT_VARIANT" else ""
            raise TypeError("%s: the float %r has no VARIANT form%s" % (where, value, want))
        return {"vt": "VT_R8", "value": value}
    handle = getattr(value, "_oleobj_", value)
    if getattr(handle, "_fm_handle_", False):
        if handle.session is not session:
            raise TypeError("%s: %r belongs to another fakemessenger server or world (%s)"
                            % (where, value, handle.session.url))
        if handle.released:
            raise TypeError("%s: %r was released" % (where, value))
        return {"vt": "VT_DISPATCH", "object": handle.id}
    if isinstance(value, (list, tuple)):
        return {"vt": "VT_ARRAY|VT_VARIANT",
                "value": [to_variant(e, "VT_VARIANT", "%s[%d]" % (where, i), session) for i, e in enumerate(value)]}
    if value is Empty or value is Missing:
        return {"vt": "VT_EMPTY"}
    if value is Nothing:
        return {"vt": "VT_DISPATCH", "object": None}
    if isinstance(value, VARIANT):
        return _explicit(value, where, session)
    if isinstance(value, bool):  # subclasses of the basic types
        return {"vt": "VT_BOOL", "value": bool(value)}
    if isinstance(value, int):
        return to_variant(int(value), hint, where, session)
    if isinstance(value, float):
        return to_variant(float(value), hint, where, session)
    if isinstance(value, str):
        return to_variant(str(value), hint, where, session)
    raise TypeError("%s: a %s has no VARIANT form" % (where, t.__name__))


def _utf8_checked(s, where):
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise TypeError("%s: the string holds a lone surrogate, which no BSTR the server takes can hold" % where) from None
    return s


def _int_vt(n, where):
    if _I4_MIN <= n <= _I4_MAX:
        return "VT_I4"
    if _I8_MIN <= n <= _I8_MAX:
        return "VT_I8"
    if 0 <= n <= _UI8_MAX:
        return "VT_UI8"
    raise TypeError("%s: the int %d does not fit any VARIANT integer" % (where, n))


def _explicit(v, where, session):
    name = vt_name(v.varianttype)
    value = v.value
    if name in ("VT_EMPTY", "VT_NULL"):
        return {"vt": name}
    if name == "VT_DISPATCH":
        if value is None:
            return {"vt": "VT_DISPATCH", "object": None}
        out = to_variant(value, "VT_DISPATCH", where, session)
        if out["vt"] != "VT_DISPATCH":
            raise TypeError("%s: VARIANT(VT_DISPATCH) needs one of our objects" % where)
        return out
    if name == "VT_ARRAY|VT_VARIANT":
        return to_variant(list(value), "VT_VARIANT", where, session)
    if name == "VT_BSTR":
        return {"vt": name, "value": None if value is None else _utf8_checked(str(value), where)}
    if name == "VT_BOOL":
        return {"vt": name, "value": bool(value)}
    if name in ("VT_R4", "VT_R8"):
        f = float(value)
        if math.isnan(f) or math.isinf(f):
            raise TypeError("%s: the float %r has no VARIANT form" % (where, f))
        return {"vt": name, "value": f}
    if name == "VT_ERROR":
        return {"vt": name, "value": "0x%08X" % (int(value) & 0xFFFFFFFF)}
    if name in _INT_VTS:
        if isinstance(value, float) and not value.is_integer():
            raise TypeError("%s: %r is not an integer for %s" % (where, value, name))
        return {"vt": name, "value": int(value)}
    raise TypeError("%s: %s has no wire form" % (where, name))


def from_variant(v, session, wrap):
    """The Python value of a wire VARIANT; wrap(session, id, iface) makes
    the object for a VT_DISPATCH."""
    if v is None:
        return None
    vt = v.get("vt")
    if vt == "VT_DISPATCH":
        obj = v.get("object")
        if obj is None:
            return None
        return wrap(session, obj, v.get("interface") or "IDispatch")
    if vt == "VT_ARRAY|VT_VARIANT":
        return tuple(from_variant(e, session, wrap) for e in v.get("value") or ())
    if vt == "VT_ERROR":
        code = int(v["value"], 16) & 0xFFFFFFFF
        return code - 0x100000000 if code & 0x80000000 else code
    # VT_EMPTY and VT_NULL have no value; a NULL BSTR is None, as pywin32 gives it.
    return v.get("value")
