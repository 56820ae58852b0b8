"""The whole collection: categories, files, cross-file rules, and the derived facts the site shows."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import hidden, load, rules, spec
from .problems import Problem, RULES

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    description: str
    icon: str = ""
    line: int = field(default=1, compare=False)


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
        if "tools" not in self.agent.fields:
            return None
        return tuple(e.text for e in rules.split_tools(self.agent.fields["tools"][1]) or [])

    @property
    def model(self) -> str:
        return self.agent.get("model") or "inherit"

    def capabilities(self) -> dict[str, bool]:
        tools = self.tools
        everything = tools is None
        names = set(tools or ())
        mcp = everything or any(t.startswith("mcp__") for t in names) or "mcpServers" in self.agent.fields
        return {
            "reads files": everything or bool(names & spec.FILE_READING),
            "edits files": everything or bool(names & spec.FILE_EDITING),
            "runs commands": everything or bool(names & spec.RUNS_COMMANDS),
            "uses the web": everything or bool(names & spec.USES_WEB),
            "MCP servers": mcp,
            "starts agents": everything or any(t == "Agent" or t.startswith("Agent(") for t in names),
        }


@dataclass
class Catalog:
    root: Path  # the repository root (the folder that holds agents/)
    categories: list[Category]
    entries: list[Entry]
    problems: list[Problem]
    notes: dict[str, list[str]] = field(default_factory=dict)  # maintainers' notes per agent

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def in_category(self, slug: str) -> list[Entry]:
        return [e for e in self.entries if e.category.slug == slug]


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _read_yaml(path: Path, display: str, what: str) -> tuple[load.Node | None, list[Problem]]:
    """A catalog data file: strict YAML (AC501 for its errors) and no hidden characters."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(display, 1, 1, "AC501", f"cannot read {what}: {e}")]
    problems = hidden.scan(text, len(text), load.line_starts_locator(text), display)
    node, yaml_problems = load.parse_yaml(text, display, first_line=1)
    problems += [Problem(p.path, p.line, p.col, "AC501", p.message) for p in yaml_problems]
    return node, problems


def load_categories(path: Path, display: str) -> tuple[list[Category], list[Problem]]:
    node, problems = _read_yaml(path, display, "the category list")
    if problems:
        return [], problems
    if node is None or node.kind != "seq":
        return [], [Problem(display, 1, 1, "AC501", "must be a YAML list of categories (slug, title, description, icon)")]
    cats, out, seen = [], [], set()
    for item in node.value:
        if item.kind != "map":
            out.append(Problem(display, item.line, item.col, "AC501", "each category must be a mapping with slug, title, description"))
            continue
        values = {k: v for k, (_, v) in item.value.items()}
        bad = set(values) - {"slug", "title", "description", "icon"}
        for key in sorted(bad):
            out.append(Problem(display, item.value[key][0].line, item.value[key][0].col, "AC501", f"unknown key `{key}`; use slug, title, description, icon"))
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
            if key in ("title", "description") and _UNSAFE_TEXT.search(v.value):
                out.append(Problem(display, v.line, v.col, "AC501", f"`{key}` must be plain text, without markup characters such as < > & {{ }} [ ] | ` * _"))
                continue
            texts[key] = v.value
        slug = texts.get("slug")
        if slug and not SLUG_RE.match(slug):
            out.append(Problem(display, values["slug"].line, values["slug"].col, "AC501", f"slug {slug!r} must be lowercase letters, digits and hyphens"))
        elif slug in seen:
            out.append(Problem(display, values["slug"].line, values["slug"].col, "AC501", f"slug {slug!r} is declared twice"))
        elif slug and "title" in texts and "description" in texts:
            seen.add(slug)
            cats.append(Category(slug, texts["title"], texts["description"], texts.get("icon", ""), item.line))
    return cats, out


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
    categories, cat_problems = load_categories(cat_file, _rel(cat_file, base))
    problems += cat_problems
    by_slug = {c.slug: c for c in categories}
    entries: list[Entry] = []
    found: set[str] = set()
    unreadable: list[OSError] = []
    seen: dict = {}
    for dirpath, dirnames, filenames in os.walk(agents_dir, onerror=unreadable.append):
        here = Path(dirpath)
        depth = len(here.relative_to(agents_dir).parts)
        # a link would publish whatever it points to (a file of the machine that builds)
        for d in [d for d in dirnames if (here / d).is_symlink()]:
            dirnames.remove(d)
            problems.append(Problem(_rel(here / d, base), 1, 1, "AC504", "a symbolic link is not part of the catalog; commit the folder itself"))
        dirnames.sort()
        for fn in sorted(filenames):
            path = here / fn
            display = _rel(path, base)
            if path.is_symlink():
                problems.append(Problem(display, 1, 1, "AC504", "a symbolic link is not part of the catalog; commit the file itself"))
                continue
            if depth == 0:
                if fn not in ("categories.yml", "notes.yml"):
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
            problems += file_problems
            if slug not in by_slug:
                continue  # reported once per folder below
            if agent is not None and not any(p.is_error for p in file_problems):
                agent.category = slug
                entries.append(Entry(agent, by_slug[slug], _rel(path, root),
                                     [p for p in file_problems if not p.is_error]))
    for e in unreadable:
        problems.append(Problem(_rel(Path(e.filename or agents_dir), base), 1, 1, "AC002", f"cannot read the folder: {e.strerror or e}"))
    for slug in sorted(found - set(by_slug)):
        problems.append(Problem(_rel(agents_dir / slug, base), 1, 1, "AC502", f"folder {slug!r} is not declared in agents/categories.yml"))
    for c in categories:
        if c.slug not in found:
            problems.append(Problem(_rel(cat_file, base), c.line, 1, "AC503", f"category {c.slug!r} has no agents (expected agents/{c.slug}/<name>.md)"))
    problems += duplicate_names([e.agent for e in entries])
    notes, note_problems = load_notes(agents_dir / "notes.yml", _rel(agents_dir / "notes.yml", base), {e.name for e in entries})
    problems += note_problems
    order = {c.slug: i for i, c in enumerate(categories)}
    entries.sort(key=lambda e: (order[e.category.slug], e.name))
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.rule))
    if memo is not None:
        memo.clear()
        memo.update(seen)
    return Catalog(root, categories, entries, problems, notes)


