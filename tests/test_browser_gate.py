"""Without Chromium the browser tests say why they skip, and in CI (AGENTCAT_REQUIRE_BROWSER=1)
they fail instead. Runs pytest on tests/browser/ with a Chromium path that does not exist."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

HOW = "install it with `apt-get install chromium`"


def run_browser_tests(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests/browser/test_csp_in_browser.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "AGENTCAT_CHROMIUM": "/nonexistent/chromium", **env})


def test_missing_chromium_skips_with_the_reason_in_the_summary():
    env = {"AGENTCAT_REQUIRE_BROWSER": ""}
    result = run_browser_tests(**env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " skipped" in result.stdout and " passed" not in result.stdout
    assert "SKIPPED [1] tests/browser/test_csp_in_browser.py" in result.stdout  # -ra: a line per test
    assert "browser tests skipped: Chromium not found" in result.stdout and HOW in result.stdout


def test_missing_chromium_fails_when_ci_requires_the_browser():
    result = run_browser_tests(AGENTCAT_REQUIRE_BROWSER="1")
    assert result.returncode == 1
    assert " skipped" not in result.stdout and " error" in result.stdout
    assert "AGENTCAT_REQUIRE_BROWSER=1 (CI) requires them" in result.stdout and HOW in result.stdout
