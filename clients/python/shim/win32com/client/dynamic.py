"""win32com.client.dynamic: the late-bound wrapper."""

from fakemessenger import CDispatch, Dispatch  # noqa: F401


def DumbDispatch(IDispatch, userName=None, **kwargs):
    return Dispatch(IDispatch, userName, **kwargs)
