# Every target sets up .venv first when needed; `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help report test lab lint bench fit-target fit-relations gazetteer clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,scale]'
	touch $(STAMP)

report: $(STAMP) ## Regenerate every report in reports/ from data/
	$(BIN)/python -m analysis report

test: $(STAMP) ## Run the whole test suite (notebooks included)
	$(BIN)/python -m pytest

lab: $(STAMP) ## Open JupyterLab on notebooks/
	$(BIN)/jupyter lab --notebook-dir=notebooks

lint: $(STAMP) ## Ruff lint and format check, mypy on src/
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP) ## Measure speed and memory against baselines (benchmarks/; LARGE=1 adds the archive)
	$(BIN)/python benchmarks/run.py $(if $(LARGE),--large)
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/scale.py --pages 1000 $(if $(LARGE),--large)
	$(BIN)/python benchmarks/long_line.py

fit-target: $(STAMP) ## Refit target sentiment on NewsMTSC's training split (needs ../shared/)
	$(BIN)/python benchmarks/fit_target.py

fit-relations: $(STAMP) ## Refit the relations score on the labelled diplomatic set (needs ../shared/)
	$(BIN)/python benchmarks/fit_relations.py

gazetteer: $(STAMP) ## Derive actors and roles from the Phoenix dictionaries (needs ../shared/)
	$(BIN)/python -m analysis.resources.build_gazetteer ../shared/lexicons/petrarch2

clean: ## Remove generated reports, caches and the virtual environment
	rm -rf $(VENV) data/processed reports/*.html reports/index.json reports/figures .pytest_cache
