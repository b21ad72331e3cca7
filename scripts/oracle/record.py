#!/usr/bin/env python3
"""Record what real browsers print for exthost's conformance cases.

    python3 scripts/oracle/record.py [--browser chrome|firefox|all] [--check]
                                     [--runs N] [--print] [CASE_DIR ...]

Every CASE_DIR (default: every folder of fixtures/conformance/ holding a
case.json) is run in headless Chromium and/or headless Firefox ESR; what the
extension printed is written to CASE_DIR/chrome.out and CASE_DIR/firefox.out,
one console message a line:

    bg: TEXT    console.* in the background (service worker / event page)
    cs: TEXT    console.* in a content script
    err: TEXT   uncaught error, unhandled rejection, "Error in event handler",
                "Unchecked runtime.lastError" (first line only)

The site's port becomes PORT and the extension's id (Chromium) / moz-extension
UUID (Firefox) becomes EXTID. See README.md next to this file.

Python standard library only. Chromium is driven over the DevTools protocol
on a pipe (--remote-debugging-pipe), Firefox over WebDriver BiDi.
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

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CASES_ROOT = os.path.join(REPO, "fixtures", "conformance")

DEBUG = False
T0 = time.time()


def dbg(*x):
    if DEBUG:
        print("[%6.2fs]" % (time.time() - T0), *x, file=sys.stderr, flush=True)


class OracleError(Exception):
    """A browser or protocol failure; `detail` is the browser's own error text, when it gave one."""

    def __init__(self, message, detail=None):
        super().__init__(message)
        self.detail = detail


# ---------------------------------------------------------------------------
# the site: served from CASE/site on 127.0.0.1:<free port>; "{{PORT}}" in
# text files is replaced by that port (for cross-origin frames on localhost)

TEXT_TYPES = (".html", ".htm", ".js", ".css", ".json", ".txt", ".svg")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        self.server.served_at[self.path.split("?")[0].split("#")[0]] = time.time()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            for index in ("index.html", "index.htm"):
                if os.path.isfile(os.path.join(path, index)):
                    path = os.path.join(path, index)
                    break
        if os.path.isfile(path) and path.endswith(TEXT_TYPES):
            with open(path, "rb") as f:
                body = f.read().replace(b"{{PORT}}", str(self.server.server_address[1]).encode())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io
            return io.BytesIO(body)
        return super().send_head()


class ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_site(site_dir):
    import functools
    handler = functools.partial(SiteHandler, directory=site_dir)
    httpd = ThreadingServer(("127.0.0.1", 0), handler)
    httpd.served_at = {}
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def read_manifest(ext_dir):
    with open(os.path.join(ext_dir, "manifest.json"), encoding="utf-8") as f:
        text = re.sub(r"^\s*//.*$", "", f.read(), flags=re.M)
    return json.loads(text)


def content_script_files(manifest):
    names = set()
    for cs in manifest.get("content_scripts") or []:
        names.update(n.lstrip("/") for n in cs.get("js") or [])
    return names


def one_line(text):
    return text.replace("\r\n", "\n").replace("\r", "\\r").replace("\n", "\\n")


