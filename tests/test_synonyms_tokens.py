"""agents/synonyms.yml is untrusted data (plain words, located errors), and the token estimate
is one named function that the site and the install set share."""

from __future__ import annotations

import pytest

from agentcat import catalog, render, tokens

from conftest import ROOT


def load(tmp_path, text: str):
    path = tmp_path / "synonyms.yml"
    path.write_text(text, encoding="utf-8")
    return catalog.load_synonyms(path, "agents/synonyms.yml")


def test_the_catalog_synonyms_load_clean():
    cat = catalog.load_catalog(ROOT)
    assert not [p for p in cat.problems if "synonyms" in p.path]
    assert ["terraform", "iac", "opentofu", "infrastructure as code", "pulumi", "cloudformation"] in cat.synonyms
    assert any("k8s" in g and "kubernetes" in g for g in cat.synonyms)


@pytest.mark.parametrize("text, line, needle", [
    ("terraform: iac\n", 1, "must be a YAML list of groups"),
    ("- [terraform]\n", 1, "2 to 20 words"),
    ("- [ok, fine]\n- [terraform, {a: b}]\n", 2, "must be text"),
    ("- [ok, fine]\n- [Terraform, iac]\n", 2, "must be lowercase"),
    ("- [a, '<script>']\n", 1, "must be lowercase"),
    ("- [a, \"b  c\"]\n", 1, "single spaces"),
    ("- [a, 12]\n", 1, "must be text"),
    ("- [a, &x b]\n- [*x, c]\n", 1, "AC501"),
])
def test_bad_synonyms_are_located_problems(tmp_path, text, line, needle):
    groups, problems = load(tmp_path, text)
    assert problems, text
    assert problems[0].path == "agents/synonyms.yml" and problems[0].line == line and problems[0].rule == "AC501"
    assert needle in str(problems[0])


def test_synonyms_reach_the_page_as_escaped_data():
    cat = catalog.load_catalog(ROOT)
    html = render.agent_list(cat.entries, "", cat, synonyms=True)
    assert 'data-synonyms="[[&#34;terraform&#34;' in html or "data-synonyms=\"[[&quot;terraform&quot;" in html


def test_token_estimate_is_characters_over_four_rounded_up():
    assert tokens.estimate("") == 0
    assert tokens.estimate("abcd") == 1 and tokens.estimate("abcde") == 2
    assert tokens.METHOD == "characters ÷ 4"
    e = catalog.load_catalog(ROOT).entries[0]
    fp = tokens.footprint(e)
    assert fp.description == tokens.estimate(f"- {e.name}: {e.description}")
    assert fp.body == tokens.estimate(e.agent.body.strip()) and fp.total == fp.description + fp.body
