"""pywintypes as a script imports it: com_error (also pythoncom.com_error)."""

from fakemessenger import com_error

error = com_error
TRUE = 1
FALSE = 0
