"""Development cases already under way before they were entered (补录), several at once (issue 15.3):
each is opened and taken through the steps done on their own dates, every event keeping the day it
happened and the day it was recorded; a bad row refuses all; page (preview, confirm) and API."""
from __future__ import annotations

import io
from datetime import date
from uuid import UUID

import pytest

from plugins.development import queries, services
from plugins.development.domain import DevelopmentCase, DevelopmentError
from plugins.development.late_entries import COLUMNS
from plugins.development.tests.helpers import full_members, id_number, person

TODAY = date(2026, 11, 23)   # the test clock's day
DATES = {1: date(2025, 1, 10), 2: date(2025, 1, 25), 3: date(2025, 3, 1), 4: date(2025, 3, 10),
         5: date(2025, 3, 15), 6: date(2025, 3, 15), 7: date(2026, 3, 10)}


def row(upto: int, contacts=(), seq: int = 123, **extra) -> dict:
    return {"person": person(seq=seq, name=f"申请人{seq}"), "dates": {n: d for n, d in DATES.items() if n <= upto},
            "contacts": list(contacts), "late_reason": "", "notes": "", **extra}


def line(name: str, seq: int, dates: list[str], contacts: str = "", late_reason: str = "") -> str:
    cells = [name, "男", id_number(date(1995, 3, 15), seq), "教师", *dates, *[""] * (7 - len(dates)), contacts,
             late_reason, ""]
    return "\t".join(cells)


@pytest.fixture
def elders(k, tenant, actor):
    return full_members(k, tenant)


