"""MkDocs hook: wires the agentcat engine into a build. No logic of its own.

Each build (and each `mkdocs serve` rebuild, which reloads the config) loads and checks the
whole catalog afresh; errors abort the build with every problem listed, warnings are logged
(so `--strict` fails on them). Pages are virtual files; raw files and JSON go to site_dir.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent))  # the engine, also when not pip-installed

from agentcat import catalog as engine, csp, export, render  # noqa: E402
from agentcat.problems import summary_line  # noqa: E402

log = logging.getLogger("mkdocs.plugins.agentcat")


class _Build:
    """Everything one build needs; replaced (never mutated across builds) in on_config."""

    def __init__(self, config: MkDocsConfig):
        root = Path(config.config_file_path).parent
        self.catalog = engine.load_catalog_shared(root)
        self.site = render.Site(site_url=(config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
                                repo_url=config.repo_url or "")
        self.slots: dict[str, dict[str, str]] = {}


_build: _Build | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = _Build(config)
    cat = _build.catalog
    root = Path(config.config_file_path).parent
    folders = tuple(dict.fromkeys(_rel_folder(root, d) for d in (config.docs_dir, config.theme.custom_dir, root / "agents") if d))
    links = engine.published_links(root, folders)
    if links:
        raise PluginError("agentcat: symbolic links in what the site publishes (a link publishes its target):\n"
                          + "\n".join(f"  {p}" for p in links) + "\ncommit the files themselves")
    if cat.errors:
        listing = "\n".join(f"  {p}" for p in cat.problems)
        raise PluginError(f"agentcat: the catalog has problems ({summary_line(cat.problems)}):\n{listing}")
    for p in cat.warnings:
        log.warning(str(p))
    config.nav = [
        {"Catalog": render.nav_section(cat)} if item == {"Catalog": "agents/index.md"} else item
        for item in (config.nav or [])
    ]
    return config


def _rel_folder(root: Path, folder) -> str:
    path = Path(folder)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()  # outside the project: walked where it is


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _build is not None
    for page in render.pages(_build.catalog, _build.site):
        files.append(File.generated(config, page.src_uri, content=page.markdown))
        _build.slots[page.src_uri] = page.slots
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    slots = _build.slots.pop(page.file.src_uri, None) if _build else None  # freed once used
    return render.fill_slots(html, slots) if slots else html


def _policy(output: str, where: str) -> str:
    try:
        return csp.add_policy(output)
    except csp.UnknownScript as e:  # never hashed into the policy: the build stops here
        raise PluginError(f"agentcat: {where}: {e}") from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _policy(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Theme pages that are not Markdown pages (404.html) get the policy too."""
    return _policy(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    """Raw files, agents.json, the schema, llms.txt, bundles with SHA256SUMS, other tools' formats."""
    assert _build is not None
    try:
        export.write_site_files(_build.catalog, _build.site, Path(config.site_dir))
    except export.ERRORS as e:  # located messages (a category that clashes), not tracebacks
        raise PluginError(f"agentcat: {e}") from None
