"""pythoncom as a Communicator script uses it, over fakemessenger."""

import threading as _threading

import fakemessenger as _fm
from fakemessenger import Empty, Missing, Nothing, com_error
from fakemessenger import PumpMessages, PumpWaitingMessages

__all__ = ["CoInitialize", "CoInitializeEx", "CoUninitialize", "Empty", "Missing", "Nothing",
           "PumpMessages", "PumpWaitingMessages", "com_error", "error"]

error = com_error

COINIT_MULTITHREADED = 0x0
COINIT_APARTMENTTHREADED = 0x2
COINIT_DISABLE_OLE1DDE = 0x4
COINIT_SPEED_OVER_MEMORY = 0x8

DISPATCH_METHOD = 1
DISPATCH_PROPERTYGET = 2
DISPATCH_PROPERTYPUT = 4
DISPATCH_PROPERTYPUTREF = 8
INVOKE_FUNC = 1
INVOKE_PROPERTYGET = 2
INVOKE_PROPERTYPUT = 4
INVOKE_PROPERTYPUTREF = 8
DISPID_VALUE = 0
DISPID_NEWENUM = -4

globals().update(_fm.VT_NUMBERS)

_initialized = _threading.local()


def CoInitialize():
    """Nothing to set up: each thread already has its own event queue."""
    _initialized.count = getattr(_initialized, "count", 0) + 1


def CoInitializeEx(flags=COINIT_APARTMENTTHREADED):
    CoInitialize()


def CoUninitialize():
    """Delivers nothing and releases nothing: objects are released when
    their last reference goes, as with pywin32."""
    _initialized.count = max(getattr(_initialized, "count", 0) - 1, 0)


def _GetInterfaceCount():
    return 0
