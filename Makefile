# Two commands for a newcomer: `make serve` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The pinned Claude Code that the client tests run (package.json, package-lock.json)
NODE_STAMP := node_modules/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check sync bench bench-browser claude-code-bump clean

$(STAMP): pyproject.toml requirements-lock.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "agentcat: npm is missing; install Node.js with npm (the client tests run the pinned Claude Code), then run make test again" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

serve: $(STAMP)  ## the site at http://localhost:8000, rebuilt on every change
	AGENTCAT_SITE_URL=http://localhost:8000/ $(BIN)/mkdocs serve --dev-addr localhost:8000

build: $(STAMP)  ## a strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP) $(NODE_STAMP)  ## the whole test suite: the real Claude Code always, browser tests when Chromium is present
	$(BIN)/python -m pytest

check: $(STAMP)  ## the linter alone, on the catalog
	$(BIN)/agentcat check --warnings-as-errors

sync: $(STAMP)  ## regenerate .claude-plugin/marketplace.json after adding or renaming an agent
	$(BIN)/agentcat sync

bench: $(STAMP)  ## build-time and linter benchmarks (not tests)
	$(BIN)/python benchmarks/bench.py

bench-browser: $(STAMP)  ## the catalog filter on 3,000 agents in headless Chromium (not a test)
	$(BIN)/python benchmarks/browser_bench.py

claude-code-bump: $(STAMP) $(NODE_STAMP)  ## pin the newest Claude Code, rerun the client tests, list the facts that changed
	$(BIN)/python scripts/claude_code_bump.py

clean:
	rm -rf site .pytest_cache test-artifacts
