# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-requirements
# npm ci rewrites this file, so it stamps node_modules against package-lock.json.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: run test test-browser lint format venv node clean

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

# axe-core for the accessibility tests (package.json pins it). Without npm these tests are skipped
# with a message, so that `make test` still needs only Python.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm is missing: the axe-core accessibility tests will be skipped (apt-get install npm)"; fi

node: $(NODE_STAMP)

run: venv
	$(PY) manage.py migrate --noinput
	@# The demo content's own tasks (search documents, references) run at once, in this command.
	TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend \
	$(PY) manage.py load_demo_content --site 127.0.0.1:$(PORT)
	$(PY) manage.py ensure_admin
	@# The task worker (mails to subscribers, search documents) runs beside the server and stops
	@# with it (Ctrl-C); it does not reload on code changes (docs/tasks.md).
	$(PY) manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite. Browser tests run when Debian's chromium is installed (.ci/run installs it)
# and are skipped with a message otherwise; so are the HTML validity tests without java.
# It runs in one process per core (pytest-xdist; tests marked xdist_group stay on one worker);
# PYTEST_WORKERS=0 runs it in this process alone.
PYTEST_WORKERS ?= auto

test: venv node
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-browser: venv node
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m browser $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media-test test-artifacts