def proc_stat(pid):
    """(ppid, starttime, comm) of a live (not zombie) pid, or None."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            s = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    comm = s[s.index("(") + 1: s.rindex(")")]
    rest = s[s.rindex(")") + 2:].split()
    if rest[0] in ("Z", "X", "x"):
        return None
    return int(rest[1]), int(rest[19]), comm


class ProcWatcher(threading.Thread):
    """Remembers every descendant of a browser process: pid -> (comm, start)."""

    def __init__(self, root_pid):
        super().__init__(daemon=True)
        self.root = root_pid
        self.seen = {}
        self.stop = threading.Event()

    def scan(self):
        table = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                st = proc_stat(int(d))
                if st:
                    table[int(d)] = st
        kids = {}
        for pid, (ppid, start, comm) in table.items():
            kids.setdefault(ppid, []).append(pid)
            if comm == "crashhelper" and pid not in self.seen:
                # Firefox's crash helper is double-forked; argv[1] is the parent pid
                try:
                    with open("/proc/%d/cmdline" % pid, "rb") as f:
                        argv = f.read().split(b"\0")
                    if len(argv) > 1 and argv[1] == str(self.root).encode():
                        self.seen[pid] = (comm, start)
                except OSError:
                    pass
        todo = [self.root]
        while todo:
            p = todo.pop()
            for c in kids.get(p, []):
                ppid, start, comm = table[c]
                self.seen[c] = (comm, start)
                todo.append(c)

    def run(self):
        while not self.stop.is_set():
            try:
                self.scan()
            except Exception:
                pass
            self.stop.wait(0.2)

    def reap_leftovers(self):
        """Give our own leftover processes (same pid and start time) 0.5 s,
        then SIGTERM, then SIGKILL, one pid at a time."""
        def alive(pid, start):
            st = proc_stat(pid)
            return bool(st) and st[1] == start
        left = {p: v for p, v in self.seen.items() if alive(p, v[1])}
        for sig, grace in ((None, 0.5), (signal.SIGTERM, 3.0), (signal.SIGKILL, 1.0)):
            for pid, (comm, start) in list(left.items()):
                if sig is not None and alive(pid, start):
                    dbg("sending", sig.name, "to leftover", pid, comm)
                    try:
                        os.kill(pid, sig)
                    except OSError:
                        pass
            end = time.time() + grace
            while left and time.time() < end:
                left = {p: v for p, v in left.items() if alive(p, v[1])}
                time.sleep(0.05)
            if not left:
                return


def stop_process(proc, watcher, grace=15):
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        dbg("browser did not exit, SIGTERM", proc.pid)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    watcher.stop.set()
    watcher.join(2)
    watcher.reap_leftovers()


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

    def __init__(self, binary=None):
        self.binary = binary or shutil.which("chromium") or "/usr/bin/chromium"
        self.entries = []  # raw stderr entries (strings), in arrival order
        self.lock = threading.Lock()
        self.last_change = time.time()
        self.ext_id = None
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
                    self.entries[cur] += "\n" + line
            else:
                continue
            if is_console:
                self.last_change = time.time()

    # --- extension
    def install(self, ext_dir):
        self.manifest = read_manifest(ext_dir)
        self.cs_files = content_script_files(self.manifest)
        res = self.cdp.cmd("Extensions.loadUnpacked", {"path": ext_dir})
        self.ext_id = res["id"]
        dbg("installed", self.ext_id)
        # wait until the background service worker is activated, i.e. its
        # script ran to the end and its listeners are registered
        if (self.manifest.get("background") or {}).get("service_worker"):
            deadline = time.time() + 10
            prefix = "chrome-extension://%s/" % self.ext_id
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
        session = self.cdp.cmd("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.cdp.cmd("Page.navigate", {"url": url}, session=session)
        finally:
            self.cdp.cmd("Target.detachFromTarget", {"sessionId": session})
        self._wait_loaded(target, url)

    def open_tab(self, url):
        target = self.cdp.cmd("Target.createTarget", {"url": url, "background": False})["targetId"]
        self._wait_loaded(target, url)

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
        prefix = "chrome-extension://%s/" % self.ext_id
        out = []
        for text, src, line in self._console_entries():
            if text.startswith(CHROME_ERR_PREFIXES) and (src.startswith(prefix) or not src):
                out.append(("err", text.split("\n")[0]))
            elif src.startswith(prefix):
                fname = src[len(prefix):].split("?")[0].split("#")[0]
                out.append(("cs" if fname in self.cs_files else "bg", one_line(text)))
            # else: page scripts, browser internals
        return out

    def normalize(self, text, port):
        text = re.sub(r"(127\.0\.0\.1|localhost):%d\b" % port, r"\1:PORT", text)
        if self.ext_id:
            text = text.replace(self.ext_id, "EXTID")
        return text

    def close(self):
        try:
            self.cdp.cmd("Browser.close", timeout=10)
        except OracleError:
            pass
        stop_process(self.proc, self.watcher)
        shutil.rmtree(self.work, ignore_errors=True)

    def raw_log(self):
        with self.lock:
            return "\n".join(self.entries) + "\n"


# ---------------------------------------------------------------------------
# Firefox: WebDriver BiDi (own minimal websocket client), console text from
# Firefox's MOZ_LOG "console" module (one log file per process, merged by
# timestamp), errors from the "PageMessages" module.


class WebSocket:
    def __init__(self, host, port, path, timeout=60):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        req = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, host, port, key))
        self.sock.sendall(req.encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("websocket handshake: connection closed")
            buf += chunk
        head, self.buf = buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0] + b" ":
            raise ConnectionError("websocket handshake failed: %r" % head[:200])

    def settimeout(self, t):
        self.sock.settimeout(t)

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _send_frame(self, opcode, payload):
        header = bytearray([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header.append(0x80 | 126)
            header += struct.pack("!H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack("!Q", n)
        mask = os.urandom(4)
        header += mask
        m = (mask * (n // 4 + 1))[:n]
        masked = (int.from_bytes(payload, "big") ^ int.from_bytes(m, "big")).to_bytes(n, "big") if n else b""
        self.sock.sendall(bytes(header) + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def recv(self):
        parts = []
        while True:
            b0, b1 = self._read(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            if b1 & 0x80:
                mask = self._read(4)
                data = bytes(c ^ mask[i % 4] for i, c in enumerate(self._read(n)))
            else:
                data = self._read(n)
            if opcode == 0x8:
                raise ConnectionError("websocket closed by peer")
            if opcode == 0x9:
                self._send_frame(0xA, data)
                continue
            if opcode == 0xA:
                continue
            parts.append(data)
            if b0 & 0x80:
                return b"".join(parts).decode("utf-8", "replace")

    def close(self):
        for f in (lambda: self._send_frame(0x8, b""), self.sock.close):
            try:
                f()
            except OSError:
                pass


class BiDi:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []

    def cmd(self, method, params=None, timeout=60):
        self.next_id += 1
        mid = self.next_id
        self.ws.settimeout(timeout)
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params or {}}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mid:
                if msg.get("type") == "error":
                    raise OracleError("BiDi %s: %s: %s" % (method, msg.get("error"), msg.get("message")),
                                      msg.get("message"))
                return msg.get("result", {})
            if msg.get("type") == "event":
                self.events.append(msg)


def firefox_prefs(ext_uuids):
    p = {
        # the extension's moz-extension UUID, fixed in advance
        "extensions.webextensions.uuids": json.dumps(ext_uuids),
        "extensions.originControls.grantByDefault": True,
        "xpinstall.signatures.required": False,
        "extensions.autoDisableScopes": 0,
        "extensions.enabledScopes": 5,
        # one MOZ_LOG file per child process
        "dom.ipc.forkserver.enable": False,
        # Fission off: see README.md ("Firefox runs without Fission")
        "fission.autostart": False,
        # fewer helper processes
        "dom.ipc.processPrelaunch.enabled": False,
        "media.rdd-process.enabled": False,
        "media.utility-process.enabled": False,
        "network.process.enabled": False,
        "browser.opaqueResponseBlocking.javascriptValidator": False,
        # quiet start
        "browser.startup.page": 0,
        "browser.startup.homepage": "about:blank",
        "browser.startup.homepage_override.mstone": "ignore",
        "startup.homepage_welcome_url": "about:blank",
        "startup.homepage_welcome_url.additional": "",
        "browser.newtabpage.enabled": False,
        "browser.aboutwelcome.enabled": False,
        "browser.shell.checkDefaultBrowser": False,
        "browser.tabs.warnOnClose": False,
        "browser.warnOnQuit": False,
        "browser.sessionstore.resume_from_crash": False,
        "toolkit.startup.max_resumed_crashes": -1,
        "browser.translations.enable": False,
        "browser.ml.enable": False,
        "browser.backup.enabled": False,
        # nothing but loopback
        "network.proxy.type": 1,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": 9,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": 9,
        "network.proxy.socks_remote_dns": True,
        "network.proxy.allow_hijacking_localhost": False,
        "network.trr.mode": 5,
        "network.dns.disablePrefetch": True,
        "network.prefetch-next": False,
        "network.http.speculative-parallel-limit": 0,
        "network.captive-portal-service.enabled": False,
        "network.connectivity-service.enabled": False,
        "services.settings.server": "data:,#remote-settings-dummy/v1",
        "app.normandy.enabled": False,
        "app.normandy.api_url": "",
        "app.shield.optoutstudies.enabled": False,
        "app.update.disabledForTesting": True,
        "app.update.auto": False,
        "messaging-system.rsexperimentloader.enabled": False,
        "datareporting.policy.dataSubmissionEnabled": False,
        "datareporting.healthreport.uploadEnabled": False,
        "toolkit.telemetry.enabled": False,
        "toolkit.telemetry.unified": False,
        "toolkit.telemetry.server": "data:,",
        "browser.safebrowsing.malware.enabled": False,
        "browser.safebrowsing.phishing.enabled": False,
        "browser.safebrowsing.blockedURIs.enabled": False,
        "browser.safebrowsing.downloads.enabled": False,
        "browser.safebrowsing.update.enabled": False,
        "browser.safebrowsing.provider.mozilla.updateURL": "",
        "browser.safebrowsing.provider.google4.updateURL": "",
        "browser.safebrowsing.provider.google.updateURL": "",
        "extensions.getAddons.cache.enabled": False,
        "extensions.update.enabled": False,
        "extensions.systemAddon.update.enabled": False,
        "extensions.blocklist.enabled": False,
        "browser.search.update": False,
        "browser.region.network.url": "",
        "browser.region.update.enabled": False,
        "geo.provider.network.url": "",
        "browser.topsites.contile.enabled": False,
        "browser.newtabpage.activity-stream.feeds.system.topstories": False,
        "browser.newtabpage.activity-stream.feeds.section.topstories": False,
        "browser.newtabpage.activity-stream.feeds.snippets": False,
        "browser.newtabpage.activity-stream.telemetry": False,
        "browser.ping-centre.telemetry": False,
        "dom.push.connection.enabled": False,
        "security.OCSP.enabled": 0,
        "security.remote_settings.crlite_filters.enabled": False,
        "security.remote_settings.intermediates.enabled": False,
        "media.gmp-manager.url": "data:,",
        "media.gmp-gmpopenh264.enabled": False,
        "identity.fxaccounts.enabled": False,
    }
    return "".join("user_pref(%s, %s);\n" % (json.dumps(k), json.dumps(v)) for k, v in p.items())


MOZ_HEADER = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}) UTC - \[(Parent|Child) (\d+): ([^\]]*)\]: "
    r"([A-Z])/(\w+) (.*)$")
MOZ_CONSOLE = re.compile(r"^(\w+): ?(.*)$", re.S)
MOZ_STACK = re.compile(r"^((?:[a-z][a-z0-9+.-]*:\S*)?) (\d+) (.*)$")
# console methods that print nothing in a browser console
MOZ_SILENT = ("groupEnd", "clear", "time", "countReset", "profile", "profileEnd", "timeStamp")


def parse_moz_log(path, fileno):
    entries, cur = [], None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = MOZ_HEADER.match(line)
            if m:
                ts, kind, pid, thread, level, module, msg = m.groups()
                cur = {"ts": ts, "pid": int(pid), "module": module, "msg": msg, "more": [],
                       "order": (fileno, len(entries))}
                entries.append(cur)
            elif cur is not None:
                cur["more"].append(line)
    return entries


def _skip_string(s, i):
    q = s[i]
    i += 1
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == q:
            return i + 1
        i += 1
    return len(s)


def _decode_js_string(lit):
    body = lit[1:-1] if len(lit) >= 2 and lit[-1] == lit[0] else lit[1:]
    out, i = [], 0
    simple = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
    while i < len(body):
        c = body[i]
        if c != "\\" or i + 1 >= len(body):
            out.append(c)
            i += 1
            continue
        e = body[i + 1]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == "x" and i + 4 <= len(body):
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        elif e == "u" and i + 2 < len(body) and body[i + 2] == "{":
            j = body.index("}", i)
            out.append(chr(int(body[i + 3:j], 16)))
            i = j + 1
        elif e == "u" and i + 6 <= len(body):
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        else:
            out.append(e)
            i += 2
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def split_uneval_args(s):
    """Split Firefox's console text ('"a" 1 ({b:2})') into its arguments:
    strings decoded, everything else kept in uneval form."""
    args, i, n = [], 0, len(s)
    while i < n:
        if s[i] == " ":
            i += 1
            continue
        start = i
        if s[i] == '"':
            i = _skip_string(s, i)
            try:
                args.append(_decode_js_string(s[start:i]))
            except Exception:
                args.append(s[start:i])
            continue
        if s[i] == "<":  # an Element: <tag attr="...">
            while i < n and s[i] != ">":
                i = _skip_string(s, i) if s[i] == '"' else i + 1
            i += 1
            args.append(s[start:i])
            continue
        depth = 0
        while i < n:
            c = s[i]
            if c in "\"'`":
                i = _skip_string(s, i)
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            elif c == " " and depth <= 0:
                break
            i += 1
        tok = s[start:i]
        args.append("undefined" if tok == "(void 0)" else tok)
    return args


def split_message_and_stack(first, more):
    lines = list(more)
    while lines and not lines[-1].strip():
        lines.pop()
    k = len(lines)
    while k > 0 and MOZ_STACK.match(lines[k - 1]):
        k -= 1
    stack = [MOZ_STACK.match(l).groups() for l in lines[k:]]
    return "\n".join([first] + lines[:k]), stack


class Firefox:
    name = "firefox"

    def __init__(self, binary=None):
        self.binary = binary or shutil.which("firefox-esr") or shutil.which("firefox") or "/usr/bin/firefox-esr"
        self.last_change = time.time()
        self._last_count = -1
        self.ext_uuid = str(uuid.uuid4())
        self.ext_url = "moz-extension://%s/" % self.ext_uuid
        self.bidi = None
        self.capture_bidi_log = False  # --raw: also keep BiDi log.entryAdded (content scripts only)

    def launch_with(self, manifest):
        """Firefox needs the extension's id before it starts (to fix its UUID)."""
        gecko = (manifest.get("browser_specific_settings") or manifest.get("applications") or {}).get("gecko") or {}
        self.gecko_id = gecko.get("id")
        if not self.gecko_id:
            raise OracleError("firefox: the manifest needs browser_specific_settings.gecko.id")
        self.work = tempfile.mkdtemp(prefix="oracle-firefox-")
        profile = os.path.join(self.work, "profile")
        self.logdir = os.path.join(self.work, "log")
        os.makedirs(profile)
        os.makedirs(self.logdir)
        with open(os.path.join(profile, "user.js"), "w") as f:
            f.write(firefox_prefs({self.gecko_id: self.ext_uuid}))
        env = dict(os.environ)
        env.update({
            "MOZ_LOG": "console:5,PageMessages:5,timestamp,sync,jsstacks",
            "MOZ_LOG_FILE": os.path.join(self.logdir, "ff"),
            "MOZ_DISABLE_FORKSERVER": "1",
            "MOZ_HEADLESS": "1",
            "MOZ_CRASHREPORTER_DISABLE": "1",
            "MOZ_DISABLE_AUTO_SAFE_MODE": "1",
            "MOZ_DISABLE_NONLOCAL_CONNECTIONS": "1",
        })
        self.err_path = os.path.join(self.work, "firefox.stderr")
        self._out = open(os.path.join(self.work, "firefox.stdout"), "wb")
        self._err = open(self.err_path, "wb")
        cmd = [self.binary, "--headless", "--no-remote", "--remote-debugging-port", "0",
               "--remote-allow-system-access", "--profile", profile]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self._out, stderr=self._err, env=env)
        self.watcher = ProcWatcher(self.proc.pid)
        self.watcher.start()
        deadline = time.time() + 90
        ws_port = None
        while ws_port is None:
            if self.proc.poll() is not None:
                raise OracleError("firefox exited early (rc=%s)" % self.proc.returncode)
            if time.time() > deadline:
                raise OracleError("firefox did not open its BiDi port")
            with open(self.err_path, "rb") as f:
                m = re.search(rb"WebDriver BiDi listening on ws://127\.0\.0\.1:(\d+)", f.read())
            if m:
                ws_port = int(m.group(1))
            else:
                time.sleep(0.05)
        ws = None
        while ws is None:
            try:
                ws = WebSocket("127.0.0.1", ws_port, "/session")
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        self.bidi = BiDi(ws)
        caps = self.bidi.cmd("session.new", {"capabilities": {}})
        self.version = "Firefox " + caps.get("capabilities", {}).get("browserVersion", "?")
        dbg(self.version, "pid", self.proc.pid)

    def launch(self):
        pass  # see launch_with()

    def install(self, ext_dir):
        self.manifest = read_manifest(ext_dir)
        self.launch_with(self.manifest)
        if self.capture_bidi_log:
            self.bidi.cmd("session.subscribe", {"events": ["log.entryAdded"]})
        res = self.bidi.cmd("webExtension.install", {"extensionData": {"type": "path", "path": ext_dir}})
        dbg("installed", res.get("extension"))

    # --- tabs
    def _chrome_context(self):
        tree = self.bidi.cmd("browsingContext.getTree", {"moz:scope": "chrome"})["contexts"]
        return tree[0]["context"]

    def _chrome_eval(self, expr):
        r = self.bidi.cmd("script.evaluate", {"expression": expr, "target": {"context": self._chrome_context()},
                                              "awaitPromise": True})
        if r.get("type") == "exception":
            raise OracleError("firefox chrome script: %s" % json.dumps(r.get("exceptionDetails"))[:500])
        return r.get("result", {}).get("value")

    def _tabs(self):
        return [c["context"] for c in self.bidi.cmd("browsingContext.getTree", {"maxDepth": 0})["contexts"]]

    def _wait_loaded(self, ctx, url, timeout=20):
        """Until the tab shows `url` loaded, has gone or went elsewhere."""
        expr = "JSON.stringify([location.href, document.readyState])"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if ctx not in self._tabs():
                return
            try:
                r = self.bidi.cmd("script.evaluate", {"expression": expr, "target": {"context": ctx},
                                                      "awaitPromise": False}, timeout=5)
                href, state = json.loads(r["result"]["value"])
                if href == url and state == "complete":
                    return
                if href not in (url, "about:blank", ""):
                    return
            except (OracleError, KeyError, ValueError, TypeError, OSError):
                pass
            time.sleep(0.05)
        print("record.py: firefox: %s did not finish loading" % url, file=sys.stderr)

    def open_first(self, url):
        ctx = self._tabs()[0]
        try:
            self.bidi.cmd("browsingContext.navigate", {"context": ctx, "url": url, "wait": "complete"})
        except OracleError as e:
            print("record.py: firefox: navigating to %s: %s" % (url, e), file=sys.stderr)
        self._wait_loaded(ctx, url)

    def open_tab(self, url):
        before = set(self._tabs())
        self._chrome_eval("gBrowser.addTrustedTab(%s, {inBackground: false}); true" % json.dumps(url))
        deadline = time.time() + 10
        new = []
        while not new and time.time() < deadline:
            new = [c for c in self._tabs() if c not in before]
            if not new:
                time.sleep(0.05)
        if not new:
            raise OracleError("firefox: the new tab did not appear")
        self._wait_loaded(new[0], url)

    def click_action(self):
        self._chrome_eval(
            "(() => { const {ExtensionParent} = ChromeUtils.importESModule("
            "'resource://gre/modules/ExtensionParent.sys.mjs');"
            " const ext = ExtensionParent.GlobalManager.getExtension(%s);"
            " ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(window);"
            " return true; })()" % json.dumps(self.gecko_id))

    # --- output
    def _entries(self):
        entries = []
        for n, path in enumerate(sorted(glob.glob(os.path.join(self.logdir, "ff*")))):
            try:
                entries.extend(parse_moz_log(path, n))
            except OSError:
                pass
        entries.sort(key=lambda e: (e["ts"], e["order"]))
        return entries

    def lines(self):
        procs = {pid: comm for pid, (comm, start) in list(self.watcher.seen.items())}
        cs_urls = set(self.ext_url + n for n in content_script_files(self.manifest))
        out = []
        for e in self._entries():
            if e["pid"] == self.proc.pid:
                continue  # parent process: browser chrome
            comm = procs.get(e["pid"], "")
            if e["module"] == "console":
                m = MOZ_CONSOLE.match(e["msg"])
                if not m or m.group(1) in MOZ_SILENT:
                    continue
                method = m.group(1)
                argtext, stack = split_message_and_stack(m.group(2), e["more"])
                if method in ("timeEnd", "timeLog"):
                    argtext = re.sub(r" @ [0-9.e+-]+$", "", argtext)
                caller = stack[0][0] if stack else ""
                mine = caller.startswith(self.ext_url)
                if comm == "WebExtensions":
                    who = "bg" if (mine or caller == "") else None
                elif not comm:
                    who = ("cs" if caller in cs_urls else "bg") if mine else None
                elif mine:
                    who = "cs"
                elif caller == "" and ("Web Co" in comm or comm.startswith("Isolated")):
                    who = "cs"  # no JS caller, e.g. port.onMessage.addListener(console.log)
                else:
                    who = None  # page scripts, browser internals
                if who:
                    out.append((who, one_line(" ".join(split_uneval_args(argtext)))))
            elif e["module"] == "PageMessages":
                # [JavaScript Error: "TEXT" {file: "URL" line: N ...}] or, with
                # no source location (e.g. Promise.reject('plain')), just
                # [JavaScript Error: "TEXT"]
                text = "\n".join([e["msg"]] + e["more"])
                m = re.match(r'^\[JavaScript Error: "(.*)" \{file: "([^"]*)" line: (\d+)', text, re.S)
                if m:
                    if m.group(2).startswith(self.ext_url):
                        out.append(("err", m.group(1).split("\n")[0]))
                    continue
                # no location: kept from the extension process and from web
                # content processes (where it may also come from a page
                # script: cases keep their pages free of errors)
                m = re.match(r'^\[JavaScript Error: "(.*)"\]$', text.rstrip(), re.S)
                if m and (comm == "WebExtensions" or "Web Co" in comm or comm.startswith("Isolated")):
                    out.append(("err", m.group(1).split("\n")[0]))
        return out

    def poll_change(self):
        n = len(self.lines())
        if n != self._last_count:
            self._last_count = n
            self.last_change = time.time()

    def normalize(self, text, port):
        text = re.sub(r"(127\.0\.0\.1|localhost):%d\b" % port, r"\1:PORT", text)
        return text.replace(self.ext_uuid, "EXTID")

    def close(self):
        if self.bidi is not None:
            try:
                self.bidi.cmd("session.status", {}, timeout=5)  # collects pending events
            except Exception:
                pass
            try:
                self.bidi.cmd("browser.close", {}, timeout=20)
            except Exception:
                pass
            self.bidi.ws.close()
        if getattr(self, "proc", None):
            self.watcher.scan()
            stop_process(self.proc, self.watcher, grace=30)
            self._out.close()
            self._err.close()

    def cleanup(self):
        if getattr(self, "work", None):
            shutil.rmtree(self.work, ignore_errors=True)

    def bidi_lines(self):
        """Content-script console calls as BiDi log.entryAdded reports them:
        Firefox's own formatting ("Bob is 42 years", "default: 1", ...)."""
        out = []
        for ev in self.bidi.events if self.bidi else []:
            p = ev.get("params", {})
            if ev.get("method") == "log.entryAdded" and p.get("type") == "console":
                out.append("cs: [%s %s] %s" % (p.get("level"), p.get("method"), one_line(p.get("text") or "")))
            elif ev.get("method") == "log.entryAdded":
                out.append("err: [%s %s] %s" % (p.get("level"), p.get("type"), one_line(p.get("text") or "")))
        return out

    def raw_log(self):
        out = []
        for e in self._entries():
            out.append("%s %d %s %s" % (e["ts"], e["pid"], e["module"], "\n    ".join([e["msg"]] + e["more"])))
        if self.capture_bidi_log and self.bidi is not None:
            out.append("\n# BiDi log.entryAdded (web contexts only; text as BiDi reports it)")
            for ev in self.bidi.events:
                if ev.get("method") == "log.entryAdded":
                    p = ev.get("params", {})
                    out.append("bidi %s %s %s" % (p.get("level"), p.get("method", p.get("type")),
                                                  json.dumps(p.get("text"))))
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# one recording


