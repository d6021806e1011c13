"""The console's first page is a fixed number of reads, whatever the number of logs on it (issue 19,
cause 5): the page's events are read by notification id without opening their logs, and the records
they concern are named with one statement."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event, func, select

from core import context
from core.clock import local
from core.eventstore import DISTRICT
from core.projections import rows as rows_module
from plugins.audit.models import events
from plugins.audit.projections import name_of
from plugins.audit.queries import history
from plugins.audit.queries.history import logread, stored
from plugins.audit.tests.conftest import register
from plugins.members import services as members
from tenants import services as tenants

FILTERS = {"school and month": "/audit/?school={school}&month={month}", "actor": "/audit/?actor=test",
           "event type": "/audit/?event_type=Member.Registered", "none": "/audit/"}


def month_of_newest(k) -> str:
    """The Beijing month of the newest event (events are stamped with the real time)."""
    with k.engine.connect() as conn:
        newest = conn.scalar(select(events.c.timestamp).order_by(events.c.timestamp.desc()).limit(1))
    return f"{local(newest):%Y-%m}"


def add_schools(k, make_tenant, first: int, last: int, members: int = 5) -> list[str]:
    """Schools ``first``..``last - 1``, their members registered round-robin (the newest rows of the
    history are spread across every school)."""
    slugs = [make_tenant(f"school-{i:02d}", f"第{i}中学") for i in range(first, last)]
    for m in range(members):
        for slug in slugs:
            register(k, slug, f"党员{slug[-2:]}{m}")
    return slugs


class Reads:
    """Counts, during a request, the statements on the app's engine, the statements on log files
    (SQLite) and the logs opened."""

    def __init__(self, k, monkeypatch):
        self.engine = self.files = 0
        self.opened: set[str] = set()
        event.listen(k.engine, "before_cursor_execute", self._engine)
        opener = k.stores.log

        def log(name):
            self.opened.add(name)
            return opener(name)
        monkeypatch.setattr(k.stores, "log", log)

        def connect(*args, **kwargs):
            conn = logread.sqlite3.connect(*args, **kwargs)
            conn.set_trace_callback(self._file)
            return conn
        monkeypatch.setattr(logread, "connect", connect)

    def _engine(self, *_):
        self.engine += 1

    def _file(self, _sql):
        self.files += 1

    def of(self, client, url: str) -> tuple[int, int, set[str], str]:
        self.engine = self.files = 0
        self.opened = set()
        response = client.get(url)
        assert response.status_code == 200, url
        return self.engine, self.files, frozenset(self.opened), response.get_data(as_text=True)


def test_the_first_page_costs_the_same_reads_for_2_and_for_12_schools(k, make_tenant, login_as, monkeypatch,
                                                                     database, clock):
    admin = login_as("district_admin")
    two = add_schools(k, make_tenant, 0, 2)
    reads = Reads(k, monkeypatch)
    before = {name: reads.of(admin, url.format(school=two[0], month=month_of_newest(k)))
              for name, url in FILTERS.items()}
    twelve = add_schools(k, make_tenant, 2, 12)
    after = {name: reads.of(admin, url.format(school=twelve[0], month=month_of_newest(k)))
             for name, url in FILTERS.items()}
    postgres = bool(database[0])
    for name in FILTERS:
        engine_2, files_2, opened_2, _ = before[name]
        engine_12, files_12, opened_12, page = after[name]
        assert engine_12 == engine_2, (name, engine_2, engine_12)
        assert opened_2 <= {DISTRICT} and opened_12 <= {DISTRICT}, (name, opened_2, opened_12)   # no log opened
        if postgres:   # every log's rows in one statement beside the index's
            assert files_2 == files_12 == 0
        else:          # SQLite: one statement per log file on the page, never one per row
            assert files_12 <= len(two + twelve), (name, files_12)   # the rows with their records' first events
    shown = {s for s in twelve if f"第{int(s[-2:])}中学" in after["none"][3]}
    assert len(shown) >= 10, shown   # the unfiltered page really spreads across the schools


def old_load_events(k, rows) -> dict:
    """The events as the console read them before: each log opened, its notifications read in runs."""
    found = {}
    for row in rows:
        app = k.stores.log(row.tenant)
        n = app.recorder.select_notifications(start=row.notification_id, limit=1)[0]
        found[(row.tenant, n.id)] = app.mapper.to_domain_event(n)
    return found


def old_record_names(k, wanted) -> dict:
    with k.engine.connect() as conn:
        rows = [r for tenant, ids in wanted.items() for r in conn.execute(select(events).where(
            events.c.tenant == tenant, events.c.version == 1, events.c.originator_id.in_(sorted(ids))))]
    found = old_load_events(k, rows)
    return {str(r.originator_id): name_of(found[(r.tenant, r.notification_id)]) for r in rows}


@pytest.mark.parametrize("filter_name", list(FILTERS))
def test_the_page_shows_the_same_rows_as_the_old_reads(k, make_tenant, filter_name, clock):
    slugs = add_schools(k, make_tenant, 0, 4, members=3)
    data = {"school": slugs[1], "month": month_of_newest(k)} if filter_name == "school and month" else \
        {"actor": "test"} if filter_name == "actor" else \
        {"event_type": "Member.Registered"} if filter_name == "event type" else {}
    from plugins.audit.queries import scope  # noqa: PLC0415
    page = history.list_history(k, scope.criteria(data, None))
    assert page.items
    new = history.load_events(k, page.items)
    old = old_load_events(k, page.items)
    assert new.keys() == old.keys()
    assert all(vars(new[key]) == vars(old[key]) for key in old)
    wanted = {}
    for row in page.items:
        wanted.setdefault(row.tenant, set()).add(row.originator_id)
    names, before = history.record_names(k, wanted), old_record_names(k, wanted)
    assert set(names) == set(before)
    assert all(names[i] == name for i, name in before.items() if name)
    described = history.describe_rows(k, page.items)
    assert [d.text for d in described] == [history.describe(k, old[(r.tenant, r.notification_id)])
                                           for r in page.items]


def test_a_tampered_or_missing_row_reads_as_none(k, make_tenant, raw):
    slug = add_schools(k, make_tenant, 0, 1, members=1)[0]
    with k.engine.connect() as conn:
        nid = conn.scalar(select(events.c.notification_id).where(events.c.tenant == slug,
                                                                events.c.event_type == "Member.Registered"))
    assert history.load_event(k, slug, nid) is not None
    assert history.load_event(k, slug, nid + 1000) is None
    state = bytes(raw(slug).row(nid)[3])
    raw(slug).edit_state(nid, state, state[:-5])
    assert history.load_event(k, slug, nid) is None
    assert history.load_events(k, []) == {}


def test_a_page_its_count_and_its_records_names_are_one_statement(k, make_tenant, login_as, clock, monkeypatch):
    """The page's rows, their total (up to the cap) and their records' names (from the records' first
    index rows) are read by one statement on the audit index, under every filter: no count of its
    own, no lookup of the records' first rows (a round trip each on PostgreSQL). Sent through
    SQLAlchemy here (``DIRECT``), so that its listener sees it: the statement is the same."""
    monkeypatch.setattr(rows_module, "DIRECT", False)
    admin = login_as("district_admin")
    slugs = add_schools(k, make_tenant, 0, 3, members=2)
    reads, month = [], month_of_newest(k)

    def seen(_conn, _cursor, statement, *_):
        if "FROM audit_events" in statement:
            reads.append(statement)
    event.listen(k.engine, "before_cursor_execute", seen)
    for url in (*FILTERS.values(), "/audit/?school={school}"):
        reads.clear()
        page = admin.get(url.format(school=slugs[1], month=month)).get_data(as_text=True)
        assert len(reads) == 1 and "count(" in reads[0] and "first_row" in reads[0], (url, reads)
        assert "党员" in page and "共 " in page


def test_the_schools_are_read_once_a_page_for_the_filter_and_the_scope(k, make_tenant, login_as, clock):
    admin = login_as("district_admin")
    add_schools(k, make_tenant, 0, 3, members=1)
    reads = []
    event.listen(k.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_: reads.append(statement) if "FROM tenants_schools" in statement else None)
    page = admin.get("/audit/").get_data(as_text=True)
    assert len(reads) == 1, reads
    assert all(f"第{i}中学" in page for i in range(3))


def test_the_schools_counter_and_the_seal_generation_are_one_statement_a_page(k, make_tenant, login_as, clock):
    """What says whether the kept school names and seal panel still stand: one statement, read once."""
    admin = login_as("district_admin")
    add_schools(k, make_tenant, 0, 2, members=1)
    admin.get("/audit/")
    marks = []
    event.listen(k.engine, "before_cursor_execute", lambda _c, _cu, statement, *_: marks.append(statement)
                 if "core_summary_clock" in statement or "audit_seal_generation" in statement else None)
    assert admin.get("/audit/").status_code == 200
    assert len(marks) == 1 and "core_summary_clock" in marks[0] and "audit_seal_generation" in marks[0], marks


def test_the_schools_names_are_read_again_only_when_the_schools_changed(k, make_tenant, login_as, clock):
    """At 2,000 schools reading every school's name took ~1.5 ms of each console page: the names are kept
    while the schools' counter (core.summaries.changes.REGISTRY, moved by every school event in the
    transaction that applies it) stands still."""
    admin = login_as("district_admin")
    add_schools(k, make_tenant, 0, 3, members=1)
    reads = []
    event.listen(k.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_: reads.append(statement) if "FROM tenants_schools" in statement else None)

    def school_filter() -> list[str]:
        page = admin.get("/audit/").get_data(as_text=True)
        return re.findall(r'<option value="school-\d\d" *>([^<]*)</option>', page)
    assert school_filter() == ["第0中学", "第1中学", "第2中学"]
    choices = stored._NAMES[k][2]["choices"]         # the filter's choices, derived from the names
    reads.clear()
    assert school_filter() == ["第0中学", "第1中学", "第2中学"]
    assert reads == []                               # nothing changed: not read again
    assert stored._NAMES[k][2]["choices"] is choices   # nor derived again
    with context.acting(context.system("test", source="test")):
        tenants.rename_school(k, "school-01", "第一实验中学")
    reads.clear()
    assert school_filter() == ["第0中学", "第一实验中学", "第2中学"] and len(reads) == 1
    make_tenant("school-09", "第9中学")
    assert school_filter()[-1] == "第9中学"


def test_a_page_reads_only_its_own_rows_stored_events(k, make_tenant, login_as, monkeypatch, clock):
    """The records' names are kept on their first index rows: a page decodes the 50 events it shows and
    none of its records' first events (they were as many again)."""
    admin = login_as("district_admin")
    slugs = add_schools(k, make_tenant, 0, 3, members=25)
    for slug in slugs:   # the newest rows are corrections: their records' first events are older rows
        with k.engine.connect() as conn:
            member_ids = list(conn.scalars(select(events.c.originator_id).where(
                events.c.tenant == slug, events.c.event_type == "Member.Registered")))
        for member_id in member_ids:
            with context.acting(context.system("test", source="test")):
                members.correct_member(k, slug, member_id, {"phone": "13900139000"})
    read, real = [], logread.read_events
    monkeypatch.setattr(logread, "read_events", lambda k_, wanted: read.append(wanted) or real(k_, wanted))
    monkeypatch.setattr(stored, "read_events", logread.read_events)
    assert admin.get("/audit/").status_code == 200
    assert sum(len(ids) for wanted in read for ids in wanted.values()) == 50, read
    from plugins.audit.queries import scope  # noqa: PLC0415
    rows = history.describe_rows(k, history.list_history(k, scope.criteria({}, None)).items)
    assert {r.row.event_type for r in rows} == {"Member.FieldsCorrected"}
    assert {r.record_name for r in rows} == {f"党员{slug[-2:]}{m}" for slug in slugs[1:] for m in range(25)}


