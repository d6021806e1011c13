"""A/B of one dues payment through the services with and without the per-member read model (issue 19):
the first arm replaces ``DuesProjection._refresh``, ``_repay`` and ``_add_to_school`` by no-ops (the ledger tables only). SQLite, one
school of 60 members, 180 payments per arm, two rounds.

    .venv/bin/python -m benchmarks.dues_payment_ab
"""
import sys, tempfile, time, statistics
from pathlib import Path
from datetime import datetime, timezone, date
from decimal import Decimal
from core import context
from core.app import create_app
from plugins.dues import services, projections, bench
from plugins.members.public import register_member
from tenants import services as tenants

def run(tag, patch):
    names = ("_refresh", "_repay", "_add_to_school")
    saved = {n: projections.DuesProjection.__dict__[n] for n in names}
    if patch:
        for n in names:
            setattr(projections.DuesProjection, n, staticmethod(lambda *a, **kw: None))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = create_app({"INSTANCE_PATH": tmp, "SECRET_KEY": "bench"})
            k = app.extensions["zhibu"]
            k.clock = lambda: datetime(2026, 12, 20, 2, 0, tzinfo=timezone.utc)
            with app.app_context():
                k.init_storage()
                with context.acting(context.system("bench", source="cli")):
                    tenants.create_school(k, "paybench", "s", plugins=["dues"], records_from=date(2025,1,1))
                    ids = [register_member(k, "paybench", {"name": f"m{m}", "gender": "male", "id_number": bench._id_number(m),
                           "joined_on": date(2005,1,1), "converted_on": date(2006,1,1)}) for m in range(60)]
                    for m in ids:
                        services.record_base(k, "paybench", m, 2026, 1, "employed", Decimal(5000))
                    t = []
                    for month in (1, 2, 3):
                        for m in ids:
                            s0 = time.perf_counter()
                            services.record_payment(k, "paybench", m, [date(2026, month, 1)], "cash", paid_on=date(2026, month, 9))
                            t.append(time.perf_counter() - s0)
            k.close()
        print(tag, f"median {statistics.median(t)*1000:.1f} ms per payment over {len(t)}")
    finally:
        for n, f in saved.items():
            setattr(projections.DuesProjection, n, f)

for _ in range(2):
    run("without the read model", True)
    run("with the read model   ", False)
