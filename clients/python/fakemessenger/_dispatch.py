"""Late-bound dispatch as pywin32's win32com.client.dynamic does it,
driven by the server's type information (GET /v1/interfaces/{name})."""

import re
import weakref

from . import _errors
from . import _session
from . import _variant

# The names CoCreateInstance of Communicator's Messenger class answers to,
# and what is sent for each (the server knows the Communicator spellings).
_PROGIDS = {
    "communicator.uiautomation": "Communicator.UIAutomation",
    "communicator.uiautomation.1": "Communicator.UIAutomation.1",
    "messenger.uiautomation.1": "Communicator.UIAutomation",
    "{8885370d-b33e-44b7-875d-28e403cf9270}": "{8885370D-B33E-44B7-875D-28E403CF9270}",
}


class _Handle:
    """One reference to a server object, as pywin32's PyIDispatch is one
    COM reference: dropping the last Python reference to it releases the
    server object once."""

    _fm_handle_ = True
    __slots__ = ("session", "id", "iface", "_finalizer", "__weakref__")

    def __init__(self, session, object_id, iface):
        self.session = session
        self.id = object_id
        self.iface = iface
        self._finalizer = weakref.finalize(self, session.release, object_id)

    @property
    def released(self):
        return not self._finalizer.alive

    def release(self):
        self._finalizer()  # runs at most once

    def __eq__(self, other):
        other = getattr(other, "_oleobj_", other)
        return isinstance(other, _Handle) and other.session is self.session and other.id == self.id

    def __hash__(self):
        return hash((id(self.session), self.id))

    def __repr__(self):
        return "<PyIDispatch %s %s>" % (self.iface, self.id)

    # The raw PyIDispatch calls a script may use.
    def GetIDsOfNames(self, *names):
        info = self.session.type_info(self.iface)
        ids = []
        for n in names:
            m = info.members.get(str(n).lower())
            if m is None:
                raise _errors.com_error(-2147352570, _errors.strerror(0x80020006), None, None)
            ids.append(m["dispid"])
        return ids[0] if len(ids) == 1 else tuple(ids)

    def Invoke(self, dispid, lcid, flags, result_wanted, *args):
        kind = _FLAG_KINDS.get(flags & 0xF)
        if kind is None:
            raise _errors.com_error(-2147024809, _errors.strerror(0x80070057), None, None)  # E_INVALIDARG
        info = self.session.type_info(self.iface)
        # An unknown DISPID still goes to the server, which answers DISP_E_MEMBERNOTFOUND.
        m = info.by_dispid.get(dispid) or {"name": "#%d" % dispid, "dispid": dispid, "params": [], "kinds": frozenset()}
        value = _call(self, m, kind, args, None)
        return value if result_wanted else None


# IDispatch::Invoke's wFlags as the wire spells them.
_FLAG_KINDS = {1: "method", 2: "propget", 3: "method|propget", 4: "propput", 8: "propputref"}


def _wrap(session, object_id, iface):
    return CDispatch(_Handle(session, object_id, iface))


def _disconnected():
    return _errors.com_error(_errors.RPC_E_DISCONNECTED, _errors.strerror(_errors.RPC_E_DISCONNECTED), None, None)


_ARG_NAME = re.compile(r"argument (\w+) cannot be")


def _call(handle, m, kind, args, kwargs):
    """Invoke member m of the object behind handle; the value or com_error."""
    if handle.released:
        raise _disconnected()
    session = handle.session
    params = m.get("params") or ()
    if kwargs:
        args = _place_keywords(handle, m, args, kwargs)
    where_base = "%s.%s" % (handle.iface, m["name"])
    wire_args = []
    for i, a in enumerate(args):
        if i < len(params):
            p = params[i]
            hint, pname = p["vt"], p["name"]
        else:
            hint, pname = m.get("putVt") or "VT_VARIANT", "value"
        if a is _variant.Missing and i < len(params) and params[i].get("optional"):
            a = None
        wire_args.append(_variant.to_variant(a, hint, "%s argument %d (%s)" % (where_base, i + 1, pname), session))
    reply = session.invoke(handle.id, m["name"], kind, wire_args,
                           dispid=m["dispid"] if m["name"].startswith("#") else None)
    code = int(reply["hresult"], 16)
    if code & 0x80000000:
        argerror = None
        hit = _ARG_NAME.search(reply.get("message") or "")
        if hit:
            names = [p["name"] for p in params] + ["value"]
            if hit.group(1) in names:
                # COM's puArgErr counts from the last argument.
                argerror = len(wire_args) - 1 - names.index(hit.group(1))
        raise _errors.invoke_error(code, reply.get("name"), reply.get("message"), argerror)
    return _variant.from_variant(reply.get("result"), session, _wrap)


