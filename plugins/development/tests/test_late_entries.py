"""Development cases already under way before they were entered (补录), several at once (issue 15.3):
each is opened and taken through the steps done on their own dates, every event keeping the day it
happened and the day it was recorded; a bad row refuses all; page (preview, confirm) and API."""
from __future__ import annotations

import io
from datetime import date
from uuid import UUID

import pytest

from plugins.development import queries, rules, services
from plugins.development.domain import DevelopmentCase, DevelopmentError
from plugins.development.schemas import late_entries
from plugins.development.schemas.late_entries import COLUMNS, STEP_COLUMNS
from plugins.development.tests.helpers import full_members, id_number, person
from plugins.members import public as members

TODAY = date(2026, 11, 23)   # the test clock's day
DATES = {1: date(2025, 1, 10), 2: date(2025, 1, 25), 3: date(2025, 3, 1), 4: date(2025, 3, 10),
         5: date(2025, 3, 15), 6: date(2025, 3, 15), 7: date(2026, 3, 10)}


def row(upto: int, contacts=(), seq: int = 123, **extra) -> dict:
    return {"person": person(seq=seq, name=f"申请人{seq}"), "dates": {n: d for n, d in DATES.items() if n <= upto},
            "contacts": list(contacts), "late_reason": "", "notes": "", **extra}


def line(name: str, seq: int, dates: list[str], contacts: str = "", late_reason: str = "", **data: str) -> str:
    """A row of the sheet (every column, in order); ``data``: the later steps' columns by name."""
    cells = {"姓名": name, "性别": "男", "身份证号": id_number(date(1995, 3, 15), seq), "人员类别": "教师",
             **{title: on for (_, title), on in zip(STEP_COLUMNS, dates)}, "培养联系人": contacts,
             "逾期原因": late_reason, **data}
    return "\t".join(cells.get(column, "") for column in COLUMNS)


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
    assert client.get(f"/t/{tenant}/development/late-entries/template.xlsx").status_code == 403
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


# -- cases past the development-target decision (issue 15.3, gap 1) ---------------------------
# A probationary member who took the oath (steps 1–20), as the page's example row has them.
PROBATIONARY = dict(zip(range(1, 21), (
    date(2024, 3, 1), date(2024, 3, 20), date(2024, 9, 10), date(2024, 9, 20), date(2024, 9, 25),
    date(2024, 9, 25), date(2025, 9, 10), date(2025, 9, 19), date(2025, 9, 22), date(2025, 10, 15),
    date(2025, 10, 20), date(2025, 11, 3), date(2025, 11, 12), date(2025, 11, 14), date(2025, 11, 28),
    date(2025, 12, 5), date(2025, 12, 20), date(2026, 1, 10), date(2026, 1, 12), date(2026, 1, 15))))
PUBLICITY = {"target": date(2025, 9, 11), "admission": date(2025, 11, 4)}
# A member a year ahead: converted (steps 1–24), the probation ending on 2025-11-28.
CONVERTED = dict(zip(range(1, 25), (
    date(2023, 3, 1), date(2023, 3, 20), date(2023, 9, 10), date(2023, 9, 20), date(2023, 9, 25),
    date(2023, 9, 25), date(2024, 9, 10), date(2024, 9, 20), date(2024, 9, 23), date(2024, 10, 15),
    date(2024, 10, 20), date(2024, 11, 1), date(2024, 11, 12), date(2024, 11, 14), date(2024, 11, 28),
    date(2024, 12, 5), date(2024, 12, 20), date(2025, 1, 10), date(2025, 1, 12), date(2025, 1, 15),
    date(2025, 6, 1), date(2025, 11, 28), date(2025, 12, 8), date(2025, 12, 20))))
CONVERTED_PUBLICITY = {"target": date(2024, 9, 11), "admission": date(2024, 11, 4), "conversion": date(2025, 11, 28)}
COUNTS = {"entitled": 20, "present": 18, "written_opinions": 1, "yes": 18, "no": 1, "abstain": 0}


def later_row(dates: dict, windows: dict, elders: list, seq: int, upto: int | None = None, **extra) -> dict:
    upto = upto or max(dates)
    return {"person": person(seq=seq, name=f"申请人{seq}"), "dates": {n: d for n, d in dates.items() if n <= upto},
            "contacts": elders[:2], "introducers": elders[2:4] if upto >= 9 else [],
            "training": {"days": 3.0, "hours": 24.0} if upto >= 11 else {},
            "publicity": {kind: {"start": on, "end": None} for kind, on in windows.items()
                          if upto >= {"target": 8, "admission": 13, "conversion": 23}[kind]},
            "leaving_on": None, "votes": {s: dict(COUNTS) for s in (15, 23) if upto >= s},
            "late_reason": "", "notes": "", **extra}


