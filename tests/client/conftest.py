"""The real Claude Code, pinned in package.json, is required: never skipped."""

from __future__ import annotations

import pytest

from . import runner


def pytest_collection_modifyitems(config, items):
    if any("tests/client" in str(i.fspath) for i in items) and not runner.available():
        # one line, no traceback: the README's `make test` installs it with `npm ci`
        pytest.exit(f"agentcat: {runner.INSTALL_HINT}", returncode=1)