def _place_keywords(handle, m, args, kwargs):
    params = m.get("params") or ()
    lowered = {p["name"].lower(): i for i, p in enumerate(params)}
    out = list(args)
    for name, value in kwargs.items():
        i = lowered.get(name.lower())
        if i is None:
            raise TypeError("%s.%s() got an unexpected keyword argument %r" % (handle.iface, m["name"], name))
        if i < len(args):
            raise TypeError("%s.%s() got multiple values for argument %r" % (handle.iface, m["name"], name))
        while len(out) <= i:
            out.append(_variant.Missing)
        out[i] = value
    return out


def _method_kind(m):
    kinds = m["kinds"]
    if "method" in kinds and "propget" in kinds:
        return "method|propget"
    if "method" in kinds:
        return "method"
    return "propget"


def _is_property(m):
    kinds = m["kinds"]
    return "propget" in kinds and "method" not in kinds and not any(
        not p.get("optional") for p in m.get("params") or ())


class _Method:
    """obj.Method: calling it invokes the member (pywin32's bound method)."""

    __slots__ = ("_obj", "_m", "_kind")

    def __init__(self, obj, m, kind):
        self._obj = obj
        self._m = m
        self._kind = kind

    def __call__(self, *args, **kwargs):
        try:
            return _call(self._obj.__dict__["_oleobj_"], self._m, self._kind, args, kwargs)
        except _errors.com_error as e:
            raise e.with_traceback(None) from None

    def __repr__(self):
        return "<method %s.%s>" % (self._obj._username_, self._m["name"])


