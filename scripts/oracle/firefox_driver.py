"""Recording in Firefox: WebDriver BiDi over a minimal websocket client, console text from
Firefox's MOZ_LOG. (Used by record.py.)
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
        self.ext_uuid = str(uuid.uuid4())  # the first extension's
        self.ext_url = "moz-extension://%s/" % self.ext_uuid
        self.ext_uuids = [self.ext_uuid]   # every extension's, in install order
        self.manifests = []
        self.bidi = None
        self.capture_bidi_log = False  # --raw: also keep BiDi log.entryAdded (content scripts only)

    def launch_with(self, manifest, more=()):
        """Firefox needs the extensions' ids before it starts (to fix their UUIDs)."""
        def gecko_id(m):
            gecko = (m.get("browser_specific_settings") or m.get("applications") or {}).get("gecko") or {}
            if not gecko.get("id"):
                raise OracleError("firefox: the manifest needs browser_specific_settings.gecko.id")
            return gecko["id"]
        self.gecko_id = gecko_id(manifest)
        uuids = {self.gecko_id: self.ext_uuid}
        for m in more:
            self.ext_uuids.append(str(uuid.uuid4()))
            uuids[gecko_id(m)] = self.ext_uuids[-1]
        self.work = tempfile.mkdtemp(prefix="oracle-firefox-")
        profile = os.path.join(self.work, "profile")
        self.logdir = os.path.join(self.work, "log")
        os.makedirs(profile)
        os.makedirs(self.logdir)
        with open(os.path.join(profile, "user.js"), "w") as f:
            f.write(firefox_prefs(uuids))
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
        self.install_all([ext_dir])

    def install_all(self, ext_dirs):
        self.manifests = [read_manifest(d) for d in ext_dirs]
        self.manifest = self.manifests[0]
        self.launch_with(self.manifest, self.manifests[1:])
        if self.capture_bidi_log:
            self.bidi.cmd("session.subscribe", {"events": ["log.entryAdded"]})
        for ext_dir in ext_dirs:
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
        self.last_context = ctx
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
        self.last_context = new[0]
        self._wait_loaded(new[0], url)

    def type_into(self, selector, text):
        """A person's typing of `text` (lowercase letters, digits, spaces, line breaks) into the first element `selector`
        finds in the page opened last: it takes the focus as WebDriver's element send keys gives it,
        then each character is a key pressed and released (BiDi key actions)."""
        ctx = getattr(self, "last_context", None)
        if ctx is None:
            raise OracleError("firefox: no page to type in")
        r = self.bidi.cmd("script.evaluate", {"expression": FOCUS_FOR_TYPING % json.dumps(selector), "target": {"context": ctx},
                                              "awaitPromise": False})
        if r.get("result", {}).get("value") != "ok":
            raise OracleError("firefox: no element matches %s" % selector)
        actions = []
        for ch in text:
            key = key_facts(ch)
            # (WebDriver's Return key, U+E006, is the Enter of the main keyboard, U+E004 Tab, U+E003
            # Backspace; a shifted
            # character is typed with Shift, U+E008, held, as element send keys types it.)
            value = {"\n": "\ue006", "\t": "\ue004", "\b": "\ue003"}.get(ch, ch)
            if key.get("shift"):
                actions += [{"type": "keyDown", "value": "\ue008"}]
            actions += [{"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}]
            if key.get("shift"):
                actions += [{"type": "keyUp", "value": "\ue008"}]
        self.bidi.cmd("input.performActions", {"context": ctx, "actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def _press_at_center(self, what, selector, button, before=None):
        """The mouse moves to the middle of the box of the first element `selector` finds in the
        page opened last, then presses and releases `button` there (WebDriver's element click, as
        geckodriver performs it); `before()` runs just before the press."""
        ctx = getattr(self, "last_context", None)
        if ctx is None:
            raise OracleError("firefox: no page to %s in" % what)
        r = self.bidi.cmd("script.evaluate", {"expression": ELEMENT_CENTER % json.dumps(selector), "target": {"context": ctx},
                                              "awaitPromise": False})
        value = r.get("result", {}).get("value")
        if r.get("type") == "exception" or not isinstance(value, str):
            raise OracleError("firefox: no element matches %s" % selector)
        x, y = json.loads(value)
        if before is not None:
            before()
        self.bidi.cmd("input.performActions", {"context": ctx, "actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "x": int(x), "y": int(y)}, {"type": "pointerDown", "button": button},
                        {"type": "pointerUp", "button": button}]}]})

    def click_element(self, selector):
        """A person's click on the first element `selector` finds in the page opened last."""
        self._press_at_center("click", selector, 0)

    def context_menu(self, selector, label):
        """A person's right click on the first element `selector` finds in the page opened last
        (the mouse moves to the middle of its box and presses and releases its right button: the
        browser's context menu opens), then a click on the menu item whose label is `label` (in
        the extension's submenu too), or, for `label` empty, the menu closed with nothing chosen."""
        self._press_at_center("right-click", selector, 2, before=lambda: self._chrome_eval(
            "(() => { const menu = document.getElementById('contentAreaContextMenu');"
            " window.__exthostMenuShown = new Promise((r) => menu.addEventListener('popupshown', r, {once: true}));"
            " return true; })()"))
        found = self._chrome_eval(
            "(async () => { const label = %s; const menu = document.getElementById('contentAreaContextMenu');"
            " const opened = await Promise.race([window.__exthostMenuShown.then(() => true), new Promise((r) => setTimeout(() => r(false), 1500))]);"
            " if (!opened) return label === null;"
            " const hidden = new Promise((r) => menu.addEventListener('popuphidden', r, {once: true}));"
            " if (label === null) { menu.hidePopup(); await hidden; return true; }"
            " const items = [...menu.querySelectorAll('menuitem')].filter((i) => i.getAttribute('label') === label);"
            " if (items.length === 0) { menu.hidePopup(); await hidden; return false; }"
            " const item = items[0]; const parent = item.parentNode.closest('menu');"
            " if (parent !== null && parent.closest('#contentAreaContextMenu') !== null) {"
            "   const shown = new Promise((r) => parent.menupopup.addEventListener('popupshown', r, {once: true}));"
            "   parent.openMenu(true); await shown; }"
            " item.closest('menupopup').activateItem(item); await hidden; return true; })()" % json.dumps(label or None))
        if not found:
            raise OracleError("firefox: the context menu on %s has no item labelled %r" % (selector, label))

    def select_text(self, selector):
        """Selects the text of the first element `selector` finds in the page opened last (as a
        person's drag over it leaves it selected)."""
        ctx = getattr(self, "last_context", None)
        if ctx is None:
            raise OracleError("firefox: no page to select in")
        r = self.bidi.cmd("script.evaluate", {"expression": SELECT_TEXT % json.dumps(selector), "target": {"context": ctx},
                                              "awaitPromise": False})
        if r.get("result", {}).get("value") != "ok":
            raise OracleError("firefox: no element matches %s" % selector)

    def open_devtools(self):
        """The toolbox of the selected tab (it loads the extension's devtools_page)."""
        self._chrome_eval(
            "(async () => { const {require} = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');"
            " const {gDevTools} = require('devtools/client/framework/devtools');"
            " await gDevTools.showToolboxForTab(gBrowser.selectedTab); return true; })()")

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
        ext_urls = tuple("moz-extension://%s/" % u for u in self.ext_uuids)
        cs_urls = set(url + n for url, m in zip(ext_urls, self.manifests) for n in content_script_files(m))
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
                mine = caller.startswith(ext_urls)
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
                    if m.group(2).startswith(ext_urls):
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
        for n, ext_uuid in enumerate(self.ext_uuids):
            text = text.replace(ext_uuid, "EXTID" if n == 0 else "EXTID%d" % (n + 1))
        return text

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
