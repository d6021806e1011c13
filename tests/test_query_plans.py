"""Writes and reads do not grow with the district (issue 19, point 4): every statement run against the
read models while the demo district of two schools is built, rebuilt, written to and shown — every
plugin's pages, the district dashboard, 我的, the API's lists — is served by an index. The query
planner says so: SQLite's ``EXPLAIN QUERY PLAN``, PostgreSQL's ``EXPLAIN (FORMAT JSON)`` with
sequential scans switched off, so a ``Seq Scan`` that remains means no index can serve the statement.
Event-store tables are eventsourcing's own SQL and not read through this engine.
"""
from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import event, select

from core import context
from core.auth import services as accounts
from core.demo import DEMO_PASSWORD, SCHOOLS, create_demo
from core.db import metadata
from core.eventstore import DISTRICT
from core.projections import rows as rows_module
from core.testing import ApiClient, login
from plugins.dues import services as dues
from plugins.dues.queries import standing as dues_standing
from plugins.meetings import services as meetings
from plugins.meetings.models import attendees, meetings as meeting_rows
from plugins.members import public as members, services as member_services

SCHOOL = SCHOOLS[0][0]
USERS = ["admin", "inspector", f"{SCHOOL}-secretary", f"{SCHOOL}-org", f"{SCHOOL}-member"]
LINK = re.compile(r'href="(/(?:t/|district/|audit/|mine|me)[^"#]*)"')
NOT_A_PAGE = re.compile(r"\.(xlsx|csv|ics|pdf|docx|json)(\?|$)|/files/|/attachments/|/export|/print$|/sheet"
                        r"|/download|/lang/|/logout")
READ_MODEL = set(metadata.tables)

# Statements that read a whole table on purpose, each because the statement wants all of it. A
# statement (its SQL on one line) is let through when it matches an entry's pattern.
WHOLE_TABLE_ON_PURPOSE = {
    # The district administrator's account list (/district/users) shows every account with its roles.
    r"ON core_users\.id = core_role_grants\.user_id ORDER BY": "every role grant, for the list of every account",
    # Sign-ins held back (/district/users): core_login_failures keeps only the throttle's memory (each
    # failure deletes the older rows), and SQLite walks it in (username) order to group it.
    r"FROM core_login_failures WHERE core_login_failures\.at >= \S+ GROUP BY": "recent sign-in failures, grouped",
    # Rebuilding a district-scope projection (Projection.clear) empties its tables: they hold the
    # district log's rows only (users, schools), so the whole table is that log's.
    r"^DELETE FROM \w+$": "a district-scope projection's tables emptied before its rebuild",
    # The district dashboard asks one question before anything else: did any school's summary change
    # (core.summaries.version)? The counters answer it (core.summaries.changes): a row per shard, whatever
    # the number of schools, all of them wanted.
    r"^SELECT core_summary_clock\.shard, core_summary_clock\.n FROM core_summary_clock ORDER BY":
        "every counter of the schools' summaries (the dashboard's version)",
}


def _statement_sql(statement: str) -> str:
    return " ".join(statement.split())


@pytest.fixture
def statements(k, monkeypatch):
    """Every distinct statement sent to the read-model engine, with the parameters of its first run.
    Writes go through SQLAlchemy (not the driver directly) so that the listener sees them too; the
    statements are the same."""
    monkeypatch.setattr(rows_module, "DIRECT", False)
    seen: dict[str, object] = {}

    def record(conn, cursor, statement, parameters, context_, executemany):
        if executemany:
            parameters = parameters[0] if parameters else ()
        seen.setdefault(statement, parameters)

    event.listen(k.engine, "before_cursor_execute", record)
    yield seen
    event.remove(k.engine, "before_cursor_execute", record)


def _signed_in(app, username):
    client = app.test_client()
    assert login(client, username, DEMO_PASSWORD).status_code == 302
    return client


def _shape(url: str) -> str:
    """An address with its ids and numbers blanked: one page of each kind is enough for its statements."""
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+", "#", url)


QUERY_VARIANTS = 10
MIN_CHECKED = 480   # distinct statements whose plan the walk, the API lists and the writes reach