def load_case(case_dir):
    with open(os.path.join(case_dir, "case.json"), encoding="utf-8") as f:
        case = json.load(f)
    case.setdefault("open", ["/index.html"])
    case.setdefault("clickAction", False)
    case.setdefault("flavors", ["chrome", "firefox"])
    case.setdefault("sortLines", False)
    return case


def record_once(case_dir, browser, raw_dir=None, bidi=False):
    """Run one case in one browser; returns the normalized output lines
    (and, with bidi=True in Firefox, also the BiDi log lines)."""
    case = load_case(case_dir)
    ext_dir = os.path.abspath(os.path.join(case_dir, "extension"))
    site_dir = os.path.abspath(os.path.join(case_dir, "site"))
    quiet = float(case.get("quiet", 1.0))       # seconds without a new line
    timeout = float(case.get("timeout", 20.0))  # hard limit after the last action
    want_done = int(case.get("done", 0))        # number of "done" lines to wait for
    httpd = start_site(site_dir)
    port = httpd.server_address[1]
    drv = Chrome() if browser == "chrome" else Firefox()
    drv.served_at = httpd.served_at
    if (raw_dir or bidi) and isinstance(drv, Firefox):
        drv.capture_bidi_log = True
    t_start = time.time()
    try:
        drv.launch()
        drv.install(ext_dir)

        def poll():
            if isinstance(drv, Firefox):
                drv.poll_change()

        def settle(q, limit):
            # wait until no new console line for q seconds (max limit)
            end = time.time() + limit
            while time.time() < end:
                poll()
                if time.time() - drv.last_change >= q:
                    return
                time.sleep(0.05)

        settle(0.5, 3.0)  # the background's start-up output
        for i, path in enumerate(case["open"]):
            url = path if re.match(r"^[a-z][a-z0-9+.-]*:", path) else "http://127.0.0.1:%d%s" % (port, path)
            url = url.replace("{{PORT}}", str(port))
            if i == 0:
                drv.open_first(url)
            else:
                drv.open_tab(url)
            dbg(browser, "opened", url)
            settle(0.3, 2.0)
        if case["clickAction"]:
            drv.click_action()
            dbg(browser, "clicked the action")
        end = time.time() + timeout
        t_actions = time.time()
        while True:
            poll()
            now = time.time()
            if want_done:
                if sum(1 for w, t in drv.lines() if t == "done") >= want_done:
                    time.sleep(0.3)  # trailing lines
                    break
            elif now - drv.last_change >= quiet and now - t_actions >= quiet:
                break
            if now > end:
                print("record.py: %s: %s: timeout after %.0f s" % (browser, os.path.basename(case_dir), timeout),
                      file=sys.stderr)
                break
            time.sleep(0.1)
        # what was logged until now; lines logged while the browser shuts
        # down (tabs.onRemoved for every tab, ...) are not part of the case
        got = drv.lines()
    finally:
        drv.close()
        httpd.shutdown()
    lines = ["%s: %s" % (who, drv.normalize(text, port)) for who, text in got]
    if raw_dir:
        os.makedirs(raw_dir, exist_ok=True)
        with open(os.path.join(raw_dir, "%s-%s.log" % (os.path.basename(case_dir), browser)), "w") as f:
            f.write(drv.raw_log())
    bidi_lines = None
    if isinstance(drv, Firefox):
        drv.cleanup()
        bidi_lines = [drv.normalize(l, port) for l in drv.bidi_lines()]
    if case["sortLines"]:
        lines.sort()
        if bidi_lines:
            bidi_lines.sort()
    if bidi:
        return lines, bidi_lines
    dbg(browser, os.path.basename(case_dir), "%.1fs" % (time.time() - t_start), getattr(drv, "version", ""))
    return lines


