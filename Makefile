# The two commands a new machine needs: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench schema clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(BIN)/.installed  ## crawl the five bundled portal copies into data/feeds/
	$(BIN)/scrapy demo

test: $(BIN)/.installed  ## lint, then every test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/.installed  ## extraction time per page against trafilatura; storage rates
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_storage.py
	$(BIN)/python bench/bench_export.py

schema: $(BIN)/.installed  ## write data/schema/article.schema.json from the Article item
	$(BIN)/python -m newscrawler.schema --write

clean:
	rm -rf $(VENV) data/feeds data/rejects .pytest_cache
