"""Receipt numbers stay unique when two processes record payments at the same moment."""
from __future__ import annotations

import multiprocessing
from datetime import date, datetime, timezone
from decimal import Decimal

from core import context
from core.app import create_app
from plugins.dues import queries, services

MONTHS = [date(2026, m, 1) for m in range(1, 11)]


def pay_all(config: dict, tenant: str, member_ids: list[str], start, out) -> None:
    """One process: its own app on the same store, paying ten months for each of its members."""
    app = create_app(config)
    k = app.extensions["zhibu"]
    k.clock = lambda: datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
    receipts = []
    start.wait(30)
    with app.app_context(), context.acting(context.system("worker", source="test")):
        for month in MONTHS:
            for member_id in member_ids:
                receipts.append(services.record_payment(k, tenant, member_id, [month], "cash")[1])
    k.close()
    out.put(receipts)


def test_two_processes_never_issue_the_same_receipt_number(app, k, tenant, add_member, actor, database):
    members = [str(add_member(tenant, f"党员{i}")) for i in range(4)]
    for member in members:
        services.record_base(k, tenant, member, 2026, 1, "employed", Decimal("5000"))
    url, schema = database
    config = {"INSTANCE_PATH": str(k.store_config.instance_path), "DATABASE_URL": url, "DATABASE_SCHEMA": schema,
              "SECRET_KEY": "test-secret", "TESTING": True}
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=pay_all, args=(config, tenant, members[i::2], start, out)) for i in range(2)]
    for w in workers:
        w.start()
    start.set()
    results = [out.get(timeout=180) for _ in workers]
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    issued = results[0] + results[1]
    assert len(issued) == 40
    assert sorted(issued) == [f"2026-{n:04d}" for n in range(1, 41)]      # unique and without gaps
    k.catch_up(tenant)
    stored = [r.receipt_no for r in queries.list_entries(k, tenant)]
    assert sorted(stored) == sorted(issued)
