"""What the recorder's parts share: paths, debug output, the case's site served on a free
loopback port, and watching and stopping a browser process. (Used by record.py.)
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

# The middle of the box of the first element a selector (%s, as JSON) finds, scrolled into the
# middle of the viewport first, as JSON text "[x, y]", or null: where a person's click lands.
ELEMENT_CENTER = ("(() => { const e = document.querySelector(%s); if (e === null) return null;"
                  " e.scrollIntoView({block: 'center', inline: 'center'}); const r = e.getBoundingClientRect();"
                  " return JSON.stringify([r.left + r.width / 2, r.top + r.height / 2]); })()")

# Selects the text of the first element a selector (%s, as JSON) finds: "ok", or null when none matches.
SELECT_TEXT = ("(() => { const e = document.querySelector(%s); if (e === null) return null;"
               " const s = getSelection(); s.removeAllRanges(); s.selectAllChildren(e); return 'ok'; })()")

# Focuses the first element a selector (%s, as JSON) finds, as WebDriver's "element send keys"
# does before it types: unless it has the focus, `focus()`, and the caret at the end of a text
# field's value or after the last child of an editable element. "ok", or null when none matches.
FOCUS_FOR_TYPING = ("(() => { const e = document.querySelector(%s); if (e === null) return null;"
                    " if (document.activeElement !== e) { e.focus();"
                    " if (typeof e.setSelectionRange === 'function' && typeof e.value === 'string') { try { e.setSelectionRange(e.value.length, e.value.length); }"
                    " catch (error) { /* a checkbox, a radio button: no selection */ } }"
                    " else if (e.isContentEditable) { const r = document.createRange(); r.selectNodeContents(e); r.collapse(false);"
                    " const s = getSelection(); s.removeAllRanges(); s.addRange(r); } } return 'ok'; })()")

def key_facts(ch):
    """The key, code, key code and text of the key that types `ch` (a letter, a digit, a space, or
    Enter for a line break) on a US keyboard."""
    if ch == "\n":
        return {"key": "Enter", "code": "Enter", "keyCode": 13, "text": "\r"}
    if ch == "\t":
        return {"key": "Tab", "code": "Tab", "keyCode": 9, "text": ""}
    if ch == "\b":
        return {"key": "Backspace", "code": "Backspace", "keyCode": 8, "text": ""}
    if ch == " ":
        return {"key": ch, "code": "Space", "keyCode": 32, "text": ch}
    if ch.isdigit():
        return {"key": ch, "code": "Digit" + ch, "keyCode": ord(ch), "text": ch}
    if ch.isalpha() and ch.isascii():
        return {"key": ch, "code": "Key" + ch.upper(), "keyCode": ord(ch.upper()), "text": ch, "shift": ch.isupper()}
    if ch in SHIFTED_DIGITS:
        digit = SHIFTED_DIGITS[ch]
        return {"key": ch, "code": "Digit" + digit, "keyCode": ord(digit), "text": ch, "shift": True}
    raise OracleError("typing %r: the recorder types letters, digits, !@#$%%^&*(), spaces and line breaks" % ch)


# The characters Shift makes of the digit keys on a US keyboard.
SHIFTED_DIGITS = {"!": "1", "@": "2", "#": "3", "$": "4", "%": "5", "^": "6", "&": "7", "*": "8", "(": "9", ")": "0"}


TEXT_TYPES = (".html", ".htm", ".js", ".css", ".json", ".txt", ".svg")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def end_headers(self):
        # (Every answer is no-store, unless the case says otherwise: a no-store page stays out
        # of both browsers' back/forward cache, and nothing is kept between runs.)
        if self.server.no_store:
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


def start_site(site_dir, no_store=True):
    import functools
    handler = functools.partial(SiteHandler, directory=site_dir)
    httpd = ThreadingServer(("127.0.0.1", 0), handler)
    httpd.served_at = {}
    httpd.no_store = no_store
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