# ---------------------------------------------------------------------------
# load judgements: does the browser load an unpacked extension, and if not,
# with which error (fixtures/manifests/<case>/)

LOAD_CASES_ROOT = os.path.join(REPO, "fixtures", "manifests")
FIREFOX_ADDON_LOG = re.compile(
    r'^\[JavaScript (?:Error|Warning): "\d+\taddons\.webextension\.[^\t]*\t(ERROR|WARN)\t(.*)" \{file: ', re.S)
FIREFOX_SCRIPT_LOG = re.compile(r'^\[JavaScript (Error|Warning): "(.*)" \{file: "([^"]*)"', re.S)


def record_load(case_dir, browser):
    """Load CASE_DIR/extension in one browser; returns the lines of its
    judgement: `loaded` or `refused: ERROR`, then (Firefox) what it logged
    about the extension while loading it."""
    ext_dir = os.path.abspath(os.path.join(case_dir, "extension"))
    case_root = os.path.abspath(case_dir)

    def normalize(text):
        return text.replace(case_root, "CASE")

    # what the extension's scripts print once loaded tells which files ran
    try:
        manifest = read_manifest(ext_dir)
        scripts = content_script_files(manifest)
    except (OSError, ValueError, AttributeError, TypeError):
        manifest, scripts = {}, set()

    if browser == "chrome":
        drv = Chrome()
        drv.cs_files = scripts
        try:
            drv.launch()
            try:
                drv.ext_id = drv.cdp.cmd("Extensions.loadUnpacked", {"path": ext_dir})["id"]
                lines = ["loaded"]
                time.sleep(1.0)  # the service worker's first run
                lines += ["%s: %s" % (who, drv.normalize(text, 0)) for who, text in drv.lines()]
            except OracleError as e:
                if e.detail is None:
                    raise
                lines = ["refused: " + e.detail]
        finally:
            drv.close()
        return [normalize(l) for l in lines]

    drv = Firefox()
    drv.manifest = {"content_scripts": [{"js": sorted(scripts)}]}
    settings = manifest.get("browser_specific_settings") if isinstance(manifest, dict) else None
    gecko_id = ((settings or {}).get("gecko") or {}).get("id") if isinstance(settings, dict) else None
    try:
        # the UUID is fixed for the gecko id, so that it can be written EXTID
        drv.launch_with({"browser_specific_settings": {"gecko": {"id": gecko_id or "load-case@exthost.test"}}})
        try:
            drv.bidi.cmd("webExtension.install", {"extensionData": {"type": "path", "path": ext_dir}})
            lines = ["loaded"]
        except OracleError as e:
            if e.detail is None:
                raise
            lines = ["refused: " + e.detail]
        time.sleep(1.0)  # the background's start: its output and script load errors
        entries = drv._entries()
        lines += ["%s: %s" % (who, text) for who, text in drv.lines() if who != "err"]
    finally:
        drv.close()
        drv.cleanup()
    for e in entries:
        text = "\n".join([e["msg"]] + e["more"])
        m = FIREFOX_ADDON_LOG.match(text)
        if m and e["pid"] == drv.proc.pid:
            lines.append("%s: %s" % ("error" if m.group(1) == "ERROR" else "warning", one_line(m.group(2))))
            continue
        m = FIREFOX_SCRIPT_LOG.match(text)
        if m and e["pid"] != drv.proc.pid and m.group(3).startswith(drv.ext_url):
            lines.append("%s: %s" % ("script-error" if m.group(1) == "Error" else "script-warning",
                                     one_line(m.group(2))))
    return [normalize(l.replace(drv.ext_uuid, "EXTID")) for l in lines]


