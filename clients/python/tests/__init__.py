"""Tests of the Python client against the Go binary.

They say which server, world and token to use themselves, so the
caller's FAKEMESSENGER_* variables are set aside."""

import os

for _k in [k for k in os.environ if k.startswith("FAKEMESSENGER_") and k != "FAKEMESSENGER_BIN"]:
    del os.environ[_k]
