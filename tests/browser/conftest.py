"""Browser tests: built sites served on 127.0.0.1, driven by Debian's Chromium.

Without Chromium these tests are skipped, with the reason in the summary (`-ra`), unless
AGENTCAT_REQUIRE_BROWSER=1 (set by .ci/run): then each of them fails and says why.

Every page opens in a `Tab` that records what must never happen: a request to anything but
the local server (aborted), a console error, a Content-Security-Policy violation.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, agent_text, make_project, mkdocs_build

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SITE_URL = "https://agentcat.github.io/agentcat/"  # mkdocs.yml's default: install commands name it
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

MISSING = ("Chromium not found (neither /usr/bin/chromium nor `chromium` on PATH), so the browser "
           "tests cannot run; install it with `apt-get install chromium`")


def find_chromium() -> str | None:
    """Debian's Chromium; AGENTCAT_CHROMIUM names another binary (or a missing one, to see the skip)."""
    if "AGENTCAT_CHROMIUM" in os.environ:
        path = os.environ["AGENTCAT_CHROMIUM"]
        return path if Path(path).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session", autouse=True)
def chromium() -> str:
    """Decides, before anything is built or served, whether the browser tests run here."""
    path = find_chromium()
    if path is None:
        if os.environ.get("AGENTCAT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{MISSING}. AGENTCAT_REQUIRE_BROWSER=1 (CI) requires them.", pytrace=False)
        pytest.skip(MISSING)
    return path


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


# --- serving built sites -----------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class LocalServer:
    """A static server for `directory` on 127.0.0.1 and a free port. The port is bound at
    once, so a site can be built for its address before serving starts."""

    def __init__(self, directory: Path):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(_QuietHandler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture(scope="session")
def base_url(site) -> Iterator[str]:
    """The real catalog (the `site` fixture's --strict build), served locally."""
    with LocalServer(site) as server:
        yield server.url


@pytest.fixture(scope="session")
def instant_url(tmp_path_factory) -> Iterator[str]:
    """The real catalog again, built for the address it is served at. Material's instant
    navigation only takes over links that its sitemap lists, and it matches them by path and
    port: with the default site_url it falls back to full page loads on 127.0.0.1."""
    out = tmp_path_factory.mktemp("instant-site")
    with LocalServer(out) as server:
        result = mkdocs_build(ROOT, out, env={"AGENTCAT_SITE_URL": server.url})
        assert result.returncode == 0, result.stderr[-4000:]
        yield server.url


# An agent with what a copy must keep intact: accented and non-Latin letters, an astral
# character (a UTF-16 surrogate pair), a very long line, markup and template syntax, quotes
# and backslashes, a leading tab and trailing spaces.
LONG_LINE = "Keep each line of a summary readable: " + " ".join(
    f"clause {i} stays short and plain," for i in range(60)) + " and end it there."
UNICODE_BODY = "\n".join([
    "You are a careful writer of summaries in many languages — précis, exact and short.",
    "",
    "## Workflow",
    "",
    *[f"{i}. Step {i}: read, compare, write → check." for i in range(1, 25)],
    "",
    "Résumé, café, Straße, Ελληνικά, русский текст, 日本語のテキスト, 한국어, עברית, العربية, 😀 and ✓.",
    LONG_LINE,
    'Markup stays text: <b>bold</b> &amp; "double" \'single\' {{ config }} `code` \\ backslash.',
    "\tA line that starts with a tab, and one that ends with spaces.   ",
])
UNICODE_AGENT = agent_text(
    "polyglot-writer", body=UNICODE_BODY,
    description="Writes précis summaries in many languages — Use when a text needs a faithful résumé.")


@dataclass(frozen=True)
class Served:
    base_url: str
    project: Path  # the sources: agents/<category>/<name>.md


@pytest.fixture(scope="session")
def unicode_site(tmp_path_factory) -> Iterator[Served]:
    """A second small site, from a temporary catalog holding a non-ASCII agent."""
    project = make_project(tmp_path_factory.mktemp("unicode-project"), {
        "languages/polyglot-writer.md": UNICODE_AGENT,
        "languages/plain-checker.md": agent_text("plain-checker"),
    })
    out = tmp_path_factory.mktemp("unicode-site")
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-4000:]
    with LocalServer(out) as server:
        yield Served(server.url, project)


