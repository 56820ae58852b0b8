"""`agentcat check` configuration, like ruff's: `[tool.agentcat]` in pyproject.toml, or
`.agentcat.toml` (the same keys at its top level), found in the current folder or above.

    profile = "claude-code"            # or "catalog"
    select = ["AC2", "AC3"]            # rule ids or prefixes; default: every rule
    ignore = ["AC221"]
    extend-exclude = ["drafts/**"]     # globs, relative to the configuration file
    [tool.agentcat.per-file-ignores]
    "legacy/*.md" = ["AC230"]
    [tool.agentcat.severity]
    AC310 = "error"                    # error, warning or off

Every mistake is a located AC601 problem naming the key and the allowed values.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import LEVELS, PROFILES, RULES, Problem

KEYS = ("profile", "select", "ignore", "per-file-ignores", "severity", "extend-exclude")


@dataclass
class Config:
    path: Path | None = None  # the file it came from (None: defaults)
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    extend_exclude: tuple[str, ...] = ()

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def selected(self, rule: str, rel_path: str) -> bool:
        if self.select and not _matches(rule, self.select):
            return False
        if _matches(rule, self.ignore):
            return False
        return not any(fnmatch.fnmatch(rel_path, glob) and _matches(rule, rules)
                       for glob, rules in self.per_file_ignores.items())

    def excluded(self, rel_path: str) -> bool:
        return any(fnmatch.fnmatch(rel_path, g) or fnmatch.fnmatch(rel_path, g.rstrip("/") + "/*")
                   for g in self.extend_exclude)


def _matches(rule: str, patterns: tuple[str, ...]) -> bool:
    return any(p == "ALL" or rule.startswith(p) for p in patterns)


def find(start: Path) -> Path | None:
    """The nearest .agentcat.toml, or pyproject.toml with a [tool.agentcat] table."""
    for folder in (start, *start.parents):
        own = folder / ".agentcat.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file() and re.search(r"^\s*\[\s*tool\s*\.\s*agentcat\b", _read(py), re.M):
            return py
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def load(path: Path | None, display: str = "") -> tuple[Config, list[Problem]]:
    if path is None:
        return Config(), []
    display = display or path.name
    text = _read(path)
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: only when there is a file to read
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            return Config(path), [Problem(display, 1, 1, "AC601", "reading a configuration needs Python 3.11 or later (or the `tomli` package)")]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+), column (\d+)", str(e))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        return Config(path), [Problem(display, line, col, "AC601", f"not valid TOML: {str(e).split(' (at')[0]}")]
    table = doc if path.name == ".agentcat.toml" else doc.get("tool", {}).get("agentcat", {})
    section = "" if path.name == ".agentcat.toml" else "tool.agentcat"
    cfg, out = Config(path), []

    def bad(key: str, message: str) -> None:
        line, col = _locate(text, section, key)
        out.append(Problem(display, line, col, "AC601", f"`{key}`: {message}"))

    if not isinstance(table, dict):
        return cfg, [Problem(display, 1, 1, "AC601", f"`{section}` must be a table")]
    for key, value in table.items():
        if key not in KEYS:
            bad(key, f"unknown key; use one of: {', '.join(KEYS)}")
        elif key == "profile":
            if value not in PROFILES:
                bad(key, f"{value!r} is not a profile; use one of: {', '.join(PROFILES)}")
            else:
                cfg.profile = value
        elif key in ("select", "ignore"):
            rules = _rule_list(value)
            if rules is None:
                bad(key, "must be a list of rule ids or prefixes such as \"AC3\" (or \"ALL\")")
            else:
                setattr(cfg, key, rules)
        elif key == "extend-exclude":
            if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
                bad(key, "must be a list of glob patterns such as \"drafts/**\"")
            else:
                cfg.extend_exclude = tuple(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                bad(key, "must be a table of glob = [rule ids]")
                continue
            for glob, rules in value.items():
                parsed = _rule_list(rules)
                if parsed is None:
                    bad(key, f"{glob!r} must map to a list of rule ids or prefixes")
                else:
                    cfg.per_file_ignores[glob] = parsed
        elif key == "severity":
            if not isinstance(value, dict):
                bad(key, "must be a table of rule id = \"error\" | \"warning\" | \"off\"")
                continue
            for rule, level in value.items():
                if rule not in RULES:
                    bad(key, f"{rule!r} is not a rule id (see `agentcat rules`)")
                elif level not in LEVELS:
                    bad(key, f"{rule} = {level!r}: use one of: {', '.join(LEVELS)}")
                else:
                    cfg.severity[rule] = level
    return cfg, out


def _rule_list(value) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
        return None
    if not all(r == "ALL" or (re.fullmatch(r"AC\d{0,3}", r) and any(k.startswith(r) for k in RULES)) for r in value):
        return None
    return tuple(value)


def _locate(text: str, section: str, key: str) -> tuple[int, int]:
    """Line and column of `key =` inside the section (or of a `[section.key]` header)."""
    current, section_line = "", 1
    for i, ln in enumerate(text.split("\n"), 1):
        head = re.match(r"\s*\[\s*([^\]]+?)\s*\]", ln)
        if head:
            current = head.group(1).replace(" ", "")
            if current == section:
                section_line = i
            if current == ".".join(filter(None, (section, key))):
                return i, ln.index("[") + 1
        elif current == section and re.match(rf'\s*"?{re.escape(key)}"?\s*=', ln):
            return i, len(ln) - len(ln.lstrip()) + 1
    return section_line, 1
