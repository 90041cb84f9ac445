# List the contacts with their presence, as a Communicator script does on
# Windows with pywin32.
import win32com.client
from win32com.client import constants

STATUS_NAMES = {}
for name in ("MISTATUS_UNKNOWN", "MISTATUS_OFFLINE", "MISTATUS_ONLINE", "MISTATUS_BUSY",
             "MISTATUS_AWAY", "MISTATUS_BE_RIGHT_BACK", "MISTATUS_DO_NOT_DISTURB"):
    STATUS_NAMES[getattr(constants, name)] = name

messenger = win32com.client.Dispatch("Communicator.UIAutomation")
print("Signed in as %s (%s)" % (messenger.MyFriendlyName, messenger.MySigninName))
contacts = messenger.MyContacts
print("%d contacts" % contacts.Count)
for contact in contacts:
    status = STATUS_NAMES.get(contact.Status, "0x%04X" % contact.Status)
    print("%-20s %-12s %s" % (contact.SigninName, contact.FriendlyName, status))

# The same contact, looked up by name the way scripts poll presence.
jaya = messenger.GetContact("jaya@contoso.com", messenger.MyServiceId)
print("jaya is", STATUS_NAMES[jaya.Status])
