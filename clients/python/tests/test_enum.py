"""Iteration over interfaces the fake does not simulate yet: a collection
with _NewEnum (DISPID -4) and an IEnumVARIANT-like enumerator, driven by
the type information alone. A stand-in session answers the calls."""

import gc
import unittest

from fakemessenger import _dispatch
from fakemessenger._session import TypeInfo

OK = "0x00000000"
S_FALSE = "0x00000001"
E_NOTIMPL = "0x80004001"


def member(name, dispid, kinds, params=(), simulated=True):
    return {"name": name, "dispid": dispid, "kinds": list(kinds), "scriptKinds": [],
            "params": [{"name": p, "vt": "VT_I4", "optional": False} for p in params], "simulated": simulated}


TABLES = {
    "IThings": [member("Item", 0, ["method", "propget"], ["Index"]), member("Count", 1, ["propget"]),
                member("_NewEnum", -4, ["method", "propget"])],
    "IEnumVARIANT": [member("Next", 1, ["method"], ["celt"]), member("Skip", 2, ["method"], ["celt"]),
                     member("Reset", 3, ["method"]), member("Clone", 4, ["method"])],
}


class StandIn:
    """What a server with an enumerator would answer."""

    url = "http://stand-in"
    gone = False

    def __init__(self, items, enum_hr=OK):
        self.items = items
        self.enum_hr = enum_hr
        self.pos = 0
        self.calls = []
        self.released = []

    def type_info(self, iface):
        return TypeInfo(iface, [dict(m, kinds=list(m["kinds"])) for m in TABLES[iface]])

    def release(self, object_id):
        self.released.append(object_id)

    def invoke(self, object_id, name, kind, args, dispid=None):
        self.calls.append((object_id, name))
        if name == "_NewEnum":
            if self.enum_hr != OK:
                return {"hresult": self.enum_hr, "name": "E_NOTIMPL", "message": "", "result": None}
            return {"hresult": OK, "result": {"vt": "VT_DISPATCH", "object": "enum", "interface": "IEnumVARIANT"}}
        if name == "Next":
            got = self.items[self.pos:self.pos + args[0]["value"]]
            self.pos += len(got)
            return {"hresult": OK if got else S_FALSE,
                    "result": {"vt": "VT_ARRAY|VT_VARIANT", "value": [{"vt": "VT_BSTR", "value": v} for v in got]}}
        if name == "Count":
            return {"hresult": OK, "result": {"vt": "VT_I4", "value": len(self.items)}}
        if name == "Item":
            return {"hresult": OK, "result": {"vt": "VT_BSTR", "value": self.items[args[0]["value"]]}}
        raise AssertionError(name)


class EnumTest(unittest.TestCase):
    def test_iterates_with_new_enum_when_the_interface_has_it(self):
        s = StandIn(["a", "b", "c"])
        things = _dispatch.CDispatch(_dispatch._Handle(s, "coll", "IThings"))
        self.assertEqual([t for t in things], ["a", "b", "c"])
        self.assertEqual([c[1] for c in s.calls], ["_NewEnum", "Next", "Next", "Next", "Next"])
        gc.collect()
        self.assertEqual(s.released, ["enum"])  # the enumerator is released after the loop

    def test_falls_back_to_count_and_item_when_new_enum_fails(self):
        s = StandIn(["a", "b"], enum_hr=E_NOTIMPL)
        things = _dispatch.CDispatch(_dispatch._Handle(s, "coll", "IThings"))
        self.assertEqual([t for t in things], ["a", "b"])
        self.assertEqual([c[1] for c in s.calls], ["_NewEnum", "Count", "Item", "Item"])


if __name__ == "__main__":
    unittest.main()
