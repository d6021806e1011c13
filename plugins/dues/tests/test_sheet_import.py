"""A month's payments imported from the payroll/bank Excel (issue 18.2) with a preview, all rows or
none; and the sheet and the warnings in the API (18.1, 18.3)."""
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from plugins.dues import queries, services
from plugins.dues.rules import sheet
from plugins.dues.schemas import imports

D = Decimal


@pytest.fixture
def people(k, tenant, actor, add_member):
    ids = {name: add_member(tenant, name) for name in ("甲", "乙", "丙")}
    ids["丙2"] = add_member(tenant, "丙")                                        # a second 丙
    for member in ids.values():
        services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))    # 40.00 a month
        services.record_payment(k, tenant, member, [date(2026, m, 1) for m in range(1, 10)], "cash")
    k.catch_up(tenant)
    return ids


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_reading_flags_unknown_and_ambiguous_names_and_amounts_that_differ(k, tenant, people):
    accounts = {str(a.member_id): a for a in queries.school_accounts(k, tenant)[0]}
    rows = imports.read([["姓名", "金额", "月份"], ["甲", "45", ""], ["丙", "40", ""], ["路人", "40", ""],
                         ["乙", "30", "2026-10"], ["乙", "40", "2026-09"]],
                        queries.people_by_name(k, tenant), accounts, sheet.parse_period("2026-11"))
    assert [r.errors for r in rows][:3] == [[], [("ambiguous_name", {"name": "丙", "n": 2})],
                                            [("unknown_name", {"name": "路人"})]]
    assert rows[0].owed == D("40.00") and rows[0].warnings[0][0] == "amount_differs"
    assert ("earlier_unpaid", {"months": "2026-10"}) in rows[0].warnings
    assert rows[3].errors == [("amount_short", {"amount": D("30"), "owed": D("40.00")})]
    assert rows[4].errors[0][0] == "twice" and rows[4].errors[1][0] == "month_paid"


def test_an_uploaded_payroll_sheet_is_previewed_then_imported_whole(k, tenant, people, login_as):
    client = login_as("org", tenant)
    data = xlsx([["工号/ID", "姓名", "金额", "日期"], [str(people["甲"]), "甲", 40, date(2026, 11, 10)],
                 ["", "乙", "40.00", ""]])
    r = client.post(f"/t/{tenant}/dues/sheet/import", data={
        "csrf_token": client.csrf(), "period": "2026-11", "method": "transfer", "paid_on": "2026-11-20",
        "action": "preview", "file": (io.BytesIO(data), "工资代扣.xlsx")}, content_type="multipart/form-data")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "确认导入 2 笔交纳" in page and "更早的月份尚未交纳：2026-10" in page
    assert len(queries.list_entries(k, tenant)) == 4
    text = page.split('<textarea name="rows" hidden>')[1].split("</textarea>")[0]
    r = client.post(f"/t/{tenant}/dues/sheet/import", data={
        "csrf_token": client.csrf(), "period": "2026-11", "method": "transfer", "paid_on": "2026-11-20",
        "action": "confirm", "rows": text.replace("&#39;", "'")})
    assert r.status_code == 302 and "first=2026-0005" in r.location and "last=2026-0006" in r.location
    paid = {e.member_name: e for e in queries.payments_for_period(k, tenant, sheet.parse_period("2026-11"))}
    assert paid["甲"].dated == date(2026, 11, 10) and paid["乙"].dated == date(2026, 11, 20)
    assert paid["甲"].method == "transfer" and paid["甲"].late
    assert "打印全部收据" in client.get(r.location).get_data(as_text=True)


def test_one_bad_row_of_an_import_writes_nothing(k, tenant, people, login_as):
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/sheet/import", data={
        "csrf_token": client.csrf(), "period": "2026-11", "action": "confirm",
        "rows": "姓名\t金额\n甲\t40\n丙\t40\n路人\t40\n乙\tabc"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "有 2 人重名" in page and "「路人」不在应交党费的党员名单上" in page
    assert "金额「abc」无法识别" in page and len(queries.list_entries(k, tenant)) == 4


def test_a_single_payment_through_the_api_answers_with_warnings(tenant, people, api_as):
    api = api_as("org", tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/payments",
                 json={"member_id": str(people["甲"]), "months": ["2026-12"], "method": "cash"})
    assert r.status_code == 201 and r.json["warnings"] == ["更早的月份尚未交纳：2026-10、2026-11（可一并补交）"]
    r = api.post(f"/api/v1/t/{tenant}/dues/payments",
                 json={"member_id": str(people["乙"]), "months": ["2026-10"], "method": "cash"})
    assert r.status_code == 201 and r.json["warnings"] == []
