"""Development events in words (audit console, case history)."""
from __future__ import annotations

import re

from core.plugins import FieldLabels
from plugins.development import rules
from plugins.development.domain import CaseRegister, DevelopmentCase

C = DevelopmentCase


_CONTACTS = re.compile(r"；培养联系人：[^；（]*")


def case_history(rows, see_contacts: bool) -> list:
    """A case's history lines, without the cultivation contacts' names for whoever may not see the
    pairing (``development.pairing``)."""
    return rows if see_contacts else [{**dict(r._mapping), "text": _CONTACTS.sub("", r.text or "")} for r in rows]


def _d(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "—")


def describe(e) -> str | None:
    """A Chinese sentence for one event of a development case; None for other events."""
    if isinstance(e, CaseRegister.Opened):
        return f"建立本支部在办发展党员档案登记（据本支部已有档案，{len(e.open_cases)} 份在办）"
    if isinstance(e, CaseRegister.CaseEntered):
        return "一份发展党员档案登记为在办"
    if isinstance(e, CaseRegister.CaseReleased):
        return f"一份发展党员档案办结（{rules.STATUSES.get(e.status, e.status)}），不再在办"
    if isinstance(e, C.Opened):
        return (f"{e.person.get('name')}于 {_d(e.applied_on)} 递交入党申请书，建立发展党员档案"
                f"（依据{e.rule_set}）")
    if isinstance(e, C.StepRecorded):
        step = rules.STEPS[e.step]
        text = f"第{e.step}步「{step.title}」：{_d(e.happened_on)}，{e.actor}"
        if "vote" in e.data:
            v = e.data["vote"]
            text += (f"；应到 {v['entitled']} 人，到会 {v['present']} 人，书面意见 {v['written_opinions']} 人，"
                     f"赞成 {v['yes']}、反对 {v['no']}、弃权 {v['abstain']}，{'通过' if e.passed else '未通过'}")
        elif e.step in (17, 24):
            text += "，批准" if e.passed else "，未予批准"
        if e.data.get("introducers"):
            text += "；入党介绍人：" + "、".join(p["name"] for p in e.data["introducers"])
        if e.data.get("contacts"):
            text += "；培养联系人：" + "、".join(p["name"] for p in e.data["contacts"])
        if e.late:
            text += f"（逾期，期限 {_d(e.due)}；原因：{e.late_reason}）"
        if e.special_reason:
            text += f"（超过 {_d(e.due)}，特殊原因：{e.special_reason}）"
        if e.recorded_on != e.happened_on:
            text += f"（{_d(e.recorded_on)} 补录）"
        return text
    if isinstance(e, C.AssessmentRecorded):
        text = f"{_d(e.happened_on)} 对入党积极分子进行考察"
        return text + (f"（逾期，期限 {_d(e.due)}；原因：{e.late_reason}）" if e.late else "")
    if isinstance(e, C.Admitted):
        return f"接收为预备党员，入党日期 {_d(e.joined_on)}，预备期至 {_d(e.probation_end)}"
    if isinstance(e, C.Converted):
        return f"转为正式党员，转正日期 {_d(e.converted_on)}（{'按期转正' if e.on_time else '延长预备期后转正'}）"
    if isinstance(e, C.ProbationExtended):
        return (f"{_d(e.decided_on)} 决定延长预备期 {e.months} 个月，预备期满日由 {_d(e.before_end)} "
                f"改为 {_d(e.after_end)}；原因：{e.reason}")
    if isinstance(e, C.ProbationCancelled):
        return f"{_d(e.decided_on)} 取消预备党员资格；原因：{e.reason}"
    if isinstance(e, C.Refused):
        return f"{_d(e.refused_on)} 决定不予发展（第{e.at_step}步前）；原因：{e.reason}"
    if isinstance(e, C.PublicityOpened):
        return (f"{rules.PUBLICITY_KINDS.get(e.kind, e.kind)}：{_d(e.start)} 至 {_d(e.end)}"
                f"（{e.working_days} 个工作日）")
    if isinstance(e, C.ObjectionRecorded):
        return f"{rules.PUBLICITY_KINDS.get(e.kind, e.kind)}期间 {_d(e.received_on)} 收到意见：{e.text}"
    if isinstance(e, C.ObjectionResolved):
        return f"{rules.PUBLICITY_KINDS.get(e.kind, e.kind)}第 {e.index + 1} 条意见的核查处理：{e.resolution}"
    if isinstance(e, C.DocumentAttached):
        return f"上传材料「{rules.RECORDS.get(e.code, e.code)}」：{e.file.get('name')}"
    if isinstance(e, C.StepCorrected):
        labels = {"notes": "记录", "actor": "办理人"}
        changes = "；".join(f"{labels.get(f, f)}由「{c['before'] or '—'}」改为「{c['after']}」"
                           for f, c in e.changes.items())
        return f"更正第{e.step}步「{rules.STEPS[e.step].title}」：{changes}；原因：{e.reason}"
    return None


