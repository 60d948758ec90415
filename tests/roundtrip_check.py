"""Compares an imported data file with the data file it was rendered from: every figure and
identity field exactly (but organ.region, which the printed report does not show); prose as text
(white space, Markdown emphasis marks and bullets, which a Word document or web page carries as
formatting, not as characters, are ignored).
Usage: roundtrip_check.py SOURCE.yaml IMPORTED.yaml; prints the differences, exit 1 if any."""
import re
import sys

import yaml

a = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
b = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
bad = []


def text(s):
    s = re.sub(r"(?m)^\s*[-+*]\s+", "", s)
    return re.sub(r"[\s*_`]", "", s)


def walk(x, y, path):
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y), key=str):
            walk(x.get(k, "<missing>"), y.get(k, "<missing>"), path + "." + str(k))
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (p, q) in enumerate(zip(x, y)):
            walk(p, q, "%s[%d]" % (path, i))
    elif isinstance(x, str) and isinstance(y, str) and ("\n" in x or "\n" in y):
        if text(x) != text(y):
            tx, ty = text(x), text(y)
            i = next((k for k in range(min(len(tx), len(ty))) if tx[k] != ty[k]), min(len(tx), len(ty)))
            bad.append("  %s: differs at …%s…: source %r, imported %r"
                       % (path[1:], tx[max(0, i - 20):i], tx[i:i + 40], ty[i:i + 40]))
    elif x != y:
        bad.append("  %s: %r, imported %r" % (path[1:], x, y))


for d in (a, b):
    d.get("organ", {}).pop("region", None)
walk(a, b, "")
print("\n".join(bad))
sys.exit(1 if bad else 0)
