"""One Chinese sentence per integrity event, for the audit console (before/after for corrections).

Helped persons appear by their initials only: the audit console is read by people who may not see them.
"""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.integrity import rules
from plugins.integrity.domain import (
    Commitment, EducationSession, EthicsAssessment, EthicsPledge, Pair, Post, ResponsibilityAgreement,
    SelfInspection, VolunteerActivity,
)

LABELS = {"area": "领域", "content": "内容", "measure": "衡量标准", "deadline": "时限", "name": "名称",
          "duties": "职责", "starts_on": "开始日期", "ends_on": "结束日期", "title": "名称", "on": "日期",
          "place": "地点", "participants": "参加人员", "attendees": "出席", "absentees": "缺席",
          "problems": "存在问题", "measures": "整改措施", "grade": "等次", "veto": "一票否决",
          "veto_reason": "否决事由"}


def _v(value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(x.get("name", x)) if isinstance(x, dict) else str(x) for x in value) or "（无）"
    return str(value)


def _changes(changes: dict) -> str:
    return "；".join(f"{LABELS.get(f, f)}由「{_v(c['before'])}」改为「{_v(c['after'])}」" for f, c in changes.items())


def _evidence(e) -> str:
    return f"（附证明材料 {len(e.evidence)} 份）" if getattr(e, "evidence", None) else ""


