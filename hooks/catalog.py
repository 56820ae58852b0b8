"""MkDocs hook: wires the agentcat engine into a build. No logic of its own.

Each build (and each `mkdocs serve` rebuild, which reloads the config) loads and checks the
catalog afresh (a file unchanged since the last load is not parsed again); errors abort the
build with every problem listed, warnings are logged (so `--strict` fails on them). Generated pages are real files in a cache folder outside
docs/ (agentcat.pagecache), rewritten only when they change, so that `mkdocs serve
--dirty` renders only what an edit changed; raw files and JSON go to site_dir.

Engine-neutral: it runs under MkDocs 1.6 and under ProperDocs 1.6 (a fork that answers to
both names). The few classes it needs are taken from the package of the config object it
is handed, never imported by name, so it uses whichever engine imported it.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the engine, also when not pip-installed

from agentcat import catalog as engine, csp, dates, export, pagecache, render  # noqa: E402
from agentcat.problems import summary_line  # noqa: E402

# SOURCE_DATE_EPOCH as the caller set it (None: not set), read once when the hook is first
# imported, before on_config below sets the default for the build. Every build computes the
# default afresh (a new commit during `mkdocs serve` moves it); a caller's value always wins.
_CALLER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")

class _DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation and links may be inaccurate, and
    strict mode (mkdocs.yml sets it) turns that warning into a failed build. This hook keeps
    a dirty rebuild accurate for the pages it generates (see on_files): the notice becomes
    an INFO line, still shown; any other warning still fails the build."""

    TEXT = "A 'dirty' build is being performed"

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith(self.TEXT):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def on_startup(*, command: str, dirty: bool) -> None:
    """Once per process (MkDocs and ProperDocs call it before the first build)."""
    if dirty:
        for name in ("mkdocs.commands.build", "properdocs.commands.build"):
            logger = logging.getLogger(name)
            if not any(isinstance(f, _DirtyNotice) for f in logger.filters):
                logger.addFilter(_DirtyNotice())


class _Engine:
    """MkDocs or ProperDocs, whichever package the running build's config comes from."""

    def __init__(self, config) -> None:
        self.name = type(config).__module__.split(".")[0]  # "mkdocs" or "properdocs"
        self.File = importlib.import_module(f"{self.name}.structure.files").File
        self.PluginError = importlib.import_module(f"{self.name}.exceptions").PluginError
        self.relative_url = importlib.import_module(f"{self.name}.utils").get_relative_url
        self.log = logging.getLogger(f"{self.name}.plugins.agentcat")


