"""The client's pywin32 behaviour, checked against a running fake."""

import gc
import math
import os
import re
import socket
import subprocess
import sys
import threading
import time
import unittest

from . import server as srv

if srv.SHIM not in sys.path:
    sys.path.insert(0, srv.SHIM)

import fakemessenger  # noqa: E402
import pythoncom  # noqa: E402
import pywintypes  # noqa: E402
import win32com.client  # noqa: E402
from win32com.client import constants  # noqa: E402

DISP_E_EXCEPTION = -2147352567
DISP_E_BADPARAMCOUNT = -2147352562
DISP_E_TYPEMISMATCH = -2147352571
DISP_E_OVERFLOW = -2147352566
DISP_E_UNKNOWNNAME = -2147352570
RPC_E_DISCONNECTED = -2147417848
MSGR_E_NOT_LOGGED_ON = -2130705634
E_FAIL = -2147467259
E_INVALIDARG = -2147024809
E_NOTIMPL = -2147467263


class WorldCase(unittest.TestCase):
    """Each test gets a world of its own on the shared server."""

    def setUp(self):
        self.server = srv.shared()
        self.world = self.server.new_world()
        self.m = fakemessenger.Dispatch("Communicator.UIAutomation", url=self.server.url, world=self.world)

    def journal(self, member=None):
        path = "/v1/journal" + ("?member=" + member if member else "")
        return self.server.http("GET", path, world=self.world)["calls"]

    def object_ids(self):
        return {o["id"] for o in self.server.http("GET", "/v1/state", world=self.world)["objects"]}