def find_load_cases(args):
    if args:
        dirs = [os.path.abspath(a) for a in args]
    else:
        dirs = sorted(os.path.dirname(os.path.dirname(p))
                      for p in glob.glob(os.path.join(LOAD_CASES_ROOT, "*", "extension", "manifest.json")))
    for d in dirs:
        if not os.path.isdir(os.path.join(d, "extension")):
            sys.exit("record.py: %s has no extension/ folder" % d)
    return dirs


def store_runs(a, name, browser, runs, out_path):
    """Compares the runs of one case in one browser, then, as the flags say, checks the first
    against out_path (--check), prints it (--print) or writes it there. Returns whether the runs
    disagree or differ from what is stored (the status is then 1)."""
    lines = runs[0]
    failed = False
    for n, other in enumerate(runs[1:], 2):
        if other != lines:
            failed = True
            print("UNSTABLE %s %s: run 1 and run %d differ" % (name, browser, n))
            sys.stdout.writelines(difflib.unified_diff(
                [l + "\n" for l in lines], [l + "\n" for l in other], "run1", "run%d" % n))
    text = "".join(l + "\n" for l in lines)
    if a.check:
        old = open(out_path, encoding="utf-8").read() if os.path.exists(out_path) else ""
        if old != text:
            failed = True
            print("DIFF %s %s" % (name, browser))
            sys.stdout.writelines(difflib.unified_diff(
                old.splitlines(True), text.splitlines(True), out_path, "recorded"))
        else:
            print("ok   %s %s" % (name, browser))
    elif a.print_only:
        print("== %s %s" % (name, browser))
        sys.stdout.write(text)
    else:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(text)
    return failed


