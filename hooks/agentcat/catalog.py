"""The whole collection: categories, files, cross-file rules, and the derived facts the site shows."""

from __future__ import annotations

import datetime
import functools
import gc
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import grants, hidden, load, rules, spec, suppress
from .problems import CATALOG, Problem, RULES, capped

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    description: str
    icon: str = ""
    line: int = field(default=1, compare=False)
    first: tuple[str, ...] = field(default=(), compare=False)  # agents shown first, in this order


# Category texts go into the navigation and headings, which MkDocs does not escape.
_UNSAFE_TEXT = re.compile(r"[<>&{}\[\]|`*_~#\\]")


@dataclass
class Entry:
    """One agent of the catalog, with what the site and the exports need."""
    agent: load.Agent
    category: Category
    rel_path: str  # relative to the repository root: agents/<category>/<name>.md
    notes: list[Problem] = field(default_factory=list)  # warnings shown to reviewers

    @property
    def name(self) -> str:
        return self.agent.get("name")

    @property
    def description(self) -> str:
        return self.agent.get("description")

    @property
    def file_name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]

    @property
    def raw(self) -> bytes:
        return self.agent.raw

    @cached_property  # asked for by the page, the install commands, agents.json and the sums
    def sha256(self) -> str:
        return hashlib.sha256(self.agent.raw).hexdigest()

    @property
    def tools(self) -> list[str] | None:
        """Tool entries as written (None: the agent inherits every tool); a new list each time."""
        tools = self._tools
        return None if tools is None else list(tools)

    @cached_property  # split once: pages, tables, exports and capabilities ask dozens of times
    def _tools(self) -> tuple[str, ...] | None:
        written = grants.entries(self.agent, "tools")
        return None if written is None else tuple(written)

    @cached_property
    def grant(self) -> grants.Grant:
        """What the client actually gives the agent: every capability shown comes from here."""
        return grants.of_agent(self.agent)

    @property
    def effective_tools(self) -> tuple[str, ...] | None:
        """Effective built-in tools, sorted (None: every tool)."""
        return None if self.grant.everything else self.grant.tools

    @property
    def read_only(self) -> bool:
        return self.grant.read_only

    @property
    def model(self) -> str:
        return self.agent.get("model") or "inherit"

    def capabilities(self) -> dict[str, bool]:
        return self.grant.capabilities()


@dataclass
class Catalog:
    root: Path  # the repository root (the folder that holds agents/)
    categories: list[Category]
    entries: list[Entry]
    problems: list[Problem]
    notes: dict[str, list[str]] = field(default_factory=dict)  # maintainers' notes per agent
    checked: dict[str, "Checked"] = field(default_factory=dict)  # agents/checked.yml
    synonyms: list[list[str]] = field(default_factory=list)  # groups of words the search treats alike

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def in_category(self, slug: str) -> list[Entry]:
        return [e for e in self.entries if e.category.slug == slug]


def rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _child(shown: str, name: str) -> str:
    """rel(folder / name, base) from rel(folder, base)."""
    return name if shown == "." else f"{shown}/{name}"


