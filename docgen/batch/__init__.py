"""Batch checking that never loses a result (issue 7).

Layers, each owning one thing:

- :mod:`docgen.batch.jobs` — job descriptions (plain dicts), settings, cost classes;
- :mod:`docgen.batch.work` / :mod:`docgen.batch.worker` — what a worker process does with a job;
- :mod:`docgen.batch.guard` — one supervised worker: wall-clock timeout, RLIMIT_AS, restart;
- :mod:`docgen.batch.local` / :mod:`docgen.batch.dask_executor` — executors with one interface,
  ``run(jobs) -> iterator of answers``: N local workers scheduled by cost class, or a Dask cluster;
- :mod:`docgen.batch.journal` — the JSONL results journal and the resume key;
- :mod:`docgen.batch.runner` — the coordinator: hash, resume, dispatch, journal;
- :mod:`docgen.batch.progress` — the progress line on stderr;
- :mod:`docgen.batch.summary` (+ ``summary_xlsx``, ``summary_html``) — the batch summary;
- :mod:`docgen.batch.cli` — ``docgen batch`` and the batch options of ``docgen check``.

Developer documentation: docs/batch.md.
"""
