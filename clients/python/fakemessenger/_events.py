"""DMessengerEvents delivered as a single-threaded apartment delivers them.

A background thread per sink keeps the server's event stream (SSE),
resumes it with Last-Event-ID after a dropped connection, and queues what
arrives for the thread that connected the sink.  Handlers run only inside
pythoncom.PumpWaitingMessages() (or pump()) on that thread.
"""

import collections
import json
import logging
import socket
import sys
import threading
import time
import traceback
import urllib.parse
import weakref

from . import _dispatch
from . import _errors
from . import _variant

log = logging.getLogger("fakemessenger")

# The server sends a keepalive comment every 15 s; a stream silent for
# longer than this is taken as dropped and resumed.
_STREAM_TIMEOUT = 45.0
# Reconnection attempts after a drop; a server that refuses them all is gone.
_RETRY_DELAYS = (0.0, 0.05, 0.1, 0.2, 0.4, 0.8)


_delivering = threading.local()


class _Apartment:
    """The queue of one thread: what PumpWaitingMessages delivers there."""

    def __init__(self):
        self.queue = collections.deque()
        self.cond = threading.Condition()
        self.sinks = weakref.WeakSet()


_apartments = {}
_apartments_lock = threading.Lock()


def _apartment(ident=None):
    ident = threading.get_ident() if ident is None else ident
    with _apartments_lock:
        a = _apartments.get(ident)
        if a is None:
            a = _apartments[ident] = _Apartment()
        return a


class Sink:
    """One connection point: the root object's events to one handler."""

    def __init__(self, handle, handler):
        self.session = handle.session
        self.handle = handle  # keeps the root object alive while events are wanted
        self.handler = weakref.ref(handler)
        self.apartment = _apartment()
        self.apartment.sinks.add(self)
        self.closed = threading.Event()
        self.ended = threading.Event()
        self.error = None
        self.last = None
        self._lock = threading.Lock()
        self._conn = None
        self._methods = None
        self.connects = 0  # streams opened: 1, plus one per resumption
        resp = self._connect()  # subscribed before this returns: no event is missed
        self._thread = threading.Thread(target=self._run, args=(resp,), daemon=True,
                                        name="fakemessenger-events-%s" % handle.id)
        self._thread.start()

    # -- the stream -------------------------------------------------------

    def _connect(self):
        s = self.session
        path = "%s/v1/events?object=%s" % (s._prefix, urllib.parse.quote(self.handle.id, safe=""))
        headers = {k: v for k, v in s.headers.items() if k != "Content-Type"}
        headers["Accept"] = "text/event-stream"
        if self.last is not None:
            headers["Last-Event-ID"] = str(self.last)
        try:
            conn = s.new_connection()
            conn.request("GET", path, headers=headers)
            conn.sock.settimeout(_STREAM_TIMEOUT)
            resp = conn.getresponse()
        except OSError as e:
            raise _errors.ServerUnavailable(s.url, e) from None
        if resp.status != 200:
            data = resp.read()
            conn.close()
            raise s.problem(resp.status, data)
        with self._lock:
            if self.closed.is_set():
                conn.close()
                raise EOFError("closed")
            self._conn = conn
        while True:  # the stream starts with ": subscribed"
            line = resp.readline()
            if not line:
                raise _errors.ServerUnavailable(s.url, EOFError("the event stream ended before it started"))
            if line.startswith(b": subscribed"):
                self.connects += 1
                return resp

    def _run(self, resp):
        try:
            while not self.closed.is_set():
                try:
                    self._read(resp)
                except (OSError, ValueError, EOFError):
                    pass
                except Exception:  # http.client errors of a cut stream
                    pass
                if self.closed.is_set():
                    return
                self._close_conn()
                resp = self._reconnect()
                if resp is None:
                    return
        finally:
            self._close_conn()
            self.ended.set()
            a = self.apartment
            with a.cond:
                a.cond.notify_all()

    def _reconnect(self):
        for delay in _RETRY_DELAYS:
            if self.closed.wait(delay):
                return None
            try:
                return self._connect()
            except _errors.ServerUnavailable as e:
                self.error = e
            except EOFError:
                return None
            except Exception as e:  # the world or the root object is gone
                self.error = e
                return None
        self.session.gone = True
        return None

    def _read(self, resp):
        event = data = None
        seq = None
        while True:
            line = resp.readline()
            if not line:
                return
            line = line.rstrip(b"\r\n")
            if not line:
                if data is not None:
                    self._arrived(event, seq, data)
                event = data = None
                seq = None
                continue
            if line.startswith(b":"):
                continue
            field, _, value = line.partition(b":")
            if value.startswith(b" "):
                value = value[1:]
            if field == b"id":
                seq = int(value)
            elif field == b"event":
                event = value.decode("utf-8")
            elif field == b"data":
                data = value if data is None else data + b"\n" + value

    def _arrived(self, event, seq, data):
        if seq is not None:
            self.last = seq
        doc = json.loads(data)
        if event == "gap":
            log.warning("fakemessenger: events %s..%s were dropped by the server before this client read them",
                        doc.get("from"), doc.get("to"))
            return
        doc["_received"] = time.time()
        a = self.apartment
        with a.cond:
            a.queue.append((self, event, doc))
            a.cond.notify_all()

    def _close_conn(self):
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except (OSError, AttributeError):
                pass
            conn.close()

    def close(self):
        """Disconnect: no more events reach the handler."""
        if self.closed.is_set():
            return
        self.closed.set()
        self._close_conn()
        if threading.current_thread() is not self._thread:
            self._thread.join(2.0)

    # -- delivery ----------------------------------------------------------

    def deliver(self, name, doc):
        args = [_variant.from_variant(v, self.session, _dispatch._wrap) for v in doc.get("args") or ()]
        handler = self.handler()
        if handler is None or self.closed.is_set():
            return  # the wrapped arguments are released as they go
        method = getattr(handler, name, None)
        if method is None:
            method = self._lookup(handler, name)
        if method is None:
            return
        _delivering.doc = doc  # the event being handled, for measurements
        try:
            method(*args)
        except Exception:
            # pywin32 reports a failing handler and goes on pumping.
            etype, value, tb = sys.exc_info()
            sys.stderr.write("pythoncom error: Python error invoking COM method.\n")
            traceback.print_exception(etype, value, _strip_ours(tb))

    def _lookup(self, handler, name):
        if self._methods is None:
            self._methods = {n.lower(): n for n in dir(type(handler)) if n.lower().startswith("on")}
        real = self._methods.get(name.lower())
        return getattr(handler, real, None) if real else None


