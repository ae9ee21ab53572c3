"""The results journal: JSON Lines, one line per finished document, on disk before the next one.

Why a journal (ecosystem-reliability.md §3.2 g): a batch of tens of thousands of documents is
interrupted sooner or later (Ctrl-C, a reboot, ``kill``). Each result is appended as one line and
flushed and fsync'd the moment it arrives, so an interruption loses nothing already finished, and
``--resume`` skips every document whose result is still valid.

When a result is still valid — the resume key: the file's sha256, the profile id and version it
was checked with, the engine version, and a fingerprint of the settings that change results
(policy, waivers, audit data file contents, OCR; docgen.batch.jobs.Settings.fingerprint). A
renamed or moved file keeps its result; an edited one, a new rule-pack version or a new engine
is checked again.

A line torn by a kill in mid-write is ignored when reading, and the next append starts on a fresh
line, so a torn tail never corrupts a later record.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

VERSION = 1


class Journal:
    """Append-only JSONL of batch records (see :func:`docgen.batch.runner.journal_line`)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._handle = None

    def load(self) -> list[dict]:
        """Every complete record (torn or foreign lines skipped)."""
        if not self.path.exists():
            return []
        records = []
        with open(self.path, "rb") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break  # torn by an interruption in mid-write
                try:
                    record = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("v") == VERSION and "result" in record:
                    records.append(record)
        return records

    def _open(self):
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "ab")
            if self._handle.tell() > 0:
                with open(self.path, "rb") as check:
                    check.seek(-1, os.SEEK_END)
                    if check.read(1) != b"\n":
                        self._handle.write(b"\n")  # end a torn line so the next record stands alone
        return self._handle

    def append(self, record: dict) -> None:
        handle = self._open()
        handle.write((json.dumps({"v": VERSION, **record}, ensure_ascii=False, separators=(",", ":")) + "\n").encode())
        handle.flush()
        os.fsync(handle.fileno())

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