def _read_yaml(path: Path, display: str, what: str) -> tuple[load.Node | None, list[Problem]]:
    """A catalog data file: strict YAML (AC501 for its errors) and no hidden characters.
    A link is refused before anything is opened: its target is never read, nor shown."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            return None, [Problem(display, 1, 1, "AC501", f"{what} is a symbolic link; commit the file itself")]
        if not stat.S_ISREG(st.st_mode):
            return None, [Problem(display, 1, 1, "AC501", f"{what} is not a regular file")]
        if st.st_size > spec.MAX_FILE_BYTES:
            return None, [Problem(display, 1, 1, "AC501", f"{what} is {st.st_size:,} bytes; the limit is {spec.MAX_FILE_BYTES:,}")]
        with open(path, "rb") as f:
            text = f.read(spec.MAX_FILE_BYTES + 1).decode("utf-8")
    except FileNotFoundError:
        return None, [Problem(display, 1, 1, "AC501", f"{what} is missing")]
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(display, 1, 1, "AC501", f"cannot read {what}: {getattr(e, 'strerror', None) or e.__class__.__name__}")]
    if "\r" in text:
        return None, [Problem(display, 1, 1, "AC501", f"{what} has CR or CRLF line endings; use LF")]
    problems = capped(hidden.scan(text, len(text), load.line_starts_locator(text), display))
    node, yaml_problems = load.parse_yaml(text, display, first_line=1)
    problems += [Problem(p.path, p.line, p.col, "AC501", p.message) if p.is_error else p for p in yaml_problems]
    return node, problems


def load_categories(path: Path, display: str) -> tuple[list[Category], list[Problem]]:
    node, problems = _read_yaml(path, display, "the category list")
    if any(p.is_error for p in problems):
        return [], problems
    if node is None or node.kind != "seq":
        return [], [Problem(display, 1, 1, "AC501", "must be a YAML list of categories (slug, title, description, icon)")]
    cats, out, seen = [], list(problems), set()
    for item in node.value:
        if item.kind != "map":
            out.append(Problem(display, item.line, item.col, "AC501", "each category must be a mapping with slug, title, description"))
            continue
        values = {k: v for k, (_, v) in item.value.items()}
        bad = set(values) - {"slug", "title", "description", "icon", "first"}
        for key in sorted(bad):
            out.append(Problem(display, item.value[key][0].line, item.value[key][0].col, "AC501", f"unknown key `{key}`; use slug, title, description, icon, first"))
        first: tuple[str, ...] = ()
        if "first" in values:  # the agents users reach for first, by name; the rest follow by name
            f = values["first"]
            if f.kind != "seq" or any(n.kind != "scalar" or n.tag != "str" or not SLUG_RE.match(n.value) for n in f.value):
                out.append(Problem(display, f.line, f.col, "AC501", "`first` must be a list of agent names of this category"))
            else:
                first = tuple(n.value for n in f.value)
        texts = {}
        for key in ("slug", "title", "description", "icon"):
            v = values.get(key)
            if v is None:
                if key != "icon":
                    out.append(Problem(display, item.line, item.col, "AC501", f"category without `{key}`"))
                continue
            if v.kind != "scalar" or v.tag != "str" or not v.value.strip():
                out.append(Problem(display, v.line, v.col, "AC501", f"`{key}` must be non-empty text"))
                continue
            if key in ("title", "description") and (not v.value.isprintable() or v.end_line > v.line or v.style in ("|", ">")):
                # a line break (raw, folded or escaped) or a control character: page headers,
                # the navigation and llms.txt take one line of plain text
                bad = next((c for c in v.value if not c.isprintable()), "")
                what = f"character U+{ord(bad):04X}" if bad and bad != "\n" else "a line break"
                out.append(Problem(display, v.line, v.col, "AC501", f"`{key}` must be one line of plain text; it holds {what}"))
                continue
            if key in ("title", "description") and not v.value[0].isalpha():
                # `!!! danger`, `=== "Tab"`, `- item`, `1. item`: Markdown blocks when a text
                # starts a line of a page
                out.append(Problem(display, v.line, v.col, "AC501", f"`{key}` must start with a letter, not {v.value[0]!r} (Markdown would read a block there)"))
                continue
            if key in ("title", "description") and _UNSAFE_TEXT.search(v.value):
                out.append(Problem(display, v.line, v.col, "AC501", f"`{key}` must be plain text, without markup characters such as < > & {{ }} [ ] | ` * _"))
                continue
            texts[key] = v.value
        slug = texts.get("slug")
        if slug in RESERVED_SLUGS:
            out.append(Problem(display, values["slug"].line, values["slug"].col, "AC506",
                               f"slug {slug!r} is reserved: a plugin whose folder holds `{slug}/` gets it loaded as the client's default agents folder; choose another"))
        elif slug and not SLUG_RE.match(slug):
            out.append(Problem(display, values["slug"].line, values["slug"].col, "AC501", f"slug {slug!r} must be lowercase letters, digits and hyphens"))
        elif slug in seen:
            out.append(Problem(display, values["slug"].line, values["slug"].col, "AC501", f"slug {slug!r} is declared twice"))
        elif slug and "title" in texts and "description" in texts:
            seen.add(slug)
            cats.append(Category(slug, texts["title"], texts["description"], texts.get("icon", ""), item.line, first))
    return cats, out


def _no_gc_pauses(fn):
    """Loading makes many small objects that live until the end: the cyclic collector would
    walk them again and again (a seventh of `agentcat check`'s time, measured). Reference
    counting frees what is dropped; the collector runs again when the load is done."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        was = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was:
                gc.enable()
    return run


@_no_gc_pauses
def load_catalog(root: Path, display_base: Path | None = None, memo: dict | None = None) -> Catalog:
    """Load and check every file under root/agents; collect every problem, never stop early.

    `memo` (load_catalog_shared's): each file's agent and problems from the last load, keyed
    by the file's path and stat (size, modification and change times, inode), so that after
    an edit only the edited file is loaded and checked again. Replaced by this load's files."""
    root = Path(root)
    base = display_base or root
    agents_dir = root / "agents"
    cat_file = agents_dir / "categories.yml"
    problems: list[Problem] = []
    categories, cat_problems = load_categories(cat_file, rel(cat_file, base))
    problems += cat_problems
    by_slug = {c.slug: c for c in categories}
    entries: list[Entry] = []
    found: set[str] = set()
    unreadable: list[OSError] = []
    texts: dict[str, str] = {}  # for inline suppressions
    seen: dict = {}
    for dirpath, dirnames, filenames in os.walk(agents_dir, onerror=unreadable.append):
        here = Path(dirpath)
        depth = len(here.relative_to(agents_dir).parts)
        # a link would publish whatever it points to (a file of the machine that builds)
        for d in [d for d in dirnames if (here / d).is_symlink()]:
            dirnames.remove(d)
            problems.append(Problem(rel(here / d, base), 1, 1, "AC504", "a symbolic link is not part of the catalog; commit the folder itself"))
        dirnames.sort()
        # the displayed paths of the folder's files, by joining strings (pathlib's
        # relative_to costs more than checking a small file)
        shown_here, under_root = rel(here, base), rel(here, root)
        for fn in sorted(filenames):
            path = here / fn
            display = _child(shown_here, fn)
            if path.is_symlink():
                problems.append(Problem(display, 1, 1, "AC504", "a symbolic link is not part of the catalog; commit the file itself"))
                continue
            if depth == 0:
                if fn not in ("categories.yml", "notes.yml", "checked.yml", "synonyms.yml"):
                    problems.append(Problem(display, 1, 1, "AC504", "files directly under agents/ are not agents; put it in a category folder"))
                continue
            if depth > 1 or not fn.endswith(".md"):
                why = "nested folders are not categories" if depth > 1 else "only `.md` agent files belong in a category folder"
                problems.append(Problem(display, 1, 1, "AC504", f"not part of the catalog: {why}"))
                continue
            slug = here.name
            found.add(slug)
            key = None
            if memo is not None:
                try:
                    st = path.stat()
                    key = (str(path), display, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode)
                except OSError:
                    key = None
            if key is not None and key in memo:
                agent, kept = memo[key]
                file_problems = list(kept)
            else:
                agent, file_problems = load.read_file(path, display)
                if agent is not None:
                    file_problems += rules.check(agent)
            if key is not None:
                seen[key] = (agent, tuple(file_problems))
            if agent is not None:
                texts[display] = agent.text
            problems += file_problems
            if slug not in by_slug:
                continue  # reported once per folder below
            if agent is not None and not any(p.is_error for p in file_problems):
                agent.category = slug
                entries.append(Entry(agent, by_slug[slug], _child(under_root, fn),
                                     [p for p in file_problems if not p.is_error]))
    for e in unreadable:
        problems.append(Problem(rel(Path(e.filename or agents_dir), base), 1, 1, "AC002", f"cannot read the folder: {e.strerror or e}"))
    for slug in sorted(found - set(by_slug)):
        problems.append(Problem(rel(agents_dir / slug, base), 1, 1, "AC502", f"folder {slug!r} is not declared in agents/categories.yml"))
    for c in categories:
        if c.slug not in found:
            problems.append(Problem(rel(cat_file, base), c.line, 1, "AC503", f"category {c.slug!r} has no agents (expected agents/{c.slug}/<name>.md)"))
    reserved = reserved_names(entries, {c.slug for c in categories})
    problems += reserved
    refused = {p.path for p in reserved}
    entries = [e for e in entries if e.agent.path not in refused]
    problems += duplicate_names([e.agent for e in entries])
    notes, note_problems = load_notes(agents_dir / "notes.yml", rel(agents_dir / "notes.yml", base), {e.name for e in entries})
    problems += note_problems
    checked, checked_problems = load_checked(agents_dir / "checked.yml", rel(agents_dir / "checked.yml", base), {e.name for e in entries})
    problems += checked_problems
    synonyms, synonym_problems = load_synonyms(agents_dir / "synonyms.yml", rel(agents_dir / "synonyms.yml", base))
    problems += synonym_problems
    order = {c.slug: i for i, c in enumerate(categories)}
    for c in categories:
        names = {e.name for e in entries if e.category.slug == c.slug}
        for n in c.first:
            if n not in names:
                problems.append(Problem(rel(cat_file, base), c.line, 1, "AC501", f"`first` of {c.slug!r} names {n!r}, which is not an agent of that category"))
    rank = {(c.slug, n): i for c in categories for i, n in enumerate(c.first)}
    entries.sort(key=lambda e: (order[e.category.slug], rank.get((e.category.slug, e.name), len(rank)), e.name))
    problems = suppress.apply(problems, texts, CATALOG)  # warnings only: errors need a fix
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.rule))
    if memo is not None:
        memo.clear()
        memo.update(seen)
    return Catalog(root, categories, entries, problems, notes, checked, synonyms)


