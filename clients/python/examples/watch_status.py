# Set MyStatus and watch OnMyStatusChange through PumpWaitingMessages.
import time

import pythoncom
import win32com.client
from win32com.client import constants

NAMES = {}
for name in ("MISTATUS_ONLINE", "MISTATUS_BUSY", "MISTATUS_AWAY", "MISTATUS_OFFLINE"):
    NAMES[getattr(constants, name)] = name


class StatusEvents:
    def __init__(self):
        self.changes = 0

    def OnMyStatusChange(self, hr, mMyStatus):
        print("OnMyStatusChange hr=%d status=%s" % (hr, NAMES.get(mMyStatus, mMyStatus)))
        self.changes += 1


pythoncom.CoInitialize()
messenger = win32com.client.DispatchWithEvents("Communicator.UIAutomation", StatusEvents)
for status in (constants.MISTATUS_BUSY, constants.MISTATUS_AWAY, constants.MISTATUS_ONLINE):
    messenger.MyStatus = status
    print("set", NAMES[status])

print("before pumping:", messenger.changes)
deadline = time.time() + 10
while messenger.changes < 3 and time.time() < deadline:
    pythoncom.PumpWaitingMessages()
    time.sleep(0.05)
print("final status:", NAMES[messenger.MyStatus])
pythoncom.CoUninitialize()