# --- pages that record what must not happen ----------------------------------------------------

@dataclass
class Tab:
    """A page in its own browser context, with everything bad that happened while it ran."""
    page: object  # playwright.sync_api.Page
    base_url: str
    external: list[str] = field(default_factory=list)  # aborted requests to other hosts
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    violations: list[str] = field(default_factory=list)  # securitypolicyviolation events

    def open(self, path: str = ""):
        self.page.goto(self.base_url + path, wait_until="networkidle")
        return self.page

    def search(self, text: str):
        """The home page with Material's search opened by its key and `text` typed, once its
        first results are shown."""
        page = self.open("")
        page.keyboard.press("/")
        page.keyboard.type(text)
        page.wait_for_selector(".md-search-result__item")
        return page

    def problems(self) -> list[str]:
        return ([f"request to another host: {u}" for u in self.external]
                + [f"console: {e}" for e in self.errors]
                + [f"CSP violation: {v}" for v in self.violations])

    def assert_clean(self) -> None:
        assert self.problems() == []


# Reports every CSP violation to Python (exposed once per context, so it survives navigations)
# and keeps the page's own list.
_REPORT_VIOLATIONS = """
window.__agentcatViolations = [];
document.addEventListener("securitypolicyviolation", e => {
  const text = `${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`;
  window.__agentcatViolations.push(text);
  window.__agentcatViolation(text);
});
"""


@pytest.fixture
def open_tab(browser, base_url):
    """open_tab(color_scheme="light", viewport=DESKTOP, base=None, javascript=True, **context options)"""
    contexts = []

    def make(color_scheme: str = "light", viewport: dict = DESKTOP, base: str | None = None,
             javascript: bool = True, **options) -> Tab:
        base = base or base_url
        context = browser.new_context(color_scheme=color_scheme, viewport=viewport, java_script_enabled=javascript,
                                      permissions=["clipboard-read", "clipboard-write"], **options)
        contexts.append(context)
        tab = Tab(page=None, base_url=base)

        def route(r):
            if urlsplit(r.request.url).hostname == "127.0.0.1":
                r.continue_()
            else:
                tab.external.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.expose_function("__agentcatViolation", lambda text: tab.violations.append(text))
        context.add_init_script(_REPORT_VIOLATIONS)
        page = context.new_page()
        page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: tab.errors.append(f"uncaught: {e}"))
        tab.page = page
        return tab

    yield make
    for c in contexts:
        c.close()


@pytest.fixture
def tab(open_tab) -> Tab:
    return open_tab()


# --- small helpers shared by the tests ---------------------------------------------------------

def catalog_by_instant_navigation(tab):
    """Home, then the catalog through its link, marked so that a full page load shows."""
    page = tab.open("")
    page.evaluate("window.__sameDocument = true")
    page.locator("article").get_by_role("link", name="catalog", exact=True).click()
    page.wait_for_selector("#agentcat-filter-search")
    return page


def shown_rows(page) -> list[str]:
    """Names of the catalog rows the browser actually lays out (hidden rows have no boxes), in order."""
    return page.eval_on_selector_all(
        "#agentcat-table li[data-name]", "rows => rows.filter(r => r.getClientRects().length > 0).map(r => r.dataset.name)")


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def set_clipboard(page, text: str) -> None:
    page.evaluate("t => navigator.clipboard.writeText(t)", text)


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector` (the keyboard alone)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def pytest_terminal_summary(terminalreporter) -> None:
    """One line that says why the browser tests did not run (besides -ra's line per test)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if MISSING in str(r.longrepr)]
    if skipped:
        terminalreporter.write_sep("-", "browser tests")
        terminalreporter.write_line(f"{len(skipped)} browser tests skipped: {MISSING}.", yellow=True, bold=True)
