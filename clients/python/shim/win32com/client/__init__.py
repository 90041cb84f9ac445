"""win32com.client over fakemessenger: Dispatch, DispatchWithEvents,
WithEvents, constants, gencache.EnsureDispatch, VARIANT."""

from fakemessenger import CDispatch, VARIANT, constants
from fakemessenger import Dispatch, DispatchWithEvents, WithEvents

from . import dynamic, gencache  # noqa: F401  (win32com.client.gencache.EnsureDispatch)


def DispatchEx(clsid, machine=None, userName=None, resultCLSID=None, typeinfo=None, clsctx=None, **kwargs):
    """As Dispatch; the machine is where FAKEMESSENGER_URL points."""
    return Dispatch(clsid, userName, **kwargs)


def GetActiveObject(clsid, **kwargs):
    """Communicator is a single running instance: the same as Dispatch."""
    return Dispatch(clsid, **kwargs)


def EnsureDispatch(prog_id, bForDemand=1, **kwargs):
    return gencache.EnsureDispatch(prog_id, bForDemand, **kwargs)
