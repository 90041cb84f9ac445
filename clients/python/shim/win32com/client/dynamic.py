"""win32com.client.dynamic: the late-bound wrapper."""

from fakemessenger import CDispatch

__all__ = ["CDispatch", "Dispatch", "DumbDispatch"]


def Dispatch(IDispatch, userName=None, createClass=None, typeinfo=None, UnicodeToString=None, clsctx=None, **kwargs):
    import fakemessenger
    return fakemessenger.Dispatch(IDispatch, userName=userName, **kwargs)


DumbDispatch = Dispatch
