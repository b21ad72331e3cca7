"""Recording in Chromium: the DevTools protocol over --remote-debugging-pipe, console text from
Chromium's own log. (Used by record.py.)
"""

import argparse
import base64
import difflib
import glob
import http.server
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import oracle_support
from oracle_support import *  # noqa: F401,F403  (the shared helpers by name)

# ---------------------------------------------------------------------------
# Chromium: DevTools protocol over --remote-debugging-pipe, console text from
# Chromium's own log (--enable-logging=stderr): the "CONSOLE" lines.


class CDPPipe:
    """DevTools protocol over Chromium's --remote-debugging-pipe (fd 3 / fd 4,
    NUL-separated JSON). Events go to `handler`, called on a dispatcher
    thread (which may itself send commands)."""

    def __init__(self, wfd, rfd, handler):
        self.w = os.fdopen(wfd, "wb", buffering=0)
        self.r = os.fdopen(rfd, "rb", buffering=0)
        self.handler = handler
        self.next_id = 0
        self.wlock = threading.Lock()
        self.replies = {}
        self.cond = threading.Condition()
        self.closed = False
        import queue
        self.queue = queue.Queue()
        threading.Thread(target=self._reader, daemon=True).start()
        threading.Thread(target=self._dispatcher, daemon=True).start()

    def _reader(self):
        buf = b""
        while True:
            try:
                chunk = self.r.read(65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            while b"\0" in buf:
                msg, buf = buf.split(b"\0", 1)
                try:
                    j = json.loads(msg)
                except ValueError:
                    continue
                if "id" in j:
                    with self.cond:
                        self.replies[j["id"]] = j
                        self.cond.notify_all()
                else:
                    self.queue.put(j)
        with self.cond:
            self.closed = True
            self.cond.notify_all()
        self.queue.put(None)

    def _dispatcher(self):
        while True:
            ev = self.queue.get()
            if ev is None:
                return
            try:
                self.handler(ev)
            except OracleError as e:
                dbg("event handler:", e)
            except Exception as e:  # keep pumping events
                print("record.py: chrome: event handler failed: %r" % e, file=sys.stderr)

    def send(self, method, params=None, session=None):
        with self.wlock:
            self.next_id += 1
            mid = self.next_id
            msg = {"id": mid, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            try:
                self.w.write(json.dumps(msg).encode() + b"\0")
            except OSError as e:
                raise OracleError("CDP %s: pipe closed (%s)" % (method, e))
        return mid

    def cmd(self, method, params=None, session=None, timeout=30):
        mid = self.send(method, params, session)
        with self.cond:
            self.cond.wait_for(lambda: mid in self.replies or self.closed, timeout=timeout)
            reply = self.replies.pop(mid, None)
        if reply is None:
            raise OracleError("CDP %s: no reply" % method)
        if "error" in reply:
            raise OracleError("CDP %s: %s" % (method, reply["error"].get("message")), reply["error"].get("message"))
        return reply.get("result", {})


CHROME_ENTRY = re.compile(r"^\[(\d+):(\d+):\d{4}/\d{6}\.\d+:([A-Z]+):([^\]]*)\] ?(.*)$", re.S)
CHROME_CONSOLE = re.compile(r'^"(.*)", source: (.*?) \((\d+)\)$', re.S)
CHROME_COMPLETE_CONSOLE = re.compile(r'", source: [^\n]*? \(\d+\)$')
CHROME_ERR_PREFIXES = ("Uncaught ", "Uncaught(", "Error in event handler:", "Unchecked runtime.lastError:",
                       "Error handling response:")


class Chrome:
    """Chromium, driven over the DevTools protocol on a pipe.

    Every line is a "CONSOLE" entry of Chromium's own log
    (--enable-logging=stderr), in the order the browser process logged them.
    The recorder keeps DevTools away from the pages and the service worker
    while a case runs: an attached DevTools session changes what Chromium
    logs (e.g. it then logs "Error in event handler" for a content script's
    runtime.onMessage listener that throws, and reports unhandled rejections
    later). It attaches only briefly: to check that the service worker is
    activated, and to navigate the first tab."""

    name = "chrome"

    def __init__(self, binary=None, test_api=False):
        self.binary = binary or shutil.which("chromium") or "/usr/bin/chromium"
        # --test-type: Chromium runs as under its own test harness, which gives extensions
        # `chrome.test` (a case with "testAPI": true).
        self.test_api = test_api
        self.entries = []  # raw stderr entries (strings), in arrival order
        self.lock = threading.Lock()
        self.last_change = time.time()
        self.ext_id = None   # the first extension's
        self.ext_ids = []    # every installed extension's, in order
        self.cs_files = {}   # id -> its content scripts' file names
        self.manifest = None
        self.served_at = None  # set by record_once: path -> when the site server sent it

    # --- process
    def launch(self):
        self.work = tempfile.mkdtemp(prefix="oracle-chrome-")
        r_in, w_in = os.pipe()    # we write, chromium reads fd 3
        r_out, w_out = os.pipe()  # chromium writes fd 4, we read

        def child_fds():
            a, b = os.dup(r_in), os.dup(w_out)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        args = [
            self.binary, "--headless=new", "--no-sandbox", "--disable-gpu",
            "--enable-logging=stderr", "--v=0", "--log-level=0",
            "--remote-debugging-pipe", "--enable-unsafe-extension-debugging",
            "--user-data-dir=" + os.path.join(self.work, "profile"),
            "--no-first-run", "--no-default-browser-check", "--disable-default-apps",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--disable-breakpad", "--no-pings", "--metrics-recording-only", "--password-store=basic",
            "--use-mock-keychain", "--disable-dev-shm-usage",
        ] + (["--test-type"] if self.test_api else []) + [
            # nothing but loopback: everything else goes to a dead proxy and
            # host names other than localhost do not resolve
            "--proxy-server=http://127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
            "about:blank",
        ]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, preexec_fn=child_fds, close_fds=False)
        os.close(r_in)
        os.close(w_out)
        self.watcher = ProcWatcher(self.proc.pid)
        self.watcher.start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.cdp = CDPPipe(w_in, r_out, self._on_event)
        ver = self.cdp.cmd("Browser.getVersion", timeout=60)
        self.version = ver.get("product", "?")
        dbg("chromium", self.version, "pid", self.proc.pid)
        # the initial tab's about:blank must be loaded before the extension
        # exists, as in Firefox, so that the extension sees no events for it
        deadline = time.time() + 20
        while time.time() < deadline and not self._page_targets():
            time.sleep(0.05)
        for t in self._page_targets():
            self._wait_blank(t["targetId"])

    def _on_event(self, ev):
        pass  # no DevTools events are used

    def _wait_blank(self, target_id, timeout=20):
        """The initial tab's about:blank is loaded (before the extension exists)."""
        session = self.cdp.cmd("Target.attachToTarget", {"targetId": target_id, "flatten": True})["sessionId"]
        deadline = time.time() + timeout
        try:
            while time.time() < deadline:
                try:
                    r = self.cdp.cmd("Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True},
                                     session=session, timeout=5)
                    if r["result"].get("value") == "complete":
                        return
                except (OracleError, KeyError):
                    pass
                time.sleep(0.05)
        finally:
            self.cdp.cmd("Target.detachFromTarget", {"sessionId": session})

    def _read_stderr(self):
        cur, is_console = None, False
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if re.match(r"^\[\d+:\d+:\d{4}/\d{6}\.\d+:", line):
                with self.lock:
                    self.entries.append(line)
                    cur = len(self.entries) - 1
                is_console = ":CONSOLE" in line.split("]", 1)[0]
            elif cur is not None and line and not line.startswith(("DevTools listening", "/usr/bin/chromium:")):
                with self.lock:
                    # (A console entry that already ended, with its source, takes no more lines:
                    # such a line is another program's, as xdg-utils' "touch: cannot touch ..."
                    # when an extension is uninstalled.)
                    if is_console and CHROME_COMPLETE_CONSOLE.search(self.entries[cur]):
                        continue
                    self.entries[cur] += "\n" + line
            else:
                continue
            if is_console:
                self.last_change = time.time()

    # --- extension
    def install_all(self, ext_dirs):
        for ext_dir in ext_dirs:
            self.install(ext_dir)

    def install(self, ext_dir):
        manifest = read_manifest(ext_dir)
        if self.manifest is None:
            self.manifest = manifest
        res = self.cdp.cmd("Extensions.loadUnpacked", {"path": ext_dir})
        ext_id = res["id"]
        if self.ext_id is None:
            self.ext_id = ext_id
        self.ext_ids.append(ext_id)
        self.cs_files[ext_id] = content_script_files(manifest)
        dbg("installed", ext_id)
        # wait until the background service worker is activated, i.e. its
        # script ran to the end and its listeners are registered
        if (manifest.get("background") or {}).get("service_worker"):
            deadline = time.time() + 10
            prefix = "chrome-extension://%s/" % ext_id
            while time.time() < deadline:
                ts = self.cdp.cmd("Target.getTargets")["targetInfos"]
                sw = [t for t in ts if t["type"] == "service_worker" and t["url"].startswith(prefix)]
                if sw and self._sw_activated(sw[0]["targetId"]):
                    dbg("service worker activated")
                    break
                time.sleep(0.05)
            else:
                print("record.py: chrome: the service worker is not 'activated' after 10 s (did its script "
                      "throw at top level? that fails the registration); going on", file=sys.stderr)

    def _sw_activated(self, target_id):
        try:
            session = self.cdp.cmd("Target.attachToTarget", {"targetId": target_id, "flatten": True})["sessionId"]
        except OracleError:
            return False
        try:
            r = self.cdp.cmd("Runtime.evaluate", {"expression": "self.serviceWorker && self.serviceWorker.state",
                                                  "returnByValue": True}, session=session, timeout=5)
            return r.get("result", {}).get("value") == "activated"
        except OracleError:
            return False
        finally:
            try:
                self.cdp.cmd("Target.detachFromTarget", {"sessionId": session})
            except OracleError:
                pass

    # --- tabs
    def _page_targets(self):
        return [t for t in self.cdp.cmd("Target.getTargets")["targetInfos"] if t["type"] == "page"]

    def _wait_loaded(self, target_id, url, timeout=10):
        """Without attaching to the page: until the site server has sent the
        page and no console line came for a moment, or the tab went away."""
        path = re.sub(r"^[a-z]+://[^/]+", "", url).split("#")[0]
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not any(t["targetId"] == target_id for t in self._page_targets()):
                return
            if self.served_at is None or path in self.served_at or not url.startswith("http"):
                if time.time() - max(self.last_change, (self.served_at or {}).get(path, 0)) >= 0.3:
                    return
            time.sleep(0.05)
        print("record.py: chrome: %s did not finish loading" % url, file=sys.stderr)

    def open_first(self, url):
        target = self._page_targets()[0]["targetId"]
        self.last_target = target
        session = self.cdp.cmd("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.cdp.cmd("Page.navigate", {"url": url}, session=session)
        finally:
            self.cdp.cmd("Target.detachFromTarget", {"sessionId": session})
        self._wait_loaded(target, url)

    def open_tab(self, url):
        target = self.cdp.cmd("Target.createTarget", {"url": url, "background": False})["targetId"]
        self.last_target = target
        self._wait_loaded(target, url)

    def open_devtools(self):
        """DevTools for the last page opened (its toolbox loads the extension's devtools_page)."""
        if getattr(self, "last_target", None) is None:
            raise OracleError("chrome: no page to open DevTools for")
        self.cdp.cmd("Target.openDevTools", {"targetId": self.last_target})

    def _in_last_page(self, what, expression, act):
        """Evaluates `expression` in the page opened last, then `act(session, value)` with what it
        gave (a string; anything else means no element matched), in a session of that page."""
        if getattr(self, "last_target", None) is None:
            raise OracleError("chrome: no page to %s in" % what)
        session = self.cdp.cmd("Target.attachToTarget", {"targetId": self.last_target, "flatten": True})["sessionId"]
        try:
            r = self.cdp.cmd("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
            value = r.get("result", {}).get("value")
            if not isinstance(value, str):
                raise OracleError("chrome: no element to %s matches" % what)
            act(session, value)
        finally:
            self.cdp.cmd("Target.detachFromTarget", {"sessionId": session})

    def _press_at_center(self, what, selector, button, buttons):
        """The mouse moves to the middle of the box of the first element `selector` finds in the
        page opened last, then presses and releases `button` there (as chromedriver performs
        WebDriver's element click)."""
        def act(session, value):
            x, y = json.loads(value)
            for kind, extra in (("mouseMoved", {}), ("mousePressed", {"button": button, "buttons": buttons, "clickCount": 1}),
                                ("mouseReleased", {"button": button, "buttons": 0, "clickCount": 1})):
                self.cdp.cmd("Input.dispatchMouseEvent", dict({"type": kind, "x": x, "y": y}, **extra), session=session)
        self._in_last_page(what + " " + selector, ELEMENT_CENTER % json.dumps(selector), act)

    def click_element(self, selector):
        """A person's click on the first element `selector` finds in the page opened last."""
        self._press_at_center("click", selector, "left", 1)

    def context_menu(self, selector, label):
        """A person's right click on the first element `selector` finds in the page opened last.
        Headless Chromium shows no menu to choose from: `label` must be empty."""
        if label:
            raise OracleError("chrome: headless Chromium shows no context menu to choose %r in" % label)
        self._press_at_center("right-click", selector, "right", 2)

    def select_text(self, selector):
        """Selects the text of the first element `selector` finds in the page opened last (as a
        person's drag over it leaves it selected)."""
        self._in_last_page("select " + selector, SELECT_TEXT % json.dumps(selector), lambda session, value: None)

    def type_into(self, selector, text):
        """A person's typing of `text` (lowercase letters, digits, spaces, line breaks) into the
        first element `selector` finds in the page opened last: it takes the focus as WebDriver's
        element send keys gives it, then each character is a key pressed and released (as
        chromedriver types)."""
        def act(session, value):
            shift = {"key": "Shift", "code": "ShiftLeft", "windowsVirtualKeyCode": 16}
            for ch in text:
                key = key_facts(ch)
                # (A shifted character is typed with Shift held, pressed before and released after,
                # as WebDriver's element send keys types it.)
                modifiers = 8 if key.get("shift") else 0
                if modifiers:
                    self.cdp.cmd("Input.dispatchKeyEvent", dict({"type": "rawKeyDown", "modifiers": 8}, **shift), session=session)
                down = {"type": "keyDown", "key": key["key"], "code": key["code"], "windowsVirtualKeyCode": key["keyCode"], "modifiers": modifiers}
                # (A key that types no character, as Tab, is a raw key down.)
                if key["text"]:
                    down.update({"text": key["text"], "unmodifiedText": key["text"]})
                else:
                    down["type"] = "rawKeyDown"
                self.cdp.cmd("Input.dispatchKeyEvent", down, session=session)
                self.cdp.cmd("Input.dispatchKeyEvent", {"type": "keyUp", "key": key["key"], "code": key["code"], "windowsVirtualKeyCode": key["keyCode"],
                                                        "modifiers": modifiers}, session=session)
                if modifiers:
                    self.cdp.cmd("Input.dispatchKeyEvent", dict({"type": "keyUp", "modifiers": 0}, **shift), session=session)
        self._in_last_page("type into " + selector, FOCUS_FOR_TYPING % json.dumps(selector), act)

    def click_action(self):
        tabs = self.cdp.cmd("Target.getTargets", {"filter": [{"type": "tab"}]})["targetInfos"]
        active = [t for t in tabs if (t.get("embedderData") or {}).get("tabActive")]
        if not active:
            raise OracleError("chrome: no active tab to click the action on")
        self.cdp.cmd("Extensions.triggerAction", {"id": self.ext_id, "targetId": active[0]["targetId"]})

    # --- output
    def _console_entries(self):
        """[(text, source, line)] of the log's CONSOLE entries, arrival order."""
        with self.lock:
            entries = list(self.entries)
        out = []
        for e in entries:
            m = CHROME_ENTRY.match(e)
            if not m or not m.group(4).startswith("CONSOLE"):
                continue
            c = CHROME_CONSOLE.match(m.group(5))
            if c:
                out.append((c.group(1), c.group(2), int(c.group(3))))
        return out

    def lines(self):
        prefixes = [("chrome-extension://%s/" % i, i) for i in self.ext_ids]
        out = []
        for text, src, line in self._console_entries():
            mine = [(p, i) for p, i in prefixes if src.startswith(p)]
            if text.startswith(CHROME_ERR_PREFIXES) and (mine or not src):
                out.append(("err", text.split("\n")[0]))
            elif mine:
                prefix, ext_id = mine[0]
                fname = src[len(prefix):].split("?")[0].split("#")[0]
                out.append(("cs" if fname in self.cs_files[ext_id] else "bg", one_line(text)))
            # else: page scripts, browser internals
        return out

    def normalize(self, text, port):
        text = re.sub(r"(127\.0\.0\.1|localhost):%d\b" % port, r"\1:PORT", text)
        for n, ext_id in enumerate(self.ext_ids):
            text = text.replace(ext_id, "EXTID" if n == 0 else "EXTID%d" % (n + 1))
        return text

    def close(self):
        if getattr(self, "cdp", None) is None:
            # (The browser never started: launch() raised, and that error is the one to see.)
            if getattr(self, "proc", None) is not None:
                self.proc.kill()
                self.proc.wait()
            shutil.rmtree(self.work, ignore_errors=True)
            return
        try:
            self.cdp.cmd("Browser.close", timeout=10)
        except OracleError:
            pass
        stop_process(self.proc, self.watcher)
        shutil.rmtree(self.work, ignore_errors=True)

    def raw_log(self):
        with self.lock:
            return "\n".join(self.entries) + "\n"
