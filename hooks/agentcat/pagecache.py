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
three changes, even if its Markdown did not. The digests are kept in a manifest next to
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

from .render import Page

MANIFEST = ".manifest.json"
VERSION = 1  # raised when the layout of the folder changes: the folder is then rebuilt


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
    path = (folder / src_uri).resolve()
    if folder.resolve() not in path.parents:
        raise ValueError(f"refusing to write a generated page outside the cache folder: {src_uri!r}")
    return path


def sync(folder: Path, pages: list[Page], salt: str) -> set[str]:
    """Make `folder` hold exactly these pages; returns the src_uri of each page (re)written."""
    old = _read_manifest(folder)
    if old is None:  # first build, or a folder this version does not know: start clean
        shutil.rmtree(folder, ignore_errors=True)
        old = {}
    folder.mkdir(parents=True, exist_ok=True)
    new: dict[str, str] = {}
    written: set[str] = set()
    made: set[Path] = set()
    for page in pages:
        d = new[page.src_uri] = digest(page, salt)
        path = _safe(folder, page.src_uri)
        if old.get(page.src_uri) == d and path.is_file():
            continue  # same content: the file and its modification time stay as they are
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(page.markdown, encoding="utf-8")
        os.replace(tmp, path)  # never a half-written page, even if the build is interrupted
        written.add(page.src_uri)
    for src_uri in old.keys() - new.keys():  # pages no longer generated
        try:
            _safe(folder, src_uri).unlink()
        except (OSError, ValueError):
            pass
    # the manifest last: if the build stops before this, the next one rewrites the pages again
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"version": VERSION, "pages": new}, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)
    return written


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
