"""Progress of a batch on stderr: done/total, rate, time left, failures so far.

On stderr only (stdout carries machine output: ``docgen check --format jsonl > out.jsonl`` must stay
parseable), and only when stderr is a terminal — a log file or a CI job would fill with carriage
returns — unless forced; ``--quiet`` silences it. One line, redrawn at most a few times a second.
"""

from __future__ import annotations

import sys
import time


def duration_zh(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}秒"
    if seconds < 3600:
        return f"{seconds // 60}分{seconds % 60:02d}秒"
    return f"{seconds // 3600}小时{seconds % 3600 // 60:02d}分"


class Progress:
    """``update(verdict)`` once per finished document; ``close()`` at the end."""

    MIN_INTERVAL_S = 0.2

    def __init__(self, total: int, *, stream=None, enabled: bool | None = None, already: int = 0):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.total = total
        self.done = already          # results reused from the journal count as done …
        self.already = already       # … but not towards the rate
        self.failed = 0
        self.not_evaluable = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, verdict: str) -> None:
        self.done += 1
        if verdict == "fail":
            self.failed += 1
        elif verdict == "not_evaluable":
            self.not_evaluable += 1
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= self.MIN_INTERVAL_S or self.done == self.total):
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        elapsed = max(now - self.started, 1e-6)
        fresh = self.done - self.already
        rate = fresh / elapsed
        share = self.done / self.total * 100 if self.total else 100.0
        text = f"已完成 {self.done}/{self.total}（{share:.0f}%）· {rate:.1f} 份/秒"
        if fresh and self.done < self.total:
            text += f" · 预计剩余 {duration_zh((self.total - self.done) / rate)}"
        return text + f" · 未通过 {self.failed} · 无法审查 {self.not_evaluable}"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        pad = " " * max(0, self._width - len(text))
        self.stream.write("\r" + text + pad)
        self.stream.flush()
        self._width = len(text)
        self._drawn = now

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\n")
            self.stream.flush()