def load_notes(path: Path, display: str, names: set[str]) -> tuple[dict[str, list[str]], list[Problem]]:
    """agents/notes.yml (optional): maintainers' notes shown on an agent's page, such as what
    the catalog changed in a contributed file and why. A mapping of agent name -> list of text."""
    if not os.path.lexists(path):  # optional; a link or a folder in its place is refused
        return {}, []
    node, problems = _read_yaml(path, display, "the notes")
    if any(p.is_error for p in problems):
        return {}, problems
    if node is None or node.kind != "map":
        return {}, [Problem(display, 1, 1, "AC501", "must map agent names to lists of notes")]
    notes, out = {}, list(problems)
    for name, (knode, vnode) in node.value.items():
        if name not in names:
            out.append(Problem(display, knode.line, knode.col, "AC501", f"notes for {name!r}, which is not an agent of the catalog"))
        elif vnode.kind != "seq" or any(n.kind != "scalar" or n.tag != "str" for n in vnode.value):
            out.append(Problem(display, vnode.line, vnode.col, "AC501", "notes must be a list of text"))
        elif any(not n.value.isprintable() for n in vnode.value):
            n = next(n for n in vnode.value if not n.value.isprintable())
            out.append(Problem(display, n.line, n.col, "AC501", "each note must be one line of plain text, without line breaks or control characters"))
        else:
            notes[name] = [n.value for n in vnode.value]
    return notes, out


@dataclass(frozen=True)
class Checked:
    """When an agent's advice was last checked, and against which versions and standards."""
    date: str  # YYYY-MM-DD
    against: tuple[str, ...]


CHECKED_MAX_AGE_DAYS = 365
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def load_checked(path: Path, display: str, names: set[str], today: datetime.date | None = None
                 ) -> tuple[dict[str, Checked], list[Problem]]:
    """agents/checked.yml (optional; once it exists, every agent needs an entry):
    agent name -> {checked: "YYYY-MM-DD", against: [text, ...]}."""
    if not path.is_file():
        return {}, []
    node, problems = _read_yaml(path, display, "the currency records")
    if problems:
        return {}, problems
    if node is None or node.kind != "map":
        return {}, [Problem(display, 1, 1, "AC501", "must map agent names to {checked, against}")]
    today = today or datetime.date.today()
    out, found, seen = [], {}, set()
    for name, (knode, vnode) in node.value.items():
        if name not in names:
            out.append(Problem(display, knode.line, knode.col, "AC501", f"an entry for {name!r}, which is not an agent of the catalog"))
            continue
        seen.add(name)
        fields = vnode.value if vnode.kind == "map" else {}
        date = fields.get("checked", (None, None))[1]
        against = fields.get("against", (None, None))[1]
        if set(fields) != {"checked", "against"}:
            out.append(Problem(display, vnode.line, vnode.col, "AC501", "each entry needs exactly `checked` and `against`"))
            continue
        m = _DATE.match(date.value) if date.kind == "scalar" and date.tag == "str" else None
        try:
            day = datetime.date(*map(int, m.groups())) if m else None
        except ValueError:
            day = None
        if day is None:
            out.append(Problem(display, date.line, date.col, "AC501", '`checked` must be a quoted date such as "2026-12-01"'))
            continue
        if against.kind != "seq" or not against.value or any(n.kind != "scalar" or n.tag != "str" or not n.value.strip() for n in against.value):
            out.append(Problem(display, against.line, against.col, "AC501", "`against` must be a non-empty list of text"))
            continue
        age = (today - day).days
        if age > CHECKED_MAX_AGE_DAYS:
            out.append(Problem(display, date.line, date.col, "AC410", f"{name!r} was last checked on {date.value}, {age} days ago; check it against current versions and update the date"))
        found[name] = Checked(date.value, tuple(n.value for n in against.value))
    out += [Problem(display, 1, 1, "AC411", f"{n!r} has no entry") for n in sorted(names - seen)]
    return found, out


