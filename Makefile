# Delbar's two commands: `make run` (set up, load demo data, serve) and `make test`.
# Everything else here is what those two need. Recipes are bash; targets are idempotent.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
export DELBAR_TEST_POSTGRES_URL ?= $(POSTGRES_TEST_URL)

# Debian packages: what running needs, and what the tests need on top.
RUN_PACKAGES := libzbar0 fonts-dejavu-core
# postgresql-client: pg_dump and pg_restore for the backup tests, of Debian's PostgreSQL version.
TEST_PACKAGES := $(RUN_PACKAGES) chromium postgresql-client
# Node runs the push service emulator (npm web-push-testing) that the push tests talk to; npm also
# brings axe-core, the accessibility checker the browser tests load into each screen.
NODE_PACKAGES := nodejs npm

.PHONY: run serve setup test test-sqlite test-postgres lint check-js test-js fuzz bench bench-national demo migrate clean help vendor

help:
	@echo "make run    set up everything, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   set up everything, run all tests on SQLite and (when reachable, always under CI) PostgreSQL"
	@echo "make serve  set up, migrate and serve without demo data (DATABASE_URL picks the database)"
	@echo "make fuzz   a longer schema fuzzing run (FUZZ_EXAMPLES per operation, random seed, shrinking)"
	@echo "make bench  print the benchmark figures"
	@echo "make bench-national  the national data set on PostgreSQL, full size (long; some 15 GB of disk)"

run: setup
	$(PY) -m backend demo
	$(PY) -m backend serve --host $(HOST) --port $(PORT)

serve: setup
	$(PY) -m backend migrate
	$(PY) -m backend serve --host $(HOST) --port $(PORT)

demo migrate: setup
	$(PY) -m backend $@

setup: PACKAGES = $(RUN_PACKAGES)
setup: system-packages $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@if ! $(PYTHON) -m venv --help >/dev/null 2>&1 || ! $(PYTHON) -c 'import ensurepip' 2>/dev/null; then \
	  $(MAKE) --no-print-directory system-packages PACKAGES="python3-venv"; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

# Installs missing Debian packages when we may (root or passwordless sudo); otherwise says which.
.PHONY: system-packages
system-packages:
	@missing=""; \
	for p in $(PACKAGES); do dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else \
	    echo "Please install these Debian packages first:$$missing" >&2; exit 1; fi; \
	  echo "Installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# Debian's nodejs and npm only when the commands are missing: a NodeSource nodejs ships its own
# npm and conflicts with Debian's npm package.
.PHONY: node-packages
node-packages:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  $(MAKE) --no-print-directory system-packages PACKAGES="$(NODE_PACKAGES)"; fi

# npm ci only when node_modules is missing or package.json / the lock changed.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: PACKAGES = $(TEST_PACKAGES)
test: system-packages node-packages $(VENV)/.installed node_modules/.installed lint lint-imports check-js test-js
	@if $(PY) -c 'import asyncio, asyncpg, os; asyncio.run(asyncpg.connect(os.environ["DELBAR_TEST_POSTGRES_URL"], timeout=5))' 2>/dev/null; then \
	  $(MAKE) --no-print-directory test-both; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "CI=true but PostgreSQL is not reachable at $$DELBAR_TEST_POSTGRES_URL: the PostgreSQL suite is mandatory in CI." >&2; exit 1; \
	else \
	  $(MAKE) --no-print-directory test-sqlite; \
	  echo "PostgreSQL not reachable at $$DELBAR_TEST_POSTGRES_URL: ran the SQLite suite only."; \
	fi

# The PWA's JSDoc types, checked by TypeScript's tsc (pinned in package-lock.json; it emits
# nothing, pwa/ ships as written): the page against the DOM, the workers against worker globals.
check-js: node-packages node_modules/.installed
	node_modules/.bin/tsc -p tests/pwa/tsconfig.json
	node_modules/.bin/tsc -p tests/pwa/tsconfig.worker.json

# Unit tests of the PWA's pure modules (route tables, outbox verdicts and owners, the message
# catalogue) with Node's own runner, importing pwa/'s files as they ship; a few seconds.
test-js: node-packages
	node --test --test-reporter=dot tests/pwa/

# Both databases' suites, each line marked with its database. The in-process tests run side by
# side: much of their time is waiting (fsync, the network), so on two cores the pair takes little
# more than one. The browser tests then run one database after the other: they are bound by
# Chromium's CPU, and four browsers on two cores took longer side by side (23 minutes against 10.5
# for one alone) and left timing-sensitive tests less room. Each suite has its own databases,
# servers, ports and photo directory; a failing one does not stop the others.
.PHONY: test-both
test-both:
	@set +e; \
	( $(MAKE) --no-print-directory test-sqlite-app 2>&1 | sed -u 's/^/[sqlite] /' ) & sqlite=$$!; \
	( $(MAKE) --no-print-directory test-postgres-app 2>&1 | sed -u 's/^/[postgres] /' ) & postgres=$$!; \
	wait $$sqlite; sqlite_status=$$?; wait $$postgres; postgres_status=$$?; \
	$(MAKE) --no-print-directory test-sqlite-browser 2>&1 | sed -u 's/^/[sqlite] /'; \
	[ $$? -eq 0 ] || sqlite_status=1; \
	$(MAKE) --no-print-directory test-postgres-browser 2>&1 | sed -u 's/^/[postgres] /'; \
	[ $$? -eq 0 ] || postgres_status=1; \
	echo "== SQLite suite: $$( [ $$sqlite_status -eq 0 ] && echo passed || echo FAILED ); PostgreSQL suite: $$( [ $$postgres_status -eq 0 ] && echo passed || echo FAILED )"; \
	[ $$sqlite_status -eq 0 ] && [ $$postgres_status -eq 0 ]

