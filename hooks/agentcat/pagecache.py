"""Generated pages as real files in a cache folder outside docs/, rewritten only when they change.

MkDocs' dirty rebuild (`mkdocs serve --dirty`) renders a page again only when its source
file is newer than the page it built last time. A virtual page (`File.generated`) always
counts as changed, so every rebuild was a full build. Written here instead, a page keeps
its modification time for as long as what it shows stays the same, and an edit to one
agent rebuilds only the pages whose content it changes: its own page, and its category
page and the catalog page when a row of their tables changes.

What a page shows is more than its Markdown: the HTML fragments filled in after Markdown
(its slots) and what every page shares (the navigation, the site's address, mkdocs.yml,
the theme overrides), given here as `salt`. A page is rewritten when the digest of all
three changes, even if its Markdown did not. Each page also has a key, the digest of what
it is rendered from (render.page_specs): a page whose key is unchanged and that the engine
will not build again is not even rendered. Keys and digests are kept in a manifest next to
the pages; pages no longer generated (a removed agent) are deleted.

Nothing here is kept in memory between builds: the folder and its manifest are the state,
and both are checked against the catalog on every build. This module imports nothing from
MkDocs; the hook registers the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from typing import Callable

from .render import Page, PageSpec

MANIFEST = ".manifest.json"
VERSION = 2  # raised when the layout of the folder changes: the folder is then rebuilt


def folder_for(root: Path, site_url: str) -> Path:
    """One folder per site address: `mkdocs serve` (localhost) and `mkdocs build` (the real
    address) render different install commands and do not overwrite each other's pages."""
    key = hashlib.sha256(site_url.encode()).hexdigest()[:12]
    return root / ".cache" / "agentcat" / f"pages-{key}"


def digest(page: Page, salt: str) -> str:
    h = hashlib.sha256(salt.encode())
    h.update(b"\0" + page.markdown.encode())
    for name in sorted(page.slots):
        h.update(b"\0" + name.encode() + b"\0" + page.slots[name].encode())
    return h.hexdigest()


def _read_manifest(folder: Path) -> dict[str, str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("pages"), dict):
        return None
    return data["pages"]


def _safe(folder: Path, src_uri: str) -> Path:
    """folder/src_uri, refused unless src_uri is a plain relative path (no `..`, no root)."""
    parts = src_uri.split("/")
    if src_uri.startswith("/") or "\\" in src_uri or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"refusing to write a generated page outside the cache folder: {src_uri!r}")
    return folder.joinpath(*parts)


def sync(folder: Path, specs: list[PageSpec], salt: str,
         reusable: Callable[[str, Path], bool] = lambda src_uri, path: False) -> dict[str, Page]:
    """Make `folder` hold exactly these pages; returns the pages rendered in this build.

    A page is not even rendered when its key and the salt are what the manifest says they
    were, its file is in place, and `reusable(src_uri, path)` says the engine will not
    build it again (its output exists and is not older than the file: a dirty rebuild skips
    it). Every other page is rendered, and its file rewritten only if what it shows changed.
    """
    old = _read_manifest(folder)
    if old is None:  # first build, or a folder this version does not know: start clean
        shutil.rmtree(folder, ignore_errors=True)
        old = {}
    folder.mkdir(parents=True, exist_ok=True)
    new: dict[str, dict] = {}
    rendered: dict[str, Page] = {}
    made: set[Path] = set()
    for spec in specs:
        path = _safe(folder, spec.src_uri)
        key = hashlib.sha256(f"{salt}\0{spec.key}".encode()).hexdigest()
        prev = old.get(spec.src_uri)
        if isinstance(prev, dict) and prev.get("key") == key and path.is_file() and reusable(spec.src_uri, path):
            new[spec.src_uri] = prev
            continue
        page = rendered[spec.src_uri] = spec.make()
        d = digest(page, salt)
        new[spec.src_uri] = {"key": key, "digest": d}
        if isinstance(prev, dict) and prev.get("digest") == d and path.is_file():
            continue  # same content: the file and its modification time stay as they are
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(page.markdown, encoding="utf-8")
        os.replace(tmp, path)  # never a half-written page, even if the build is interrupted
    for src_uri in old.keys() - new.keys():  # pages no longer generated
        try:
            _safe(folder, src_uri).unlink()
        except (OSError, ValueError):
            pass
    # the manifest last: if the build stops before this, the next one renders the pages again
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"version": VERSION, "pages": new}, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)
    return rendered


def salt(*parts: object) -> str:
    """What every page shares, as one digest."""
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()


def tree_snapshot(root: Path) -> list[tuple[str, int, int]]:
    """Every file under root: path, size, modification time in ns (an edit changes one of them)."""
    if not root.is_dir():
        return []
    out = []
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            st = p.stat()
            out.append((p.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns))
    return out


def merge_search_docs(previous: list[dict], current: list[dict], built: set[str], order: list[str]) -> list[dict]:
    """The search index's entries after a dirty rebuild: `current` holds the entries of the
    pages built this time (`built`, by URL), `previous` those of the last build. Each page's
    entries come from the build that last built it; pages no longer in `order` (the site's
    pages by URL, in build order) are dropped; the result is in that order, as a clean
    build writes it."""
    by_page: dict[str, list[dict]] = {}
    for d in previous:
        page = str(d.get("location", "")).split("#", 1)[0]
        if page not in built:
            by_page.setdefault(page, []).append(d)
    for d in current:
        by_page.setdefault(str(d.get("location", "")).split("#", 1)[0], []).append(d)
    return [d for url in order for d in by_page.get(url, [])]
