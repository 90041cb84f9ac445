"""Starts the Go fakemessenger binary for the tests: built once with
`go build` from the repository root (or taken from FAKEMESSENGER_BIN),
listening on 127.0.0.1:0 and announcing its URL with --ready-file."""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PYROOT = os.path.dirname(HERE)  # clients/python
REPO = os.path.dirname(os.path.dirname(PYROOT))
SHIM = os.path.join(PYROOT, "shim")
EXAMPLES = os.path.join(PYROOT, "examples")

_tmp = None
_binary = None


def binary():
    global _tmp, _binary
    if _binary:
        return _binary
    given = os.environ.get("FAKEMESSENGER_BIN")
    if given:
        _binary = given
        return _binary
    _tmp = tempfile.mkdtemp(prefix="fakemessenger-py-")
    atexit.register(shutil.rmtree, _tmp, True)
    out = os.path.join(_tmp, "fakemessenger")
    subprocess.run([os.environ.get("GO") or "go", "build", "-o", out, "./cmd/fakemessenger"], cwd=REPO, check=True)
    _binary = out
    return _binary


class Server:
    """One fakemessenger process."""

    def __init__(self, *flags):
        self.dir = tempfile.mkdtemp(prefix="fakemessenger-srv-")
        ready = os.path.join(self.dir, "url")
        self.log = open(os.path.join(self.dir, "log"), "w+")
        # The fake is configured by its flags alone, whatever the caller's
        # FAKEMESSENGER_* variables say.
        env = {k: v for k, v in os.environ.items() if not k.startswith("FAKEMESSENGER_")}
        self.proc = subprocess.Popen([binary(), "--listen", "127.0.0.1:0", "--ready-file", ready] + list(flags),
                                     stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        deadline = time.time() + 30
        while True:
            if os.path.exists(ready) and os.path.getsize(ready) > 0:
                with open(ready) as f:
                    self.url = f.read().strip()
                break
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError("fakemessenger did not start")
            time.sleep(0.02)
        self.token = None
        for i, f in enumerate(flags):
            if f == "--token":
                self.token = flags[i + 1]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, True)

    def http(self, method, path, body=None, world=None):
        """A request of the test itself (control API, state, journal)."""
        data = None if body is None else json.dumps(body).encode()
        if data is None and method != "GET":
            data = b"{}"
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if world:
            req.add_header("Fakemessenger-World", world)
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read()
        return json.loads(text) if text.strip() else None

    def new_world(self, **spec):
        return self.http("POST", "/v1/worlds", spec)["world"]


_shared = None


def shared():
    """The server most tests share, each in worlds of its own."""
    global _shared
    if _shared is None:
        _shared = Server()
        atexit.register(_shared.stop)
    return _shared


def script_env(server, world):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([SHIM, PYROOT])
    env["FAKEMESSENGER_URL"] = server.url
    env["FAKEMESSENGER_WORLD"] = world
    env.pop("FAKEMESSENGER_TOKEN", None)
    return env


def run_script(server, world, path, timeout=60):
    """Run a pywin32-style script as its author would, but for the path."""
    return subprocess.run([sys.executable, path], env=script_env(server, world), cwd=EXAMPLES,
                          capture_output=True, text=True, timeout=timeout)
