"""Compliance tracking for district bureaus (seed 003 一–六; domain.md §5.1, §5.4, §5.5, §5.8).

The bureau keeps a register of the enterprises on the annual 强制性清洁生产审核企业名单, watches
their deadlines, archives within a month of each on-site review, and files a quarterly return
(附表3, plus 附表4 when the list changed) and an annual summary. Modules, each owning one thing:

* ``holidays`` — working days: chinesecalendar, else the versioned notices in docgen/data/holidays;
* ``periods`` — Civil-Code periods (month-end clamping, roll-forward past rest days, provisional
  results for years no holiday source covers);
* ``rules`` — deadline rule sets per jurisdiction (docgen/data/deadlines/*.yaml);
* ``register`` — the SQLAlchemy models and opening SQLite/PostgreSQL;
* ``sheets`` — XLSX/CSV import (one transaction, rejected rows reported) and export;
* ``changes`` — 附表4 注1/注2/注3 applied to a list change;
* ``status`` / ``report`` — deadline states and their text/JSON/XLSX output;
* ``quarterly`` / ``wording`` — 附表3 and 附表4 as DOCX and XLSX;
* ``checking`` — deadline findings for ``docgen check --register``;
* ``cli`` — the ``docgen track`` command group.
"""
