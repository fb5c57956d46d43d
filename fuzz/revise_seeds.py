#!/usr/bin/env python3
"""Seeds of fuzz_revise (fuzz/fuzz_revise.c): each rule file of the
repository that revises another, with the file it revises renamed base.kp,
then a NUL byte, then that base. Usage: revise_seeds.py OUT_DIR"""
import glob
import os
import re
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
pattern = re.compile(r'revises\s+"([^"]+)"')
n = 0
for path in sorted(glob.glob("rules/**/*.kp", recursive=True) + glob.glob("tests/**/*.kp", recursive=True)):
    with open(path, "rb") as f:
        text = f.read()
    m = pattern.search(text.decode("utf-8", "replace"))
    if not m:
        continue
    base = os.path.join(os.path.dirname(path), m.group(1))
    if not os.path.isfile(base):
        continue
    with open(base, "rb") as f:
        base_text = f.read()
    revision = pattern.sub('revises "base.kp"', text.decode("utf-8", "replace"), count=1).encode("utf-8")
    name = path.replace("/", "_")
    with open(os.path.join(out, name), "wb") as f:
        f.write(revision + b"\0" + base_text)
    n += 1
if n == 0:
    sys.exit("revise_seeds.py: no revision found")
