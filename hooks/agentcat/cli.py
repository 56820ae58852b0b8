"""`agentcat`: check agent files anywhere; scaffold, sync and export the catalog."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__, catalog, check, output, problems as P, scaffold


class _Parser(argparse.ArgumentParser):
    """An unknown option prints that command's usage and exits 2 (argparse's own behaviour
    for the top level; subcommands inherit this class so they do the same)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="agentcat", description="Check and manage Claude Code subagent files.")
    parser.add_argument("--version", action="version", version=f"agentcat {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    c = sub.add_parser("check", help="check agent files or folders (default: the current folder)",
                       description="Check Claude Code agent files: one line per problem, `path:line:col: RULE-ID message`. "
                                   "Exit status: 0 clean (warnings allowed), 1 errors (or warnings with --warnings-as-errors), "
                                   "2 bad usage, bad configuration or no agent file found.")
    c.add_argument("paths", nargs="*", type=Path, help="files or folders to check (default: the current folder); "
                   "a folder holding agents/categories.yml is checked as a catalog")
    c.add_argument("--profile", choices=P.PROFILES, help="claude-code: errors only where Claude Code itself goes wrong "
                   "(the default outside a catalog); catalog: this catalog's policy (the default where agents/categories.yml exists)")
    c.add_argument("--format", choices=output.FORMATS, default="text", help="text (default), json, github (workflow "
                   "annotations) or sarif (SARIF 2.1.0 for code scanning)")
    c.add_argument("--config", type=Path, help="a configuration file (default: the nearest .agentcat.toml, or "
                   "pyproject.toml with [tool.agentcat], in this folder or above)")
    c.add_argument("--warnings-as-errors", action="store_true", help="exit 1 on warnings too")
    n = sub.add_parser("new", help="scaffold a new catalog agent")
    n.add_argument("name")
    n.add_argument("--category", required=True)
    n.add_argument("--root", type=Path, default=Path("."), help="the catalog: the folder that holds agents/categories.yml")
    r = sub.add_parser("rules", help="list every rule with its id and its severity in each profile")
    r.add_argument("--format", choices=("text", "json"), default="text")
    y = sub.add_parser("sync", help="regenerate .claude-plugin/marketplace.json from the catalog")
    y.add_argument("--check", action="store_true", help="only report whether the file is up to date (exit 1 if not)")
    y.add_argument("--root", type=Path, default=Path("."))
    x = sub.add_parser("export", help="write the site's downloads (raw files, agents.json, schema, llms.txt, bundles, exports)")
    x.add_argument("--out", type=Path, required=True, help="the folder to write into (as the site's root)")
    x.add_argument("--site-url", default=os.environ.get("AGENTCAT_SITE_URL"),
                   help="the site's address, used in links and commands (default: $AGENTCAT_SITE_URL)")
    x.add_argument("--repo-url", default=os.environ.get("AGENTCAT_REPO_URL", ""), help="default: $AGENTCAT_REPO_URL")
    x.add_argument("--root", type=Path, default=Path("."))
    args, extra = parser.parse_known_args(argv)
    if extra:  # an unknown option: that command's usage, not the top level's
        sub.choices[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "new":
            if not (args.root / "agents" / "categories.yml").is_file():
                print(f"agentcat: `new` scaffolds an agent of a catalog, and {args.root} has no agents/categories.yml; "
                      "run it in a catalog's root or give --root", file=sys.stderr)
                return 2
            return scaffold.new(args.root, args.name, args.category)
        if args.command == "sync":
            return _sync(args)
        if args.command == "export":
            return _export(args)
        if args.command == "rules":
            return _rules(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `agentcat check | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


def _rules(args) -> int:
    if args.format == "json":
        json.dump([{"id": r.id, "group": r.group, "catalog": r.severity, "claude-code": r.claude_code,
                    "claim": r.claim, "why": r.why, "summary": r.summary} for r in P.RULES.values()], sys.stdout, indent=2)
        print()
        return 0
    print(f"{'rule':<6} {'catalog':<8} {'claude-code':<12} summary")
    for r in P.RULES.values():
        print(f"{r.id:<6} {r.severity:<8} {r.claude_code:<12} {r.summary}")
    return 0


def _check(args) -> int:
    # a terminal that cannot show a character gets an escape, never a traceback
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    cwd = Path.cwd()
    paths = [p if p.is_absolute() else cwd / p for p in (args.paths or [cwd])]
    if args.config is not None and not args.config.is_file():
        print(f"agentcat: --config {args.config}: no such file", file=sys.stderr)
        return 2
    report = check.run(paths, cwd, profile=args.profile, config_path=args.config)
    sys.stdout.write(output.RENDER[args.format](report))
    print(output.summary(report), file=sys.stderr)
    if any(p.rule == "AC601" for p in report.problems):
        return 2
    if report.files == 0 and not report.problems:
        where = ", ".join(str(p) for p in args.paths) or "the current folder"
        print(f"agentcat: no agent file found in {where} (agents are `.md` files with a frontmatter that has `name`)", file=sys.stderr)
        return 2
    failed = any(p.is_error for p in report.problems) or (args.warnings_as_errors and report.problems)
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
