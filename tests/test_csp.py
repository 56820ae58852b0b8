"""The Content-Security-Policy: the engine's hashing and placement, and every page of the
real site carrying a policy that allows exactly its own inline scripts. (That Chromium
enforces it without a violation is tested in tests/browser/.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import material

from agentcat import csp, known_scripts

from conftest import agent_text, make_project, mkdocs_build

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


PAGE_KNOWN = frozenset(csp.inline_scripts(PAGE))  # the unit tests' page: its scripts are "known"


def test_policy_allows_exactly_the_pages_inline_scripts():
    policy = csp.policy(PAGE, PAGE_KNOWN)
    assert script_src(policy) == ["'self'"] + sorted(csp.script_hash(s) for s in csp.inline_scripts(PAGE))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
                      "style-src 'self'", "img-src 'self' data:", "font-src 'self'"):
        assert directive in policy.split("; ")


def test_policy_is_the_first_element_of_head():
    out = csp.add_policy(PAGE, PAGE_KNOWN)
    head = BeautifulSoup(out, "html.parser").head
    first = head.find(True)
    assert first.name == "meta" and first["http-equiv"] == "Content-Security-Policy"
    assert first["content"] == csp.policy(PAGE, PAGE_KNOWN)
    # nothing else changes
    assert out == PAGE.replace("<head>", f'<head><meta http-equiv="Content-Security-Policy" content="{csp.policy(PAGE, PAGE_KNOWN)}">', 1)


def test_a_script_the_project_does_not_know_is_refused_not_hashed():
    with pytest.raises(csp.UnknownScript, match="does not know: 'var a = 1;'"):
        csp.policy(PAGE)
    material = "".join(f"<script>{s}</script>" for s in known_scripts.MATERIAL)
    scope = known_scripts.SCOPE_BEFORE + "../.." + known_scripts.SCOPE_AFTER
    page = f"<html><head>{material}<script>{scope}</script></head><body></body></html>"
    assert len(script_src(csp.policy(page))) == 1 + len(known_scripts.MATERIAL) + 1
    for evil in ('alert(1)', known_scripts.SCOPE_BEFORE + '",alert(1),"' + known_scripts.SCOPE_AFTER,
                 known_scripts.MATERIAL[0] + ";alert(1)"):
        with pytest.raises(csp.UnknownScript):
            csp.policy(page.replace("</body>", f"<script>{evil}</script></body>"))


def test_the_known_scripts_are_what_the_installed_material_writes():
    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    written = "".join((partials / f).read_text(encoding="utf-8") for f in ("base.html", "palette.html", "content.html"))
    for script in known_scripts.MATERIAL:
        assert f"<script>{script}</script>" in written, script[:60]
    assert (f"<script>{known_scripts.SCOPE_BEFORE}{{{{ config.extra.scope | d(base_url) }}}}"
            f"{known_scripts.SCOPE_AFTER}</script>") in written


def test_the_build_fails_on_a_page_with_an_inline_script_of_its_own(tmp_path):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"checks/fine.md": agent_text("fine")})
    (project / "docs" / "security.md").write_text("# Security\n\n<script>window.__x = 1</script>\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "agentcat: security.md: an inline script that the project does not know: 'window.__x = 1'" in result.stderr


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


def test_no_page_carries_an_inline_style(site):
    # the policy's style-src has no 'unsafe-inline': a style attribute or element would be
    # refused by the browser and logged as a CSP error (table alignment used to be one)
    for path in _pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.find(style=True) is None and soup.find("style") is None, path
