"""Rows → what the district's Excel exports show (pure)."""
from __future__ import annotations

from plugins.tasks import rules


def task_sheets(task, standings, names: dict) -> list:
    """The live table of one task: one row per school; a subscription adds copies and amount, and
    a sheet of its lines is not needed (the totals are what the district compares)."""
    headers = ["学校", "状态", "逾期", "负责人", "进展次数", "上报次数", "上报日期", "催办次数", "审核意见"]
    if task.kind == "subscription":
        headers += ["征订份数", "征订金额"]
    rows = []
    for s in standings:
        row = [names.get(s.school, s.school), rules.STATUSES[s.status], "是" if s.late else "", s.owner or "",
               s.progress, s.submitted_round, s.submitted_on, s.reminders, s.decision_note or ""]
        if task.kind == "subscription":
            row += [s.copies if s.copies is not None else "", s.amount if s.amount is not None else ""]
        rows.append(row)
    return [(task.title[:28] or "任务", headers, rows)]


def info_sheets(names: dict, counts: dict, reports) -> list:
    """信息报送: counts per school for the year, then every submitted report."""
    count_rows = [[names.get(school, school), c["submitted"], c["accepted"], c["published"], c["returned"]]
                  for school, c in sorted(counts.items())]
    report_rows = [[names.get(r.school, r.school), rules.INFO_KINDS.get(r.kind, r.kind), r.title, r.submitted_on,
                    rules.INFO_STATUSES.get(r.status, r.status), r.reason or ""] for r in reports]
    return [("各校统计", ["学校", "报送", "采用", "发布", "退回"], count_rows),
            ("信息明细", ["学校", "类型", "标题", "报送日期", "状态", "退回理由"], report_rows)]
