"""Rewrite fakemessenger/_constants.py from model/enums.go.

Run after adding an enum to the model: python3 clients/python/gen_constants.py
(the tests fail until the two agree)."""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ENUMS = os.path.join(HERE, "..", "..", "model", "enums.go")
OUT = os.path.join(HERE, "fakemessenger", "_constants.py")

CONST = re.compile(r"^\t([A-Z][A-Z0-9_]+)\s+([A-Z][A-Z0-9_]+)\s*=\s*(-?(?:0x[0-9A-Fa-f]+|\d+))\s*$", re.M)


def main():
    with open(ENUMS, encoding="utf-8") as f:
        src = f.read()
    lines = ['"""The enums of Msgrua.idl, as win32com.client.constants holds them after',
             "gencache.EnsureDispatch.  Written from model/enums.go by gen_constants.py;",
             'the tests check that the two agree, name for name and value for value."""',
             "", "CONSTANTS = {"]
    current = None
    for name, typ, value in CONST.findall(src):
        if typ != current:
            lines.append("    # %s" % typ)
            current = typ
        lines.append('    "%s": %s,' % (name, value))
    lines.append("}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
