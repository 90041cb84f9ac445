"""COM errors as pywin32 shows them.

A failing call raises com_error, whose args are pywin32's 4-tuple
(hresult, strerror, excepinfo, argerror).  HRESULTs travel as signed
32-bit ints, as pywin32 gives them.
"""

DISP_E_EXCEPTION = -2147352567  # 0x80020009
RPC_S_SERVER_UNAVAILABLE = -2147023174  # 0x800706BA
E_ACCESSDENIED = -2147024891  # 0x80070005
CO_E_CLASSSTRING = -2147221005  # 0x800401F3
RPC_E_DISCONNECTED = -2147417848  # 0x80010108


def signed32(value):
    """An HRESULT as pywin32 shows it: a signed 32-bit int."""
    value &= 0xFFFFFFFF
    return value - 0x100000000 if value & 0x80000000 else value


# The Windows message text (FormatMessage) of the codes a client of this
# API meets; pywin32 puts it in strerror, and None for codes it has none.
_MESSAGES = {
    0x80004001: "Not implemented",
    0x80004002: "No such interface supported",
    0x80004003: "Invalid pointer",
    0x80004004: "Operation aborted",
    0x80004005: "Unspecified error",
    0x8000FFFF: "Catastrophic failure",
    0x80070005: "Access is denied.",
    0x8007000E: "Not enough memory resources are available to complete this operation.",
    0x80070057: "The parameter is incorrect.",
    0x80010108: "The object invoked has disconnected from its clients.",
    0x800401FD: "Object is not connected to server",
    0x800401F3: "Invalid class string",
    0x80040111: "ClassFactory cannot supply requested class",
    0x800706BA: "The RPC server is unavailable.",
    0x80020001: "Unknown interface.",
    0x80020003: "Member not found.",
    0x80020004: "Parameter not found.",
    0x80020005: "Type mismatch.",
    0x80020006: "Unknown name.",
    0x80020007: "No named arguments.",
    0x80020008: "Bad variable type.",
    0x80020009: "Exception occurred.",
    0x8002000A: "Out of present range.",
    0x8002000B: "Invalid index.",
    0x8002000E: "Invalid number of parameters.",
    0x8002000F: "Parameter not optional.",
}

# Failures of IDispatch itself (and of the proxy): IDispatch::Invoke
# returns them directly.  Every other failure comes from the member, which
# ITypeInfo::Invoke reports as DISP_E_EXCEPTION with the code in scode.
_DISPATCH_LAYER = {
    0x80020001, 0x80020003, 0x80020004, 0x80020005, 0x80020006, 0x80020007,
    0x80020008, 0x8002000A, 0x8002000B, 0x8002000E, 0x8002000F,
    0x80010108, 0x800401FD,
}


def strerror(hresult):
    """The Windows message for an HRESULT, or None as pywin32 gives it."""
    return _MESSAGES.get(hresult & 0xFFFFFFFF)


class com_error(Exception):
    """pywintypes.com_error: args is (hresult, strerror, excepinfo, argerror)."""

    def __init__(self, hresult=0, strerror=None, excepinfo=None, argerror=None, *rest):
        super().__init__(hresult, strerror, excepinfo, argerror, *rest)

    @property
    def hresult(self):
        return self.args[0]

    @property
    def strerror(self):
        return self.args[1]

    @property
    def excepinfo(self):
        return self.args[2]

    @property
    def argerror(self):
        return self.args[3]


def invoke_error(code, name, message, argerror=None):
    """The com_error for a failed Invoke the server answered with code.

    A member's own failure is DISP_E_EXCEPTION with excepinfo
    (wCode 0, source, description, help file None, help context 0, scode):
    source is the server's message (member and reason), description the
    code's symbolic name.
    """
    code &= 0xFFFFFFFF
    if code in _DISPATCH_LAYER:
        return com_error(signed32(code), strerror(code), None, argerror)
    description = name or "0x%08X" % code
    return com_error(DISP_E_EXCEPTION, strerror(DISP_E_EXCEPTION),
                     (0, message or None, description, None, 0, signed32(code)), None)


# Shown as pywin32 names it, in tracebacks and reprs.
com_error.__module__ = "pywintypes"


class ServerUnavailable(com_error, ConnectionError):
    """The fake is not there: a pywin32 caller would see the RPC server
    unavailable; the message names the URL that was tried."""

    def __init__(self, url, cause):
        super().__init__(RPC_S_SERVER_UNAVAILABLE, strerror(RPC_S_SERVER_UNAVAILABLE), None, None)
        self.url = url
        self.cause = "%s: %s" % (type(cause).__name__, cause) if cause is not None else ""
        self.errno = getattr(cause, "errno", None)

    def __str__(self):
        return ("cannot reach fakemessenger at %s (%s); is it running? The URL comes from "
                "FAKEMESSENGER_URL or Dispatch(url=...)" % (self.url, self.cause))


class AuthenticationError(com_error, PermissionError):
    """The fake refused the token (HTTP 401)."""

    def __init__(self, url, had_token):
        super().__init__(E_ACCESSDENIED, strerror(E_ACCESSDENIED), None, None)
        self.url = url
        self.had_token = had_token

    def __str__(self):
        what = "refused the token" if self.had_token else "requires a token"
        return ("fakemessenger at %s %s: set FAKEMESSENGER_TOKEN (or Dispatch(token=...)) "
                "to the server's --token" % (self.url, what))


class ProtocolError(Exception):
    """The server answered with a problem document: a misuse of the
    protocol or of the fake (unknown world, deleted world...), not a COM
    failure."""

    def __init__(self, url, status, detail, kind=""):
        super().__init__("fakemessenger at %s answered %d: %s" % (url, status, detail))
        self.url = url
        self.status = status
        self.detail = detail
        self.kind = kind