class CDispatch:
    """A late-bound automation object, as win32com.client.dynamic.CDispatch.

    obj.Prop reads a property, obj.Method(...) calls a method (the type
    information says which), obj.Prop = v puts; names are case-insensitive.
    Two wrappers of the same server object compare equal.
    """

    def __init__(self, handle, username=None):
        d = self.__dict__
        d["_oleobj_"] = handle
        d["_username_"] = username or handle.iface

    def _typeinfo_(self):
        h = self.__dict__["_oleobj_"]
        return h.session.type_info(h.iface)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        info = self._typeinfo_()
        m = info.members.get(name.lower())
        if m is None:
            if name[:3].lower() == "set":
                target = info.members.get(name[3:].lower())
                if target is not None and "propput" in target["kinds"] and target.get("params"):
                    return _Method(self, target, "propput")  # obj.SetProperty(index, value)
            raise AttributeError("%s.%s" % (self._username_, name))
        if _is_property(m):
            try:
                return _call(self.__dict__["_oleobj_"], m, "propget", (), None)
            except _errors.com_error as e:
                raise e.with_traceback(None) from None
        return _Method(self, m, _method_kind(m))

    def __setattr__(self, name, value):
        if name in self.__dict__ or (name.startswith("_") and name.endswith("_")):
            self.__dict__[name] = value
            return
        info = self._typeinfo_()
        m = info.members.get(name.lower())
        if m is None or "propput" not in m["kinds"] or m.get("params"):
            raise AttributeError("Property '%s.%s' can not be set." % (self._username_, name))
        try:
            _call(self.__dict__["_oleobj_"], m, "propput", (value,), None)
        except _errors.com_error as e:
            raise e.with_traceback(None) from None

    def __dir__(self):
        names = [m["name"] for m in self._typeinfo_().members.values()]
        return sorted(set(names) | set(object.__dir__(self)))

    def __call__(self, *args):
        info = self._typeinfo_()
        if info.default is None:
            raise TypeError("This dispatch object does not have a default method")
        try:
            return _call(self.__dict__["_oleobj_"], info.default, "method|propget", args, None)
        except _errors.com_error as e:
            raise e.with_traceback(None) from None

    def _item_(self, index):
        info = self._typeinfo_()
        m = info.default or info.members.get("item")
        if m is None:
            raise TypeError("This object does not support enumeration")
        return _call(self.__dict__["_oleobj_"], m, _method_kind(m), (index,), None)

    def __getitem__(self, index):
        try:
            return self._item_(index)
        except _errors.com_error as e:
            raise e.with_traceback(None) from None

    def __len__(self):
        m = self._typeinfo_().count
        if m is None:
            raise TypeError("This dispatch object does not have a Count method")
        try:
            return _call(self.__dict__["_oleobj_"], m, "propget", (), None)
        except _errors.com_error as e:
            raise e.with_traceback(None) from None

    def __iter__(self):
        info = self._typeinfo_()
        ne = info.newenum
        if ne is not None and ne.get("simulated"):
            try:
                enum = _call(self.__dict__["_oleobj_"], ne, _method_kind(ne), (), None)
            except _errors.com_error:
                enum = None  # fall back to Count and Item, as below
            if isinstance(enum, CDispatch) and "next" in enum._typeinfo_().members:
                return _enumerate(enum)
        if info.count is not None and (info.default is not None or "item" in info.members):
            n = len(self)
            return (self._item_(i) for i in range(n))
        raise TypeError("This object does not support enumeration")

    def __bool__(self):
        return True  # never Count, as pywin32

    def __eq__(self, other):
        return self.__dict__["_oleobj_"] == getattr(other, "_oleobj_", other)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self.__dict__["_oleobj_"])

    def __repr__(self):
        return "<COMObject %s>" % self._username_

    def _FlagAsMethod(self, *names):
        pass  # the type information already tells methods apart


def _enumerate(enum):
    """Walk an IEnumVARIANT-like enumerator: Next(1) until it gives nothing."""
    while True:
        got = enum.Next(1)
        if got is None:
            return
        if isinstance(got, tuple):
            if not got:
                return
            yield from got
            continue
        yield got


def Dispatch(dispatch, url=None, token=None, *, world=None, caller="compiled", userName=None):
    """Create the root object (CoCreateInstance) from a ProgID or CLSID, or
    wrap an object we already have. url, token and world default to
    FAKEMESSENGER_URL, FAKEMESSENGER_TOKEN and FAKEMESSENGER_WORLD."""
    if isinstance(dispatch, CDispatch):
        return CDispatch(dispatch._oleobj_, userName)
    if isinstance(dispatch, _Handle):
        return CDispatch(dispatch, userName)
    if not isinstance(dispatch, str):
        raise TypeError("Dispatch() needs a ProgID, a CLSID or one of our objects, not %s" % type(dispatch).__name__)
    progid = _PROGIDS.get(dispatch.strip().lower())
    if progid is None:
        raise _errors.com_error(_errors.CO_E_CLASSSTRING, _errors.strerror(_errors.CO_E_CLASSSTRING), None, None)
    if caller not in ("compiled", "script"):
        raise ValueError("caller must be 'compiled' or 'script', not %r" % (caller,))
    session = _session.session_for(url, token, world)
    try:
        _, ref = session.json_request("POST", "/v1/objects", {"progid": progid, "caller": caller})
    except _errors.com_error as e:
        raise e.with_traceback(None) from None
    return CDispatch(_Handle(session, ref["object"], ref.get("interface") or "IMessenger"), userName or dispatch)


def release(obj):
    """Release the server object now, as dropping the last reference would."""
    handle = getattr(obj, "_oleobj_", obj)
    if not isinstance(handle, _Handle):
        raise TypeError("release() needs one of our objects, not %s" % type(obj).__name__)
    handle.release()
