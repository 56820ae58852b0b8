"""The install and uninstall commands an agent page offers, built from the site's addresses.

All of them deliver the same bytes as `agents/<category>/<name>.md`. The verified command
downloads to a temporary file, checks its SHA-256 against the value the page was built with,
and only then moves it into place: a file that does not match is deleted, nothing installed.
It is POSIX sh (bash, zsh, dash); macOS without `sha256sum` has `shasum -a 256`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import formats, marketplace
from .catalog import Entry

USER_DIR = "~/.claude/agents"
PROJECT_DIR = ".claude/agents"


def plain(url: str, folder: str, name: str) -> str:
    return f"mkdir -p {folder} && curl -fsSL {url} -o {folder}/{name}.md"


def verified(url: str, sha256: str, folder: str, name: str) -> str:
    return (f'f=$(mktemp) &&\n'
            f'curl -fsSL {url} -o "$f" &&\n'
            f'echo "{sha256}  $f" | sha256sum -c - >/dev/null &&\n'
            f'mkdir -p {folder} && mv "$f" {folder}/{name}.md ||\n'
            f'{{ rm -f "$f"; echo "{name}.md not installed: the download failed or its SHA-256 does not match" >&2; false; }}')


def uninstall(folder: str, name: str) -> str:
    return f"rm {folder}/{name}.md"


@dataclass
class Install:
    """What agent.md.j2 shows in its Install and Other tools sections."""
    user: str
    project: str
    verified_user: str
    verified_project: str
    uninstall_user: str
    uninstall_project: str
    plugin: dict[str, str]
    exports: list[formats.Export]


def for_entry(entry: Entry, site) -> Install:
    """`site` is render.Site (its raw_url and repo_url); not imported here, render imports this module."""
    url = site.raw_url(entry)
    return Install(
        user=plain(url, USER_DIR, entry.name),
        project=plain(url, PROJECT_DIR, entry.name),
        verified_user=verified(url, entry.sha256, USER_DIR, entry.name),
        verified_project=verified(url, entry.sha256, PROJECT_DIR, entry.name),
        uninstall_user=uninstall(USER_DIR, entry.name),
        uninstall_project=uninstall(PROJECT_DIR, entry.name),
        plugin=marketplace.plugin_commands(entry, site.repo_url),
        exports=formats.exports(entry),
    )
