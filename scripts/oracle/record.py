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

import oracle_support
from oracle_support import *  # noqa: F401,F403  (the shared helpers by name)
from chromium_driver import Chrome
from firefox_driver import Firefox

# ---------------------------------------------------------------------------
# one recording


def load_case(case_dir):
    with open(os.path.join(case_dir, "case.json"), encoding="utf-8") as f:
        case = json.load(f)
    case.setdefault("open", ["/index.html"])
    case.setdefault("clickAction", False)
    case.setdefault("do", [])
    case.setdefault("flavors", ["chrome", "firefox"])
    case.setdefault("sortLines", False)
    return case


def extension_dirs(case_dir):
    """The case's extensions, in the order they are installed: extension/,
    then extension-2/, extension-3/, ... (a case of several extensions)."""
    dirs = [os.path.abspath(os.path.join(case_dir, "extension"))]
    n = 2
    while os.path.isdir(os.path.join(case_dir, "extension-%d" % n)):
        dirs.append(os.path.abspath(os.path.join(case_dir, "extension-%d" % n)))
        n += 1
    return dirs


def record_once(case_dir, browser, raw_dir=None, bidi=False):
    """Run one case in one browser; returns the normalized output lines
    (and, with bidi=True in Firefox, also the BiDi log lines)."""
    case = load_case(case_dir)
    ext_dirs = extension_dirs(case_dir)
    site_dir = os.path.abspath(os.path.join(case_dir, "site"))
    quiet = float(case.get("quiet", 1.0))       # seconds without a new line
    timeout = float(case.get("timeout", 20.0))  # hard limit after the last action
    want_done = int(case.get("done", 0))        # number of "done" lines to wait for
    httpd = start_site(site_dir, no_store=bool(case.get("noStore", True)))
    port = httpd.server_address[1]
    drv = Chrome(test_api=bool(case.get("testAPI", False))) if browser == "chrome" else Firefox()
    drv.served_at = httpd.served_at
    if (raw_dir or bidi) and isinstance(drv, Firefox):
        drv.capture_bidi_log = True
    t_start = time.time()
    try:
        drv.launch()
        drv.install_all(ext_dirs)

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
        if case.get("devtools", False):
            drv.open_devtools()
            dbg(browser, "opened DevTools for the last tab")
            settle(0.5, 3.0)
        if case["clickAction"]:
            drv.click_action()
            dbg(browser, "clicked the action")
        for step in case["do"]:
            settle(0.3, 2.0)
            if step[0] == "click":
                drv.click_element(step[1])
            elif step[0] == "type":
                drv.type_into(step[1], step[2])
            elif step[0] == "select":
                drv.select_text(step[1])
            elif step[0] == "contextMenu":
                # (Only Firefox's menus can be driven: headless Chromium shows none, its step has no label.)
                drv.context_menu(step[1], step[2])
            else:
                raise OracleError("%s: a step is [\"click\", selector], [\"type\", selector, text], [\"select\", selector] or [\"contextMenu\", selector, label], not %r" % (case_dir, step))
            dbg(browser, "did", step)
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
        try:
            drv.launch()
            try:
                drv.ext_id = drv.cdp.cmd("Extensions.loadUnpacked", {"path": ext_dir})["id"]
                drv.ext_ids.append(drv.ext_id)
                drv.cs_files[drv.ext_id] = scripts
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
    oracle_support.DEBUG = a.debug
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
