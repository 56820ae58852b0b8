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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import jinja2
import yaml

from . import install, spec
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
            if f.key in ("tools", "disallowedTools"):
                value = entry.tools if f.key == "tools" else value
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


def agent_slots(entry: Entry, site: Site, catalog: Catalog) -> dict[str, str]:
    ctx = {"entry": entry, "site": site, "notes": [inline_code(n) for n in catalog.notes.get(entry.name, [])],
           "rows": field_rows(entry), "caps": entry.capabilities(),
           "source_url": safe_link(site.source_url(entry)), "raw_url": safe_link(site.raw_url(entry)),
           "text": entry.agent.raw.decode("utf-8")}
    return {name: _env.get_template(f"fragments/{name}.html.j2").render(**ctx).strip()
            for name in ("description", "links", "notes", "fields", "risk", "file")}


def agent_table(entries: list[Entry], prefix: str, show_category: bool = True) -> str:
    """The catalog table; `prefix` leads from the page that shows it to /agents/."""
    entries = [renderable(e) for e in entries]
    return _env.get_template("table.html.j2").render(entries=entries, prefix=prefix, show_category=show_category).strip()


# --- pages -------------------------------------------------------------------------------

def agent_src_uri(entry: Entry) -> str:
    return f"agents/{entry.category.slug}/{entry.name}.md"


def agent_page(entry: Entry, site: Site, catalog: Catalog) -> Page:
    renderable(entry)
    md = _env.get_template("agent.md.j2").render(entry=entry, site=site, slot=slot, install=install.for_entry(entry, site))
    return Page(agent_src_uri(entry), md, agent_slots(entry, site, catalog))


def category_page(category: Category, catalog: Catalog) -> Page:
    entries = catalog.in_category(category.slug)
    md = _env.get_template("category.md.j2").render(category=category, entries=entries, slot=slot)
    return Page(f"agents/{category.slug}/index.md", md, {"table": agent_table(entries, "../", show_category=False)})


def index_page(catalog: Catalog) -> Page:
    md = _env.get_template("index.md.j2").render(catalog=catalog, slot=slot)
    return Page("agents/index.md", md, {"table": agent_table(catalog.entries, "")})


def pages(catalog: Catalog, site: Site) -> list[Page]:
    out = [index_page(catalog)]
    out += [category_page(c, catalog) for c in catalog.categories]
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
    out = [PageSpec("agents/index.md", _key(common, "index", _entries_key(catalog.entries)),
                    lambda: index_page(catalog))]
    for c in catalog.categories:
        out.append(PageSpec(f"agents/{c.slug}/index.md", _key(common, "category", repr(c), _entries_key(catalog.in_category(c.slug))),
                            lambda c=c: category_page(c, catalog)))
    for e in catalog.entries:
        out.append(PageSpec(agent_src_uri(renderable(e)),
                            _key(common, "agent", _entries_key([e]), catalog.notes.get(e.name, []), [repr(p) for p in e.notes]),
                            lambda e=e: agent_page(e, site, catalog)))
    return out


def nav_section(catalog: Catalog) -> list:
    """The Catalog section of the navigation: the index, then one page per category."""
    return ["agents/index.md"] + [{c.title: f"agents/{c.slug}/index.md"} for c in catalog.categories]
