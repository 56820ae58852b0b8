"""Supply chain: Python dependencies install from a hash-locked file with --require-hashes,
and the CI container image is pinned by digest."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT


def requirements() -> dict[str, list[str]]:
    text = (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").replace("\\\n", " ")
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pin, *hashes = line.split()
            out[pin] = [h.removeprefix("--hash=") for h in hashes]
    return out


def test_every_requirement_is_pinned_and_hashed():
    reqs = requirements()
    assert len(reqs) >= 40
    for pin, hashes in reqs.items():
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.+-]+", pin), pin
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), pin
    # the project's own direct dependencies are in the lock at the versions pyproject pins
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for pin in re.findall(r'"([A-Za-z0-9_.-]+==[^"]+)"', pyproject):
        name, version = pin.split("==")
        assert any(p.lower().replace("_", "-") == f"{name.lower().replace('_', '-')}=={version}" for p in reqs), pin


def test_installs_require_the_hashes():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [ln for ln in make.splitlines() if "pip install" in ln and "requirements-lock.txt" in ln]
    assert installs and all("--require-hashes" in ln for ln in installs)
    pages = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert all("--require-hashes" in ln for ln in pages.splitlines() if "pip install" in ln and "requirements-lock" in ln)


def test_the_ci_container_is_pinned_by_digest():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    for job in ci["jobs"].values():
        image = job.get("container")
        image = image["image"] if isinstance(image, dict) else image
        if image:
            assert re.fullmatch(r"[a-z0-9./-]+(:[\w.-]+)?@sha256:[0-9a-f]{64}", image), image
