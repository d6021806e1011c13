"""Commands of the registry against a real store (SQLite or PostgreSQL)."""
import time
from datetime import date, datetime, timezone
from uuid import UUID

import pytest
from sqlalchemy import func, select

from core.errors import ConflictError
from plugins.members import public, queries, services
from plugins.members.domain import Member, MemberError
from plugins.members.models import members as members_table
from plugins.members.tests.conftest import id_number, person, workbook_bytes


def _instant():
    time.sleep(0.005)
    moment = datetime.now(timezone.utc)
    time.sleep(0.005)
    return moment


def test_story_of_a_member_from_registration_to_transfer_and_return(k, tenant, actor, clock):
    """The organisation member registers 王芳, corrects her post, issues a letter when she moves,
    records the receipt, and receives her back a year later."""
    wang = services.register_member(k, tenant, person("王芳", job_post="语文教师"), status="full")
    services.correct_member(k, tenant, wang.id, {"job_post": "教研组长"}, expected_version=1)
    history = queries.member_history(k, tenant, wang.id)
    assert history[-1].changes == {"job_post": {"before": "语文教师", "after": "教研组长"}}

    transfer = services.transfer_out(k, tenant, wang.id, "组转字〔2026〕7号", "区教育局机关党委",
                                     date(2026, 9, 1), dues_paid_to="2026-08", expected_version=2)
    row = queries.get_member(k, tenant, wang.id)
    assert row.status == "transferred_out" and row.status_since == date(2026, 9, 1)
    assert queries.get_transfer(k, tenant, transfer.id).valid_until == date(2026, 12, 1)
    assert queries.overdue_transfers(k, tenant, date(2026, 12, 2))[0].letter_no == "组转字〔2026〕7号"

    services.return_receipt(k, tenant, transfer.id, date(2026, 9, 20), expected_version=1)
    assert queries.overdue_transfers(k, tenant, date(2026, 12, 2)) == []

    back = services.transfer_in(k, tenant, "教组转〔2027〕3号", "区教育局机关党委", date(2027, 9, 1),
                                member_id=wang.id, expected_version=3)
    assert queries.get_member(k, tenant, wang.id).status == "full"
    assert queries.get_transfer(k, tenant, back.id).direction == "in"


def test_a_new_member_can_arrive_by_transfer(k, tenant, actor, clock):
    transfer = services.transfer_in(k, tenant, "L-9", "市一中党支部", date(2026, 10, 8),
                                    fields=person("李雷"), dues_paid_to="2026-09")
    row = queries.get_member(k, tenant, UUID(transfer.member_id))
    assert row.name == "李雷" and row.source == "transfer_in" and row.status == "full"
    assert queries.list_transfers(k, tenant, "in")[0].dues_paid_to == "2026-09"


def test_a_stale_expected_version_is_a_conflict(k, tenant, actor):
    member = services.register_member(k, tenant, person("张三"), status="full")
    services.correct_member(k, tenant, member.id, {"title": "中学一级教师"}, expected_version=1)
    with pytest.raises(ConflictError):
        services.correct_member(k, tenant, member.id, {"title": "中学高级教师"}, expected_version=1)


def test_a_duplicate_id_number_is_refused(k, tenant, actor):
    services.register_member(k, tenant, person("张三"), status="full")
    with pytest.raises(MemberError, match="相同身份证号"):
        services.register_member(k, tenant, person("张三三"), status="full")


def test_reads_of_full_personal_values_are_recorded(k, tenant, actor):
    member = services.register_member(k, tenant, person("张三"), status="full")
    services.record_personal_read(k, tenant, member.id, ["id_number", "phone"], "查看党员详情")
    services.record_personal_export(k, tenant, [member.id], ["id_number", "phone"], "党员花名册")
    reads = queries.personal_reads_of(k, tenant, member.id)
    assert sorted(r.purpose for r in reads) == ["党员花名册", "查看党员详情"]
    assert all(r.actor == "test" for r in reads)


def test_party_probation_is_visible_to_other_plugins(k, tenant, actor):
    member = services.register_member(k, tenant, person("张三"), status="full")
    services.record_sanction(k, tenant, member.id, "留党察看", date(2026, 3, 1), date(2027, 3, 1), "违纪")
    assert public.is_under_party_probation(k, tenant, member.id, date(2026, 11, 23))
    assert not public.is_under_party_probation(k, tenant, member.id, date(2027, 3, 2))