def test_cases_entered_late_stand_at_their_step_with_past_dates_and_both_dates(k, tenant, clock, actor, elders):
    built = services.open_late_cases(k, tenant, [row(2, seq=1), row(7, contacts=elders[:2], seq=2)])
    talked, target = (k.get(tenant, c.id, DevelopmentCase) for c in built)
    assert (talked.status, talked.next_step) == ("applicant", 3)
    assert (target.status, target.next_step) == ("target", 8)
    assert target.dates == DATES and target.steps[5]["data"]["contacts"][0]["id"] == elders[0]
    steps = queries.case_steps(k, tenant, target.id)
    assert [s.step for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert all(s.happened_on == DATES[s.step] and s.recorded_on == TODAY for s in steps)
    assert all(s.notes.startswith(services.LATE_NOTE) for s in steps)
    assert queries.get_case(k, tenant, target.id).status == "target"


def test_one_bad_row_refuses_every_row_and_the_rules_of_history_still_apply(k, tenant, clock, actor, elders):
    before = k.stores.log(tenant).recorder.max_notification_id()
    early_target = row(7, contacts=elders[:2], seq=2)
    early_target["dates"][7] = date(2025, 6, 1)          # less than a year as an activist
    with pytest.raises(DevelopmentError, match="第 2 行：「确定发展对象」最早可于 2026-03-01"):
        services.open_late_cases(k, tenant, [row(3, seq=1), early_target])
    assert k.stores.log(tenant).recorder.max_notification_id() == before
    services.open_late_cases(k, tenant, [row(1, seq=1)])
    _, errors, _ = services.check_late_cases(k, tenant, [
        row(1, seq=1),                                                     # already has an open case
        {**row(2, seq=3), "dates": {1: date(2025, 1, 10), 2: date(2027, 1, 1)}},   # in the future
        {**row(3, seq=4), "dates": {1: date(2025, 1, 10), 2: date(2025, 1, 5), 3: date(2025, 3, 1)}},
        row(2, seq=5, dates={1: date(2025, 1, 10), 2: date(2025, 5, 1)}),  # past the talk deadline, no reason
        row(2, seq=6, dates={1: date(2025, 1, 10), 2: date(2025, 5, 1)}, late_reason="书记外出学习"),
    ])
    assert errors[1] == "此人已有进行中的发展党员档案"
    assert errors[2] == "日期不能晚于今天"
    assert errors[3].startswith("日期不能早于上一步骤的日期")
    assert "须说明逾期原因" in errors[4] and 5 not in errors


def test_the_page_previews_per_row_problems_and_writes_nothing(k, tenant, clock, login_as, elders):
    client = login_as("secretary", tenant)
    rows = "\n".join(["\t".join(COLUMNS),
                      line("张甲", 1, ["2025-01-10", "2025-01-25"]),
                      line("李乙", 2, ["2025-01-10", "", "2025-03-01"]),
                      line("王丙", 3, ["2025-01-10", "2025-01-25", "2025-03-01", "2025-03-10", "2025-03-15"],
                           contacts="路人甲"),
                      line("赵丁", 4, ["2025-01-10", "2025-01-25", "2025-03-01", "2025-03-10", "2025-03-15",
                                     "2025-03-15", "2025-06-01"], contacts="老党员0、老党员1")])
    r = client.post(f"/t/{tenant}/development/late-entries",
                    data={"csrf_token": client.csrf(), "action": "confirm", "rows": rows})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "缺少：党组织派人谈话" in page and "培养联系人「路人甲」不在名册上" in page
    assert "「确定发展对象」最早可于 2026-03-01" in page and "无误" in page
    assert "本次未写入任何数据" in page and "确认补录" not in page
    assert queries.list_cases(k, tenant) == []


def test_the_page_previews_then_opens_the_cases(k, tenant, clock, login_as, elders):
    client = login_as("secretary", tenant)
    assert "补录进行中的发展档案" in client.get(f"/t/{tenant}/development/").get_data(as_text=True)
    rows = "\n".join([line("张甲", 1, ["2025-01-10", "2025-01-25"]),
                      line("赵丁", 4, ["2025-01-10", "2025-01-25", "2025-03-01", "2025-03-10", "2025-03-15",
                                     "2025-03-15"], contacts="老党员0")])
    preview = client.post(f"/t/{tenant}/development/late-entries",
                          data={"csrf_token": client.csrf(), "action": "preview", "rows": rows})
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "确认补录 2 份发展档案" in page and "培养教育考察" in page
    assert queries.list_cases(k, tenant) == []
    r = client.post(f"/t/{tenant}/development/late-entries",
                    data={"csrf_token": client.csrf(), "action": "confirm", "rows": rows})
    assert r.status_code == 302
    cases = {c.name: c for c in queries.list_cases(k, tenant)}
    assert (cases["张甲"].status, cases["张甲"].next_step) == ("applicant", 3)
    assert (cases["赵丁"].status, cases["赵丁"].next_step) == ("activist", 7)


def test_a_member_may_not_enter_cases_late(tenant, login_as, api_as):
    client = login_as("member", tenant)
    assert client.get(f"/t/{tenant}/development/late-entries").status_code == 403
    body = {"cases": [{**person(), "steps": [{"step": 1, "happened_on": "2025-01-10"}]}]}
    r = api_as("member", tenant).post(f"/api/v1/t/{tenant}/development/late-entries", json=body)
    assert r.status_code == 403


def test_the_api_enters_cases_late(k, tenant, clock, api_as, elders):
    api = api_as("secretary", tenant)
    steps = [{"step": n, "happened_on": d.isoformat()} for n, d in DATES.items() if n <= 5]
    r = api.post(f"/api/v1/t/{tenant}/development/late-entries",
                 json={"cases": [{**person(), "steps": steps, "contacts": elders[:1], "notes": "2025年档案"}]})
    assert r.status_code == 201, r.get_json()
    out, = r.get_json()
    assert (out["status"], out["current_step"], out["applied_on"], out["recorded_on"], out["late"]) == \
        ("activist", 5, "2025-01-10", "2026-11-23", True)
    assert queries.case_steps(k, tenant, UUID(out["id"]))[-1].notes == "补录（纸质档案）：2025年档案"
    bad = api.post(f"/api/v1/t/{tenant}/development/late-entries",
                   json={"cases": [{**person(seq=9), "steps": [{"step": 1, "happened_on": "2027-01-10"}]}]})
    assert bad.status_code == 422


def test_an_uploaded_csv_is_previewed_and_the_page_reads_in_english(k, tenant, clock, login_as, elders):
    client = login_as("secretary", tenant)
    csv = ",".join(COLUMNS) + "\n" + line("张甲", 1, ["2025-01-10", "2025-01-25"]).replace("\t", ",") + "\n"
    r = client.post(f"/t/{tenant}/development/late-entries", content_type="multipart/form-data",
                    data={"csrf_token": client.csrf(), "action": "preview",
                          "file": (io.BytesIO(csv.encode("utf-8-sig")), "档案.csv")})
    assert r.status_code == 200 and "确认补录 1 份发展档案" in r.get_data(as_text=True)
    client.get("/lang/en")
    page = client.get(f"/t/{tenant}/development/late-entries").get_data(as_text=True)
    assert "Enter cases already under way" in page and "paper file" in page
    assert queries.list_cases(k, tenant) == []
