"""Zip bundles of agent files and their checksums, byte for byte the same on every build.

Each bundle holds `<name>.md` files at its root, so `unzip -d .claude/agents bundle.zip`
installs them. Reproducible: entries sorted by name, a fixed timestamp, fixed permissions
and a fixed "made on Unix" marker, whatever the machine and the files' own metadata.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from .catalog import Catalog, Entry

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
FILE_MODE = 0o100644  # a regular file, rw-r--r--


def bundle(entries: list[Entry]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for e in sorted(entries, key=lambda e: e.name):
            info = zipfile.ZipInfo(f"{e.name}.md", date_time=EPOCH)
            info.create_system = 3  # Unix, so that external_attr means the mode above
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, e.raw, compresslevel=9)
    return buf.getvalue()


class BundleError(ValueError):
    """The catalog cannot be bundled as laid out (a located message for the user)."""


def bundles(catalog: Catalog) -> dict[str, bytes]:
    """File name -> bytes: one zip per category and `all.zip`."""
    for c in catalog.categories:
        if c.slug == "all":
            raise BundleError(f"agents/categories.yml:{c.line}: the category slug `all` would overwrite the bundle "
                              "of the whole catalog (downloads/all.zip); choose another slug")
    out = {f"{c.slug}.zip": bundle(catalog.in_category(c.slug)) for c in catalog.categories}
    out["all.zip"] = bundle(catalog.entries)
    return out


def sha256sums(files: dict[str, bytes]) -> str:
    """`sha256sum` format: `<hex>  <name>`, sorted by name; `sha256sum -c --ignore-missing` reads it."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