def test_expulsion_ends_the_membership(k, tenant, actor):
    member = services.register_member(k, tenant, person("张三"), status="full")
    services.record_sanction(k, tenant, member.id, "开除党籍", date(2026, 3, 1), None, "严重违纪")
    assert queries.get_member(k, tenant, member.id).status == "expelled"


def test_committee_by_term_and_party_groups(k, tenant, register, clock):
    a, b, c = register("甲", party_group="第一党小组"), register("乙", party_group="第一党小组"), register("丙")
    services.elect_committee(k, tenant, date(2021, 9, 1), [{"member_id": a.id, "post": "secretary"}])
    services.elect_committee(k, tenant, date(2024, 9, 1),
                             [{"member_id": b.id, "post": "secretary"}, {"member_id": c.id, "post": "organisation"}])
    assert [s.name for s in public.committee(k, tenant, date(2023, 1, 1))] == ["甲"]
    seats = public.committee(k, tenant, date(2026, 1, 1))
    assert [(s.name, s.post, s.term_end) for s in seats] == [("乙", "secretary", date(2027, 8, 31)),
                                                            ("丙", "organisation", date(2027, 8, 31))]
    services.vacate_seat(k, tenant, c.id, date(2026, 3, 1), "调离本校")
    assert [s.name for s in public.committee(k, tenant, date(2026, 3, 1))] == ["乙"]
    services.set_group(k, tenant, "第一党小组", a.id)
    services.set_group(k, tenant, "第二党小组")
    assert public.party_groups(k, tenant) == {"第一党小组": [a.id, b.id] if "甲" < "乙" else [b.id, a.id],
                                              "第二党小组": []}


def test_a_probationary_member_cannot_be_elected(k, tenant, register):
    p = register("甲", status="probationary")
    with pytest.raises(MemberError, match="不是正式党员"):
        services.elect_committee(k, tenant, date(2024, 9, 1), [{"member_id": p.id, "post": "secretary"}])


def test_the_roll_as_of_a_moment_is_rebuilt_from_the_events_up_to_it(k, tenant, register):
    a = register("甲")
    t1 = _instant()
    services.correct_member(k, tenant, a.id, {"name": "甲一"})
    b = register("乙")
    t2 = _instant()
    services.change_status(k, tenant, a.id, "deceased", date(2026, 10, 1), "病故")
    t3 = _instant()
    assert [r["name"] for r in public.roster_as_of(k, tenant, t1)] == ["甲"]
    assert [(r["name"], r["version"]) for r in public.roster_as_of(k, tenant, t2)] == [("乙", 1), ("甲一", 2)]
    assert [r["id"] for r in public.roster_as_of(k, tenant, t3)] == [b.id]
    assert public.roster_as_of(k, tenant, t1)[0]["id_number"].count("*") == 8
    assert public.roster_as_of(k, tenant, datetime(2000, 1, 1, tzinfo=timezone.utc)) == []


# -- import -----------------------------------------------------------------------------
def _row(name, birth, seq, *, id_override=None, joined="2015-07-01", converted="2016-07-01", status="正式党员"):
    number = id_override or id_number(birth, seq)
    gender = "男" if int(number[16]) % 2 else "女"   # as the ID number says (digit 17)
    return [name, gender, "汉族", None, number, "大学本科", "教师", "数学教师", "",
            "13800001111", "第一党小组", "", joined, converted, None, status]


def _count(k, tenant):
    with k.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(members_table).where(members_table.c.tenant == tenant))


def test_an_import_with_row_errors_lists_every_error_and_writes_nothing(k, tenant, register):
    existing = register("已在册")
    bad_checksum = id_number(date(1982, 2, 2), 4)[:-1] + ("0" if id_number(date(1982, 2, 2), 4)[-1] != "0" else "1")
    data = workbook_bytes([
        _row("好人", date(1980, 1, 1), 1),
        _row("", date(1981, 1, 1), 2),
        _row("日期错", date(1983, 3, 3), 3, joined="2015-13-45"),
        _row("校验错", date(1982, 2, 2), 4, id_override=bad_checksum),
        _row("重复", date(1980, 1, 1), 1),
        _row("已有", date(1984, 4, 4), 9, id_override=existing.fields["id_number"]),
    ])
    preview = services.preview_import(k, tenant, data)
    assert [(r.number, bool(r.errors)) for r in preview.rows] == \
        [(2, False), (3, True), (4, True), (5, True), (6, True), (7, True)]
    assert preview.rows[1].errors == ["缺少必填项：姓名"]
    assert "入党日期不是有效日期：2015-13-45" in preview.rows[2].errors
    assert "身份证号：身份证号校验位不正确" in preview.rows[3].errors
    assert preview.rows[4].errors == ["身份证号与第 2 行重复"]
    assert preview.rows[5].errors == ["身份证号已在本支部名册中"]
    with pytest.raises(MemberError, match="有 5 行存在错误，未导入任何数据"):
        services.import_members(k, tenant, data, "名册.xlsx")
    assert _count(k, tenant) == 1