def _strip_ours(tb):
    from . import _strip
    return _strip(tb)


def pump(timeout=0.0):
    """Deliver this thread's queued events, waiting up to timeout seconds
    for the first; returns how many were delivered."""
    a = _apartment()
    if timeout and not a.queue:
        deadline = time.monotonic() + timeout
        with a.cond:
            while not a.queue:
                left = deadline - time.monotonic()
                if left <= 0 or not any(not s.ended.is_set() for s in list(a.sinks)):
                    break
                a.cond.wait(left)
    n = 0
    while True:
        try:
            sink, name, doc = a.queue.popleft()
        except IndexError:
            return n
        sink.deliver(name, doc)
        n += 1


def live_sinks():
    """Whether this thread still has an event stream that may deliver."""
    a = _apartment()
    return any(not s.ended.is_set() and not s.closed.is_set() for s in list(a.sinks))


def _event_setattr(self, name, value):
    # A COM property of that name is put; anything else is the handler's own.
    try:
        _dispatch.CDispatch.__setattr__(self, name, value)
    except AttributeError:
        self.__dict__[name] = value


def _attach(handle, user_class, with_dispatch):
    if with_dispatch:
        cls = type("COMEventClass", (_dispatch.CDispatch, user_class), {"__setattr__": _event_setattr})
        inst = cls.__new__(cls)
        _dispatch.CDispatch.__init__(inst, handle)
    else:
        cls = type("COMEventClass", (user_class,), {})
        inst = cls.__new__(cls)
    sink = Sink(handle, inst)
    inst.__dict__["_fm_sink_"] = sink
    weakref.finalize(inst, sink.close)
    init = getattr(user_class, "__init__", None)
    if init is not None and init is not object.__init__:
        init(inst)
    return inst


def DispatchWithEvents(clsid, user_event_class, **kwargs):
    """The root object, which is also the handler: its On... methods get
    DMessengerEvents."""
    disp = _dispatch.Dispatch(clsid, **kwargs)
    try:
        return _attach(disp._oleobj_, user_event_class, True)
    except _errors.com_error as e:
        raise e.with_traceback(None) from None


def WithEvents(disp, user_event_class):
    """A handler for the events of an object we already have."""
    if isinstance(disp, str):
        disp = _dispatch.Dispatch(disp)
    handle = getattr(disp, "_oleobj_", disp)
    if not isinstance(handle, _dispatch._Handle):
        raise TypeError("WithEvents() needs one of our objects, not %s" % type(disp).__name__)
    try:
        return _attach(handle, user_event_class, False)
    except _errors.com_error as e:
        raise e.with_traceback(None) from None
