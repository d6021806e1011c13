"""A test-only plugin: one row each time a sample note's event is applied (log, notification id and
the process that applied it), so a test can count how often each event was applied, and by whom.
Used with tests/sample_plugin.py; see tests/test_workers.py."""
from __future__ import annotations

import os

from sqlalchemy import Column, Integer, String, Table

from core.db import metadata
from core.hookspecs import hookimpl
from core.projections import Projection, on
from tests.sample_plugin import Note

applied = Table("probe_applied", metadata,
                Column("id", Integer, primary_key=True, autoincrement=True),
                Column("tenant", String(40), nullable=False, index=True),
                Column("notification_id", Integer, nullable=False),
                Column("pid", Integer, nullable=False),
                extend_existing=True)


class AppliedProbe(Projection):
    name = "probe.applied"
    tables = (applied,)

    def apply_notification(self, rows, notification, event, tenant):
        if self.handles(type(event)):
            rows.insert(applied, tenant=tenant, notification_id=notification.id, pid=os.getpid())

    @on(Note.Written, Note.Amended)
    def _noted(self, rows, event, tenant):
        """Handled in apply_notification (it needs the notification's id)."""


@hookimpl
def zhibu_projections():
    return [AppliedProbe()]