def upto(step: int, cells: dict) -> dict:
    """The data columns of the steps a row reaches (the others stay empty)."""
    return {column: text for column, text in cells.items() if late_entries.DATA_COLUMNS[column] <= step}


def window(start: date) -> str:
    return f"{start.isoformat()}至{rules.add_working_days(start, 5).isoformat()}"


def test_a_probationary_member_entered_late_stands_as_the_case_page_leaves_one(k, tenant, clock, actor, elders):
    bulk, = services.open_late_cases(k, tenant, [later_row(PROBATIONARY, PUBLICITY, elders, seq=1)])
    # the same person's history recorded step by step as the case page records it, on the same day
    page = services.open_case(k, tenant, person(seq=2, name="申请人2"), PROBATIONARY[1])
    for step, on in list(PROBATIONARY.items())[1:]:
        kind = {8: "target", 13: "admission"}.get(step)
        if kind:
            services.open_publicity(k, tenant, page.id, kind, PUBLICITY[kind])
        data = {5: {"contacts": elders[:2]}, 9: {"introducers": elders[2:4]}, 11: {"days": 3.0, "hours": 24.0},
                13: {"leaving_on": None}, 15: dict(COUNTS), 17: {"approved": True}}.get(step, {})
        services.record_step(k, tenant, page.id, step, on, data=data)
    bulk, page = k.get(tenant, bulk.id, DevelopmentCase), k.get(tenant, page.id, DevelopmentCase)

    assert (bulk.status, bulk.next_step) == (page.status, page.next_step) == ("probationary", 21)
    assert bulk.dates == page.dates == PROBATIONARY
    assert {n: {**s, "notes": ""} for n, s in bulk.steps.items()} == {n: {**s, "notes": ""} for n, s in page.steps.items()}
    assert bulk.publicity == page.publicity and bulk.probation_end == page.probation_end == date(2026, 11, 28)
    assert bulk.steps[15]["data"]["vote"]["yes"] == 18 and bulk.steps[9]["data"]["introducers"][1]["id"] == elders[3]
    steps = queries.case_steps(k, tenant, bulk.id)
    assert [s.step for s in steps] == list(range(1, 21))
    assert all(s.happened_on == PROBATIONARY[s.step] and s.recorded_on == TODAY for s in steps)
    assert all(s.notes.startswith(services.LATE_NOTE) for s in steps)
    # on the roll as a probationary member since the congress, as the case page's approval does
    member = members.get_member(k, tenant, UUID(bulk.member_id))
    assert (member.status, member.joined_on, member.name) == ("probationary", date(2025, 11, 28), "申请人1")
    assert queries.get_case(k, tenant, bulk.id).status == "probationary"


def test_cases_at_the_conversion_vote_and_past_it_carry_the_congress_counts(k, tenant, clock, login_as, elders):
    client = login_as("secretary", tenant)
    cells = {"入党介绍人": "老党员2、老党员3", "培训天数": "3", "发展对象公示": window(CONVERTED_PUBLICITY["target"]),
             "拟接收预备党员公示": window(CONVERTED_PUBLICITY["admission"]), "接收预备党员表决": "应到 20 实到 18 赞成 18",
             "拟转正公示": window(CONVERTED_PUBLICITY["conversion"]),
             "转正表决": "应到 21 实到 19 书面 1 赞成 19 反对 1"}
    dates = [d.isoformat() for d in CONVERTED.values()]
    rows = "\n".join(["\t".join(COLUMNS), line("张甲", 1, dates[:23], contacts="老党员0、老党员1", **cells),
                      line("李乙", 2, dates, contacts="老党员0", **cells)])
    r = client.post(f"/t/{tenant}/development/late-entries",
                    data={"csrf_token": client.csrf(), "action": "confirm", "rows": rows})
    assert r.status_code == 302, r.get_data(as_text=True)
    cases = {c.name: k.get(tenant, c.id, DevelopmentCase) for c in queries.list_cases(k, tenant)}
    voted, converted = cases["张甲"], cases["李乙"]
    assert (voted.status, voted.next_step, converted.status, converted.next_step) == ("probationary", 24, "full", 25)
    assert voted.steps[15]["data"]["vote"] == {**COUNTS, "written_opinions": 0, "no": 0, "meeting_id": None}
    assert converted.steps[23]["data"] == {"vote": {"entitled": 21, "present": 19, "written_opinions": 1, "yes": 19,
                                                    "no": 1, "abstain": 0, "meeting_id": None}, "passed": True}
    assert converted.converted_on == converted.probation_end == date(2025, 11, 28)
    assert converted.publicity["conversion"]["end"] == date(2025, 12, 4)
    voter = members.get_member(k, tenant, UUID(voted.member_id))
    member = members.get_member(k, tenant, UUID(converted.member_id))
    assert (voter.status, voter.joined_on) == ("probationary", date(2024, 11, 28))
    assert (member.status, member.joined_on, member.converted_on) == ("full", date(2024, 11, 28), date(2025, 11, 28))


