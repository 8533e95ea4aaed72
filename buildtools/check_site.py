"""Open the built site in headless Chromium and check what a reader would see.

For the home page and every scenario page: the page is served (HTTP 200), its title is right, the
exercise/solution toggles and the figures are there, no traceback or error output is shown, every
image has real alt text (not a file name) and headings do not skip levels. A screenshot of each
page is saved. Chromium renders each page with its JavaScript (``--dump-dom``), so the checks see
the toggles the theme adds at run time, not just the HTML files.

Usage::

    python buildtools/check_site.py --html _build/html --out _build/screenshots
    python buildtools/check_site.py --html _build/html --self-test   # break pages on purpose

Exit code 0 when every check passes, 1 otherwise (the failures are listed). ``--self-test``
copies the site, deletes one scenario page and puts a traceback into another, and exits 0 only
if the checks catch both. Debian's ``chromium`` is used (``make check-site`` installs it when
missing); set ``CHROMIUM`` to use another binary.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import browser  # buildtools/browser.py, next to this script


@dataclass(frozen=True)
class Page:
    """A page to open and what it must show."""

    path: str
    title: str
    toggles: int = 0  # at least this many "Show solution" toggles
    figures: int = 0  # at least this many figures rendered from code cells


PAGES = (
    Page("index.html", "fairness and responsible AI for HR"),
    Page("solutions/00_orientation.html", "Orientation", toggles=1, figures=1),
    Page("solutions/01_adult_census_audit.html", "Adult", toggles=5, figures=1),
    Page("solutions/02_resume_screener.html", "resume screener", toggles=5, figures=1),
    Page("solutions/03_promotion_gap.html", "Promotion", toggles=5, figures=1),
    Page("solutions/04_chatbot_incident.html", "chatbot", toggles=5, figures=1),
    Page("solutions/05_global_governance.html", "governance", toggles=5, figures=1),
    Page("solutions/06_interview_practice.html", "Interview practice", toggles=2),
    Page("solutions/07_wellbeing_analytics.html", "Wellbeing", toggles=5, figures=1),
    Page("book/cases/adult_census.html", "Case 1"),
    Page("book/cases/resume_screener.html", "Case 2"),
    Page("book/cases/promotion_gap.html", "Case 3"),
    Page("book/cases/chatbot_incident.html", "Case 4"),
    Page("book/cases/global_governance.html", "Case 5"),
    Page("book/cases/wellbeing_analytics.html", "Case 6"),
    Page("book/datasheet_wellbeing.html", "Datasheet"),
    Page("book/interviewing/question_bank.html", "question bank"),
)

ERROR_MARKERS = (
    "Traceback (most recent call last)",
    'class="output traceback',
    'class="output error',
    "nbval-error",
)
# Elements with no end tag: they must not count towards the nesting depth.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
FILE_NAME_ALT = re.compile(r"\.(png|jpe?g|svg|gif)$|^_images/|/_images/", re.IGNORECASE)


class _Dom(HTMLParser):
    """Collects what the checks need from the rendered DOM of the main article."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self._in_title = False
        self._article_depth = 0  # >0 while inside <article class="bd-article">
        self._depth = 0
        self.headings = []
        self.images = []  # (src, alt) inside the article
        self.toggles = 0
        self._in_summary = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self._depth += 1
        if tag == "title":
            self._in_title = True
        if tag == "article" and "bd-article" in (attrs.get("class") or ""):
            self._article_depth = self._depth
        if not self._article_depth:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "img":
            self.images.append((attrs.get("src", ""), (attrs.get("alt") or "").strip()))
        elif tag == "summary":
            self._in_summary = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "summary":
            self._in_summary = False
        if tag in VOID:
            return
        if tag == "article" and self._article_depth == self._depth:
            self._article_depth = 0
        self._depth -= 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_summary and data.strip() == "Show solution":
            self.toggles += 1


