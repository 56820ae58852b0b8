"""Zip bundles of agent files and their checksums, byte for byte the same on every build.

Each bundle holds `<name>.md` files at its root, so `unzip -d .claude/agents bundle.zip`
installs them. Reproducible: entries sorted by name, the build's SOURCE_DATE_EPOCH as every
entry's time (agentcat.dates; 1980-01-01 when none is given), fixed permissions and a fixed
"made on Unix" marker, whatever the machine, the clock and the files' own metadata.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from .catalog import Catalog, Entry

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
FILE_MODE = 0o100644  # a regular file, rw-r--r--


def bundle(entries: list[Entry], date_time: tuple = EPOCH) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for e in sorted(entries, key=lambda e: e.name):
            info = zipfile.ZipInfo(f"{e.name}.md", date_time=date_time)
            info.create_system = 3  # Unix, so that external_attr means the mode above
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, e.raw, compresslevel=9)
    return buf.getvalue()


class BundleError(ValueError):
    """The catalog cannot be bundled as laid out (a located message for the user)."""


def bundles(catalog: Catalog, date_time: tuple = EPOCH) -> dict[str, bytes]:
    """File name -> bytes: one zip per category and `all.zip`, every entry dated `date_time`."""
    for c in catalog.categories:
        if c.slug == "all":
            raise BundleError(f"agents/categories.yml:{c.line}: the category slug `all` would overwrite the bundle "
                              "of the whole catalog (downloads/all.zip); choose another slug")
    out = {f"{c.slug}.zip": bundle(catalog.in_category(c.slug), date_time) for c in catalog.categories}
    out["all.zip"] = bundle(catalog.entries, date_time)
    return out


def sha256sums(files: dict[str, bytes]) -> str:
    """`sha256sum` format: `<hex>  <name>`, sorted by name; `sha256sum -c --ignore-missing` reads it."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