PUBLISHED = ("docs", "overrides", "agents")  # what a build copies or renders into the site


def published_links(root: Path, folders: tuple[str, ...] = PUBLISHED) -> list[str]:
    """Every symbolic link under the folders that a build publishes (relative paths, sorted):
    a link would publish its target, such as a file of the machine that builds."""
    found = []
    for folder in folders:
        base = Path(root) / folder
        if base.is_symlink():
            found.append(folder)
            continue
        for dirpath, dirnames, filenames in os.walk(base):  # links to folders are not followed
            for name in dirnames + filenames:
                if os.path.islink(os.path.join(dirpath, name)):
                    found.append(rel(Path(dirpath) / name, Path(root)))
    return sorted(found)


SYNONYM_RE = re.compile(r"^[a-z0-9][a-z0-9.+#-]*( [a-z0-9][a-z0-9.+#-]*)*$")
MAX_SYNONYM_GROUPS, MAX_GROUP_WORDS, MAX_WORD_CHARS = 500, 20, 40


def load_synonyms(path: Path, display: str) -> tuple[list[list[str]], list[Problem]]:
    """agents/synonyms.yml (optional): words the catalog search treats alike, as a list of
    groups (`- [terraform, iac, opentofu]`). Untrusted data: plain lowercase words only
    (letters, digits, `. + # -`, single spaces), every problem located."""
    if not path.is_file():
        return [], []
    node, problems = _read_yaml(path, display, "the synonyms")
    if problems:
        return [], problems
    if node is None or node.kind != "seq":
        return [], [Problem(display, 1, 1, "AC501", "must be a YAML list of groups, each a list of words: - [terraform, iac]")]
    groups, out = [], []
    if len(node.value) > MAX_SYNONYM_GROUPS:
        out.append(Problem(display, node.line, node.col, "AC501", f"at most {MAX_SYNONYM_GROUPS} groups"))
    for item in node.value[:MAX_SYNONYM_GROUPS]:
        if item.kind != "seq" or not 2 <= len(item.value) <= MAX_GROUP_WORDS:
            out.append(Problem(display, item.line, item.col, "AC501", f"each group must be a list of 2 to {MAX_GROUP_WORDS} words"))
            continue
        words = []
        for w in item.value:
            if w.kind != "scalar" or w.tag != "str":
                out.append(Problem(display, w.line, w.col, "AC501", "a synonym must be text"))
            elif len(w.value) > MAX_WORD_CHARS or not SYNONYM_RE.match(w.value):
                out.append(Problem(display, w.line, w.col, "AC501", f"synonym {w.value[:MAX_WORD_CHARS]!r} must be lowercase "
                                   f"letters, digits, `. + # -` and single spaces, at most {MAX_WORD_CHARS} characters"))
            else:
                words.append(w.value)
        if len(words) == len(item.value):
            groups.append(words)
    return groups, out


_shared: tuple[tuple, Catalog] | None = None
_files_memo: dict = {}  # load_catalog's per-file memo for the shared loads (the last load's files only)