# Ruff with the rule set in pyproject.toml ([tool.ruff.lint]).
.PHONY: lint
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

# The order of the contexts and of the layers inside each ([tool.importlinter] in pyproject.toml).
# PYTHONPATH: the checker reads this tree, whatever else the environment has installed.
.PHONY: lint-imports
lint-imports: $(VENV)/.installed
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

# A database's suite is two pytest runs: the tests that drive the app in this process, then the
# browser tests (Playwright's loop in a process leaves no room for another asyncio loop). Each run
# is spread over TEST_WORKERS processes, a file to a worker, each worker with its own databases,
# server and browser; most of a test's time is waiting, so more workers than cores pay.
TEST_WORKERS ?= 2
PYTEST_RUN = $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=5 $(PYTEST_ARGS)

test-sqlite: test-sqlite-app test-sqlite-browser
test-postgres: test-postgres-app test-postgres-browser

.PHONY: test-sqlite-app test-sqlite-browser test-postgres-app test-postgres-browser
test-sqlite-app:
	@echo "== tests on SQLite"
	DELBAR_TEST_DATABASE=sqlite $(PYTEST_RUN) --ignore=tests/browser tests

test-sqlite-browser:
	@echo "== browser tests on SQLite"
	DELBAR_TEST_DATABASE=sqlite $(PYTEST_RUN) tests/browser

test-postgres-app:
	@echo "== tests on PostgreSQL ($(DELBAR_TEST_POSTGRES_URL))"
	DELBAR_TEST_DATABASE=postgres $(PYTEST_RUN) --ignore=tests/browser tests

test-postgres-browser:
	@echo "== browser tests on PostgreSQL ($(DELBAR_TEST_POSTGRES_URL))"
	DELBAR_TEST_DATABASE=postgres $(PYTEST_RUN) tests/browser

# The browser suite STRESS_RUNS times in a row while `stress` keeps both cores busy: a test that
# holds only on an idle machine is waiting on time, not on the state it asserts.
STRESS_RUNS ?= 3
.PHONY: test-browser-stress
test-browser-stress: PACKAGES = $(TEST_PACKAGES) stress
test-browser-stress: system-packages $(VENV)/.installed node_modules/.installed
	@setsid stress --cpu $$(nproc) --quiet & load=$$!; trap "kill -- -$$load" EXIT; \
	for run in $$(seq $(STRESS_RUNS)); do \
	  echo "== browser suite under stress, run $$run of $(STRESS_RUNS)"; \
	  DELBAR_TEST_DATABASE=$${DELBAR_TEST_DATABASE:-sqlite} $(PYTEST_RUN) tests/browser || exit 1; \
	done

# The suite fuzzes every operation with a fixed seed and a few examples; this is the long run:
# a new random seed each time, FUZZ_EXAMPLES per operation, failures shrunk to their smallest form.
FUZZ_EXAMPLES ?= 100
fuzz: PACKAGES = $(TEST_PACKAGES)
fuzz: system-packages $(VENV)/.installed
	DELBAR_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DELBAR_TEST_DATABASE=sqlite $(PY) -m pytest -q -s tests/backend/test_openapi_fuzz.py
	@if $(PY) -c 'import asyncio, asyncpg, os; asyncio.run(asyncpg.connect(os.environ["DELBAR_TEST_POSTGRES_URL"], timeout=5))' 2>/dev/null; then \
	  DELBAR_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DELBAR_TEST_DATABASE=postgres $(PY) -m pytest -q -s tests/backend/test_openapi_fuzz.py; \
	else echo "PostgreSQL not reachable at $$DELBAR_TEST_POSTGRES_URL: fuzzed on SQLite only."; fi

bench: setup
	$(PY) bench/labels_bench.py
	$(PY) bench/scans_bench.py
	$(PY) bench/catalog_bench.py
	$(PY) bench/field_app_bench.py
	$(PY) bench/sync_recovery_bench.py
	$(PY) bench/browse_bench.py
	$(PY) bench/first_visit_bench.py
	$(PY) bench/reports_bench.py
	$(PY) bench/stocktake_bench.py
	$(PY) bench/register_import_bench.py
	$(PY) bench/report_pdf_bench.py
	$(PY) bench/bookings_bench.py
	$(PY) bench/conversations_bench.py
	$(MAKE) --no-print-directory node-packages node_modules/.installed
	$(PY) bench/push_bench.py
	$(PY) bench/mail_bench.py

# The national data set at full size, on PostgreSQL at 127.0.0.1:5432: the bench makes its own
# databases (the data set and a restored copy) and drops them when done.
bench-national: setup
	$(PY) bench/national_bench.py --size full

# Third-party browser code, pinned. The result is committed, so neither tests nor users need npm;
# run this only to change a version. jsQR's UMD bundle sets self.jsQR when loaded as a module.
JSQR_VERSION := 1.4.0
vendor:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent jsqr@$(JSQR_VERSION) >/dev/null && tar xzf jsqr-$(JSQR_VERSION).tgz); \
	mkdir -p pwa/vendor/jsqr; \
	cp "$$tmp/package/dist/jsQR.js" pwa/vendor/jsqr/jsQR.js; \
	cp "$$tmp/package/LICENSE" pwa/vendor/jsqr/LICENSE; \
	echo "jsqr $(JSQR_VERSION) (npm), dist/jsQR.js unchanged" > pwa/vendor/jsqr/VERSION; \
	echo "vendored jsqr $(JSQR_VERSION) into pwa/vendor/jsqr/"

clean:
	rm -rf $(VENV) var .pytest_cache
