"""win32com.client.dynamic: the late-bound wrapper."""

from fakemessenger import CDispatch  # noqa: F401


def Dispatch(IDispatch, userName=None, createClass=None, typeinfo=None, UnicodeToString=None, clsctx=None, **kwargs):
    import fakemessenger
    return fakemessenger.Dispatch(IDispatch, userName=userName, **kwargs)


DumbDispatch = Dispatch
