# Two entry points (README): `make demo` and `make test`. Both set everything up first on a fresh
# Debian machine with Python 3.11: the system packages listed in docgen/data/debian-packages.txt
# (installed only when missing; needs root or sudo), a virtual environment in .venv with the
# project and its dev extras, then run the job.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
DOCGEN := $(VENV)/bin/docgen
PYTHON ?= $(shell command -v python3.11 || command -v python3)
OUT ?= out
SAMPLES := $(wildcard samples/audit-*.yaml)
PACKAGE_LIST := docgen/data/debian-packages.txt

.PHONY: setup system-deps venv demo test bench clean

system-deps:
	@missing=$$(grep -v '^\s*#' $(PACKAGE_LIST) | grep -v '^\s*$$' | while read -r p; do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || echo "$$p"; done); \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "安装系统软件包：" $$missing >&2; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >&2; \
	else echo "系统软件包已齐全" >&2; fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

setup: system-deps venv

demo: setup
	@mkdir -p $(OUT)
	@$(DOCGEN) doctor >&2 || true
	@for f in $(SAMPLES); do \
	  name=$$(basename $$f .yaml); \
	  $(DOCGEN) validate $$f || exit $$?; \
	  $(DOCGEN) calc $$f > $(OUT)/$$name.calc.txt || exit $$?; \
	  $(DOCGEN) render $$f --kind all --pdf --out $(OUT)/$$name > /dev/null || exit $$?; \
	  echo "  $$f → $(OUT)/$$name/（报告、表单 DOCX 与 PDF）, $(OUT)/$$name.calc.txt"; \
	done
	@$(DOCGEN) batch $(OUT)/*/*报告.docx $(OUT)/*/*报告.pdf --out $(OUT)/batch --force --quiet > /dev/null; \
	  code=$$?; [ $$code -le 1 ] || exit $$code; \
	  echo "  生成的报告已批量审查 → $(OUT)/batch/（batch-summary.xlsx/.html/.json）"
	@echo "示例数据已校验、计算并生成文档，结果在 $(abspath $(OUT))/"

test: setup
	$(VENV)/bin/pytest

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info
