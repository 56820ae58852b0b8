"""`agentcat check`: files, folders or catalogs, under a profile and a configuration.

The rules run once, with the catalog's severities; the profile then sets each problem's
level (or drops it), the configuration selects and overrides, and inline suppressions
silence what a file explains. A Markdown file that is not meant as an agent (no
frontmatter, or one without `name`, `description` or `tools`) is documentation to the
client: in the claude-code profile it is counted as skipped, not reported.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import catalog, config as cfg, load, rules, suppress
from .problems import CATALOG, CLAUDE_CODE, OFF, RULES, Problem


@dataclass
class Report:
    problems: list[Problem]
    profile: str
    files: int = 0  # agent files checked
    documentation: list[str] = field(default_factory=list)  # .md files skipped as not agents
    config: Path | None = None


def is_catalog_root(path: Path) -> bool:
    return os.path.isfile(path / "agents" / "categories.yml")


def choose_profile(paths: list[Path], cwd: Path, explicit: str | None, conf: cfg.Config) -> str:
    if explicit:
        return explicit
    if conf.profile:
        return conf.profile
    # a path inside a catalog (itself or a folder above it holds agents/categories.yml)
    inside = any(is_catalog_root(folder) for p in paths for folder in (p, *p.parents))
    return CATALOG if inside else CLAUDE_CODE


_MEANT = re.compile(r"^(name|description|tools)[ \t]*:", re.M)


def is_documentation(agent: load.Agent | None, problems: list[Problem]) -> bool:
    """No frontmatter, or a frontmatter without `name`, and nothing in it that an agent has."""
    if agent is None:
        return False
    codes = {p.rule for p in problems}
    if "AC005" in codes:
        return not _MEANT.search(agent.text[:4096])  # `---` not at byte 0, but an agent's keys below
    if "AC201" in codes or (agent.frontmatter_ok and "name" not in agent.fields):
        return not ({"description", "tools"} & set(agent.fields))
    return False


def run(paths: list[Path], cwd: Path, *, profile: str | None = None, config_path: Path | None = None,
        discover: bool = True) -> Report:
    """`discover`: look for a configuration in `cwd` and above when none is given."""
    conf_file = config_path or (cfg.find(cwd) if discover else None)
    conf, problems = cfg.load(conf_file, catalog.rel(conf_file, cwd) if conf_file else "")
    chosen = choose_profile(paths, cwd, profile, conf)
    report = Report([], chosen, config=conf_file)
    loaded: list[load.Agent] = []
    texts: dict[str, str] = {}
    for path in paths:
        if is_catalog_root(path) or (path.name == "agents" and os.path.isfile(path / "categories.yml")):
            root = path if is_catalog_root(path) else path.parent
            cat = catalog.load_catalog(root, cwd)
            problems += cat.problems
            report.files += len(list((root / "agents").glob("*/*.md")))
            continue
        files, failed = catalog.agent_files(path)
        problems += [Problem(catalog.rel(Path(f), cwd), 1, 1, "AC002", why) for f, why in failed]
        for f in files:
            display = catalog.rel(f, cwd)
            if conf.excluded(catalog.rel(f, conf.base)):
                continue
            agent, found = load.read_file(f, display)
            if agent is not None:
                found += rules.check(agent)
            if chosen == CLAUDE_CODE and is_documentation(agent, found):
                report.documentation.append(display)
                continue
            report.files += 1
            if agent is not None:
                loaded.append(agent)
                texts[display] = agent.text
            problems += found
    problems += catalog.duplicate_names(loaded)
    problems = suppress.apply(problems, texts, chosen)
    report.problems = sorted(_levels(problems, chosen, conf, cwd), key=lambda p: (p.path, p.line, p.col, p.rule))
    return report


def _levels(problems: list[Problem], profile: str, conf: cfg.Config, cwd: Path) -> list[Problem]:
    out = []
    for p in problems:
        if p.rule != "AC601" and not conf.selected(p.rule, catalog.rel(cwd / p.path, conf.base)):
            continue
        level = conf.severity.get(p.rule) or RULES[p.rule].severity_in(profile)
        if level != OFF:
            out.append(replace(p, level=level))
    return out
