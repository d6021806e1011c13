"""The district dashboard (GET /district/) read from the schools' summaries (core.summaries) against
the per-school hook calls it made before (the old ``gather``, run in the same process), side by side:

    .venv/bin/python benchmarks/district_ab.py demo          # the demo district (3 schools), SQLite
    .venv/bin/python benchmarks/district_ab.py 50            # 50 generated schools × MEMBERS members
    PG=postgresql://postgres@127.0.0.1:5432/DB .venv/bin/python benchmarks/district_ab.py …

Each variant gets one warm-up request (the summaries are computed), then REQUESTS timed ones,
alternating; prints the median ms and the SQL statements of one request (before_cursor_execute).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date

from sqlalchemy import create_engine, event, text

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core import context  # noqa: E402
from core.app import create_app  # noqa: E402
from core.demo import SCHOOLS, create_demo  # noqa: E402
from core.plugins import flatten  # noqa: E402
from plugins.members import services as members  # noqa: E402
from tenants import district  # noqa: E402
from tenants import services as tenants  # noqa: E402

REQUESTS = int(os.environ.get("REQUESTS", "20"))
MEMBERS = int(os.environ.get("MEMBERS", "10"))


def old_gather(k, slugs, alerts=True):
    """The dashboard's gather before the summaries: every plugin's hooks, school by school."""
    today = k.today()
    figures, found = {}, {}
    for slug in slugs:
        hooks = k.hooks(slug)
        per_school = flatten(hooks.zhibu_district_figures(tenant=slug, today=today))
        figures[slug] = {f.key: f for f in sorted(per_school, key=lambda f: (f.order, f.key))}
        if alerts:
            found[slug] = flatten(hooks.zhibu_alerts(tenant=slug, today=today))
    return figures, found


def _id_number(n: int) -> str:
    from plugins.members.rules import id_check_digit  # noqa: PLC0415
    first17 = f"110105{1940 + n // 1000 % 60}0101{n % 1000:03d}"   # up to 60 schools × 1000 members
    return first17 + id_check_digit(first17)


def generate(k, schools: int) -> None:
    with context.acting(context.system("bench", source="demo")), k.deferred_projections():
        for s in range(schools):
            slug = f"g{s:04d}"
            tenants.create_school(k, slug, f"生成学校{s}", records_from=date(2025, 1, 1),
                                  plugins=k.registry.optional())
            for m in range(MEMBERS):
                members.register_member(k, slug, {"name": f"党员{s}-{m}", "gender": "male",
                                                  "id_number": _id_number(s * 1000 + m),
                                                  "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)})
    k.catch_up()


def main(what: str) -> None:
    pg = os.environ.get("PG")
    instance = tempfile.mkdtemp(prefix="district_ab-")
    schema = ""
    if pg:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with create_engine(pg).begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    app = create_app(config={"INSTANCE_PATH": instance, "DATABASE_URL": pg or f"sqlite:///{instance}/zhibu.db",
                             "DATABASE_SCHEMA": schema, "SECRET_KEY": "bench", "TESTING": True,
                             "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False})
    k = app.extensions["zhibu"]
    with app.app_context():
        k.init_storage()
        if what == "demo":
            create_demo(k, progress=lambda _m: None, schools=SCHOOLS)
        else:
            generate(k, int(what))
        from core.auth import services as accounts  # noqa: PLC0415
        with context.acting(context.system("bench", source="demo")):
            accounts.create_user(k, "bench-admin", "区管理员", "bench-password-1")
            accounts.grant_role(k, "bench-admin", "district_admin", None)
    client = app.test_client()
    client.get("/login")
    from core.testing import login  # noqa: PLC0415
    login(client, "bench-admin", "bench-password-1")
    statements = []
    event.listen(k.engine, "before_cursor_execute", lambda *a: statements.append(1))
    new_gather = district.gather
    variants = {"per-school hooks (before)": old_gather, "summaries (after)": new_gather}
    times = {name: [] for name in variants}
    counts = {}
    for name, fn in variants.items():
        district.gather = fn
        assert client.get("/district/").status_code == 200
    for _ in range(REQUESTS):
        for name, fn in variants.items():
            district.gather = fn
            statements.clear()
            start = time.perf_counter()
            page = client.get("/district/")
            times[name].append((time.perf_counter() - start) * 1000)
            counts[name] = len(statements)
            assert page.status_code == 200
    if os.environ.get("PROFILE"):
        import cProfile, pstats  # noqa: E401, PLC0415
        district.gather = new_gather
        profile = cProfile.Profile()
        profile.runcall(client.get, "/district/")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    n = len(k.tenant_slugs())
    for name in variants:
        print(f"{'PostgreSQL' if pg else 'SQLite'} {what} ({n} schools) {name}: median {statistics.median(times[name]):.1f} ms, "
              f"{counts[name]} statements")
    k.close()
    if pg:
        with create_engine(pg).begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo")
