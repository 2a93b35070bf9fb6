# Two entry points a new user needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-harvest profile count fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/baocao demo --out out/

test: $(STAMP)
	$(BIN)/ruff check baocao pipeline scrapers parsers outputs tests bench
	$(BIN)/python -m pytest -q

# Longer fuzzing than `make test` does: BAOCAO_FUZZ_EXAMPLES inputs per fuzz test.
fuzz: $(STAMP)
	BAOCAO_FUZZ_EXAMPLES=$${BAOCAO_FUZZ_EXAMPLES:-3000} $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff format baocao pipeline scrapers parsers outputs tests
	$(BIN)/ruff check --fix baocao pipeline scrapers parsers outputs tests

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

# A night over many loopback hosts (127.0.0.2, …) against the politeness bound.
bench-harvest: $(STAMP)
	$(BIN)/python bench/harvest.py --hosts 10
	$(BIN)/python bench/harvest.py --hosts 200

profile: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/calltree.py

count: $(STAMP)
	$(BIN)/python bench/instructions.py

clean:
	rm -rf $(VENV) out/ .pytest_cache
