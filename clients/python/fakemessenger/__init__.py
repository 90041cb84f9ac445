"""fakemessenger: a late-bound automation client of the fakemessenger server
that behaves as pywin32's win32com.client does, so that a script written
for Office Communicator on Windows runs unchanged against the fake.

    import fakemessenger
    messenger = fakemessenger.Dispatch("Communicator.UIAutomation")
    for contact in messenger.MyContacts:
        print(contact.FriendlyName, contact.Status)

The server comes from the url argument or FAKEMESSENGER_URL (default
http://127.0.0.1:7070), the bearer token from token or FAKEMESSENGER_TOKEN,
the world from world or FAKEMESSENGER_WORLD.  The shim folder next to this
package provides the modules win32com, win32com.client, pythoncom and
pywintypes on top of it.  Standard library only; Python 3.9+.
"""

import os
import sys
import types

from ._constants import CONSTANTS
from ._dispatch import CDispatch, Dispatch, release
from ._errors import AuthenticationError, ProtocolError, ServerUnavailable, com_error
from ._events import DispatchWithEvents, WithEvents, live_sinks, pump
from ._variant import VARIANT, Empty, Missing, Nothing, VT_NUMBERS

__all__ = [
    "AuthenticationError", "CDispatch", "Dispatch", "DispatchWithEvents", "Empty",
    "Missing", "Nothing", "ProtocolError", "ServerUnavailable", "VARIANT", "WithEvents",
    "com_error", "constants", "pump", "release", "PumpWaitingMessages", "PumpMessages", "VT_NUMBERS",
]


class _Constants:
    """win32com.client.constants: the type library's enum names."""

    def __init__(self, values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        raise AttributeError(name)

    def __repr__(self):
        return "<win32com.client.constants: %d names>" % len(self.__dict__)


constants = _Constants(CONSTANTS)


def PumpWaitingMessages(first=0, last=-1):
    """Deliver the events queued for this thread; 0, as pythoncom returns
    when no WM_QUIT was seen."""
    pump(0)
    return 0


def PumpMessages():
    """Deliver events as they come until no event stream of this thread is
    left (the server went away or every handler was dropped)."""
    while live_sinks():
        pump(0.5)
    pump(0)


# A COM failure should read as pywin32's does: the user's own frames and
# the com_error, not the frames of this package.
_OUR_DIRS = (os.path.dirname(os.path.abspath(__file__)) + os.sep,
             os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "shim") + os.sep)


def _ours(tb):
    return os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_OUR_DIRS)


def _strip(tb):
    kept = []
    while tb is not None:
        if not _ours(tb):
            kept.append(tb)
        tb = tb.tb_next
    out = None
    for t in reversed(kept):
        out = types.TracebackType(out, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return out


_previous_hook = sys.excepthook


def _excepthook(etype, value, tb):
    if isinstance(value, com_error) and tb is not None:
        tb = _strip(tb)
        value.__traceback__ = tb  # what the default hook prints from
    _previous_hook(etype, value, tb)


if sys.excepthook is sys.__excepthook__:
    sys.excepthook = _excepthook
