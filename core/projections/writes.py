"""What follows a stored write before it answers, in one read-model transaction when it can: the rows
plugins record from the bytes just written (``zhibu_write_records``: the audit's leaf hashes) and the
catch-up of the projections of every log the command wrote. Then the listeners that act on the write
(``zhibu_save_listeners``: the automatic checkpoint). The write is stored by now: nothing here may
turn it into an error; what fails is logged and left to the next catch-up or verification.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

logger = logging.getLogger("zhibu")
_TOGETHER: ContextVar[list | None] = ContextVar("zhibu_saved_together", default=None)


class Followup:
    def __init__(self, k, records: list[Callable], listeners: list[Callable]):
        self.k, self.records, self.listeners = k, records, listeners

    def after_save(self, log_name: str, recordings: list) -> None:
        together = _TOGETHER.get()
        if together is not None:
            together.append((log_name, recordings))
        else:
            self.run([(log_name, recordings)])

    @contextmanager
    def together(self) -> Iterator[None]:
        """One command that saves in several logs (a district claim and a school's records): what
        follows them runs once at its end, whether it ends well or not."""
        if _TOGETHER.get() is not None:
            yield
            return
        stored: list = []
        token = _TOGETHER.set(stored)
        try:
            yield
        finally:
            _TOGETHER.reset(token)
            if stored:
                self.run(stored)

    def run(self, stored: list[tuple[str, list]]) -> None:
        logs = sorted({name for name, _ in stored})
        recorded = not self.records
        if not self.k.deferred:
            try:
                recorded = self.k.projector.catch_up_together(stored, self._record if self.records else None)
            except Exception:  # noqa: BLE001  (see the module's docstring)
                logger.exception("catching up logs %s after a stored write failed; the next catch-up applies it", logs)
        if not recorded:
            try:
                with self.k.engine.begin() as conn:
                    self._record(conn, stored)
            except Exception:  # noqa: BLE001
                logger.exception("recording what the writes to %s left failed", logs)
        for listener in self.listeners:
            for log_name, recordings in stored:
                try:
                    listener(self.k, log_name, recordings)
                except Exception:  # noqa: BLE001
                    logger.exception("a save listener failed on log %s", log_name)

    def _record(self, conn, stored) -> None:
        for record in self.records:
            for log_name, recordings in stored:
                record(self.k, conn, log_name, recordings)
