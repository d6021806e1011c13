"""The integrity overview page and its Excel export."""
from __future__ import annotations

from flask import render_template

from core.excel import xlsx_response
from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, rules
from plugins.integrity.web import bp, may, present_pair, tenant, year_arg


# -- overview and export ---------------------------------------------------------------------------
@bp.route("/")
@requires("integrity.view")
def index():
    year = year_arg()
    o = queries.overview(kernel(), tenant(), year)
    return render_template("integrity/index.html", o=o, year=year,
                           hours_by_member=queries.volunteer_hours_by_member(kernel(), tenant(), year)[:15])


@bp.route("/export.xlsx")
@requires("integrity.view")
def export():
    k, t, year = kernel(), tenant(), year_arg()
    o = queries.overview(k, t, year)
    summary = [("承诺书", o["letters"]), ("已公布评诺结果", o["published"]), ("承诺事项（已通过）", o["items_accepted"]),
               ("待审核", o["items_pending"]), ("退回修改", o["items_returned"]), ("践诺中", o["items_in_progress"]),
               ("已兑现", o["items_fulfilled"]), ("无故未兑现", o["missed_without_cause"]),
               ("岗位", o["posts_total"]), ("已配备人员的岗位", o["posts_staffed"]), ("在帮结对", o["pairs_active"]),
               ("帮扶时长（小时）", o["help_hours"]), ("志愿服务时长（小时）", o["volunteer_hours"]),
               ("廉政教育（次）", o["sessions_total"]), ("责任书（份）", o["agreements"]),
               ("自查报告（份）", o["inspections"])]
    letters = queries.list_commitments(k, t, year)
    items = [(i.owner_name, rules.AREAS.get(i.area), i.content, i.measure, i.deadline,
              rules.ITEM_STATUSES.get(i.status), rules.OUTCOMES.get(i.outcome, ""), i.cause or "",
              "是" if i.missed_without_cause else "", i.progress_count, i.after_deadline_count)
             for letter in letters for i in queries.list_items(k, t, letter.id)]
    sheets = [
        ("概况", ["项目", str(year)], summary),
        ("承诺事项", ["承诺主体", "领域", "内容", "衡量标准", "时限", "审核", "兑现情况", "原因", "无故未兑现",
                  "进展记录", "超时进展"], items),
        ("评诺结果", ["承诺主体", "状态", "综合得分", "等次", "公布日期"],
         [(c.owner_name, c.status, c.total or "", c.rating or "", c.published_on) for c in letters]),
        ("岗位", ["岗位", "类型", "在岗党员", "上岗日期"],
         [(h.post_name, rules.POST_KINDS.get(h.kind), h.member_name, h.assigned_on)
          for h in queries.list_holders(k, t)]),
        ("结对帮扶", ["结对党员/支部", "帮扶对象", "类型", "开始", "结束", "次数", "时长（小时）"],
         [(p["member_name"], p["helped_name"], rules.HELPED_KINDS.get(p["helped_kind"]), p["started_on"],
           p["closed_on"], p["visits"], p["hours"]) for p in map(present_pair, queries.list_pairs(k, t))]),
        ("志愿服务时长", ["党员", "活动次数", "时长（小时）"],
         [(r.member_name, r.activities, r.hours_x100 / 100) for r in queries.volunteer_hours_by_member(k, t, year)]),
        ("廉政教育", ["日期", "形式", "主题", "主讲人", "出席", "缺席"],
         [(e.on, rules.EDUCATION_KINDS.get(e.kind), e.title, e.speaker or "", len(e.attendees), len(e.absentees))
          for e in queries.list_education_page(k, t, year, 1, 500).items]),
    ]
    if may("ethics"):
        sheets.append(("师德考核", ["党员", "等次", "一票否决", "事由", "考核日期"],
                       [(r.member_name, r.grade, "是" if r.veto else "", r.veto_reason or "", r.assessed_on)
                        for r in queries.list_ethics(k, t, year)]))
    return xlsx_response(f"廉洁与承诺-{year}.xlsx", sheets)
