# Two commands are the whole setup story: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/itroad demo

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The importer against thousands of mutated portfolio files (make test runs 300).
fuzz: $(STAMP)
	ITROAD_FUZZ_CASES=$${ITROAD_FUZZ_CASES:-5000} $(BIN)/python -m pytest tests/interchange/test_fuzz.py -q $(PYTEST_ARGS)

# The benchmarks' own extra (pyte, the terminal emulator they time the app in).
$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache
