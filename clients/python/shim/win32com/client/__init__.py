"""win32com.client over fakemessenger: Dispatch, DispatchWithEvents,
WithEvents, constants, gencache.EnsureDispatch, VARIANT."""

import fakemessenger as _fm
from fakemessenger import CDispatch, VARIANT, constants
from fakemessenger import DispatchWithEvents, WithEvents

from . import dynamic, gencache

__all__ = ["CDispatch", "Dispatch", "DispatchEx", "DispatchWithEvents", "EnsureDispatch", "GetActiveObject",
           "VARIANT", "WithEvents", "constants", "dynamic", "gencache"]


def Dispatch(dispatch, userName=None, resultCLSID=None, typeinfo=None, UnicodeToString=None, clsctx=None, **kwargs):
    """pywin32's signature; url=, token=, world= and caller= go to
    fakemessenger.Dispatch, the rest is what the fake has no use for."""
    return _fm.Dispatch(dispatch, userName=userName, **kwargs)


def DispatchEx(clsid, machine=None, userName=None, resultCLSID=None, typeinfo=None, clsctx=None, **kwargs):
    """As Dispatch; the machine is where FAKEMESSENGER_URL points."""
    return Dispatch(clsid, userName, **kwargs)


def GetActiveObject(clsid, **kwargs):
    """Communicator is a single running instance: the same as Dispatch."""
    return Dispatch(clsid, **kwargs)


def EnsureDispatch(prog_id, bForDemand=1, **kwargs):
    return gencache.EnsureDispatch(prog_id, bForDemand, **kwargs)
