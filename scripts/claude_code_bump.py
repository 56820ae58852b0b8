"""`make claude-code-bump`: move the pinned Claude Code to the newest release, rerun the
client tests, and print which facts changed, so that a release becomes a reviewed diff.

Each client test names one fact of hooks/agentcat/spec.py; a failing test is a fact the new
release changed. When every test passes, spec.CLIENT_CHECKED becomes today's date.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "@anthropic-ai/claude-code"


def pinned() -> str:
    return json.loads((ROOT / "package.json").read_text())["devDependencies"][PACKAGE]


def main() -> int:
    before = pinned()
    latest = subprocess.run(["npm", "view", PACKAGE, "version"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    if latest != before:
        subprocess.run(["npm", "install", "--save-dev", "--save-exact", "--no-audit", "--no-fund",
                        f"{PACKAGE}@{latest}"], cwd=ROOT, check=True)
        print(f"claude-code-bump: {before} -> {latest}")
    else:
        print(f"claude-code-bump: {before} is the newest release; rerunning the client tests")
    run = subprocess.run([sys.executable, "-m", "pytest", "tests/client", "-q", "-rf", "-p", "no:cacheprovider"],
                         cwd=ROOT, capture_output=True, text=True)
    failed = sorted({m.group(1) for m in re.finditer(r"^FAILED (\S+)", run.stdout, re.M)})
    if failed:
        print(f"claude-code-bump: {len(failed)} fact(s) changed in {latest}; update spec.py (and the rules) to match:")
        for f in failed:
            print(f"  {f}")
        print(run.stdout[-3000:])
        return 1
    spec = ROOT / "hooks" / "agentcat" / "spec.py"
    today = datetime.date.today().isoformat()
    spec.write_text(re.sub(r'^CLIENT_CHECKED = "[0-9-]+"', f'CLIENT_CHECKED = "{today}"', spec.read_text(), flags=re.M))
    print(f"claude-code-bump: every fact holds in {latest}; CLIENT_CHECKED = {today}. Review and commit "
          "package.json, package-lock.json and spec.py.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
