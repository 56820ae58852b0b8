"""The one date a build uses: SOURCE_DATE_EPOCH (reproducible-builds.org).

Everything dated in the site (the sitemap's `lastmod`, the gzip header of sitemap.xml.gz,
the entries of the zip bundles) comes from this one number, so two builds of the same
commit on different days, machines or time zones produce the same bytes.

- `SOURCE_DATE_EPOCH` set by the caller wins (a packager, CI);
- else the last commit's time (`git log -1 --format=%ct`) of the repository the site is in;
- else, outside git (a release tarball), the newest modification time of the files the
  build reads (mkdocs.yml, agents/, docs/, hooks/, overrides/): archives keep those, and a
  GitHub archive sets them to the commit's time.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ZIP_MIN = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can carry
_SOURCES = ("mkdocs.yml", "agents", "docs", "hooks", "overrides")


def from_env(environ=os.environ) -> int | None:
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def from_git(root: Path) -> int | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                              text=True, timeout=30, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return int(out) if done.returncode == 0 and out.isdigit() else None


def from_files(root: Path) -> int:
    newest = 0.0
    for name in _SOURCES:
        top = root / name
        paths = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for p in paths:
            try:
                newest = max(newest, p.stat().st_mtime)
            except OSError:
                pass
    return int(newest) or ZIP_MIN


def source_date_epoch(root: Path, environ=os.environ) -> int:
    """The build's date in seconds since 1970 (UTC), by the rules above."""
    for value in (from_env(environ), from_git(root)):
        if value is not None:
            return value
    return from_files(root)


def zip_date_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """A zip entry's date: the epoch in UTC, not before 1980, even seconds (the format's resolution)."""
    t = time.gmtime(max(epoch, ZIP_MIN))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)
