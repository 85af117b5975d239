# kiemchung — the two set-up commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KC := $(VENV)/bin/kiemchung
DEMO_DB ?= demo.db

.PHONY: install demo serve test lint typecheck check bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,postgres,semantic,vi,spark]'
	touch $@

install: $(VENV)/.installed

## Load the bundled demo data into SQLite and run the whole pipeline on it.
demo: install
	$(KC) --db sqlite:///$(DEMO_DB) demo

## Start the web app on the demo database (after `make demo`); a random session secret
## is generated unless KIEMCHUNG_SECRET_KEY is set.
serve: install
	KIEMCHUNG_SECRET_KEY=$${KIEMCHUNG_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_hex(32))')} \
	  $(KC) --db sqlite:///$(DEMO_DB) serve

## Lint, types, then every test (SQLite; PostgreSQL and the browser when installed).
test: install lint typecheck
	$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

lint: install
	$(PY) -m ruff check src tests bench

typecheck: install
	$(PY) -m mypy

bench: install
	for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