def main_load(a, browsers):
    rc = 0
    for case_dir in find_load_cases(a.cases):
        name = os.path.basename(case_dir.rstrip("/"))
        for browser in browsers:
            runs = []
            for n in range(max(1, a.runs)):
                try:
                    runs.append(record_load(case_dir, browser))
                except OracleError as e:
                    print("record.py: %s: %s: %s" % (name, browser, e), file=sys.stderr)
                    rc = 2
                    break
            if not runs:
                continue
            out_path = os.path.join(case_dir, "%s.txt" % browser)
            if store_runs(a, name, browser, runs, out_path):
                rc = rc or 1
            if not a.check and not a.print_only:
                print("wrote %s: %s" % (os.path.relpath(out_path), runs[0][0]))
            sys.stdout.flush()
    return rc


def find_cases(args):
    if args:
        dirs = [os.path.abspath(a) for a in args]
    else:
        dirs = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(CASES_ROOT, "*", "case.json")))
    for d in dirs:
        if not os.path.isfile(os.path.join(d, "case.json")):
            sys.exit("record.py: %s has no case.json" % d)
    return dirs


def main():
    global DEBUG
    ap = argparse.ArgumentParser(description="Record real-browser output for exthost conformance cases.")
    ap.add_argument("cases", nargs="*", metavar="CASE_DIR", help="case folders (default: all)")
    ap.add_argument("--browser", choices=("chrome", "firefox", "all"), default="all")
    ap.add_argument("--check", action="store_true", help="diff against the stored .out files, write nothing")
    ap.add_argument("--print", dest="print_only", action="store_true", help="print the output, write nothing")
    ap.add_argument("--runs", type=int, default=1,
                    help="record N times and report whether the runs agree (the first run is kept)")
    ap.add_argument("--raw", metavar="DIR", help="also save each browser's raw console log into DIR")
    ap.add_argument("--firefox-bidi", action="store_true",
                    help="also write CASE/firefox-bidi.out: content-script console calls as WebDriver BiDi "
                         "log.entryAdded reports them (Firefox's own formatting; BiDi does not see the background)")
    ap.add_argument("--load", action="store_true",
                    help="record whether each browser loads CASE/extension and with which error "
                         "(CASE/chrome.txt, CASE/firefox.txt; default cases: fixtures/manifests/*)")
    ap.add_argument("--debug", action="store_true", help="progress on stderr")
    a = ap.parse_args()
    DEBUG = a.debug
    browsers = ("chrome", "firefox") if a.browser == "all" else (a.browser,)
    if a.load:
        return main_load(a, browsers)
    rc = 0
    for case_dir in find_cases(a.cases):
        case = load_case(case_dir)
        name = os.path.basename(case_dir.rstrip("/"))
        for browser in browsers:
            if browser not in case["flavors"]:
                continue
            runs = []
            bidi_out = None
            for n in range(max(1, a.runs)):
                try:
                    if a.firefox_bidi and browser == "firefox":
                        got, b = record_once(case_dir, browser, a.raw, bidi=True)
                        runs.append(got)
                        bidi_out = bidi_out if bidi_out is not None else b
                    else:
                        runs.append(record_once(case_dir, browser, a.raw))
                except OracleError as e:
                    print("record.py: %s: %s: %s" % (name, browser, e), file=sys.stderr)
                    rc = 2
                    break
            if not runs:
                continue
            lines = runs[0]
            out_path = os.path.join(case_dir, "%s.out" % browser)
            if store_runs(a, name, browser, runs, out_path):
                rc = rc or 1
            if not a.check and not a.print_only:
                if bidi_out is not None:
                    with open(os.path.join(case_dir, "firefox-bidi.out"), "w", encoding="utf-8") as f:
                        f.write("".join(l + "\n" for l in bidi_out))
                print("wrote %s (%d lines%s)" % (os.path.relpath(out_path), len(lines),
                                                 ", %d runs agree" % len(runs) if len(runs) > 1 and
                                                 all(r == lines for r in runs) else ""))
            sys.stdout.flush()
    return rc


if __name__ == "__main__":
    sys.exit(main())
