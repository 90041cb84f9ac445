# Open an IM window, print its HWND, and release it when Communicator
# destroys it (OnIMWindowDestroyed).
import time

import pythoncom
import win32com.client


class MessengerEvents:
    def __init__(self):
        self.windows = []
        self.destroyed = False

    def OnIMWindowCreated(self, pIMWindow):
        print("OnIMWindowCreated")

    def OnIMWindowDestroyed(self, pIMWindow):
        # Dropping our reference releases the window object.
        if pIMWindow in self.windows:
            self.windows.remove(pIMWindow)
            print("OnIMWindowDestroyed: released our window")
        self.destroyed = True


messenger = win32com.client.DispatchWithEvents("Communicator.UIAutomation", MessengerEvents)
window = messenger.InstantMessage("jaya@contoso.com")
print("HWND:", window.HWND)
messenger.windows.append(window)
window.Close()
del window

deadline = time.time() + 10
while not messenger.destroyed and time.time() < deadline:
    pythoncom.PumpWaitingMessages()
    time.sleep(0.02)
print("windows still held:", len(messenger.windows))
print("status after:", messenger.MyStatus)