def _walk(client, depth: int = 3, limit: int = 250) -> int:
    """GET the home page and 我的, their links and theirs, one address of each shape, breadth first and
    in a fixed order (each level's shapes sorted; of a shape, the first address the pages gave, in the
    order they were read), so that every run opens the same pages and checks the same statements."""
    seen: set[str] = set()
    variants: dict[str, int] = {}   # query strings opened per path: the dashboard's sort and filter
    frontier = ["/", f"/t/{SCHOOL}/me"]   # links alone would use up the budget and leave pages unvisited
    for _step in range(depth + 1):
        following: dict[str, str] = {}   # shape → the first address of that shape
        for url in frontier:
            path = _shape(url.split("?")[0])
            if _shape(url) in seen or len(seen) >= limit or variants.get(path, 0) > QUERY_VARIANTS:
                continue
            seen.add(_shape(url))
            variants[path] = variants.get(path, 0) + 1
            response = client.get(url, follow_redirects=True)
            if response.mimetype == "text/html":
                for link in (html.unescape(x) for x in LINK.findall(response.get_data(as_text=True))):
                    if not NOT_A_PAGE.search(link) and _shape(link) not in seen:
                        following.setdefault(_shape(link), link)
        frontier = [following[shape] for shape in sorted(following)]
    return len(seen)


def _api_lists(app, k):
    """Every API GET whose only path parameter is the tenant, as the secretary and as the administrator."""
    with context.acting(context.system("test", source="test")):
        tokens = [accounts.issue_token(k, name, "test") for name in ("admin", f"{SCHOOL}-secretary")]
    document = app.test_client().get("/api/openapi.json").get_json()
    paths = [p.replace("{tenant}", SCHOOL) for p, ops in document["paths"].items()
             if "get" in ops and not re.search(r"\{(?!tenant\})", p)]
    for token in tokens:
        api = ApiClient(app.test_client(), token)
        for path in paths:
            assert api.get(path).status_code < 500, path


def _writes(k, clock):
    """Attendance, a dues payment, a member's correction, and a rebuild of a school and the district."""
    with context.acting(context.system("test", source="test")):
        with k.engine.connect() as conn:
            scheduled, starts = conn.execute(select(meeting_rows.c.id, meeting_rows.c.starts_at).where(
                meeting_rows.c.tenant == SCHOOL, meeting_rows.c.status == "scheduled")).first()
            people = conn.execute(select(attendees.c.member_id).where(
                attendees.c.tenant == SCHOOL, attendees.c.meeting_id == scheduled)).scalars().all()
        clock.set(datetime.combine(starts.date() + timedelta(days=1), time(2)))  # the day after it was held
        meetings.record_attendance(k, SCHOOL, scheduled, {m: {"status": "present"} for m in people})
        owing = dues_standing.arrears(k, SCHOOL, k.today())[0][0]
        dues.record_payment(k, SCHOOL, owing.account.member_id, [owing.months[0]], "cash")
        member = members.list_members(k, SCHOOL)[0]
        member_services.correct_member(k, SCHOOL, member.id, {"job_post": "教研组长"})
    k.projector.rebuild(SCHOOL)
    k.projector.rebuild(DISTRICT)


def scans(conn, sql: str, parameters) -> list[str]:
    """The read-model tables the plan of ``sql`` reads from end to end (none: every read is indexed)."""
    if conn.dialect.name == "sqlite":
        flat = _statement_sql(sql)
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters).all()
        found = []
        for row in plan:
            match = re.match(r"SCAN (?:TABLE )?(\w+)(?: AS (\w+))?", row[-1])
            if not match or "USING INTEGER PRIMARY KEY" in row[-1]:
                continue
            # Walking a whole index in its order is how a list without a filter reads its first page
            # (ORDER BY … LIMIT); a statement that filters and still walks a whole index has no index
            # leading with its filter.
            if re.search(r"USING (?:COVERING )?INDEX", row[-1]) and not (" WHERE " in flat and " LIMIT " not in flat):
                continue
            name = match.group(1)
            alias = re.search(rf"(\w+) AS {name}\b", sql)   # SQLite names an aliased table by its alias
            table = name if name in READ_MODEL else alias.group(1) if alias else name
            if table in READ_MODEL:
                found.append(table)
        return found
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + sql, parameters).scalar()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = []

    def visit(node):
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in READ_MODEL:
            found.append(node["Relation Name"])
        for child in node.get("Plans", ()):
            visit(child)

    visit(plan[0]["Plan"])
    return found