def _snapshot(root: Path) -> tuple:
    """Every path under agents/ with its size and modification time."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root / "agents"):
        dirnames.sort()
        for fn in sorted(filenames):
            try:
                st = os.lstat(os.path.join(dirpath, fn))
            except OSError:
                st = None
            out.append((dirpath, fn, st and (st.st_size, st.st_mtime_ns, st.st_mode)))
    return (str(root), tuple(out))


def load_catalog_shared(root: Path) -> Catalog:
    """`load_catalog`, shared by the site's hook and its macros within one build: memoised on
    a snapshot of agents/, so any change to any file (a `mkdocs serve` edit) loads afresh."""
    global _shared
    key = _snapshot(Path(root))
    if _shared is None or _shared[0] != key:
        _shared = (key, load_catalog(root, memo=_files_memo))
    return _shared[1]


RESERVED_SLUGS = frozenset({"agents"})
RESERVED_NAMES = frozenset({"index"})


def reserved_names(entries: list[Entry], slugs: set[str]) -> list[Problem]:
    """Names the site and the plugins need: `index` is a category's page, and a category's
    slug is its plugin's name (an agent of that name would be a second plugin of it)."""
    out = []
    for e in entries:
        name, node = e.name, e.agent.fields["name"][1]
        if name in RESERVED_NAMES:
            out.append(Problem(e.agent.path, node.line, node.col, "AC505", f"name {name!r} is reserved: agents/{e.category.slug}/{name}/ would replace the category's page; choose another"))
        elif name in slugs:
            out.append(Problem(e.agent.path, node.line, node.col, "AC505", f"name {name!r} is the slug of a category: the plugin of that category and the plugin of this agent would share the name; choose another"))
    return out


def duplicate_names(agents: list[load.Agent]) -> list[Problem]:
    first: dict[str, load.Agent] = {}
    out = []
    for a in agents:
        name = a.get("name")
        if not isinstance(name, str) or not rules.is_text(a.fields["name"][1]):
            continue  # a name that is no text: the client skips the file (AC208)
        key = name.lower()
        if key in first:
            node = a.fields["name"][1]
            other = first[key]
            if other.get("name") == name:
                out.append(Problem(a.path, node.line, node.col, "AC204", f"name {name!r} is also used by {other.path}; the client loads only one of the two"))
            else:  # names are case-sensitive to the client: both load
                out.append(Problem(a.path, node.line, node.col, "AC209", f"name {name!r} differs from {other.get('name')!r} ({other.path}) only in case"))
        else:
            first[key] = a
    return out


def agent_files(path: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The `.md` files under `path` (or `path` itself when it is not a folder), and the
    places that could not be read. Links are followed, as Claude Code does; a loop is not."""
    if not os.path.isdir(path):
        try:
            os.lstat(path)
        except FileNotFoundError:
            return [], [(str(path), "no such file or folder")]
        except (OSError, ValueError) as e:
            return [], [(str(path), f"cannot read: {getattr(e, 'strerror', None) or e}")]
        return [path], []  # read_file reports what cannot be read
    files, failed = [], []
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(path, followlinks=True, onerror=lambda e: failed.append((e.filename or str(path), f"cannot read the folder: {e.strerror or e}"))):
        try:
            st = os.stat(dirpath)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:  # a link back to a folder already walked
            dirnames.clear()
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames.sort()
        # broken links, pipes and unreadable files are listed too: read_file says what is wrong
        files += [Path(dirpath) / f for f in sorted(filenames) if f.endswith(".md")]
    return files, failed


@_no_gc_pauses
def check_paths(paths: list[Path], cwd: Path) -> list[Problem]:
    """`agentcat check`: files or folders anywhere (a catalog root gets the catalog rules too)."""
    problems: list[Problem] = []
    loaded: list[load.Agent] = []
    for path in paths:
        if os.path.isfile(path / "agents" / "categories.yml"):  # os.path: False, not an exception, when unreadable
            problems += load_catalog(path, cwd).problems
            continue
        if path.name == "agents" and os.path.isfile(path / "categories.yml"):
            problems += load_catalog(path.parent, cwd).problems
            continue
        files, found = agent_files(path)
        problems += [Problem(rel(Path(f), cwd), 1, 1, "AC002", why) for f, why in found]
        for f in files:
            agent, file_problems = load.read_file(f, rel(f, cwd))
            if agent is not None:
                file_problems += rules.check(agent)
                loaded.append(agent)
            problems += file_problems
    problems += duplicate_names(loaded)
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.rule))
    return problems


assert all(r in RULES for r in ("AC501", "AC502", "AC503", "AC504", "AC505", "AC506"))
