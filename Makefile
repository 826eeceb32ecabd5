# Paspor — two commands: `make run` and `make test`. See README.md.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Two test processes: the suite is mostly waiting on the database and the browser.
PYTEST_ARGS ?= -n 2

.PHONY: run test test-sqlite test-postgres lint typecheck check messages lock clean prod-check

$(VENV)/.installed: requirements.lock
	@interp=$$(scripts/find_python.sh) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Membuat virtualenv dengan $$interp"; $$interp -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	@touch $@

run: $(VENV)/.installed
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py serve --port $(PORT)

# The whole suite on SQLite, then again on PostgreSQL when DATABASE_URL points at it.
test: $(VENV)/.dev-installed
	@mkdir -p var
	@$(MAKE) --no-print-directory test-sqlite
	@case "$${DATABASE_URL:-}" in postgres*) $(MAKE) --no-print-directory test-postgres ;; \
	  *) echo "DATABASE_URL does not point at PostgreSQL: PostgreSQL run skipped." ;; esac

test-sqlite: $(VENV)/.dev-installed
	DATABASE_URL=sqlite:///var/paspor-test.sqlite3 $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.dev-installed
	$(PY) -m pytest $(PYTEST_ARGS)

# Validates a production environment (settings from the environment, e.g. /etc/paspor/paspor.env):
#   set -a; . /etc/paspor/paspor.env; set +a; make prod-check
prod-check: $(VENV)/.installed
	$(PY) manage.py prod_check

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.dev-installed
	$(VENV)/bin/mypy paspor

check: lint typecheck test

messages: $(VENV)/.dev-installed
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=conftest.py --ignore=bench --ignore=scripts --ignore='*/tests/*'
	$(PY) manage.py compilemessages --ignore=.venv

lock:
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --universal --python-version 3.12 --no-header requirements.in -o requirements.lock
	$(VENV)/bin/uv pip compile --universal --python-version 3.12 --no-header requirements-dev.in -o requirements-dev.lock

clean:
	rm -rf $(VENV) var/static
