# InstantMessage while Communicator is signed out: catch the com_error and
# print the symbolic name of the HRESULT.
import pywintypes
import win32com.client

MSGR_E_NOT_LOGGED_ON = -2130705634  # 0x8100031E
ERROR_NAMES = {MSGR_E_NOT_LOGGED_ON: "MSGR_E_NOT_LOGGED_ON"}

messenger = win32com.client.Dispatch("Communicator.UIAutomation")
try:
    messenger.InstantMessage("jaya@contoso.com")
    print("sent")
except pywintypes.com_error as e:
    hr, msg, exc, arg = e.args
    scode = exc[5] if exc else hr
    print("InstantMessage failed: %s (0x%08X) %s" % (ERROR_NAMES.get(scode, "?"), scode & 0xFFFFFFFF, msg))
