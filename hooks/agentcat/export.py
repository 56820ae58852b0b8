"""Files written next to the pages: raw agent files and agents.json."""

from __future__ import annotations

import json
from pathlib import Path

from .catalog import Catalog
from .render import Site

AGENTS_JSON_VERSION = 1


def agents_json(catalog: Catalog, site: Site) -> str:
    data = {
        "version": AGENTS_JSON_VERSION,
        "count": len(catalog.entries),
        "agents": [
            {
                "name": e.name,
                "description": e.description,
                "category": e.category.slug,
                "tools": e.tools,
                "model": e.model,
                "capabilities": [k for k, on in e.capabilities().items() if on],
                "page_url": site.page_url(e),
                "raw_url": site.raw_url(e),
                "source_path": e.rel_path,
                "sha256": e.sha256,
                "size": len(e.raw),
                "review_notes": [p.as_dict() for p in e.notes],
            }
            for e in catalog.entries
        ],
    }
    # allow_nan=False: YAML's .nan would otherwise become invalid JSON
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_site_files(catalog: Catalog, site: Site, site_dir: Path) -> None:
    raw = site_dir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for e in catalog.entries:
        (raw / f"{e.name}.md").write_bytes(e.raw)
    (site_dir / "agents.json").write_text(agents_json(catalog, site), encoding="utf-8")