def analyse(dom, page):
    """The problems a rendered page shows against its expectations (empty list: all good)."""
    problems = []
    parsed = _Dom()
    parsed.feed(dom)
    name = page.path
    if page.title.casefold() not in html.unescape(parsed.title).casefold():
        problems.append(f"{name}: title {parsed.title.strip()!r} does not contain {page.title!r}")
    for marker in ERROR_MARKERS:
        if marker in dom:
            problems.append(f"{name}: shows an error output ({marker!r})")
    if parsed.toggles < page.toggles:
        problems.append(f"{name}: {parsed.toggles} 'Show solution' toggles, expected at least {page.toggles}")
    figures = [src for src, _ in parsed.images if "_images/" in src]
    if len(figures) < page.figures:
        problems.append(f"{name}: {len(figures)} figures, expected at least {page.figures}")
    for src, alt in parsed.images:
        if not alt or FILE_NAME_ALT.search(alt):
            problems.append(f"{name}: image {src} has no alt text (alt={alt!r})")
    if parsed.headings and parsed.headings[0] != 1:
        problems.append(f"{name}: the first heading is h{parsed.headings[0]}, not h1")
    for before, after in zip(parsed.headings, parsed.headings[1:]):
        if after > before + 1:
            problems.append(f"{name}: heading level jumps from h{before} to h{after}")
            break
    if not parsed.headings:
        problems.append(f"{name}: no headings in the article (did the page render?)")
    return problems


def chromium():
    return browser.chromium("check_site", "check-site")


def _browser(binary, profile, *args):
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=8000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # Chromium closes connections it no longer needs (e.g. after its time budget): not a site problem.
        pass


def check(site, screenshots=None, pages=PAGES):
    """Serve ``site`` on localhost and check every page; returns the list of problems."""
    site = Path(site)
    if not (site / "index.html").is_file():
        return [f"{site}/index.html not found: build the site first (make book)"]
    binary = chromium()
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems = []
    try:
        with tempfile.TemporaryDirectory() as profile:
            for page in pages:
                url = base + page.path
                try:
                    urllib.request.urlopen(url, timeout=10).close()
                except urllib.error.HTTPError as error:
                    problems.append(f"{page.path}: HTTP {error.code} (page missing)")
                    continue
                result = _browser(binary, profile, "--dump-dom", url)
                if result.returncode != 0 or not result.stdout:
                    problems.append(f"{page.path}: chromium failed ({result.returncode}): {result.stderr[-300:]}")
                    continue
                problems += analyse(result.stdout, page)
                if screenshots is not None:
                    Path(screenshots).mkdir(parents=True, exist_ok=True)
                    shot = Path(screenshots) / (page.path.replace("/", "__").removesuffix(".html") + ".png")
                    shot.unlink(missing_ok=True)  # a screenshot from an earlier run must not pass for this one
                    taken = _browser(binary, profile, f"--screenshot={shot.resolve()}", "--window-size=1280,2400", url)
                    if taken.returncode != 0 or not shot.is_file():
                        problems.append(f"{page.path}: no screenshot was written ({taken.returncode})")
    finally:
        server.shutdown()
    return problems


def self_test(site):
    """Break a copy of the site on purpose; True when the checks catch every break."""
    with tempfile.TemporaryDirectory() as tmp:
        broken = Path(tmp) / "html"
        shutil.copytree(site, broken)
        (broken / PAGES[3].path).unlink()
        page = broken / PAGES[4].path
        text = page.read_text(encoding="utf-8")
        marker = '<div class="cell_output docutils container">'
        page.write_text(
            text.replace(
                marker,
                marker + '<pre>Traceback (most recent call last):\n  File "x", line 1'
                "\nValueError: broken on purpose</pre>",
                1,
            ),
            encoding="utf-8",
        )
        problems = check(broken, pages=(PAGES[0], PAGES[3], PAGES[4]))
    caught_missing = any(p.startswith(PAGES[3].path) and "HTTP 404" in p for p in problems)
    caught_traceback = any(p.startswith(PAGES[4].path) and "error output" in p for p in problems)
    clean_home = not any(p.startswith(PAGES[0].path) for p in problems)
    print(
        "self-test:",
        "caught the missing page" if caught_missing else "MISSED the missing page",
        "|",
        "caught the traceback" if caught_traceback else "MISSED the traceback",
        "|",
        "home page clean" if clean_home else "home page flagged",
    )
    return caught_missing and caught_traceback and clean_home


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", default="_build/html", help="the built site")
    parser.add_argument("--out", default="_build/screenshots", help="where screenshots go")
    parser.add_argument("--self-test", action="store_true", help="check that broken pages are caught")
    args = parser.parse_args(argv)
    if args.self_test:
        return 0 if self_test(args.html) else 1
    problems = check(args.html, args.out)
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"check_site: {len(PAGES)} pages, {len(problems)} problem(s); screenshots in {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