DESCRIBE = {
    Commitment.Written: lambda e: f"建立{e.owner_name}的 {e.year} 年度公开承诺书",
    Commitment.ItemSubmitted: lambda e: f"提交承诺事项 {e.item_id}（{rules.AREAS.get(e.area, e.area)}）：{e.content}，"
                                        f"时限 {e.deadline}",
    Commitment.ItemAccepted: lambda e: f"承诺事项 {e.item_id} 审核通过",
    Commitment.ItemSentBack: lambda e: f"承诺事项 {e.item_id} 被退回修改，理由：{e.reason}",
    Commitment.ItemRevised: lambda e: f"修改承诺事项 {e.item_id} 后重新提交：{_changes(e.changes)}",
    Commitment.ProgressLogged: lambda e: f"记录承诺事项 {e.item_id} 的践诺进展（{e.on}）{_evidence(e)}"
                                         + ("，已超过承诺时限" if e.after_deadline else "")
                                         + ("，属补录" if e.late else ""),
    Commitment.ItemConcluded: lambda e: f"评定承诺事项 {e.item_id} 兑现情况：由「{rules.OUTCOMES.get(e.before['outcome'], '未评定')}」"
                                        f"改为「{rules.OUTCOMES.get(e.outcome, e.outcome)}」"
                                        + (f"，原因：{e.cause}" if e.cause else "")
                                        + ("，无故未兑现" if e.missed_without_cause else ""),
    Commitment.Evaluated: lambda e: (f"年终评诺：综合得分 {e.total}，等次「{e.rating}」"
                                     + (f"（此前为 {e.before['total']} 分「{e.before['rating']}」）" if e.before else "")),
    Commitment.ResultPublished: lambda e: f"公布评诺结果（{e.on}）",
    Post.Defined: lambda e: f"设立{rules.POST_KINDS.get(e.kind, e.kind)}「{e.name}」，自 {e.starts_on} 起",
    Post.Revised: lambda e: f"修改岗位：{_changes(e.changes)}",
    Post.HolderAssigned: lambda e: f"安排 {e.member_name} 上岗（{e.on}）",
    Post.HolderReleased: lambda e: f"党员离岗（{e.on}），原因：{e.reason}",
    Post.HolderAssessed: lambda e: (f"岗位履职评议（{e.period}）：等次「{e.grade}」"
                                    + (f"（此前为「{e.before['grade']}」）" if e.before else "")),
    Pair.Formed: lambda e: f"建立结对帮扶：{e.member_name} 帮扶{rules.HELPED_KINDS.get(e.helped_kind, '')} "
                           f"{rules.initials(e.helped_name)}，目标 {len(e.goals)} 项",
    Pair.PlanRevised: lambda e: f"修改帮扶计划：由「{_v(e.before)}」改为「{_v(e.after)}」",
    Pair.VisitLogged: lambda e: f"记录帮扶 {e.hours} 小时（{e.on}）{_evidence(e)}" + ("，属补录" if e.late else ""),
    Pair.Closed: lambda e: f"结束结对帮扶（{e.on}），成效：{rules.PAIR_OUTCOMES.get(e.outcome, e.outcome)}",
    VolunteerActivity.Recorded: lambda e: f"登记志愿服务「{e.title}」（{e.on}，{e.place}），{len(e.participants)} 人参加"
                                          + ("，属补录" if e.late else ""),
    VolunteerActivity.Corrected: lambda e: f"更正志愿服务记录：{_changes(e.changes)}",
    EducationSession.Recorded: lambda e: f"登记{rules.EDUCATION_KINDS.get(e.kind, e.kind)}「{e.title}」（{e.on}），"
                                         f"出席 {len(e.attendees)} 人" + ("，属补录" if e.late else ""),
    EducationSession.AttendanceCorrected: lambda e: f"更正廉政教育出勤：{_changes(e.changes)}",
    ResponsibilityAgreement.Signed: lambda e: f"{e.member_name} 签订 {e.year} 年度党风廉政建设责任书（{e.post}）",
    SelfInspection.Filed: lambda e: f"提交{e.owner_name}{rules.period_label(e.period)}廉政自查报告{_evidence(e)}",
    SelfInspection.Revised: lambda e: f"修改廉政自查报告：{_changes(e.changes)}",
    EthicsAssessment.Assessed: lambda e: f"{e.member_name} {e.year} 年度师德考核「{e.grade}」"
                                         + ("，一票否决" if e.veto else ""),
    EthicsAssessment.Corrected: lambda e: f"更正师德考核结果：{_changes({f: {'before': e.before[f], 'after': e.after[f]} for f in e.after if e.before[f] != e.after[f]})}",
    EthicsPledge.Signed: lambda e: f"{e.member_name} 签订{rules.PLEDGE_KINDS.get(e.kind, e.kind)}（{e.term}）",
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


# -- names and labels for the audit console ------------------------------------------------------
EVENT_NAMES = {
    "Commitment.Written": "承诺践诺·建立承诺书", "Commitment.ItemSubmitted": "承诺践诺·提交承诺事项",
    "Commitment.ItemAccepted": "承诺践诺·通过承诺事项", "Commitment.ItemSentBack": "承诺践诺·退回承诺事项",
    "Commitment.ItemRevised": "承诺践诺·修改承诺事项", "Commitment.ProgressLogged": "承诺践诺·登记践诺情况",
    "Commitment.ItemConcluded": "承诺践诺·承诺事项办结", "Commitment.Evaluated": "承诺践诺·评诺",
    "Commitment.ResultPublished": "承诺践诺·公布评诺结果",
    "Post.Defined": "设岗定责·设岗", "Post.Revised": "设岗定责·修改岗位", "Post.HolderAssigned": "设岗定责·上岗",
    "Post.HolderReleased": "设岗定责·离岗", "Post.HolderAssessed": "设岗定责·考核",
    "Pair.Formed": "结对帮扶·结对", "Pair.PlanRevised": "结对帮扶·修改帮扶计划",
    "Pair.VisitLogged": "结对帮扶·登记帮扶活动", "Pair.Closed": "结对帮扶·结束",
    "VolunteerActivity.Recorded": "志愿服务·登记", "VolunteerActivity.Corrected": "志愿服务·更正",
    "EducationSession.Recorded": "廉政教育·登记", "EducationSession.AttendanceCorrected": "廉政教育·更正出席",
    "ResponsibilityAgreement.Signed": "党风廉政责任书·签订",
    "SelfInspection.Filed": "廉政自查·提交", "SelfInspection.Revised": "廉政自查·修改",
    "EthicsAssessment.Assessed": "师德考核·评定", "EthicsAssessment.Corrected": "师德考核·更正",
    "EthicsPledge.Signed": "师德承诺·签订",
}
FIELDS = FieldLabels(
    labels={"key": "编号", "year": "年度", "owner_kind": "承诺主体", "member_id": "党员", "owner_name": "承诺人",
            "item_id": "承诺事项", "area": "方面", "content": "内容", "measure": "措施", "deadline": "期限",
            "reason": "原因", "changes": "变更", "on": "日期", "text": "内容", "evidence": "证明材料",
            "after_deadline": "逾期", "late": "补录", "recorded_on": "登记日期", "outcome": "结果", "cause": "原因说明",
            "before": "之前", "after": "之后", "missed_without_cause": "无故未兑现", "scores": "得分",
            "parts": "各方评分", "weights": "权重", "total": "总分", "rating": "等次", "rule": "依据的规定",
            "name": "名称", "kind": "类别", "duties": "职责", "starts_on": "开始日期", "ends_on": "结束日期",
            "member_name": "党员", "period": "考核期", "grade": "等次", "comment": "评语",
            "helped_kind": "帮扶对象类别", "helped_name": "帮扶对象", "helped_details": "帮扶对象情况",
            "started_on": "开始日期", "goals": "帮扶目标", "what": "活动内容", "hours": "时长（小时）",
            "summary": "总结", "title": "名称", "place": "地点", "participants": "参加人员", "speaker": "主讲人",
            "attendees": "参加人员", "absentees": "缺席人员", "post": "岗位", "counterpart": "签订对象",
            "signed_on": "签订日期", "problems": "存在问题", "measures": "整改措施", "filed_on": "提交日期",
            "veto": "一票否决", "veto_reason": "否决原因", "assessed_on": "评定日期", "term": "期限",
            "fulfilled": "已兑现", "partial": "部分兑现", "missed": "未兑现", "teachers": "教师党员", "assessed": "已考核",
            "vetoes": "一票否决", "self": "个人自评", "members": "党员互评", "public": "群众评议", "scale": "分制"},
    choices={"area": rules.AREAS, "owner_kind": rules.OWNER_KINDS, "outcome": rules.OUTCOMES,
             "helped_kind": rules.HELPED_KINDS, "parts": rules.SOURCES, "weights": rules.SOURCES,
             "Post.Defined.kind": rules.POST_KINDS, "Pair.Formed.kind": rules.PAIR_KINDS,
             "Pair.Closed.outcome": rules.PAIR_OUTCOMES, "EducationSession.Recorded.kind": rules.EDUCATION_KINDS,
             "SelfInspection.Filed.kind": rules.INSPECTION_KINDS, "EthicsPledge.Signed.kind": rules.PLEDGE_KINDS},
)
