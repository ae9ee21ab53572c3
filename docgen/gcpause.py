"""Pause Python's cyclic garbage collector while a document's model is built.

Reading a 100-page DOCX creates ≈ 80,000 small objects (cells, locations, paragraphs, lxml element
proxies) that all live on: the model is a tree, not a web of cycles. CPython's cyclic collector
nevertheless runs a young-generation pass every 700 allocations and walks them all again and
again — ≈ 10 % of the read (measured side by side: 2.14× → 1.93× a bare parse, docs/benchmarks.md,
issue 4). Reference counting still frees everything as usual while paused; only cycles wait for
the next collection after the pause, and the readers' size caps and the batch workers' RLIMIT_AS
bound what a document can allocate in between. Nested pauses are safe: the collector is switched
back on only by the pause that switched it off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
