"""`agentcat`: check agent files anywhere; scaffold, sync and export the catalog."""

from __future__ import annotations

import argparse
import json
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
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "new":
            return scaffold.new(args.root, args.name, args.category)
        if args.command == "rules":
            for r in P.RULES.values():
                print(f"{r.id}  {r.severity:<7}  {r.summary}")
            return 0
    except KeyboardInterrupt:
        return 130
    return 2


def _check(args) -> int:
    cwd = Path.cwd()
    paths = args.paths or [cwd]
    found = catalog.check_paths([p if p.is_absolute() else cwd / p for p in paths], cwd)
    failed = any(p.is_error for p in found) or (args.warnings_as_errors and found)
    if args.format == "json":
        json.dump({"problems": [p.as_dict() for p in found],
                   "errors": sum(p.is_error for p in found),
                   "warnings": sum(not p.is_error for p in found)}, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for p in found:
            print(p)
        print(f"agentcat: {P.summary_line(found)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