def test_a_later_step_without_its_data_refuses_every_row_and_writes_nothing(k, tenant, clock, actor, elders):
    before = k.stores.log(tenant).recorder.max_notification_id()
    on_roll = len(members.list_members(k, tenant))
    no_introducers = later_row(PROBATIONARY, PUBLICITY, elders, seq=2, upto=9, introducers=[])
    below_quorum = later_row(PROBATIONARY, PUBLICITY, elders, seq=3, upto=17)
    below_quorum["votes"][15] = {**COUNTS, "present": 10, "yes": 10, "no": 0}
    no_publicity = later_row(PROBATIONARY, {"target": PUBLICITY["target"]}, elders, seq=4, upto=13)
    short_publicity = later_row(PROBATIONARY, PUBLICITY, elders, seq=5, upto=8)
    short_publicity["publicity"]["target"]["end"] = date(2025, 9, 15)
    no_training = later_row(PROBATIONARY, PUBLICITY, elders, seq=6, upto=11, training={})
    early_introducers = later_row(PROBATIONARY, PUBLICITY, elders, seq=7, upto=7, introducers=elders[2:4])
    rows = [later_row(PROBATIONARY, PUBLICITY, elders, seq=1), no_introducers, below_quorum, no_publicity,
            short_publicity, no_training, early_introducers]
    with pytest.raises(DevelopmentError, match="第 2 行：入党介绍人须为2名不同的正式党员"):
        services.open_late_cases(k, tenant, rows)
    assert k.stores.log(tenant).recorder.max_notification_id() == before
    assert len(members.list_members(k, tenant)) == on_roll
    _, errors, _ = services.check_late_cases(k, tenant, rows)
    assert 1 not in errors
    assert "未超过应到会人数（20人）的半数，会议不能表决" in errors[3]
    assert errors[4] == "须先进行拟接收预备党员公示（请填写「拟接收预备党员公示」的起止日期）"
    assert errors[5] == "发展对象公示须满5个工作日：自 2025-09-11 起应至 2025-09-17"
    assert errors[6] == "集中培训须不少于3天或24个学时"
    assert errors[7] == "填写了「入党介绍人」，但未填写「确定入党介绍人」日期"


def test_a_case_archived_on_paper_is_entered_closed_and_its_member_stays_on_the_roll_once(k, tenant, clock, actor,
                                                                                        elders):
    archived = later_row({**CONVERTED, 25: date(2026, 1, 10)}, CONVERTED_PUBLICITY, elders, seq=1)
    case, = services.open_late_cases(k, tenant, [archived])
    case = k.get(tenant, case.id, DevelopmentCase)
    assert (case.status, case.is_open, case.closed_on) == ("full", False, date(2026, 1, 10))
    assert members.get_member(k, tenant, UUID(case.member_id)).status == "full"
    _, errors, _ = services.check_late_cases(k, tenant, [archived])   # no open case, but on the roll
    assert errors == {1: "本支部已有相同身份证号的党员"}


def test_the_page_previews_each_rows_problem_with_the_later_steps(k, tenant, clock, login_as, elders):
    client = login_as("secretary", tenant)
    dates = [d.isoformat() for d in PROBATIONARY.values()]
    cells = {"入党介绍人": "老党员2、老党员3", "培训学时": "24", "发展对象公示": window(PUBLICITY["target"]),
             "拟接收预备党员公示": window(PUBLICITY["admission"]), "接收预备党员表决": "应到 20 实到 18 赞成 18"}
    rows = "\n".join(["\t".join(COLUMNS),
                      line("张甲", 1, dates, contacts="老党员0", **cells),
                      line("李乙", 2, dates[:9], contacts="老党员0", **upto(9, {**cells, "入党介绍人": ""})),
                      line("王丙", 3, dates[:15], contacts="老党员0", **{**cells, "接收预备党员表决": "应到 20 实到 9 赞成 9"}),
                      line("赵丁", 4, dates[:15], contacts="老党员0", **{**cells, "接收预备党员表决": "18票赞成"}),
                      line("钱戊", 5, dates[:8], contacts="老党员0", **upto(8, {**cells, "发展对象公示": ""})),
                      line("孙己", 6, dates[:7], contacts="老党员0", 转正表决="应到 20 实到 18 赞成 18")])
    r = client.post(f"/t/{tenant}/development/late-entries",
                    data={"csrf_token": client.csrf(), "action": "confirm", "rows": rows})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "已填写「确定入党介绍人」日期，请填写「入党介绍人」" in page
    assert "会议不能表决" in page
    assert "「接收预备党员表决」应写作「应到 20 实到 18 书面 1 赞成 18 反对 1 弃权 0」" in page
    assert "须先进行发展对象公示" in page
    assert "填写了「转正表决」，但未填写「支部大会讨论转正」日期" in page
    assert "无误" in page and "本次未写入任何数据" in page and "确认补录" not in page
    assert queries.list_cases(k, tenant) == [] and len(members.probationary_members(k, tenant)) == 0


