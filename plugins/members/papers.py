"""The members' rosters (花名册) as official papers: the annual roster and the year's new members."""
from __future__ import annotations

from datetime import date

from core.errors import N_
from core.papers import OfficialDocument, Paper, header_of, log_position
from plugins.members import queries, rules
from plugins.members.rules.fields import CATEGORIES, GENDERS

COLUMNS = ["序号", "姓名", "性别", "民族", "出生年月", "学历", "人员类别", "职务职称", "党小组", "入党时间",
           "转正时间", "党员状态"]
NEW_COLUMNS = ["序号", "姓名", "性别", "出生年月", "学历", "人员类别", "入党时间", "转正时间", "现状态"]


def _month(day: date | None) -> str | None:
    return f"{day.year}.{day.month:02d}" if day else None


def _year_end(k, year: int) -> date:
    return min(date(year, 12, 31), k.today()) if year <= k.today().year else date(year, 12, 31)


def roster(k, tenant: str, year) -> object:
    """Who was on the roll at the year's end (or today, in the current year), by the dates in the world."""
    year = int(year)
    day = _year_end(k, year)
    as_of = log_position(k, tenant)
    rows = sorted(queries.roster_on(k, tenant, day),   # by party group (none last), then seniority
                  key=lambda r: (r["party_group"] is None, r["party_group"] or "", r["joined_on"] or day, r["name"]))
    doc = OfficialDocument(header_of(k, tenant), f"{year}年度党员花名册", landscape=True)
    doc.subtitle(f"（截至{day.year}年{day.month}月{day.day}日，共{len(rows)}名）")
    doc.table(COLUMNS, [
        (n, r["name"], GENDERS.get(r["gender"], r["gender"]), r["ethnicity"], _month(r["birth_date"]),
         r["education"], CATEGORIES.get(r["category"], r["category"]),
         "、".join(x for x in (r["job_post"], r["title"]) if x) or None, r["party_group"],
         r["joined_on"], r["converted_on"], rules.STATUSES.get(r["status"], r["status"]))
        for n, r in enumerate(rows, start=1)])
    doc.signature(day)
    return doc.file([("member", r["id"]) for r in rows], as_of, day=day, filename=f"{year}_roster.docx")


def new_members(k, tenant: str, year) -> object:
    """The members admitted (接收为预备党员) during the year, with where they stand at its end."""
    year = int(year)
    day = _year_end(k, year)
    as_of = log_position(k, tenant)
    rows = sorted((r for r in queries.roster_on(k, tenant, day, on_roll_only=False)
                   if r["joined_on"] and r["joined_on"].year == year and r["source"] != "transfer_in"),
                  key=lambda r: (r["joined_on"], r["name"]))
    doc = OfficialDocument(header_of(k, tenant), f"{year}年度新发展党员花名册", landscape=True)
    doc.subtitle(f"（{year}年共接收预备党员{len(rows)}名）")
    doc.table(NEW_COLUMNS, [
        (n, r["name"], GENDERS.get(r["gender"], r["gender"]), _month(r["birth_date"]), r["education"],
         CATEGORIES.get(r["category"], r["category"]), r["joined_on"], r["converted_on"],
         rules.STATUSES.get(r["status"], r["status"])) for n, r in enumerate(rows, start=1)])
    doc.signature(day)
    return doc.file([("member", r["id"]) for r in rows], as_of, day=day, filename=f"{year}_new_members.docx")


def statistics_report(k, tenant: str, year) -> object:
    """The year's party statistics (党内统计): the roll at the year's end by status, gender, ethnicity,
    education, age and category, and the year's additions and removals."""
    year = int(year)
    figures = queries.statistics(k, tenant, year)
    as_of = log_position(k, tenant)
    day = figures["as_of"]
    doc = OfficialDocument(header_of(k, tenant), f"{year}年度党内统计报表")
    doc.subtitle(f"（统计截至{day.year}年{day.month}月{day.day}日）")
    doc.heading(1, "党员总数")
    doc.fields([("党员总数", figures["total"]), ("正式党员", figures["full"]), ("预备党员", figures["probationary"])])
    doc.heading(1, "党员构成")
    for title, key in (("性别", "by_gender"), ("民族", "by_ethnicity"), ("学历", "by_education"),
                       ("年龄", "by_age"), ("人员类别", "by_category")):
        doc.heading(2, title)
        doc.table([title, "人数"], figures[key])
    doc.heading(1, "党员变动")
    doc.heading(2, "增加")
    doc.table(["类别", "人数"], figures["added"])
    doc.heading(2, "减少")
    doc.table(["类别", "人数"], figures["removed"])
    doc.fields([("预备党员转正", figures["converted"])])
    doc.signature(day)
    return doc.file([("statistics", year)], as_of, day=day, filename=f"{year}_statistics.docx")


PAPERS = [
    Paper(code="members.roster", title=N_("党员花名册（年度）"), category="rosters", subject="year", render=roster),
    Paper(code="members.new_members", title=N_("新发展党员花名册"), category="rosters", subject="year",
          render=new_members),
    Paper(code="members.statistics", title=N_("党内统计报表"), category="rosters", subject="year",
          render=statistics_report),
]
