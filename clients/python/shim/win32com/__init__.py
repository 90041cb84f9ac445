"""win32com as a Communicator script imports it, backed by fakemessenger.

Only on the path when the user puts clients/python/shim there."""