class DispatchTest(WorldCase):
    def test_progids_and_clsid(self):
        for progid in ("Communicator.UIAutomation", "communicator.uiautomation", "Messenger.UIAutomation.1",
                       "{8885370D-B33E-44B7-875D-28E403CF9270}"):
            m = fakemessenger.Dispatch(progid, url=self.server.url, world=self.world)
            self.assertEqual(m.MySigninName, "alex@contoso.com", progid)
        with self.assertRaises(pywintypes.com_error) as cm:
            fakemessenger.Dispatch("Excel.Application", url=self.server.url, world=self.world)
        self.assertEqual(cm.exception.args, (-2147221005, "Invalid class string", None, None))
        with self.assertRaisesRegex(TypeError, "ulr"):
            win32com.client.Dispatch("Communicator.UIAutomation", ulr=self.server.url)
        m = fakemessenger.Dispatch("Communicator.UIAutomation", self.server.url, None, world=self.world)
        self.assertEqual(m.MySigninName, "alex@contoso.com")

    def test_members_are_case_insensitive_and_gets_differ_from_methods(self):
        self.assertEqual(self.m.myfriendlyname, "Alex Wilber")
        self.assertEqual(self.m.MYSIGNINNAME, "alex@contoso.com")
        get_contact = self.m.getcontact
        self.assertTrue(callable(get_contact))
        self.assertEqual(get_contact("jaya@contoso.com", "").FriendlyName, "Jaya Rao")
        kinds = {(c["member"], c["kind"]) for c in self.journal()}
        self.assertIn(("MyFriendlyName", "propget"), kinds)
        self.assertIn(("GetContact", "method"), kinds)

    def test_put_and_read_back(self):
        self.m.MyStatus = constants.MISTATUS_BUSY
        self.assertEqual(self.m.mystatus, constants.MISTATUS_BUSY)
        self.assertEqual(self.journal("MyStatus")[0]["args"], [{"vt": "VT_I4", "value": 10}])

    def test_unknown_and_read_only_names(self):
        self.assertFalse(hasattr(self.m, "NoSuchMember"))
        with self.assertRaisesRegex(AttributeError, r"can not be set"):
            self.m.MyFriendlyName = "x"
        with self.assertRaisesRegex(AttributeError, r"can not be set"):
            self.m.NoSuchMember = 1
        self.assertEqual(self.journal(), [c for c in self.journal() if c["member"] != "MyFriendlyName" or c["kind"] != "propput"])

    def test_collections_default_member_len_and_iteration(self):
        contacts = self.m.MyContacts
        self.assertEqual(len(contacts), 3)
        self.assertEqual(contacts.Count, 3)
        first = contacts.Item(0)
        self.assertEqual(contacts(0), first)
        self.assertEqual(contacts[0], first)
        self.assertEqual([c.SigninName for c in contacts],
                         ["jaya@contoso.com", "sam@contoso.com", "kim@fabrikam.com"])
        self.assertTrue(contacts)  # never Count, as pywin32
        # For Each asks _NewEnum for an enumerator and pages with Next, as
        # pywin32 does; Item is used only where the script calls it.
        self.assertEqual(len(self.journal("_NewEnum")), 1)
        self.assertGreaterEqual(len(self.journal("Next")), 1)
        self.assertEqual(len(self.journal("Item")), 3)

    def test_wrappers_of_one_object_are_equal(self):
        a = self.m.GetContact("jaya@contoso.com", "")
        b = self.m.GetContact("JAYA@contoso.com", "")
        c = self.m.GetContact("sam@contoso.com", "")
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        self.assertNotEqual(a, c)
        self.assertEqual(len({a, b, c}), 2)
        self.assertEqual(win32com.client.Dispatch(a), a)
        self.assertIsInstance(a, type(self.m))

    def test_argument_conversion(self):
        jaya = self.m.GetContact("jaya@contoso.com", "")
        self.m.InstantMessage(jaya)
        jaya.Blocked = True
        with self.assertRaises(pywintypes.com_error):
            self.m.InstantMessage(None)
        with self.assertRaises(pywintypes.com_error):
            self.m.InstantMessage(["jaya@contoso.com", 7, 1.5, False])
        with self.assertRaises(pywintypes.com_error) as cm:
            self.m.GetContact(None, "")  # a NULL BSTR: E_FAIL, where "" is E_INVALIDARG
        self.assertEqual(cm.exception.excepinfo[5], E_FAIL)
        args = [c["args"] for c in self.journal() if c["member"] in ("InstantMessage", "Blocked", "GetContact")]
        self.assertEqual(args[1], [{"vt": "VT_DISPATCH", "object": jaya._oleobj_.id, "interface": "IMessengerContactAdvanced",
                                    "signinName": "jaya@contoso.com"}])
        self.assertEqual(args[2], [{"vt": "VT_BOOL", "value": True}])
        self.assertEqual(args[3], [{"vt": "VT_EMPTY"}])
        self.assertEqual(args[4], [{"vt": "VT_ARRAY|VT_VARIANT", "value": [
            {"vt": "VT_BSTR", "value": "jaya@contoso.com"}, {"vt": "VT_I4", "value": 7},
            {"vt": "VT_R8", "value": 1.5}, {"vt": "VT_BOOL", "value": False}]}])
        self.assertEqual(args[5], [{"vt": "VT_BSTR", "value": None}, {"vt": "VT_BSTR", "value": ""}])

    def test_results(self):
        jaya = self.m.GetContact("jaya@contoso.com", "")
        self.assertIs(jaya.IsSelf, False)
        self.assertIsInstance(jaya.Status, int)
        self.assertEqual(jaya.ServiceId, self.m.MyServiceId)
        window = self.m.InstantMessage(jaya)
        self.assertIsInstance(window.HWND, int)
        self.assertIsNone(window.Show())  # returns nothing
        self.assertEqual(window.Contacts(0), jaya)

    def test_s_false_does_not_raise(self):
        main = self.m.Window
        self.assertIsNone(main.Close())
        self.assertIsNone(main.Close())  # already in the tray: S_FALSE
        self.assertEqual([c["name"] for c in self.journal("Close")], ["S_OK", "S_FALSE"])

    def test_member_failure_is_disp_e_exception(self):
        self.server.http("POST", "/v1/control/signout", world=self.world)
        with self.assertRaises(pythoncom.com_error) as cm:
            self.m.InstantMessage("jaya@contoso.com")
        e = cm.exception
        self.assertIs(pythoncom.com_error, pywintypes.com_error)
        self.assertEqual(e.args[:2], (DISP_E_EXCEPTION, "Exception occurred."))
        self.assertEqual((e.hresult, e.strerror, e.argerror), (DISP_E_EXCEPTION, "Exception occurred.", None))
        wcode, source, description, helpfile, helpcontext, scode = e.excepinfo
        self.assertEqual((wcode, description, helpfile, helpcontext, scode), (0, "MSGR_E_NOT_LOGGED_ON", None, 0, MSGR_E_NOT_LOGGED_ON))
        self.assertIn("InstantMessage", source)

    def test_dispatch_layer_errors_come_directly(self):
        with self.assertRaises(pywintypes.com_error) as cm:
            self.m.InstantMessage()
        self.assertEqual(cm.exception.args, (DISP_E_BADPARAMCOUNT, "Invalid number of parameters.", None, None))
        with self.assertRaises(pywintypes.com_error) as cm:
            self.m.GetContact([1], "")  # an array has no string form (an int would convert)
        # argerror counts from the last argument, as COM's puArgErr does
        self.assertEqual(cm.exception.args, (DISP_E_TYPEMISMATCH, "Type mismatch.", None, 1))
        jaya = self.m.GetContact("jaya@contoso.com", "")
        with self.assertRaises(pywintypes.com_error) as cm:
            jaya.PhoneNumber(2 ** 40)  # VT_I8 does not fit the I4 parameter
        self.assertEqual(cm.exception.hresult, DISP_E_OVERFLOW)
        with self.assertRaises(pywintypes.com_error) as cm:
            self.m._oleobj_.GetIDsOfNames("NoSuchMember")
        self.assertEqual(cm.exception.args, (DISP_E_UNKNOWNNAME, "Unknown name.", None, None))

    def test_values_without_a_variant_form_raise_type_error(self):
        before = len(self.journal())
        with self.assertRaisesRegex(TypeError, r"GetContact argument 1 \(bstrSigninName\): a dict"):
            self.m.GetContact({"a": 1}, "")
        jaya = self.m.GetContact("jaya@contoso.com", "")
        with self.assertRaisesRegex(TypeError, r"PhoneNumber argument 1 \(PhoneType\).*nan.*VT_I4"):
            jaya.PhoneNumber(math.nan)
        other = fakemessenger.Dispatch("Communicator.UIAutomation", url=self.server.url, world=self.server.new_world())
        stranger = other.GetContact("jaya@contoso.com", "")
        with self.assertRaisesRegex(TypeError, r"InstantMessage argument 1 \(vContact\).*another"):
            self.m.InstantMessage(stranger)
        with self.assertRaisesRegex(TypeError, r"argument 1 \(vContact\)\[1\]: a set"):
            self.m.InstantMessage(["x", {1}])
        self.assertEqual([c["member"] for c in self.journal()[before:]], ["GetContact"])

    def test_dropping_the_last_reference_releases(self):
        kim = self.m.GetContact("kim@fabrikam.com", "")
        again = win32com.client.Dispatch(kim)  # shares the reference, as pywin32 does
        kid = kim._oleobj_.id
        self.assertIn(kid, self.object_ids())
        del kim
        gc.collect()
        self.assertIn(kid, self.object_ids())
        del again
        gc.collect()
        self.assertNotIn(kid, self.object_ids())

    def test_explicit_release(self):
        window = self.m.InstantMessage("sam@contoso.com")
        wid = window._oleobj_.id
        fakemessenger.release(window)
        fakemessenger.release(window)  # once only
        self.assertNotIn(wid, self.object_ids())
        self.assertEqual(len([c for c in self.journal("Release") if c["object"] == wid]), 1)
        with self.assertRaises(pywintypes.com_error) as cm:
            window.HWND
        self.assertEqual(cm.exception.hresult, RPC_E_DISCONNECTED)

    def test_ensure_dispatch_constants_and_coinitialize(self):
        pythoncom.CoInitialize()
        m = win32com.client.gencache.EnsureDispatch("Communicator.UIAutomation", url=self.server.url, world=self.world)
        self.assertEqual(m.MyStatus, win32com.client.constants.MISTATUS_ONLINE)
        self.assertEqual(constants.MISTATUS_AWAY, 0x22)
        with self.assertRaises(AttributeError):
            constants.MISTATUS_NOPE
        pythoncom.CoUninitialize()
        self.assertEqual(m.MyStatus, 2)

    def test_script_caller_opts_into_script_rules(self):
        m = fakemessenger.Dispatch("Communicator.UIAutomation", url=self.server.url, world=self.world, caller="script")
        with self.assertRaises(pywintypes.com_error) as cm:
            len(m.MyContacts)  # Count is not scriptable
        self.assertEqual(cm.exception.excepinfo[5], E_NOTIMPL)
        self.assertEqual(len(self.m.MyContacts), 3)  # the default is a compiled caller

    def test_raw_invoke(self):
        self.assertEqual(self.m._oleobj_.GetIDsOfNames("instantmessage"), 1290)
        name = self.m._oleobj_.Invoke(1294, 0, pythoncom.DISPATCH_PROPERTYGET, 1)
        self.assertEqual(name, self.m.MyServiceName)
        with self.assertRaises(pywintypes.com_error) as cm:
            self.m._oleobj_.Invoke(4242, 0, pythoncom.DISPATCH_METHOD, 1)
        self.assertEqual(cm.exception.args, (-2147352573, "Member not found.", None, None))

    def test_constants_match_model_enums(self):
        with open(os.path.join(srv.REPO, "model", "enums.go"), encoding="utf-8") as f:
            src = f.read()
        go = {name: int(val, 0) for name, val in re.findall(
            r"^\t([A-Z][A-Z0-9_]+)\s+[A-Z][A-Z0-9_]+\s*=\s*(-?(?:0x[0-9A-Fa-f]+|\d+))\s*$", src, re.M)}
        self.assertGreater(len(go), 30)
        self.assertEqual(fakemessenger.constants.__dict__, go,
                         "model/enums.go changed: run python3 clients/python/gen_constants.py")


