"""One server (URL, token, world): HTTP transport and type information.

Each thread keeps its own keep-alive connection.  A release asked for
while that thread is in the middle of a request (the garbage collector
may run a finalizer at any allocation) waits until the request is done.
"""

import atexit
import http.client
import json
import os
import socket
import threading
import urllib.parse
import weakref

from . import _errors

ENV_URL = "FAKEMESSENGER_URL"
ENV_TOKEN = "FAKEMESSENGER_TOKEN"
ENV_WORLD = "FAKEMESSENGER_WORLD"
DEFAULT_URL = "http://127.0.0.1:7070"
WORLD_HEADER = "Fakemessenger-World"

_CONNECT_TIMEOUT = 10.0

# Errors of a kept-alive connection the server closed while idle: the
# request never reached it, so it is sent once more on a new connection.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
          http.client.BadStatusLine)


class _Held:
    """A thread's connection: closed when the thread ends (its local
    storage goes) or when the interpreter exits."""

    __slots__ = ("conn", "__weakref__")

    def __init__(self, conn):
        self.conn = conn
        _held.add(self)

    def close(self):
        conn, self.conn = self.conn, None
        if conn is not None:
            conn.close()

    __del__ = close


_held = weakref.WeakSet()


@atexit.register
def _close_all():
    for h in list(_held):
        h.close()


class TypeInfo:
    """The members of one interface, by lower-cased name and by DISPID."""

    __slots__ = ("name", "members", "by_dispid", "default", "newenum", "count")

    def __init__(self, name, members):
        self.name = name
        self.members = {}
        self.by_dispid = {}
        for m in members:
            m["kinds"] = frozenset(m["kinds"])
            self.members[m["name"].lower()] = m
            self.by_dispid[m["dispid"]] = m
        self.default = self.by_dispid.get(0)
        self.newenum = self.by_dispid.get(-4)
        self.count = self.members.get("count")


class Session:
    def __init__(self, url, token, world):
        self.url = url.rstrip("/")
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("fakemessenger URL %r: want http://host:port (from %s or Dispatch(url=...))"
                             % (url, ENV_URL))
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._prefix = parts.path.rstrip("/")
        self.token = token
        self.world = world
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token
        if world:
            self.headers[WORLD_HEADER] = world
        self._local = threading.local()
        self._types = {}
        self._types_lock = threading.Lock()
        self._pending = []
        self._pending_lock = threading.Lock()
        self.gone = False  # set once the server could not be reached

    # -- connections -------------------------------------------------------

    def new_connection(self, timeout=_CONNECT_TIMEOUT):
        cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        conn = cls(self._host, self._port, timeout=timeout)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # Calls may legitimately wait (Close behind a confirmation dialog).
        conn.sock.settimeout(None)
        return conn

    def _connection(self):
        held = getattr(self._local, "held", None)
        if held is None or held.conn is None:
            conn = self.new_connection()
            self._local.held = _Held(conn)
            return conn, False
        return held.conn, True

    def _drop_connection(self):
        held = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None:
            held.close()

    def request(self, method, path, body=None, world=True):
        """Send one request; returns (status, body bytes, response)."""
        local = self._local
        if getattr(local, "busy", False):
            raise RuntimeError("fakemessenger: a request from inside a request on the same thread")
        headers = self.headers
        if not world and WORLD_HEADER in headers:
            headers = {k: v for k, v in headers.items() if k != WORLD_HEADER}
        local.busy = True
        try:
            for attempt in (0, 1):
                try:
                    conn, reused = self._connection()
                    conn.request(method, self._prefix + path, body, headers)
                    resp = conn.getresponse()
                    data = resp.read()
                    if resp.will_close:
                        self._drop_connection()
                    return resp.status, data, resp
                except _STALE as e:
                    self._drop_connection()
                    if attempt == 0 and reused:
                        continue
                    self.gone = True
                    raise _errors.ServerUnavailable(self.url, e) from None
                except OSError as e:
                    self._drop_connection()
                    self.gone = True
                    raise _errors.ServerUnavailable(self.url, e) from None
        finally:
            local.busy = False
            if self._pending:
                self._flush_releases()

    def json_request(self, method, path, payload=None, world=True):
        body = None if payload is None else json.dumps(payload).encode("utf-8")
        if body is None and method != "GET":
            body = b"{}"
        status, data, resp = self.request(method, path, body, world)
        if 200 <= status < 300:
            return status, (json.loads(data) if data.strip() else {})
        raise self.problem(status, data)

    def problem(self, status, data):
        """The exception for a non-2xx answer."""
        if status == 401:
            return _errors.AuthenticationError(self.url, bool(self.token))
        try:
            doc = json.loads(data)
        except ValueError:
            doc = {}
        if not isinstance(doc, dict):
            doc = {}
        detail = doc.get("detail") or data.decode("utf-8", "replace").strip() or "HTTP %d" % status
        kind = (doc.get("type") or "").rsplit(":", 1)[-1]
        if doc.get("hresult"):
            # A COM failure outside Invoke (CoCreateInstance, Advise).
            code = int(doc["hresult"], 16)
            return _errors.com_error(_errors.signed32(code), _errors.strerror(code), None, None)
        if kind == "unknown-world":
            detail += " (the world comes from %s or Dispatch(world=...))" % ENV_WORLD
        return _errors.ProtocolError(self.url, status, detail, kind)

    # -- automation --------------------------------------------------------

    def invoke(self, object_id, member, kind, args, dispid=None):
        payload = {"object": object_id, "kind": kind, "args": args}
        if dispid is not None:
            payload["dispid"] = dispid
        else:
            payload["member"] = member
        status, data, _ = self.request("POST", "/v1/invoke", json.dumps(payload).encode("utf-8"))
        if status != 200:
            raise self.problem(status, data)
        return json.loads(data)

    def release(self, object_id):
        """Release one reference, now or (inside a request) right after it.
        Best effort: a server that is gone holds nothing any more."""
        if self.gone:
            return
        if getattr(self._local, "busy", False):
            with self._pending_lock:
                self._pending.append(object_id)
            return
        try:
            self.invoke(object_id, "Release", "method", [])
        except (_errors.com_error, _errors.ProtocolError):
            pass

    def _flush_releases(self):
        with self._pending_lock:
            ids, self._pending = self._pending, []
        for object_id in ids:
            self.release(object_id)

    def type_info(self, iface):
        info = self._types.get(iface)
        if info is not None:
            return info
        with self._types_lock:
            info = self._types.get(iface)
            if info is None:
                _, doc = self.json_request("GET", "/v1/interfaces/" + urllib.parse.quote(iface, safe=""), world=False)
                info = TypeInfo(iface, doc.get("members") or [])
                self._types[iface] = info
        return info

    def event_table(self):
        table = self._types.get("#events")
        if table is None:
            _, doc = self.json_request("GET", "/v1/interfaces/DMessengerEvents", world=False)
            table = {e["dispid"]: e for e in doc.get("events") or []}
            self._types["#events"] = table
        return table


_sessions = {}
_sessions_lock = threading.Lock()


def session_for(url=None, token=None, world=None):
    """The one Session of (url, token, world); the environment fills in
    what the arguments leave out."""
    url = url or os.environ.get(ENV_URL) or DEFAULT_URL
    token = token if token is not None else os.environ.get(ENV_TOKEN) or None
    world = world if world is not None else os.environ.get(ENV_WORLD) or None
    key = (url.rstrip("/"), token, world)
    with _sessions_lock:
        s = _sessions.get(key)
        if s is None:
            s = _sessions[key] = Session(url, token, world)
        return s
