# Two commands on a fresh machine (python3 and make): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	# an editable install is not byte-compiled: compile it once, or every command compiles it again
	# where bytecode is never written (PYTHONDONTWRITEBYTECODE, a read-only checkout)
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

demo: install
	$(BIN)/syria-corpus ingest seeds
	$(BIN)/syria-corpus stats --table
	$(BIN)/syria-corpus quotes --table

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q -m "slow or not slow"

clean:
	rm -rf $(VENV) corpus.db
