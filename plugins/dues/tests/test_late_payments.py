"""Payments made before they were entered (补录), several at once (issue 15.3): each is marked late
with the day paid and the day recorded; a bad row refuses all; page (preview, confirm) and API."""
from datetime import date
from decimal import Decimal

import pytest

from plugins.dues import queries, services
from plugins.dues.queries import standing
from plugins.dues.domain import DuesAccount, DuesError

D = Decimal


@pytest.fixture
def people(k, tenant, clock, actor, add_member):
    ids = {"甲": add_member(tenant, "甲"), "乙": add_member(tenant, "乙")}
    for member in ids.values():
        services.record_base(k, tenant, member, 2026, 1, "employed", D("2000"))    # 10.00 a month
    return ids


def paid_events(k, tenant, member):
    return [e for e in k.stores.log(tenant).repository.event_store.get(DuesAccount.create_id(tenant, str(member)))
            if isinstance(e, DuesAccount.Paid)]


def test_payments_entered_late_are_marked_late_with_both_dates(k, tenant, people):
    done = services.record_late_payments(k, tenant, [
        {"member_id": people["甲"], "months": [date(2026, m, 1) for m in range(1, 7)], "paid_on": date(2026, 7, 10),
         "method": "cash"},
        {"member_id": people["乙"], "months": ["2026-01", "2026-02"], "paid_on": date(2026, 3, 3), "method": "online"},
        {"member_id": people["甲"], "months": [date(2026, 7, 1)], "paid_on": date(2026, 8, 1), "method": "cash"}])
    assert [r for _m, r in done] == ["2026-0001", "2026-0002", "2026-0003"]
    first, second = paid_events(k, tenant, people["甲"])
    assert first.late and first.paid_on == date(2026, 7, 10) and first.total == D("60.00")
    assert first.timestamp.date() >= date(2026, 11, 1)       # recorded now, describing July
    assert second.late and second.paid_on == date(2026, 8, 1)
    found = {a.account.name: a for a, _lv in standing.arrears(k, tenant, date(2026, 11, 23))}
    assert found["甲"].months[0] == date(2026, 8, 1) and found["乙"].months[0] == date(2026, 3, 1)


def test_one_bad_row_refuses_every_row(k, tenant, people):
    before = k.stores.log(tenant).recorder.max_notification_id()
    with pytest.raises(DuesError, match="第 2 行：补录的交纳日期须早于今天"):
        services.record_late_payments(k, tenant, [
            {"member_id": people["甲"], "months": [date(2026, 1, 1)], "paid_on": date(2026, 2, 1), "method": "cash"},
            {"member_id": people["乙"], "months": [date(2026, 1, 1)], "paid_on": date(2026, 11, 23), "method": "cash"}])
    assert k.stores.log(tenant).recorder.max_notification_id() == before


def test_the_page_previews_then_enters_pasted_rows(k, tenant, people, login_as):
    client = login_as("secretary", tenant)
    rows = "姓名\t月份\t交纳日期\t交纳方式\n甲\t2026-01至2026-03\t2026-04-02\t现金\n乙\t2026-01、2026-02\t2026-03-01\t转账\n"
    preview = client.post(f"/t/{tenant}/dues/late-payments",
                          data={"csrf_token": client.csrf(), "action": "preview", "rows": rows})
    assert preview.status_code == 200 and "确认补录 2 笔交纳" in preview.get_data(as_text=True)
    assert queries.list_entries(k, tenant) == []
    r = client.post(f"/t/{tenant}/dues/late-payments", data={"csrf_token": client.csrf(), "action": "confirm",
                                                             "rows": rows})
    assert r.status_code == 302
    assert sorted(e.amount_fen for e in queries.list_entries(k, tenant)) == [2000, 3000]


def test_the_page_lists_every_rows_problem_and_writes_nothing(k, tenant, people, login_as):
    client = login_as("secretary", tenant)
    r = client.post(f"/t/{tenant}/dues/late-payments", data={
        "csrf_token": client.csrf(), "action": "confirm",
        "rows": "路人\t2026-01\t2026-02-01\t现金\n甲\t一月\t2026-02-30\t刷卡"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "不在名册上" in page and "月份「一月」无法识别" in page
    assert "交纳日期「2026-02-30」无法识别" in page and "交纳方式「刷卡」无法识别" in page
    assert queries.list_entries(k, tenant) == []


def test_the_api_enters_payments_late_and_a_member_may_not(k, tenant, people, api_as):
    body = {"payments": [{"member_id": str(people["甲"]), "months": ["2026-01", "2026-02"], "paid_on": "2026-02-05",
                          "method": "cash"}]}
    assert api_as("member", tenant).post(f"/api/v1/t/{tenant}/dues/late-payments", json=body).status_code == 403
    r = api_as("secretary", tenant).post(f"/api/v1/t/{tenant}/dues/late-payments", json=body)
    assert r.status_code == 201, r.get_json()
    assert r.get_json() == [{"member_id": str(people["甲"]), "receipt_no": "2026-0001"}]
    event, = paid_events(k, tenant, people["甲"])
    assert event.late and event.paid_on == date(2026, 2, 5)