def test_the_example_row_and_a_sheet_of_the_first_version_still_read(k, tenant, clock, login_as, elders):
    client = login_as("secretary", tenant)
    sheet = client.get(f"/t/{tenant}/development/late-entries/template.xlsx")
    assert sheet.status_code == 200
    example = client.post(f"/t/{tenant}/development/late-entries", content_type="multipart/form-data",
                          data={"csrf_token": client.csrf(), "action": "preview",
                                "file": (io.BytesIO(sheet.data), "模板.xlsx")})
    assert example.status_code == 200 and "确认补录 1 份发展档案" in example.get_data(as_text=True)
    first = ["姓名", "性别", "身份证号", "人员类别", *(t for n, t in STEP_COLUMNS if n <= 7), "培养联系人", "逾期原因", "备注"]
    old = ["\t".join(["张甲", "男", id_number(date(1995, 3, 15), 1), "教师", "2025-01-10", "2025-01-25", "2025-03-01",
                      "2025-03-10", "2025-03-15", "", "", "老党员0", "", ""]),
           "\t".join(["李乙", "女", id_number(date(1995, 3, 15), 2), "教师", "2025-01-10", "", "", "", "", "", "", "",
                      "", "2025年档案"])]
    for text in ("\n".join(["\t".join(first), *old]), "\n".join(old)):   # by the old header, or by position
        r = client.post(f"/t/{tenant}/development/late-entries",
                        data={"csrf_token": client.csrf(), "action": "preview", "rows": text})
        assert r.status_code == 200 and "确认补录 2 份发展档案" in r.get_data(as_text=True)
    r = client.post(f"/t/{tenant}/development/late-entries",
                    data={"csrf_token": client.csrf(), "action": "confirm", "rows": "\n".join(old)})
    assert r.status_code == 302
    cases = {c.name: k.get(tenant, c.id, DevelopmentCase) for c in queries.list_cases(k, tenant)}
    assert cases["张甲"].steps[5]["data"]["contacts"][0]["id"] == elders[0] and cases["张甲"].next_step == 6
    bad = client.post(f"/t/{tenant}/development/late-entries",
                      data={"csrf_token": client.csrf(), "action": "preview",
                            "rows": "姓名\t性别\t入党日期\n张甲\t男\t2025-01-01"})
    assert bad.status_code == 422 and "表头中有无法识别的列：入党日期" in bad.get_data(as_text=True)


def test_the_api_enters_a_converted_member_late_and_refuses_a_vote_below_quorum(k, tenant, clock, api_as, elders):
    api = api_as("secretary", tenant)

    def case(seq: int, vote: dict) -> dict:
        return {**person(seq=seq, name=f"申请人{seq}"),
                "steps": [{"step": n, "happened_on": d.isoformat()} for n, d in CONVERTED.items()],
                "contacts": elders[:2], "introducers": elders[2:4], "training_days": 3,
                "publicity": [{"kind": kind, "start": on.isoformat()} for kind, on in CONVERTED_PUBLICITY.items()],
                "admission_vote": vote, "conversion_vote": COUNTS}
    bad = api.post(f"/api/v1/t/{tenant}/development/late-entries",
                   json={"cases": [case(1, COUNTS), case(2, {**COUNTS, "present": 10, "yes": 10})]})
    assert bad.status_code == 422 and "第 2 行" in str(bad.get_json())
    assert queries.list_cases(k, tenant) == [] and members.probationary_members(k, tenant) == []
    r = api.post(f"/api/v1/t/{tenant}/development/late-entries", json={"cases": [case(1, COUNTS)]})
    assert r.status_code == 201, r.get_json()
    out, = r.get_json()
    assert (out["status"], out["current_step"], out["late"]) == ("full", 24, True)
    member = members.get_member(k, tenant, UUID(out["member_id"]))
    assert (member.status, member.converted_on) == ("full", date(2025, 11, 28))


def test_a_publicity_that_ran_longer_on_paper_keeps_the_end_the_file_gives(k, tenant, clock, actor, elders):
    longer = later_row(PROBATIONARY, PUBLICITY, elders, seq=1, upto=8)
    longer["publicity"]["target"]["end"] = date(2025, 9, 18)    # the rules' 5 working days end on the 17th
    case, = services.open_late_cases(k, tenant, [longer])
    assert k.get(tenant, case.id, DevelopmentCase).publicity["target"]["end"] == date(2025, 9, 18)
