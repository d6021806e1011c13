"""What every command of this plugin shares: the school's settings and loading with a version check."""
from __future__ import annotations

from uuid import UUID

from core.errors import check_version
from core.kernel import Kernel


def settings(k: Kernel, tenant: str) -> dict:
    """The school's settings of this plugin, defaults filled in."""
    return k.settings(tenant, "assessment")


def load_checked(k: Kernel, log: str, aggregate_id: UUID, cls, expected_version: int | None = None):
    aggregate = k.get(log, aggregate_id, cls)
    check_version(aggregate, expected_version)
    return aggregate