def test_a_clean_import_is_one_batch_with_its_file_name(k, tenant, actor):
    data = workbook_bytes([_row(f"导入{i}", date(1980, 1, 1 + i), i) for i in range(5)]
                          + [_row("预备", date(1999, 9, 9), 8, joined="2025-07-01", converted=None, status="预备党员")])
    batch = services.import_members(k, tenant, data, "2026名册.xlsx")
    assert _count(k, tenant) == 6
    assert queries.list_imports(k, tenant)[0].filename == "2026名册.xlsx"
    members = [k.get(tenant, m, Member) for m in batch.member_ids]
    assert {m.source for m in members} == {"import"}
    log = k.stores.log(tenant)
    assert {next(iter(log.events.get(m.id))).batch for m in members} == {str(batch.id)}
    assert queries.find_by_id_number(k, tenant, id_number(date(1999, 9, 9), 8)) is not None


def test_an_import_of_a_file_without_the_required_columns_is_refused(k, tenant, actor):
    preview = services.preview_import(k, tenant, workbook_bytes([["甲"]], headers=["姓名"]))
    assert preview.file_errors == ["表头缺少列：性别、身份证号、入党日期（请使用导入模板）"]
    assert services.preview_import(k, tenant, b"not a workbook").file_errors[0].startswith("无法读取")


# -- statistics ---------------------------------------------------------------------------
def test_annual_statistics_match_a_hand_counted_roll(k, tenant, actor, clock):
    y = k.today().year

    def reg(name, gender, eth, edu, cat, birth_year, status="full", joined=None, converted=None):
        fields = person(name, date(birth_year, 2, 2), hash(name) % 997, gender=gender, ethnicity=eth,
                        education=edu, category=cat, joined_on=joined or date(2010, 6, 1),
                        converted_on=converted or date(2011, 6, 1))
        if status == "probationary":
            fields.pop("converted_on")
        return services.register_member(k, tenant, fields, status=status)

    reg("甲", "female", "汉族", "大学本科", "teacher", y - 36)
    reg("乙", "male", "回族", "研究生", "staff", y - 66)
    reg("丙", "female", "汉族", "大学本科", "teacher", y - 26, status="probationary", joined=date(y, 1, 1))
    d = reg("丁", "male", "汉族", "大学专科", "retiree", y - 71)
    services.change_status(k, tenant, d.id, "deceased", date(y, 1, 2), "病故")
    services.transfer_in(k, tenant, "L1", "外校党支部", date(y, 1, 1),
                         fields=person("戊", date(y - 41, 2, 2), 77, gender="male", education="研究生"))
    f = reg("己", "female", "汉族", "大学本科", "teacher", y - 45)
    services.transfer_out(k, tenant, f.id, "L2", "区教育局党委", date(y, 1, 1))
    g = reg("庚", "female", "汉族", "大学本科", "teacher", y - 31, status="probationary", joined=date(y - 1, 1, 1))
    services.convert_member(k, tenant, g.id, date(y, 1, 1))

    s = queries.statistics(k, tenant, y)
    assert (s["total"], s["full"], s["probationary"], s["converted"]) == (5, 4, 1, 1)
    assert dict(s["by_gender"]) == {"女": 3, "男": 2}
    assert dict(s["by_ethnicity"]) == {"汉族": 4, "回族": 1}
    assert dict(s["by_education"]) == {"大学本科": 3, "研究生": 2}
    assert dict(s["by_category"]) == {"教师": 4, "职工": 1}
    assert dict(s["by_status"]) == {"正式党员": 4, "预备党员": 1}
    assert s["by_age"] == [("30岁及以下", 1), ("31–35岁", 1), ("36–40岁", 1), ("41–45岁", 1), ("61岁及以上", 1)]
    # by the dates in the world: members who joined in 2010 and were typed in this year are no addition
    assert dict(s["added"]) == {"发展（接收预备党员）": 1, "转入": 1, "恢复党籍/重新转回": 0}
    assert dict(s["removed"]) == {"转出": 1, "去世": 1, "自行脱党": 0, "除名": 0, "开除党籍": 0}
