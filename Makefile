# Theorycraft: `make run` serves the site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Starts embedded PostgreSQL / Redis for whichever of DATABASE_URL / REDIS_URL is unset.
WITH_SERVICES := $(BIN)/python -m config.embedded exec --
PORT ?= 8000
export PORT

.PHONY: run test faults soak lint bench install install-dev migrate seed clean-data backup restore audit check-deploy tools-bench


$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core for the browser journeys (tests/e2e/ loads it into each page it checks).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

# The benchmarks' load generator (Debian's wrk), installed when missing and apt-get can.
tools-bench:
	@command -v wrk >/dev/null || { command -v apt-get >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || true

run: install
	@$(WITH_SERVICES) sh -c '\
		$(MANAGE) migrate --noinput -v0 && \
		$(MANAGE) seed_demo && \
		$(MANAGE) collectstatic --noinput -v0 && \
		echo "" && echo "Theorycraft is at http://127.0.0.1:$(PORT)/  (Ctrl-C stops everything)" && echo "" && \
		exec $(BIN)/honcho start -f Procfile -p $(PORT)'

test: install-dev
	$(WITH_SERVICES) $(BIN)/python -m pytest $(PYTEST_ARGS)

# Fault tests (tests/faults/, docs in the README): real servers on the test database and a dedicated Redis
# of their own, which they stop, kill and flood. `make test` leaves them out; CI runs both.
faults: install-dev
	$(WITH_SERVICES) $(BIN)/python -m pytest tests/faults -m faults $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install-dev tools-bench
	$(WITH_SERVICES) sh -c 'for script in bench/bench_*.py; do \
		[ -e "$$script" ] || { echo "no benchmarks in bench/"; exit 0; }; \
		$(BIN)/python "$$script" || exit 1; done'

# Soak (not in CI): bench/soak.py, 30 minutes at 70 % of the measured peak; SOAK_ARGS="--minutes 5" for less.
soak: install-dev tools-bench
	$(WITH_SERVICES) $(BIN)/python bench/soak.py $(SOAK_ARGS)

migrate: install
	$(WITH_SERVICES) $(MANAGE) migrate

seed: install
	$(WITH_SERVICES) $(MANAGE) seed_demo

# Backups (docs/security.md): pg_dump custom format. BACKUP_FILE defaults to .data/backups/theorycraft-<time>.dump.
backup: install
	$(WITH_SERVICES) $(MANAGE) backup $(if $(BACKUP_FILE),--file "$(BACKUP_FILE)")

restore: install
	@[ -n "$(BACKUP_FILE)" ] || { echo "make restore needs BACKUP_FILE=path/to/backup.dump" >&2; exit 2; }
	$(WITH_SERVICES) $(MANAGE) restore --file "$(BACKUP_FILE)"

# Known vulnerabilities in the pinned requirements (PyPI's advisory service). Accepted ones are listed, with
# reasons, in .ci/audit-ignore and docs/security.md; a network failure warns instead of failing (exit 0).
audit: install-dev
	$(BIN)/python .ci/audit.py requirements.txt requirements-dev.txt

# The deployment checks under production settings (the services' URLs only need to parse).
check-deploy: install
	THEORYCRAFT_ENV=production DEBUG=0 SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=theorycraft.example DATABASE_URL="$${DATABASE_URL:-postgres://localhost/theorycraft}" \
	REDIS_URL="$${REDIS_URL:-redis://localhost:6379/0}" $(MANAGE) check --deploy --fail-level WARNING

clean-data:
	$(BIN)/python -m config.embedded stop || true
	rm -rf .data
