"""Catalog -> page Markdown and HTML. All escaping lives here.

Generated pages are Markdown written by our own templates, holding only trusted values
(validated names, URLs from the config, category texts checked for markup). Everything that
comes from an agent file (description, field values, the file itself, review notes) is
rendered here as escaped HTML and put into the page *after* Markdown ran, in place of a
slot marker: agent content never passes through Markdown, macros or snippets.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import jinja2
import markupsafe
import yaml

from . import grants, install, marketplace, spec, tokens
from .catalog import Catalog, Category, Entry

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("agentcat", "templates"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Site:
    """Addresses that pages and commands point to (from mkdocs.yml, overridable per fork)."""
    site_url: str  # ends with "/"
    repo_url: str = ""  # https://github.com/OWNER/REPO
    branch: str = "main"

    def raw_url(self, entry: Entry) -> str:
        return f"{self.site_url}raw/{entry.name}.md"

    def page_url(self, entry: Entry) -> str:
        return f"{self.site_url}{page_path(entry)}"

    def source_url(self, entry: Entry) -> str:
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{entry.rel_path}" if self.repo_url else ""


@dataclass
class Page:
    src_uri: str  # virtual file in docs/, e.g. agents/core-development/backend.md
    markdown: str
    slots: dict[str, str] = field(default_factory=dict)


def page_path(entry: Entry) -> str:
    return f"agents/{entry.category.slug}/{entry.name}/"


def esc(value: object) -> str:
    """HTML-escape, and neutralise `{` and `}` so no template engine downstream sees markup."""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def safe_link(url: str) -> str:
    """Only https: links (checked after decoding entities); anything else becomes no link."""
    decoded = html.unescape(url).strip()
    return decoded if urlsplit(decoded).scheme == "https" and not re.search(r"[\s\"'<>]", decoded) else ""


def inline_code(text: str) -> str:
    """Escape maintainers' note text; `backticks` become <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


_env.filters["esc"] = esc
_env.filters["code"] = lambda text: markupsafe.Markup(inline_code(text))


def front_matter(**meta) -> str:
    """A page's YAML header, written by a YAML emitter: every value is data (quoted as YAML
    needs), never text spliced into YAML, so no value can add a key or end the header."""
    for key, value in meta.items():
        if isinstance(value, str) and not value.isprintable():
            raise ValueError(f"refusing page metadata {key}={value!r}: one line of plain text only")
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=float("inf"), default_flow_style=False)
    return f"---\n{dumped}---"  # the template puts the line break after it


def slot(name: str) -> str:
    return f'<div data-agentcat-slot="{name}"></div>'


SLOT_MARKER = '<div data-agentcat-slot="'
_SLOT = re.compile(r'<div data-agentcat-slot="([a-z-]+)"></div>')


def fill_slots(page_html: str, slots: dict[str, str]) -> str:
    """Put each fragment in place of its marker, in one pass: text that a fragment brings
    in is never searched for markers again."""
    missing = [name for name in slots if slot(name) not in page_html]
    if missing:
        raise ValueError(f"slot {missing[0]!r} is missing from the rendered page")
    filled: set[str] = set()

    def fragment(m: re.Match) -> str:
        name = m.group(1)
        if name not in slots or name in filled:
            return m.group(0)
        filled.add(name)
        return slots[name]

    return _SLOT.sub(fragment, page_html)


def renderable(entry: Entry) -> Entry:
    """The name goes into Markdown, a page's YAML header, URLs and file names unescaped: the
    linter refuses a bad one, and the renderer refuses it again rather than trust that."""
    name = entry.name
    if not isinstance(name, str) or not spec.NAME_RE.match(name):
        raise ValueError(f"{entry.rel_path}: refusing to render an agent named {name!r}")
    return entry


# --- fragments ---------------------------------------------------------------------------

def field_rows(entry: Entry) -> list[dict]:
    """Every field the file sets, then the key fields it leaves out with their effective default."""
    rows = []
    fields = entry.agent.fields
    for f in spec.FIELDS:
        if f.key in fields:
            value = fields[f.key][1].python()
            if f.key in ("tools", "disallowedTools"):  # as written; the risk summary shows what it grants
                if isinstance(value, str):
                    value = [v.strip() for v in value.split(",") if v.strip()]
            rows.append({"key": f.key, "value": value, "default": False})
        elif f.key in ("tools", "model", "permissionMode", "maxTurns", "memory", "background", "isolation"):
            rows.append({"key": f.key, "value": f.default, "default": True})
    for key, (_, node) in fields.items():  # keys the spec does not know (only outside the catalog)
        if key not in spec.FIELDS_BY_KEY:
            rows.append({"key": key, "value": node.python(), "default": False})
    return rows


