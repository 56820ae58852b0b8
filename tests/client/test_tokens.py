"""The site's token estimate (agentcat.tokens, characters / 4) against the client's own
projection: `claude plugin details` on a plugin that holds a category's agents in its
default agents/ folder (the only layout for which `details` counts agents)."""

from __future__ import annotations

import json
import re
import shutil

from agentcat import catalog, tokens

from conftest import ROOT
from . import probe
from .test_plugins import cli

CATALOG = catalog.load_catalog(ROOT)


def test_estimates_are_within_ten_percent_of_the_clients(tmp_path, capsys):
    market = tmp_path / "market"
    (market / ".claude-plugin").mkdir(parents=True)
    totals = {}
    plugins = []
    for c in CATALOG.categories:
        folder = market / c.slug / "agents"
        folder.mkdir(parents=True)
        for e in CATALOG.in_category(c.slug):
            shutil.copy(ROOT / e.rel_path, folder / e.file_name)
        plugins.append({"name": c.slug, "source": f"./{c.slug}", "strict": False, "description": c.title})
    (market / ".claude-plugin" / "marketplace.json").write_text(json.dumps(
        {"name": "token-probe", "owner": {"name": "tests"}, "plugins": plugins}))
    home = probe.prepare_home(tmp_path / "home")
    assert cli(home, "plugin", "marketplace", "add", str(market)).returncode == 0
    ours_on = theirs_on = ours_body = theirs_body = 0
    for c in CATALOG.categories:
        assert cli(home, "plugin", "install", f"{c.slug}@token-probe").returncode == 0
        out = cli(home, "plugin", "details", f"{c.slug}@token-probe").stdout
        always = int(re.search(r"Always-on:\s+~([\d,]+) tok", out).group(1).replace(",", ""))
        entries = CATALOG.in_category(c.slug)
        ours = sum(tokens.footprint(e).description for e in entries)
        totals[c.slug] = (ours, always)
        ours_on, theirs_on = ours_on + ours, theirs_on + always
        for e in entries:  # per agent: `name  ~80  ~2.1k`
            m = re.search(rf"^\s+{re.escape(e.name)}\s+~[\d.]+k?\s+~([\d.]+)(k?)$", out, re.M)
            theirs_body += float(m.group(1)) * (1000 if m.group(2) else 1)
            ours_body += tokens.footprint(e).body
    with capsys.disabled():
        print(f"\ntokens: always-on, ours {ours_on:,} vs the client's {theirs_on:,} ({ours_on / theirs_on - 1:+.1%}); "
              f"on invoke, ours {ours_body:,} vs {theirs_body:,.0f} ({ours_body / theirs_body - 1:+.1%})")
    for slug, (ours, always) in totals.items():
        assert abs(ours - always) <= 0.10 * always, (slug, ours, always)
    assert abs(ours_body - theirs_body) <= 0.10 * theirs_body