class EventsTest(WorldCase):
    def events(self, cls, **kw):
        return win32com.client.DispatchWithEvents("Communicator.UIAutomation", cls, url=self.server.url,
                                                  world=self.world, **kw)

    def pump_until(self, cond, timeout=10):
        deadline = time.time() + timeout
        while not cond() and time.time() < deadline:
            fakemessenger.pump(0.05)
        return cond()

    def test_events_only_on_the_pumping_thread_and_never_before(self):
        class Handler:
            def __init__(self):
                self.seen = []

            def OnMyStatusChange(self, hr, mMyStatus):
                self.seen.append((hr, mMyStatus, threading.get_ident()))

        h = self.events(Handler)
        h.MyStatus = constants.MISTATUS_AWAY
        time.sleep(0.3)
        self.assertEqual(h.seen, [])
        other = threading.Thread(target=pythoncom.PumpWaitingMessages)
        other.start()
        other.join()
        self.assertEqual(h.seen, [])
        self.assertEqual(pythoncom.PumpWaitingMessages(), 0)
        self.assertEqual(h.seen, [(0, constants.MISTATUS_AWAY, threading.get_ident())])

    def test_event_arguments_are_wrapped_in_documented_order(self):
        class Handler:
            def __init__(self):
                self.created, self.status = [], []

            def OnIMWindowCreated(self, pIMWindow):
                self.created.append(pIMWindow)

            def oncontactstatuschange(self, pMContact, mStatus):  # names match case-insensitively
                self.status.append((pMContact.SigninName, mStatus))

        h = self.events(Handler)
        window = h.InstantMessage("jaya@contoso.com")
        self.server.http("POST", "/v1/control/contacts/status",
                         {"signinName": "sam@contoso.com", "status": "MISTATUS_BUSY"}, world=self.world)
        self.assertTrue(self.pump_until(lambda: h.created and h.status))
        self.assertEqual(h.created, [window])
        self.assertEqual(h.created[0].HWND, window.HWND)
        self.assertEqual(h.status, [("sam@contoso.com", constants.MISTATUS_BUSY)])

    def test_with_events_on_an_existing_object(self):
        class Handler:
            count = 0

            def OnMyStatusChange(self, hr, status):
                self.count += 1

        h = win32com.client.WithEvents(self.m, Handler)
        self.assertFalse(hasattr(h, "MyStatus"))  # the handler only, as pywin32's
        self.m.MyStatus = constants.MISTATUS_BUSY
        self.assertTrue(self.pump_until(lambda: h.count == 1))

    def test_resumes_after_a_dropped_stream(self):
        class Handler:
            def __init__(self):
                self.seen = []

            def OnMyStatusChange(self, hr, status):
                self.seen.append(status)

        h = self.events(Handler)
        sink = h._fm_sink_
        h.MyStatus = constants.MISTATUS_BUSY
        self.assertTrue(self.pump_until(lambda: len(h.seen) == 1))
        sink._conn.sock.shutdown(socket.SHUT_RDWR)  # the connection drops
        statuses = ["MISTATUS_AWAY", "MISTATUS_ONLINE", "MISTATUS_BUSY", "MISTATUS_AWAY", "MISTATUS_ONLINE"]
        for s in statuses:
            self.server.http("POST", "/v1/control/status", {"status": s}, world=self.world)
        self.assertTrue(self.pump_until(lambda: len(h.seen) >= 6))
        fakemessenger.pump(0.3)
        self.assertEqual(h.seen[1:], [getattr(constants, s) for s in statuses])
        self.assertGreaterEqual(sink.connects, 2)

    def test_dropping_the_handler_disconnects(self):
        class Handler:
            pass

        h = win32com.client.WithEvents(self.m, Handler)
        sink = h._fm_sink_
        del h
        gc.collect()
        self.assertTrue(sink.closed.is_set())
        self.assertTrue(sink.ended.wait(5))

    def test_server_gone_mid_stream_ends_the_thread(self):
        own = srv.Server()
        try:
            class Handler:
                pass

            h = win32com.client.DispatchWithEvents("Communicator.UIAutomation", Handler, url=own.url)
            sink = h._fm_sink_
        finally:
            own.stop()
        self.assertTrue(sink.ended.wait(10), "the event thread is still running")
        self.assertFalse(sink._thread.is_alive())
        with self.assertRaises(fakemessenger.ServerUnavailable) as cm:
            h.MyStatus
        self.assertIn(own.url, str(cm.exception))
        self.assertIsInstance(cm.exception, ConnectionError)
        self.assertIsInstance(cm.exception, pywintypes.com_error)
        gc.collect()  # handlers of earlier tests on this thread are gone
        self.assertFalse(fakemessenger._events.live_sinks(), "PumpMessages would wait for a live stream")
        pythoncom.PumpMessages()  # returns: no stream is left


