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
	@rm -f $(OUT)/register.sqlite
	@$(DOCGEN) track import samples/register-shanghai.xlsx --db $(OUT)/register.sqlite || exit $$?
	@$(DOCGEN) track status --db $(OUT)/register.sqlite --as-of 2026-11-21 > $(OUT)/track-status.txt || exit $$?
	@$(DOCGEN) track quarterly --db $(OUT)/register.sqlite --year 2026 --quarter 3 --date 2026-10-09 \
	  --out $(OUT)/track --force > /dev/null || exit $$?
	@echo "  samples/register-shanghai.xlsx → $(OUT)/track-status.txt（期限状态）, $(OUT)/track/（附表3、附表4）"
	@for f in $(wildcard samples/industry-*.yaml); do \
	  name=$$(basename $$f .yaml); \
	  $(DOCGEN) industry validate $$f || exit $$?; \
	  $(DOCGEN) industry calc $$f > $(OUT)/$$name.calc.txt || exit $$?; \
	  $(DOCGEN) industry render $$f --out $(OUT)/$$name --force > /dev/null || exit $$?; \
	  $(DOCGEN) check $(OUT)/$$name/*.docx $(OUT)/$$name/企业简表/*.docx > /dev/null 2>&1 || exit $$?; \
	  echo "  $$f → $(OUT)/$$name/（行业审核报告、企业简表 DOCX，已通过规则包）, $(OUT)/$$name.calc.txt"; \
	done
	@$(DOCGEN) package build samples/audit-shanghai-fine-chemical.yaml --stage evaluation --force \
	  --materials samples/materials/shanghai-fine-chemical-evaluation --out $(OUT)/评估档案-audit-shanghai-fine-chemical.zip \
	  > $(OUT)/评估档案-audit-shanghai-fine-chemical.txt && \
	  $(DOCGEN) package verify $(OUT)/评估档案-audit-shanghai-fine-chemical.zip >> $(OUT)/评估档案-audit-shanghai-fine-chemical.txt && \
	  echo "  评估档案包（附表2）→ $(OUT)/评估档案-audit-shanghai-fine-chemical.zip（清单与核验：.txt）"
	@$(DOCGEN) packet $(OUT)/audit-shanghai-fine-chemical/*清洁生产审核报告.docx --audit samples/audit-shanghai-fine-chemical.yaml \
	  --out $(OUT)/专家评审材料-audit-shanghai-fine-chemical --no-pdf --force > /dev/null && \
	  echo "  专家评审材料 → $(OUT)/专家评审材料-audit-shanghai-fine-chemical/"
	@for f in $(wildcard samples/park-*.yaml); do \
	  name=$$(basename $$f .yaml); \
	  $(DOCGEN) park validate $$f || exit $$?; \
	  $(DOCGEN) park calc $$f > $(OUT)/$$name.calc.txt || exit $$?; \
	  $(DOCGEN) park render $$f --pdf --force --out $(OUT)/$$name > /dev/null || exit $$?; \
	  echo "  $$f → $(OUT)/$$name/（园区审核报告、年度整体报告 DOCX 与 PDF）, $(OUT)/$$name.calc.txt"; \
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
