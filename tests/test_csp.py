"""The Content-Security-Policy: the engine's hashing and placement, and every page of the
real site carrying a policy that allows exactly its own inline scripts. (That Chromium
enforces it without a violation is tested in tests/browser/.)"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from agentcat import csp

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>var a = 1;</script>
<script src="x.js"></script>
<script type="application/json">{"not": "run"}</script>
<script type="module">import "./m.js";</script>
</head><body><p>text with <code>&lt;script&gt;</code></p>
<script TYPE="Text/JavaScript">if (a < 2 && "</p>") {}</script>
</body></html>"""


def b64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def script_src(policy: str) -> list[str]:
    directive = next(d for d in policy.split("; ") if d.startswith("script-src "))
    return directive.split()[1:]


def test_inline_scripts_are_those_a_browser_runs():
    assert csp.inline_scripts(PAGE) == ['var a = 1;', 'import "./m.js";', 'if (a < 2 && "</p>") {}']


def test_hashes_follow_the_csp_format():
    assert csp.script_hash("var a = 1;") == f"'sha256-{b64('var a = 1;')}'"
    # browsers normalise line endings before they hash
    assert csp.script_hash("a;\r\nb;\rc;") == csp.script_hash("a;\nb;\nc;")


def test_policy_allows_exactly_the_pages_inline_scripts():
    policy = csp.policy(PAGE)
    assert script_src(policy) == ["'self'"] + sorted(csp.script_hash(s) for s in csp.inline_scripts(PAGE))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
                      "style-src 'self'", "img-src 'self' data:", "font-src 'self'"):
        assert directive in policy.split("; ")


def test_policy_is_the_first_element_of_head():
    out = csp.add_policy(PAGE)
    head = BeautifulSoup(out, "html.parser").head
    first = head.find(True)
    assert first.name == "meta" and first["http-equiv"] == "Content-Security-Policy"
    assert first["content"] == csp.policy(PAGE)
    # nothing else changes
    assert out == PAGE.replace("<head>", f'<head><meta http-equiv="Content-Security-Policy" content="{csp.policy(PAGE)}">', 1)


def test_a_page_without_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        csp.add_policy("<p>no head here</p>")


# --- the real site ----------------------------------------------------------------------------

def _pages(site):
    return sorted(site.rglob("*.html"))


def test_every_page_carries_a_policy_for_its_own_scripts(site):
    pages = _pages(site)
    assert len(pages) > 50
    for path in pages:
        raw = path.read_bytes()
        html = raw.decode("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        first = soup.head.find(True)
        assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", path
        # the charset declaration must stay within the first 1024 bytes
        charset = re.search(rb'<meta charset="utf-8">', raw)
        assert charset and charset.end() <= 1024, path
        inline = [s.string or "" for s in soup.find_all("script")
                  if not s.get("src") and s.get("type", "") in ("", "text/javascript", "module")]
        assert inline, path  # Material's snippets: the test is not vacuous
        assert set(script_src(first["content"])) == {"'self'"} | {f"'sha256-{b64(s)}'" for s in inline}, path
        assert "http:" not in first["content"] and "https:" not in first["content"], path


def test_instant_navigation_meets_the_same_scripts_on_every_page(site):
    """Material's instant navigation keeps the first page's policy and re-runs only the inline
    scripts inside the swapped container: they must be the same on every page."""
    seen = set()
    for path in _pages(site):
        container = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
            "[data-md-component=container]")
        seen.add(tuple(s.string for s in container.find_all("script") if not s.get("src")))
    assert len(seen) == 1