def test_a_record_without_a_name_is_called_by_its_kind_and_year(k, make_tenant, clock):
    from plugins.assessment import services as assessment  # noqa: PLC0415
    slug = add_schools(k, make_tenant, 0, 1, members=2)[0]
    with context.acting(context.system("test", source="test")):
        evaluation = assessment.open_evaluation(k, slug, 2026)
    names = history.record_names(k, {slug: {str(evaluation.id)}})
    assert names == {str(evaluation.id): "民主评议（2026 年）"}, names


def test_past_the_count_cap_the_console_says_more_than_and_pages_on(k, make_tenant, login_as, api_as, monkeypatch, clock):
    """Rows are counted only up to COUNT_CAP past the page's start: the page says "more than n" (never a
    made-up total) and the next page counts on from there; below the cap the total is exact."""
    from plugins.audit.queries.history import index  # noqa: PLC0415
    add_schools(k, make_tenant, 0, 2, members=2)

    def rows() -> int:
        with k.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(events))
    monkeypatch.setattr(index, "COUNT_CAP", 4)
    admin = login_as("district_admin")
    page = admin.get("/audit/?per_page=2").get_data(as_text=True)
    assert "第 1 页，超过 4 条" in page and "符合条件的事件超过 4 条" in page and "共 5 条" not in page
    page = admin.get("/audit/?per_page=2&page=3").get_data(as_text=True)
    assert "第 3 页，超过 8 条" in page and "下一页" in page
    meta = api_as("district_admin").get("/api/v1/audit/events?per_page=2").get_json()["meta"]
    assert meta["more_than"] == 4 and meta["total"] == 5
    monkeypatch.setattr(index, "COUNT_CAP", 500)
    api, now = api_as("district_admin"), rows()
    assert f"共 {now} 条" in admin.get("/audit/?per_page=500").get_data(as_text=True)
    meta = api.get("/api/v1/audit/events?per_page=2").get_json()["meta"]
    assert meta["total"] == rows() and "more_than" not in meta