def _value_html(value) -> str:
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ", ".join(f"<code>{esc(v)}</code>" for v in value)
    if isinstance(value, (list, dict)):
        dumped = yaml.safe_dump(value, sort_keys=False, allow_unicode=True).strip()
        return f"<pre><code>{esc(dumped)}</code></pre>"
    return esc(value)


_env.filters["value_html"] = _value_html


# --- install commands: highlighted once per build, the agent's values put in afterwards ------

_NAME, _SHA = "AGENTCATNAMEPLACEHOLDER", "AGENTCATSHAPLACEHOLDER"


def _block(text: str, language: str) -> str:
    """A code block as pymdownx.highlight writes it (Material styles it and adds its copy button).
    Pygments comes with the site's dependencies; `agentcat check` alone never needs it."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import BashLexer, TextLexer

    lexer = BashLexer() if language == "sh" else TextLexer()
    return (f'<div class="language-{language} highlight"><pre><span></span><code>'
            f"{highlight(text, lexer, HtmlFormatter(nowrap=True))}</code></pre></div>")


@lru_cache(maxsize=8)
def _command_templates(site: Site) -> dict[str, str]:
    """Every command block of an agent page with placeholders for the name and the SHA-256,
    highlighted by Pygments once. The placeholders are plain words, so no token boundary
    falls inside them; the values put in for them are validated names and hex digests."""
    url = f"{site.site_url}raw/{_NAME}.md"
    plugin = {"one_step": marketplace.one_step(_NAME, site.repo_url), "add": marketplace.add_command(site.repo_url),
              "install": f"/plugin install {_NAME}@{marketplace.NAME}", "uninstall": f"/plugin uninstall {_NAME}@{marketplace.NAME}"}
    commands = {
        "one_step": (plugin["one_step"], "text"),
        "two_step": (f"{plugin['add']}\n{plugin['install']}", "text"),
        "user": (install.plain(url, install.USER_DIR, _NAME), "sh"),
        "project": (install.plain(url, install.PROJECT_DIR, _NAME), "sh"),
        "verified_user": (install.verified(url, _SHA, install.USER_DIR, _NAME), "sh"),
        "verified_project": (install.verified(url, _SHA, install.PROJECT_DIR, _NAME), "sh"),
        "uninstall_user": (install.uninstall(install.USER_DIR, _NAME), "sh"),
        "uninstall_plugin": (plugin["uninstall"], "text"),
    }
    out = {}
    for key, (text, language) in commands.items():
        block = _block(text, language)
        if text.count(_NAME) != block.count(_NAME) or text.count(_SHA) != block.count(_SHA):
            raise ValueError(f"highlighting split a placeholder of the {key!r} command")
        out[key] = block
    return out


def command_blocks(entry: Entry, site: Site) -> dict[str, str]:
    renderable(entry)
    if not re.fullmatch(r"[0-9a-f]{64}", entry.sha256):
        raise ValueError(f"{entry.rel_path}: not a SHA-256: {entry.sha256!r}")
    return {k: v.replace(_NAME, entry.name).replace(_SHA, entry.sha256) for k, v in _command_templates(site).items()}


# --- the risk summary -----------------------------------------------------------------------

# What a file says when it promises to change nothing (the client does not enforce it).
_PROMISE = re.compile(r"\bread[- ]only\b|\b(?:do not|never|don't) (?:modify|edit|change|write to) (?:any )?files\b"
                      r"|\bmakes? no changes\b|\bchanges? no files\b", re.IGNORECASE)


def promises_read_only(entry: Entry) -> bool:
    """The description, or a line of the prompt that is about the agent itself, promises read-only work."""
    if _PROMISE.search(entry.description):
        return True
    for line in entry.agent.body.splitlines():
        text = line.strip().lstrip("-*").strip()
        if _BODY_PROMISE.match(text):
            return True
    return False


# A line of the prompt that promises it about the agent ("Strictly read-only.", "Read-only on the
# codebase: ...", "You do not modify files"), not one that only mentions read-only commands.
_BODY_PROMISE = re.compile(r"(?:strictly read[- ]only\b|read[- ]only(?: on [^:.]+)?[:.]|you are (?:strictly )?read[- ]only\b"
                           r"|you (?:do not|never) (?:modify|edit|change) (?:any )?files\b)", re.IGNORECASE)


def powers_text(entry: Entry) -> str:
    """What a non-read-only agent may do, as words for a sentence."""
    caps = entry.capabilities()
    parts = [text for cap, text in (("edits files", "edit files"), ("runs commands", "run commands"),
                                     ("starts agents", "start other agents"), ("MCP servers", "use MCP servers"))
             if caps[cap]]
    if not parts and entry.grant.tools:
        parts = ["use " + ", ".join(t for t in entry.grant.tools if t in spec.WORKTREES) or "more than read"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def risk_context(entry: Entry) -> dict:
    g = entry.grant
    if g.everything:
        tools = [{"name": "every tool", "allows": grants.ALLOWS_EVERYTHING}]
    else:
        tools = [{"name": t, "allows": grants.allows(t)} for t in g.tools]
    tools += [{"name": m, "allows": grants.ALLOWS_MCP} for m in g.mcp]
    notes = []
    if g.folded:
        notes.append(f"The file also lists {' and '.join(g.folded)}; with Bash, Claude Code leaves "
                     f"{'them' if len(g.folded) > 1 else 'it'} out and searches through Bash instead.")
    if g.added:
        notes.append(f"Its memory setting adds {' and '.join(g.added)}, so it can write its memory files.")
    written = entry.tools or []
    if any(grants.resolve(t).kind == grants.WIDENED for t in written):
        notes.append("A tool written with a specifier, such as Bash(git diff:*), still grants the whole tool: "
                     "Claude Code does not narrow a subagent's tools that way.")
    if "Bash" in g.tools and re.search(r"^#{2,3} +Allowed commands\b", entry.agent.body, re.M):
        notes.append("Its prompt names the commands it may run (Allowed commands, in the file below). That limit lives "
                     "in the prompt: Claude Code gives it all of Bash, and asks before each command unless you allowed it.")
    promise = not entry.read_only and promises_read_only(entry)
    return {"grant": g, "tools": tools, "grant_notes": notes, "badges": grants.badges(g),
            "powers": "" if entry.read_only else powers_text(entry), "promise": promise}


PAGE_ROOT = "../../../"  # from an agent page (agents/<category>/<name>/) to the site's root


def agent_slots(entry: Entry, site: Site, catalog: Catalog) -> dict[str, str]:
    ctx = {"entry": entry, "site": site, "notes": [inline_code(n) for n in catalog.notes.get(entry.name, [])],
           "rows": field_rows(entry), "source_url": safe_link(site.source_url(entry)), "root": PAGE_ROOT,
           "text": entry.agent.raw.decode("utf-8"), "cmd": command_blocks(entry, site),
           "install": install.for_entry(entry, site), "plugin": marketplace.plugin_commands(entry, site.repo_url),
           "fp": tokens.footprint(entry), "method": tokens.METHOD, "marketplace_name": marketplace.NAME,
           "checked": catalog.checked.get(entry.name),
           **risk_context(entry)}
    return {name: _env.get_template(f"fragments/{name}.html.j2").render(**ctx).strip()
            for name in ("description", "links", "notes", "checked", "risk", "tokens", "install", "file", "fields")}


# --- the catalog list -----------------------------------------------------------------------

def _headings(entry: Entry) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^#{2,3} +(.+)$", entry.agent.body, re.MULTILINE)]


def common_headings(entries: list[Entry]) -> set[str]:
    """Headings that most agents share (Workflow, Output): they tell agents apart no better than nothing."""
    counts = Counter(h.lower() for e in entries for h in set(_headings(e)))
    return {h for h, n in counts.items() if n > max(2, len(entries) // 5)}


def list_rows(entries: list[Entry], common: set[str]) -> list[dict]:
    rows = []
    for e in entries:
        renderable(e)
        fp = tokens.footprint(e)
        badges = grants.badges(e.grant)
        rows.append({
            "name": e.name, "category": e.category.slug, "category_title": e.category.title, "model": e.model,
            "description": e.description, "badges": badges, "caps": " ".join(k for k, _ in badges),
            "tokens": f"{fp.description} {fp.body}", "desc_tokens": fp.description, "sha": e.sha256,
            "headings": " | ".join(h for h in dict.fromkeys(_headings(e)) if h.lower() not in common),
        })
    return rows


def agent_list(entries: list[Entry], prefix: str, catalog: Catalog | None = None, site: Site | None = None,
               show_category: bool = True, synonyms: bool = False) -> str:
    """The catalog list; `prefix` leads from the page that shows it to /agents/."""
    site = site or Site(site_url="")
    everyone = catalog.entries if catalog else entries
    shown = {e.category.slug for e in entries}  # the sizes of the categories this list shows
    sizes = Counter(e.category.slug for e in everyone if e.category.slug in shown)
    return _env.get_template("list.html.j2").render(
        rows=list_rows(entries, common_headings(everyone)), prefix=prefix, show_category=show_category,
        site_url=site.site_url, marketplace=marketplace.source(site.repo_url), marketplace_name=marketplace.NAME,
        category_sizes=json.dumps(sizes, separators=(",", ":")),
        synonyms=json.dumps(catalog.synonyms, separators=(",", ":"), ensure_ascii=False) if synonyms and catalog else "").strip()


agent_table = agent_list  # the old name


def agent_link(entry: Entry, prefix: str) -> str:
    """A link to an agent's page and its badges, as inline HTML (the home page's picks)."""
    renderable(entry)
    badges = "".join(f'<span class="agentcat-badge agentcat-badge--{k}">{esc(label)}</span>' for k, label in grants.badges(entry.grant))
    # <small>: Material's search parser ends an exclusion at the first closing tag of its name
    return (f'<span class="agentcat-pickline"><a href="{prefix}{entry.category.slug}/{entry.name}/"><code>{entry.name}</code></a> '
            f'<small class="agentcat-pickline__badges" data-search-exclude>{badges}</small></span>')


# --- pages -------------------------------------------------------------------------------

def agent_src_uri(entry: Entry) -> str:
    return f"agents/{entry.category.slug}/{entry.name}.md"


def agent_page(entry: Entry, site: Site, catalog: Catalog) -> Page:
    renderable(entry)
    md = _env.get_template("agent.md.j2").render(entry=entry, slot=slot,
                                                 meta=front_matter(title=entry.name, render_macros=False, search={"boost": 4}))
    return Page(agent_src_uri(entry), md, agent_slots(entry, site, catalog))


def category_page(category: Category, catalog: Catalog, site: Site) -> Page:
    entries = catalog.in_category(category.slug)
    md = _env.get_template("category.md.j2").render(category=category, entries=entries, slot=slot,
                                                    meta=front_matter(title=category.title, render_macros=False, hide=["toc"]))
    return Page(f"agents/{category.slug}/index.md", md,
                {"table": agent_list(entries, "../", catalog, site, show_category=False)})


def index_page(catalog: Catalog, site: Site) -> Page:
    md = _env.get_template("index.md.j2").render(catalog=catalog, slot=slot,
                                                 meta=front_matter(title="Catalog", render_macros=False, hide=["toc"]))
    return Page("agents/index.md", md, {"table": agent_list(catalog.entries, "", catalog, site, synonyms=True)})


def pages(catalog: Catalog, site: Site) -> list[Page]:
    out = [index_page(catalog, site)]
    out += [category_page(c, catalog, site) for c in catalog.categories]
    out += [agent_page(e, site, catalog) for e in catalog.entries]
    return out


@dataclass(frozen=True)
class PageSpec:
    """A page before it is rendered: `key` digests everything it is rendered from, so a page
    whose key is unchanged since the last build renders to the same Markdown and slots."""
    src_uri: str
    key: str
    make: Callable[[], Page]


_TEMPLATES = Path(__file__).parent / "templates"


def _templates_stamp() -> list:
    """The templates as Jinja sees them (it reloads one whose file changed)."""
    return [(p.relative_to(_TEMPLATES).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(_TEMPLATES.rglob("*.j2"))]


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=repr, sort_keys=True).encode()).hexdigest()


def _entries_key(entries: list[Entry]) -> list:
    return [(e.rel_path, e.sha256, repr(e.category)) for e in entries]


def page_specs(catalog: Catalog, site: Site) -> list[PageSpec]:
    """The pages of `pages()`, in the same order, each with its key and a way to render it."""
    common = (_templates_stamp(), repr(site), [repr(c) for c in catalog.categories])
    out = [PageSpec("agents/index.md", _key(common, "index", _entries_key(catalog.entries), catalog.synonyms),
                    lambda: index_page(catalog, site))]
    # what every list takes from the catalog as a whole: the headings most agents share (left
    # out of its search text); a category's list counts only its own agents
    shared = sorted(common_headings(catalog.entries))
    for c in catalog.categories:
        out.append(PageSpec(f"agents/{c.slug}/index.md", _key(common, "category", repr(c), shared,
                                                             _entries_key(catalog.in_category(c.slug))),
                            lambda c=c: category_page(c, catalog, site)))
    for e in catalog.entries:
        out.append(PageSpec(agent_src_uri(renderable(e)),
                            _key(common, "agent", _entries_key([e]), catalog.notes.get(e.name, []), [repr(p) for p in e.notes],
                                 repr(catalog.checked.get(e.name))),
                            lambda e=e: agent_page(e, site, catalog)))
    return out


def nav_section(catalog: Catalog) -> list:
    """The Catalog section of the navigation: the index, then one page per category."""
    return ["agents/index.md"] + [{c.title: f"agents/{c.slug}/index.md"} for c in catalog.categories]