class _Build:
    """Everything one build needs; replaced (never mutated across builds) in on_config."""

    def __init__(self, config) -> None:
        self.engine = _Engine(config)
        self.root = Path(config.config_file_path).parent
        self.catalog = engine.load_catalog_shared(self.root)
        self.site = render.Site(site_url=(config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
                                repo_url=config.repo_url or "")
        environ = {} if _CALLER_EPOCH is None else {"SOURCE_DATE_EPOCH": _CALLER_EPOCH}
        self.epoch = dates.source_date_epoch(self.root, environ)
        self.slots: dict[str, dict[str, str]] = {}
        self.cache = pagecache.folder_for(self.root, self.site.site_url)
        self.built: set[str] = set()  # URLs of the pages built in this build
        self.order: list[str] = []  # URLs of every page, in build order


_build: _Build | None = None


def _restore_epoch() -> None:
    """The process environment as the caller had it (a build run in-process leaves no trace)."""
    if _CALLER_EPOCH is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = _CALLER_EPOCH


def on_config(config):
    global _build
    _build = _Build(config)
    # MkDocs dates the sitemap's lastmod and sitemap.xml.gz by SOURCE_DATE_EPOCH, else by
    # today: set for the length of the build (pages, sitemap), restored in on_post_build
    os.environ["SOURCE_DATE_EPOCH"] = str(_build.epoch)
    cat = _build.catalog
    root = Path(config.config_file_path).parent
    folders = tuple(dict.fromkeys(_rel_folder(root, d) for d in (config.docs_dir, config.theme.custom_dir, root / "agents") if d))
    links = engine.published_links(root, folders)
    if links:
        raise _build.engine.PluginError("agentcat: symbolic links in what the site publishes (a link publishes its target):\n"
                          + "\n".join(f"  {p}" for p in links) + "\ncommit the files themselves")
    if cat.errors:
        listing = "\n".join(f"  {p}" for p in cat.problems)
        raise _build.engine.PluginError(f"agentcat: the catalog has problems ({summary_line(cat.problems)}):\n{listing}")
    for p in cat.warnings:
        _build.engine.log.warning(str(p))
    # Material's search keeps the last index across `mkdocs serve --dirty` rebuilds and
    # merges it on the assumption that one page was rebuilt; several are (a category, the
    # catalog, the hand-written pages), so on_post_build merges it instead, page by page.
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
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


def _salt(config) -> str:
    """What every page shows besides its own content: a change here rebuilds every page."""
    assert _build is not None
    root = _build.root
    return pagecache.salt(_build.site, config.nav, (root / "mkdocs.yml").read_bytes() if (root / "mkdocs.yml").is_file() else b"",
                          pagecache.tree_snapshot(root / "overrides"), render.__file__)


def on_files(files, *, config):
    assert _build is not None
    # Hand-written pages show the catalog through macros (counts, tables): under a dirty
    # rebuild they are rebuilt every time (a handful of pages), by removing their last output.
    for f in files.documentation_pages():
        dest = Path(f.abs_dest_path)
        if dest.is_file():
            dest.unlink()
    File = _build.engine.File
    specs = render.page_specs(_build.catalog, _build.site)
    generated = {s.src_uri: File(s.src_uri, str(_build.cache), config.site_dir, config.use_directory_urls) for s in specs}

    def reusable(src_uri: str, path: Path) -> bool:
        """What a dirty rebuild skips: an output that exists and is not older than its source."""
        dest = Path(generated[src_uri].abs_dest_path)
        return dest.is_file() and dest.stat().st_mtime >= path.stat().st_mtime

    rendered = pagecache.sync(_build.cache, specs, _salt(config), reusable)
    for src_uri, file in generated.items():
        files.append(file)
        if src_uri in rendered:
            _build.slots[src_uri] = rendered[src_uri].slots
    # as page.url gives them (the home page is "", not "./")
    _build.order = ["" if f.url in (".", "./") else f.url for f in files.documentation_pages()]
    return files


def on_env(env, *, config, files):
    """Compiled theme templates kept on disk: every `mkdocs serve` rebuild creates the theme's
    Jinja environment anew and would compile Material's templates again (about half a
    second). Jinja's cache is keyed by each template's name and the checksum of its source."""
    assert _build is not None
    import jinja2  # a dependency of both engines
    if env.bytecode_cache is None:
        folder = _build.root / ".cache" / "agentcat" / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def on_page_content(html: str, *, page, config, files) -> str:
    assert _build is not None
    _build.built.add(page.url)
    slots = _build.slots.pop(page.file.src_uri, None)  # freed once used
    if slots:
        html = render.fill_slots(html, slots)
    elif render.SLOT_MARKER in html:  # a page built without being rendered this time: never publish it
        raise _build.engine.PluginError(f"agentcat: {page.file.src_uri} was built without its fragments")
    return html


def _policy(output: str, where: str) -> str:
    assert _build is not None
    try:
        return csp.add_policy(output)
    except csp.UnknownScript as e:  # never hashed into the policy: the build stops here
        raise _build.engine.PluginError(f"agentcat: {where}: {e}") from None


def on_post_page(output: str, *, page, config) -> str:
    return _policy(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config) -> str:
    """Theme pages that are not Markdown pages (404.html) get the policy too."""
    return _policy(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(*, config) -> None:
    """Raw files, agents.json, the schema, llms.txt, bundles with SHA256SUMS, other tools' formats."""
    assert _build is not None
    _restore_epoch()
    _merge_search_index(Path(config.site_dir))
    try:
        export.write_site_files(_build.catalog, _build.site, Path(config.site_dir), _build.epoch,
                                state=_build.cache / ".exports.json")
    except export.ERRORS as e:  # located messages (a category that clashes), not tracebacks
        raise _build.engine.PluginError(f"agentcat: {e}") from None


def _merge_search_index(site_dir: Path) -> None:
    """After a dirty rebuild the search index holds only the pages built this time: add the
    entries of the others from the last build's index (kept in the cache folder)."""
    assert _build is not None
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    state = _build.cache / ".search.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    where = str(site_dir.resolve())
    if len(_build.built) < len(_build.order):  # some pages were skipped
        try:
            kept = json.loads(state.read_text(encoding="utf-8"))
            previous = kept["docs"] if kept.get("site_dir") == where else []
        except (OSError, ValueError, KeyError, AttributeError):
            previous = []
        data["docs"] = pagecache.merge_search_docs(previous, data["docs"], _build.built, _build.order)
        path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")  # as Material writes it
    tmp = state.with_name(state.name + ".tmp")
    tmp.write_text(json.dumps({"site_dir": where, "docs": data["docs"]}, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, state)


def on_build_error(*, error) -> None:
    _restore_epoch()