def unserved(k, recorded: dict, checked: list | None = None) -> list[str]:
    """'table: statement' for each recorded statement whose plan scans a whole read-model table;
    ``checked`` receives each statement whose plan was asked for."""
    bad = []
    checked = [] if checked is None else checked
    with k.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")
        for sql, parameters in recorded.items():
            flat = _statement_sql(sql)
            if not re.match(r"(SELECT|UPDATE|DELETE|INSERT|WITH)\b", flat, re.I):
                continue
            if any(re.search(pattern, flat) for pattern in WHOLE_TABLE_ON_PURPOSE):
                continue
            checked.append(flat)
            bad += [f"{table}: {flat[:400]}" for table in dict.fromkeys(scans(conn, sql, parameters))]
        conn.rollback()
    return bad


def test_every_read_model_statement_of_every_plugin_is_served_by_an_index(app, k, clock, statements):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:2])
    for username in USERS:
        assert _walk(_signed_in(app, username)) > 3
    _api_lists(app, k)
    _writes(k, clock)
    recorded = dict(statements)
    assert len(recorded) > 100, "the exercise reached too few statements to prove anything"
    # The app's own owners: a test plugin another test imported in this process declares tables too.
    owners = {name.split("_")[0] for name in READ_MODEL} & ({"core", "tenants"} | set(k.registry.infos))
    reached = {owner for owner in owners if any(f" {owner}_" in _statement_sql(sql) for sql in recorded)}
    assert reached == owners, f"no statement read or wrote the tables of {sorted(owners - reached)}"
    checked: list[str] = []
    bad = unserved(k, recorded, checked)
    print(f"query plans: {len(recorded)} statements recorded, {len(checked)} checked")
    # The walk's reach is fixed (pages in a fixed order): 514 statements checked on SQLite when this
    # was written. Fewer means pages or links went missing, not that there is less to check.
    assert len(checked) >= MIN_CHECKED, f"only {len(checked)} statements checked (at least {MIN_CHECKED})"
    assert bad == [], "statements that scan a whole read-model table:\n" + "\n".join(bad)


def test_recording_attendance_updates_and_reads_attendees_through_the_tenants_index(
        app, k, clock, statements, make_tenant, actor):
    """The case that was found (issue 19, cause 4): attendance filtered attendees by meeting and member
    only, so SQLite scanned every school's attendance rows for each person."""
    from plugins.meetings.tests.conftest import at, make_branch
    tenant = make_tenant("school-a")
    ids = make_branch(k, tenant)
    meeting = meetings.schedule_meeting(k, tenant, "congress", "支部党员大会", at(2026, 11, 2), "会议室")
    first = next(iter(ids.values()))
    meetings.receive_written_opinion(k, tenant, meeting.id, first, date(2026, 11, 1), "同意")
    statements.clear()
    meetings.record_attendance(k, tenant, meeting.id, {m: {"status": "present"} for m in ids.values()})
    touching = {sql: p for sql, p in statements.items() if "meetings_attendees" in sql}
    assert any(_statement_sql(sql).startswith("UPDATE") for sql in touching)
    assert any(_statement_sql(sql).startswith("SELECT") for sql in touching)
    with k.engine.connect() as conn:
        for sql, parameters in touching.items():
            assert re.search(r"WHERE .*meetings_attendees\.tenant = ", _statement_sql(sql)), sql
            assert scans(conn, sql, parameters) == [], sql
            if conn.dialect.name == "sqlite":
                plan = " ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters))
                assert re.search(r"SEARCH meetings_attendees USING INDEX \w+ \(tenant=\?", plan), plan
