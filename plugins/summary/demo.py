"""Demo: the previous year's summary drafted from the demo records."""
from __future__ import annotations

from plugins.summary import services


def create_activity(k, tenant, today, rng) -> None:
    services.draft(k, tenant, today.year - 1)