def load_notes(path: Path, display: str, names: set[str]) -> tuple[dict[str, list[str]], list[Problem]]:
    """agents/notes.yml (optional): maintainers' notes shown on an agent's page, such as what
    the catalog changed in a contributed file and why. A mapping of agent name -> list of text."""
    if not path.is_file():
        return {}, []
    node, problems = _read_yaml(path, display, "the notes")
    if problems:
        return {}, problems
    if node is None or node.kind != "map":
        return {}, [Problem(display, 1, 1, "AC501", "must map agent names to lists of notes")]
    notes, out = {}, []
    for name, (knode, vnode) in node.value.items():
        if name not in names:
            out.append(Problem(display, knode.line, knode.col, "AC501", f"notes for {name!r}, which is not an agent of the catalog"))
        elif vnode.kind != "seq" or any(n.kind != "scalar" or n.tag != "str" for n in vnode.value):
            out.append(Problem(display, vnode.line, vnode.col, "AC501", "notes must be a list of text"))
        else:
            notes[name] = [n.value for n in vnode.value]
    return notes, out


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


def duplicate_names(agents: list[load.Agent]) -> list[Problem]:
    first: dict[str, load.Agent] = {}
    out = []
    for a in agents:
        name = a.get("name")
        if not isinstance(name, str):
            continue
        key = name.lower()
        if key in first:
            node = a.fields["name"][1]
            out.append(Problem(a.path, node.line, node.col, "AC204", f"name {name!r} is already used by {first[key].path}"))
        else:
            first[key] = a
    return out


def _agent_files(path: Path) -> tuple[list[Path], list[tuple[str, str]]]:
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
        files, found = _agent_files(path)
        problems += [Problem(_rel(Path(f), cwd), 1, 1, "AC002", why) for f, why in found]
        for f in files:
            agent, file_problems = load.read_file(f, _rel(f, cwd))
            if agent is not None:
                file_problems += rules.check(agent)
                loaded.append(agent)
            problems += file_problems
    problems += duplicate_names(loaded)
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.rule))
    return problems


assert all(r in RULES for r in ("AC501", "AC502", "AC503", "AC504"))
