"""win32com.client.gencache: with fakemessenger the type information comes
from the server, so there is nothing to generate; constants are filled."""

from fakemessenger import Dispatch


def EnsureDispatch(prog_id, bForDemand=1, **kwargs):
    return Dispatch(prog_id, **kwargs)


def EnsureModule(typelibCLSID, lcid=0, major=0, minor=0, *args, **kwargs):
    return None


def is_readonly():
    return True