class ConnectionTest(unittest.TestCase):
    def test_dead_server_names_the_url(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        url = "http://127.0.0.1:%d" % s.getsockname()[1]
        s.close()
        with self.assertRaises(fakemessenger.ServerUnavailable) as cm:
            fakemessenger.Dispatch("Communicator.UIAutomation", url=url)
        self.assertIn(url, str(cm.exception))
        self.assertIn("FAKEMESSENGER_URL", str(cm.exception))
        self.assertEqual(cm.exception.hresult, -2147023174)

    def test_refused_token_names_the_variable(self):
        own = srv.Server("--token", "s3cret")
        try:
            with self.assertRaises(fakemessenger.AuthenticationError) as cm:
                fakemessenger.Dispatch("Communicator.UIAutomation", url=own.url)
            self.assertIn("FAKEMESSENGER_TOKEN", str(cm.exception))
            with self.assertRaises(fakemessenger.AuthenticationError):
                fakemessenger.Dispatch("Communicator.UIAutomation", url=own.url, token="wrong")
            m = fakemessenger.Dispatch("Communicator.UIAutomation", url=own.url, token="s3cret")
            self.assertEqual(m.MySigninName, "alex@contoso.com")
        finally:
            own.stop()

    def test_unknown_world_names_the_variable(self):
        with self.assertRaisesRegex(fakemessenger.ProtocolError, "FAKEMESSENGER_WORLD"):
            fakemessenger.Dispatch("Communicator.UIAutomation", url=srv.shared().url, world="no-such-world")

    def test_no_traceback_from_inside_the_package(self):
        server = srv.shared()
        code = ("import win32com.client\n"
                "m = win32com.client.Dispatch('Communicator.UIAutomation')\n"
                "m.InstantMessage()\n")
        r = subprocess.run([sys.executable, "-c", code], env=srv.script_env(server, server.new_world()),
                           capture_output=True, text=True, timeout=60)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("Traceback (most recent call last):", r.stderr)
        self.assertIn('File "<string>", line 3, in <module>', r.stderr)
        self.assertIn("pywintypes.com_error: (-2147352562, 'Invalid number of parameters.', None, None)", r.stderr)
        self.assertNotIn("fakemessenger", r.stderr.replace("pywintypes", ""))
        self.assertNotIn("shim", r.stderr)


if __name__ == "__main__":
    unittest.main()
