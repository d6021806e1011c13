"""Demo activity for the demo district: the secretary and the member read some of their notices (the
meetings, tasks and records other plugins' demos produced), and the member chooses a weekly e-mail
digest; the secretary's receipts then show who has read what."""
from __future__ import annotations

from datetime import date
from random import Random

from core.kernel import Kernel
from plugins.notices import queries, services


def create_activity(k: Kernel, tenant: str, today: date, rng: Random) -> None:
    k.catch_up(tenant)
    for suffix in ("secretary", "org", "member"):
        reader = queries.reader_of(k, tenant, f"{tenant}-{suffix}")
        unread = queries.unread_ids(k, tenant, reader)
        if len(unread) > 1:
            chosen = rng.sample(unread, max(1, len(unread) * 2 // 3))
            services.mark_read(k, tenant, reader, chosen)
    services.choose_delivery(k, tenant, f"{tenant}-member", f"{tenant}-member@example.org", "weekly")