# -- names and labels for the audit console ------------------------------------------------------
EVENT_NAMES = {
    "DevelopmentCase.Opened": "发展党员·建档", "DevelopmentCase.StepRecorded": "发展党员·登记步骤",
    "DevelopmentCase.AssessmentRecorded": "发展党员·培养考察", "DevelopmentCase.Admitted": "发展党员·接收预备党员",
    "DevelopmentCase.Converted": "发展党员·预备党员转正", "DevelopmentCase.ProbationExtended": "发展党员·延长预备期",
    "DevelopmentCase.ProbationCancelled": "发展党员·取消预备党员资格", "DevelopmentCase.Refused": "发展党员·未予发展",
    "DevelopmentCase.PublicityOpened": "发展党员·公示", "DevelopmentCase.ObjectionRecorded": "发展党员·收到异议",
    "DevelopmentCase.ObjectionResolved": "发展党员·异议处理", "DevelopmentCase.DocumentAttached": "发展党员·附档案材料",
    "DevelopmentCase.StepCorrected": "发展党员·更正步骤",
    "CaseRegister.Opened": "发展档案登记·建立", "CaseRegister.CaseEntered": "发展档案登记·在办",
    "CaseRegister.CaseReleased": "发展档案登记·办结",
}
FIELDS = FieldLabels(
    labels={"person": "本人信息", "name": "姓名", "gender": "性别", "id_number": "身份证号", "phone": "手机号码",
            "birth_date": "出生日期", "category": "人员类别", "applied_on": "申请日期", "recorded_on": "登记日期",
            "actor": "经办人", "notes": "说明", "records": "档案材料", "rule_set": "依据的规定", "step": "步骤",
            "happened_on": "发生日期", "data": "内容", "passed": "通过", "late": "补录", "late_reason": "补录原因",
            "special_reason": "特殊情况说明", "due": "期限", "member_id": "党员", "joined_on": "入党日期",
            "probation_end": "预备期满", "converted_on": "转正日期", "on_time": "按期", "approved_on": "批准日期",
            "decided_on": "决定日期", "months": "月数", "reason": "原因", "before_end": "原预备期满",
            "after_end": "延长后预备期满", "at_step": "所在步骤", "refused_on": "日期", "kind": "类别",
            "start": "开始日期", "end": "结束日期", "working_days": "工作日", "received_on": "收到日期",
            "text": "内容", "index": "序号", "resolution": "处理结果", "code": "材料", "file": "文件",
            "changes": "变更", "status": "状态", "open_cases": "在办档案", "case_id": "发展档案",
            "tenant": "学校", "derived_from": "依据", "through": "截至", "cases": "档案数"},
    choices={"gender": rules.GENDERS, "category": rules.CATEGORIES, "status": rules.STATUSES,
             "code": rules.RECORDS, "records": rules.RECORDS,
             "DevelopmentCase.PublicityOpened.kind": rules.PUBLICITY_KINDS,
             "step": {n: f"第{n}步 {s.title}" for n, s in rules.STEPS.items()},
             "at_step": {n: f"第{n}步 {s.title}" for n, s in rules.STEPS.items()}},
)
