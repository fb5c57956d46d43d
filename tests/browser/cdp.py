#!/usr/bin/env python3
"""Loads a page in headless Chromium and reports what a reader would see
go wrong, through the DevTools protocol over a pipe (--remote-debugging-pipe:
no port, no WebSocket, only Python's standard library):

    tests/browser/cdp.py CHROMIUM PAGE.html OUT.json

OUT.json gets {"errors": [...], "requests": [...], "units": [...],
"ranking": [...]}: console errors and assertions, uncaught exceptions, log
entries of level error (failed loads, Content-Security-Policy violations),
every request for something other than the page itself, and the data-*
attributes of each unit's section (with the total shown on its first page)
and of each ranking row. Exit 0 when the page loaded, 2 when it did not
(timeout, Chromium died)."""
import json
import os
import select
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60


class Browser:
    def __init__(self, chromium, profile):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():  # Chromium reads commands on fd 3 and writes on fd 4
            r, w = os.dup(to_child_r), os.dup(from_child_w)  # above 4, whatever the pipes got
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [chromium, "--headless", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                "--no-default-browser-check", "--user-data-dir=" + profile, "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=fds, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def read(self):
        while b"\0" not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium in %d s" % TIMEOUT)
            ready, _, _ = select.select([self.from_child], [], [], left)
            if ready:
                chunk = os.read(self.from_child, 65536)
                if not chunk:
                    raise EOFError("Chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        want = self.send(method, params, session)
        while True:
            msg = self.read()
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, method):
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            msg = self.read()
            if msg.get("method") == method:
                return msg
            self.events.append(msg)

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()


DOM = """JSON.stringify({
  units: [...document.querySelectorAll('section.unit')].map(s => ({
    name: s.dataset.name, status: s.dataset.status, total: s.dataset.total || null,
    grade: s.dataset.grade || null, vetoed: s.dataset.vetoed || null,
    shown: (s.querySelector('.box .total') || {}).textContent || null})),
  ranking: [...document.querySelectorAll('table.ranking tr[data-name]')].map(r => ({
    name: r.dataset.name, total: r.dataset.total})),
  title: document.title
})"""


def main():
    chromium, page, out = sys.argv[1:4]
    url = "file://" + os.path.abspath(page)
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(chromium, profile)
        try:
            target = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            s = b.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Runtime", "Log", "Network", "Page"):
                b.call(domain + ".enable", session=s)
            b.call("Page.navigate", {"url": url}, session=s)
            b.wait_event("Page.loadEventFired")
            found = json.loads(b.call("Runtime.evaluate", {"expression": DOM, "returnByValue": True},
                                      session=s)["result"]["value"])
        except (TimeoutError, EOFError, RuntimeError) as e:
            print("browser: the page did not load: %s" % e, file=sys.stderr)
            b.close()
            return 2
        b.close()
    errors, requests = [], []
    for e in b.events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append("console.%s: %s" % (p["type"], " ".join(str(a.get("value", a.get("description")))
                                                                  for a in p.get("args", []))))
        elif m == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            errors.append("exception: %s %s" % (d.get("text"), d.get("exception", {}).get("description", "")))
        elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
            errors.append("log: %s" % p["entry"].get("text"))
        elif m == "Network.requestWillBeSent" and p["request"]["url"] != url:
            requests.append(p["request"]["url"])
    found["errors"] = errors
    found["requests"] = requests
    with open(out, "w") as f:
        json.dump(found, f, ensure_ascii=False, indent=1)
    return 0


sys.exit(main())
