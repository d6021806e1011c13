"""The annual roster and the new members' roster (花名册) list who the records say, at the year's end."""
from __future__ import annotations

from datetime import date, datetime, timezone

from core.papers import papers, text_of
from plugins.members import public as members

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def test_the_rosters_list_the_roll_at_the_years_end_and_the_years_admissions(k, tenant, actor, clock):
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    members.register_member(k, tenant, {"name": "张老师", "gender": "female", "id_number": _id(1), "ethnicity": "汉族",
                                        "birth_date": date(1980, 1, 1), "joined_on": date(2005, 6, 1),
                                        "converted_on": date(2006, 6, 1), "party_group": "第一党小组",
                                        "category": "teacher", "education": "大学本科"})
    members.register_member(k, tenant, {"name": "李新", "gender": "male", "id_number": _id(2),
                                        "birth_date": date(1995, 5, 1), "joined_on": date(2026, 6, 20)},
                            status="probationary")
    offered = papers(k, tenant)
    roster = text_of(offered["members.roster"].render(k, tenant, 2026).content)
    assert "2026年度党员花名册" in roster and "共2名" in roster
    assert "1\t张老师\t女\t汉族\t1980.01\t大学本科\t教师\t无\t第一党小组\t2005-06-01\t2006-06-01\t正式党员" in roster
    assert "李新\t男\t无\t1995.05" in roster                   # an empty cell says "无"
    made = offered["members.new_members"].render(k, tenant, 2026)
    new = text_of(made.content)
    assert "2026年度新发展党员花名册" in new and "李新" in new and "张老师" not in new
    assert len(made.sources) == 1
    assert "张老师" not in text_of(offered["members.roster"].render(k, tenant, 2004).content)


def test_the_statistics_report_counts_the_roll_and_the_years_movements_in_their_sections(k, tenant, actor, clock):
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    members.register_member(k, tenant, {"name": "张老师", "gender": "female", "id_number": _id(1),
                                        "joined_on": date(2005, 6, 1), "converted_on": date(2006, 6, 1)})
    members.register_member(k, tenant, {"name": "李新", "gender": "male", "id_number": _id(2),
                                        "joined_on": date(2026, 6, 20)}, status="probationary")
    text = text_of(papers(k, tenant)["members.statistics"].render(k, tenant, 2026).content)
    totals = text[text.index("一、党员总数"):text.index("二、党员构成")]
    assert "党员总数\t2" in totals and "正式党员\t1" in totals and "预备党员\t1" in totals
    makeup = text[text.index("二、党员构成"):text.index("三、党员变动")]
    assert "（一）性别" in makeup and "女\t1" in makeup and "男\t1" in makeup
    moves = text[text.index("三、党员变动"):]
    added = dict(line.split("\t") for line in moves[:moves.index("（二）减少")].splitlines() if "\t" in line)
    assert sum(int(v) for label, v in added.items() if label != "类别") == 1
