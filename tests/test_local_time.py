"""One clock for display (issue 15, point 1): instants are kept in UTC and shown, typed in, bucketed
and exported in the deployment's zone (Asia/Shanghai), on both databases. Records made at 23:30 and
at 00:30 Beijing time fall on their own local day and month."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone

import eventsourcing.domain
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from core.clock import day_start, from_local, local, local_day
from core.excel import csv_bytes, workbook
from plugins.members.models import history, movements
from plugins.members.tests.conftest import person

BEFORE_MIDNIGHT = datetime(2026, 1, 31, 15, 30, tzinfo=timezone.utc)   # 23:30 on 31 January, Beijing
AFTER_MIDNIGHT = datetime(2026, 1, 31, 16, 30, tzinfo=timezone.utc)    # 00:30 on 1 February, Beijing


@pytest.fixture
def at(clock, monkeypatch):
    """``at(moment)``: the business clock and the events' recording time both stand at ``moment``."""
    def move(moment: datetime) -> None:
        clock.set(moment)
        monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", lambda: moment)
    return move


@pytest.fixture
def two_registered(k, tenant, actor, at):
    from plugins.members import services
    at(BEFORE_MIDNIGHT)
    late = services.register_member(k, tenant, person("晚间登记", seq=91))
    at(AFTER_MIDNIGHT)
    early = services.register_member(k, tenant, person("凌晨登记", seq=92))
    return late, early


def test_the_clock_helpers_read_and_show_the_local_zone():
    assert local(BEFORE_MIDNIGHT).strftime("%Y-%m-%d %H:%M") == "2026-01-31 23:30"
    assert local_day(AFTER_MIDNIGHT) == date(2026, 2, 1)
    assert from_local(datetime(2026, 2, 1, 0, 30)) == AFTER_MIDNIGHT
    assert day_start(date(2026, 2, 1)) == datetime(2026, 1, 31, 16, 0, tzinfo=timezone.utc)


def test_read_model_instants_come_back_aware_in_utc(k, tenant, two_registered):
    late, early = two_registered
    with k.engine.connect() as conn:
        stored = dict(conn.execute(select(history.c.member_id, history.c.at).where(history.c.tenant == tenant)).all())
    assert stored[late.id] == BEFORE_MIDNIGHT and stored[late.id].utcoffset().total_seconds() == 0
    assert stored[early.id] == AFTER_MIDNIGHT


def test_records_at_2330_and_0030_fall_on_their_local_day_and_month(k, tenant, two_registered):
    late, early = two_registered
    with k.engine.connect() as conn:
        days = dict(conn.execute(select(movements.c.member_id, movements.c.effective_on)
                                 .where(movements.c.tenant == tenant)).all())
    assert (days[late.id], days[early.id]) == (date(2026, 1, 31), date(2026, 2, 1))
    assert k.today() == date(2026, 2, 1)


def test_pages_and_the_api_show_the_local_time(login_as, api_as, tenant, two_registered):
    late, early = two_registered
    secretary = login_as("secretary", tenant)
    assert "2026-01-31 23:30" in secretary.get(f"/t/{tenant}/members/{late.id}").get_data(as_text=True)
    page = secretary.get(f"/t/{tenant}/members/{early.id}").get_data(as_text=True)
    assert "2026-02-01 00:30" in page and "16:30" not in page
    answer = api_as("secretary", tenant).get(f"/api/v1/t/{tenant}/members/members/{late.id}/history").get_json()
    assert answer[0]["at"] == "2026-01-31T23:30:00+08:00"


def test_the_audit_console_shows_local_time_and_reads_typed_times_in_it(login_as, tenant, two_registered):
    late, _ = two_registered
    admin = login_as("district_admin")
    page = admin.get(f"/audit/records/{tenant}/{late.id}").get_data(as_text=True)
    assert "2026-01-31 23:30" in page and "15:30" not in page
    # the time the list shows, typed back in, finds the record; a minute before, it did not exist yet
    shown = admin.get(f"/audit/records/{tenant}/{late.id}?at=2026-01-31T23:30").get_data(as_text=True)
    assert "该时刻记录尚不存在" not in shown and "第 1 版" in shown
    before = admin.get(f"/audit/records/{tenant}/{late.id}?at=2026-01-31T23:29").get_data(as_text=True)
    assert "该时刻记录尚不存在" in before


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "jsonl"])
def test_the_audit_export_shows_the_same_local_time(login_as, tenant, two_registered, fmt):
    admin = login_as("district_admin")
    body = admin.get(f"/audit/export?format={fmt}&school={tenant}").data
    if fmt == "xlsx":
        cells = [c for row in load_workbook(io.BytesIO(body)).worksheets[0].iter_rows(values_only=True) for c in row]
        assert datetime(2026, 1, 31, 23, 30) in cells and datetime(2026, 2, 1, 0, 30) in cells
    else:
        text = body.decode("utf-8-sig")
        expected = ["2026-01-31 23:30:00", "2026-02-01 00:30:00"] if fmt == "csv" else \
            ["2026-01-31T23:30:00+08:00", "2026-02-01T00:30:00+08:00"]
        assert all(e in text for e in expected), text[:800]


def test_every_export_writes_an_instant_as_local_time():
    sheet = load_workbook(io.BytesIO(workbook([("s", ["at"], [[BEFORE_MIDNIGHT]])]))).worksheets[0]
    assert sheet.cell(2, 1).value == datetime(2026, 1, 31, 23, 30)
    assert "2026-01-31 23:30:00" in csv_bytes(["at"], [[BEFORE_MIDNIGHT]]).decode("utf-8-sig")
