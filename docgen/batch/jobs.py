"""Job descriptions: what a worker is asked to do, as plain data that crosses any process boundary.

A job is a ``dict`` (JSON-able, so it travels over a pipe to a local worker or through Dask's
serialisation unchanged): ``id`` (position in the batch), ``path``, ``cost`` (its cost class),
``settings`` (profile id, policy, waivers, audit data paths, ocr — the worker loads them itself)
and ``limits`` (wall-clock seconds and the memory cap). Nothing in it is a live object: live
objects do not pickle reliably (``lxml`` errors do not pickle at all — ecosystem-reliability.md §2.2).

Cost classes come from ``docgen/data/batch.yaml``: DOCX fast, PDF medium, OCR and LibreOffice
conversions slow (with a concurrency limit the scheduler enforces).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from docgen.read.limits import DEFAULT_LIMITS
from docgen.resources import data_file


@dataclass(frozen=True)
class Settings:
    """The invocation every document of a batch is checked with (paths, not loaded objects)."""

    profile_id: str | None = None
    policy: str | None = None
    waivers: str | None = None
    audit: str | None = None
    ocr: bool = False
    register: str | None = None   # the bureau's register (path or SQLAlchemy URL): deadline findings

    def to_json(self) -> dict:
        return asdict(self)

    def fingerprint(self) -> str:
        """What besides the profile changes a result: the contents of the policy, waiver and audit
        files and OCR. Part of the journal key, so ``--resume`` after editing a waiver list redoes
        the documents instead of reusing results that no longer hold."""
        digest = hashlib.sha256()
        for name in ("policy", "waivers", "audit"):
            value = getattr(self, name)
            digest.update(f"{name}=".encode())
            if value is not None:
                digest.update(file_sha256(Path(value)).encode())
            digest.update(b";")
        digest.update(f"ocr={int(self.ocr)}".encode())
        if self.register is not None:  # a register file's contents; a database URL by its address
            where = Path(self.register)
            digest.update(f";register={file_sha256(where) if where.is_file() else self.register}".encode())
        return digest.hexdigest()[:16]


@dataclass(frozen=True)
class JobLimits:
    timeout_s: float = DEFAULT_LIMITS.timeout_s
    memory_bytes: int = DEFAULT_LIMITS.memory_bytes

    def to_json(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def cost_table() -> dict:
    return yaml.safe_load(data_file("batch.yaml").read_text(encoding="utf-8"))


def cost_class(path: str | Path, ocr: bool = False) -> str:
    """fast / medium / slow by file type (an unknown type is fast: the gate refuses it at once)."""
    table = cost_table()
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf" and ocr:
        return table["ocr_pdf"]
    return table["suffixes"].get(suffix, "fast")


def slow_limit(workers: int) -> int:
    """How many workers may run slow documents at once (at least one)."""
    return max(1, int(workers * float(cost_table()["slow_share"])))


def file_sha256(path: Path) -> str:
    """Streamed in 1 MiB chunks (a submission may be large; never the whole file in memory)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def make_job(index: int, path: str | Path, settings: Settings, limits: JobLimits) -> dict:
    return {"id": index, "path": str(path), "cost": cost_class(path, settings.ocr),
            "settings": settings.to_json(), "limits": limits.to_json()}
