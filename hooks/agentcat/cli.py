"""`agentcat`: check agent files anywhere; scaffold, sync and export the catalog."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import catalog, problems as P, scaffold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="agentcat", description="Check and manage Claude Code subagent files.")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check agent files or folders (default: the catalog in the current folder)")
    c.add_argument("paths", nargs="*", type=Path)
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--warnings-as-errors", action="store_true", help="exit 1 on warnings too")
    n = sub.add_parser("new", help="scaffold a new catalog agent")
    n.add_argument("name")
    n.add_argument("--category", required=True)
    n.add_argument("--root", type=Path, default=Path("."))
    sub.add_parser("rules", help="list every rule with its id and severity")
    y = sub.add_parser("sync", help="regenerate .claude-plugin/marketplace.json from the catalog")
    y.add_argument("--check", action="store_true", help="only report whether the file is up to date (exit 1 if not)")
    y.add_argument("--root", type=Path, default=Path("."))
    x = sub.add_parser("export", help="write the site's downloads (raw files, agents.json, schema, llms.txt, bundles, exports)")
    x.add_argument("--out", type=Path, required=True, help="the folder to write into (as the site's root)")
    x.add_argument("--site-url", default=os.environ.get("AGENTCAT_SITE_URL"),
                   help="the site's address, used in links and commands (default: $AGENTCAT_SITE_URL)")
    x.add_argument("--repo-url", default=os.environ.get("AGENTCAT_REPO_URL", ""), help="default: $AGENTCAT_REPO_URL")
    x.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "new":
            return scaffold.new(args.root, args.name, args.category)
        if args.command == "sync":
            return _sync(args)
        if args.command == "export":
            return _export(args)
        if args.command == "rules":
            for r in P.RULES.values():
                print(f"{r.id}  {r.severity:<7}  {r.summary}")
            return 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `agentcat check | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


def _check(args) -> int:
    # a terminal that cannot show a character gets an escape, never a traceback
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    cwd = Path.cwd()
    paths = args.paths or [cwd]
    found = catalog.check_paths([p if p.is_absolute() else cwd / p for p in paths], cwd)
    failed = any(p.is_error for p in found) or (args.warnings_as_errors and found)
    if args.format == "json":
        json.dump({"problems": [p.as_dict() for p in found],
                   "errors": sum(p.is_error for p in found),
                   "warnings": sum(not p.is_error for p in found)}, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
        print()
    else:
        for p in found:
            print(p)
        print(f"agentcat: {P.summary_line(found)}", file=sys.stderr)
    return 1 if failed else 0


def _ship_catalog(root: Path) -> catalog.Catalog | None:
    """The catalog, or None after printing its errors: nothing is generated from a broken catalog."""
    cat = catalog.load_catalog(root)
    for p in cat.errors:
        print(p, file=sys.stderr)
    if cat.errors:
        print(f"agentcat: {P.summary_line(cat.problems)}; fix them first", file=sys.stderr)
        return None
    return cat


def _sync(args) -> int:
    from . import marketplace  # here, not at the top: `agentcat check` stays quick to start
    cat = _ship_catalog(args.root)
    if cat is None:
        return 1
    try:
        changed, path = marketplace.sync(cat, check=args.check)
    except marketplace.MarketplaceError as e:
        print(f"agentcat: {e}", file=sys.stderr)
        return 1
    if args.check:
        print(f"agentcat: {path} is {'out of date: run `agentcat sync`' if changed else 'up to date'}", file=sys.stderr)
        return 1 if changed else 0
    print(f"agentcat: {'wrote' if changed else 'unchanged:'} {path}", file=sys.stderr)
    return 0


def _export(args) -> int:
    from . import dates, export, render
    if not args.site_url:
        print("agentcat: give the site's address with --site-url (or set AGENTCAT_SITE_URL)", file=sys.stderr)
        return 2
    cat = _ship_catalog(args.root)
    if cat is None:
        return 1
    site = render.Site(site_url=args.site_url.rstrip("/") + "/", repo_url=args.repo_url)
    try:
        export.write_site_files(cat, site, args.out, dates.source_date_epoch(args.root))
    except export.ERRORS as e:
        print(f"agentcat: {e}", file=sys.stderr)
        return 1
    print(f"agentcat: wrote the downloads of {len(cat.entries)} agents into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
