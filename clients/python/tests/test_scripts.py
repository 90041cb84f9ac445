"""The pywin32-style scripts in examples/, run unchanged but for the path."""

import os
import re
import tempfile
import unittest

from . import server as srv


class ScriptsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = srv.shared()

    def run_example(self, name, world=None):
        world = world or self.server.new_world()
        r = srv.run_script(self.server, world, os.path.join(srv.EXAMPLES, name))
        self.assertEqual(r.returncode, 0, "%s failed:\nstdout:\n%s\nstderr:\n%s" % (name, r.stdout, r.stderr))
        self.assertEqual(r.stderr, "", name)
        return world, r.stdout

    def test_list_contacts_with_presence(self):
        _, out = self.run_example("list_contacts.py")
        self.assertIn("Signed in as Alex Wilber (alex@contoso.com)", out)
        self.assertIn("3 contacts", out)
        self.assertRegex(out, r"jaya@contoso.com\s+Jaya Rao\s+MISTATUS_ONLINE")
        self.assertRegex(out, r"sam@contoso.com\s+Sam Lee\s+MISTATUS_AWAY")
        self.assertRegex(out, r"kim@fabrikam.com\s+Kim Akers\s+MISTATUS_OFFLINE")
        self.assertIn("jaya is MISTATUS_ONLINE", out)

    def test_im_window_released_in_on_im_window_destroyed(self):
        world, out = self.run_example("im_window.py")
        self.assertRegex(out, r"HWND: \d+")
        self.assertIn("OnIMWindowCreated", out)
        self.assertIn("OnIMWindowDestroyed: released our window", out)
        self.assertIn("windows still held: 0", out)
        # Every reference the script was handed (InstantMessage's result and
        # the two events' arguments) was released before its last call.
        calls = self.server.http("GET", "/v1/journal", world=world)["calls"]
        window_ids = {c["object"] for c in calls if c["objectInterface"] == "IMessengerConversationWndAdvanced"}
        self.assertEqual(len(window_ids), 1, calls)
        wid = window_ids.pop()
        releases = [i for i, c in enumerate(calls) if c["object"] == wid and c["member"] == "Release"]
        last = max(i for i, c in enumerate(calls) if c["member"] == "MyStatus")
        self.assertEqual(len(releases), 3, [c["member"] for c in calls if c["object"] == wid])
        self.assertTrue(all(i < last for i in releases), "a release came after the script's last call")
        state = self.server.http("GET", "/v1/state", world=world)
        self.assertNotIn(wid, [o["id"] for o in state["objects"]])

    def test_watch_my_status_change_through_pump(self):
        _, out = self.run_example("watch_status.py")
        lines = out.splitlines()
        # Nothing is delivered before PumpWaitingMessages is called.
        self.assertEqual(lines[:4], ["set MISTATUS_BUSY", "set MISTATUS_AWAY", "set MISTATUS_ONLINE",
                                     "before pumping: 0"])
        self.assertEqual(lines[4:7], ["OnMyStatusChange hr=0 status=MISTATUS_BUSY",
                                      "OnMyStatusChange hr=0 status=MISTATUS_AWAY",
                                      "OnMyStatusChange hr=0 status=MISTATUS_ONLINE"])
        self.assertEqual(lines[7], "final status: MISTATUS_ONLINE")

    def test_instant_message_signed_out_names_the_hresult(self):
        world = self.server.new_world()
        self.server.http("POST", "/v1/control/signout", world=world)
        _, out = self.run_example("signed_out.py", world)
        self.assertEqual(out.strip(), "InstantMessage failed: MSGR_E_NOT_LOGGED_ON (0x8100031E) Exception occurred.")

    def test_readme_example_runs_as_written(self):
        with open(os.path.join(srv.REPO, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        section = readme.split("## Run your win32com script against fakemessenger", 1)
        self.assertEqual(len(section), 2, "README has no win32com section")
        blocks = re.findall(r"```python\n(.*?)```", section[1].split("\n## ", 1)[0], re.S)
        self.assertEqual(len(blocks), 1, "the section shows one script")
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write(blocks[0])
        try:
            world = self.server.new_world()
            r = srv.run_script(self.server, world, f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertIn("Signed in as alex@contoso.com", r.stdout)
        self.assertIn("kim@fabrikam.com offline", r.stdout)
        self.assertRegex(r.stdout, r"OnIMWindowCreated: HWND \d+")
        self.assertIn("OnMyStatusChange: 0xa", r.stdout)


if __name__ == "__main__":
    unittest.main()
