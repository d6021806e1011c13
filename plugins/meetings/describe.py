"""A Chinese sentence for every stored meeting event (audit console), with before/after values."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.meetings import rules
from plugins.meetings.domain import ATTENDANCE, MINUTES_FIELDS, AttendeeProfile, Meeting, MeetingTypeSet, Talk
from plugins.meetings.rules.talks import KINDS as TALK_KINDS

FIELD_LABELS = {"title": "会议名称", "starts_at": "开始时间", "ends_at": "结束时间", "place": "地点",
                "agenda": "议程"}


def _v(value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, list):
        return "；".join(str(v) for v in value) or "（空）"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def describe(event) -> str | None:
    e = event
    if isinstance(e, Talk.Recorded):   # what was said stays out: it is for the two and the secretary
        return (f"记录谈心谈话（{TALK_KINDS.get(e.kind, e.kind)}）：{e.first['name']} 与 {e.second['name']}，"
                f"{e.held_on.isoformat()}" + (f"，于{e.place}" if e.place else ""))
    if isinstance(e, Meeting.Scheduled):
        late = f"（补录：会议日期 {e.starts_at:%Y-%m-%d}，登记日期 {e.recorded_on}）" if e.late else ""
        return (f"安排{e.type_name}「{e.title}」，{e.starts_at:%Y-%m-%d %H:%M} 于{e.place}，"
                f"应到 {len(e.expected)} 人{late}")
    if isinstance(e, Meeting.DetailsCorrected):
        parts = [f"{FIELD_LABELS.get(f, f)}由「{_v(c['before'])}」改为「{_v(c['after'])}」"
                 for f, c in e.changes.items()]
        after = "（会议已召开或已过开始时间，更正记录，未通知参会人员）" if e.upcoming is False else ""
        return "更正会议信息：" + "，".join(parts) + after
    if isinstance(e, Meeting.Cancelled):
        return f"取消会议，原因：{e.reason}"
    if isinstance(e, Meeting.AttendanceRecorded):
        present = sum(1 for x in e.entries if x["status"] == "present")
        left_out = sum(1 for x in e.entries if x["status"] == "left_out")
        text = f"登记出席：应到 {len(e.entries) - left_out} 人，实到 {present} 人"
        if left_out:
            text += f"，不计入应到 {left_out} 人"
        if e.observers:
            text += f"，列席 {len(e.observers)} 人"
        return text + (f"（补录，登记于 {e.recorded_on}）" if e.late else "")
    if isinstance(e, Meeting.LeftOut):
        return (f"经上级党组织同意（{e.consent}）、大会决定，{e.name} 不计入应到会人数："
                f"{rules.LEAVE_OUT_KINDS.get(e.kind, e.kind)}")
    if isinstance(e, Meeting.WrittenOpinionReceived):
        return f"收到 {e.name} 会前提交的书面意见（{e.received_on}）"
    if isinstance(e, Meeting.VoteRecorded):
        kind = rules.RESOLUTION_KINDS.get(e.kind)
        return (f"表决「{e.title}」（{kind.label if kind else e.kind}）：赞成 {e.yes}，反对 {e.no}，"
                f"弃权 {e.abstain}；应到有表决权 {e.entitled} 人，实到 {e.present} 人，"
                f"书面意见 {e.written} 人；{'通过' if e.passed else '未通过'}")
    if isinstance(e, Meeting.FollowUpUpdated):
        return (f"决议落实状态由「{rules.FOLLOW_UP.get(e.before, e.before)}」改为"
                f"「{rules.FOLLOW_UP.get(e.after, e.after)}」" + (f"：{e.note}" if e.note else ""))
    if isinstance(e, Meeting.MinutesDrafted):
        if e.before is None:
            return f"起草会议记录（第 {e.revision} 稿）"
        changed = [f for f in e.content if (e.before or {}).get(f) != e.content.get(f)]
        return f"修改会议记录草稿（第 {e.revision} 稿），修改了：" + "、".join(changed)
    if isinstance(e, Meeting.MinutesFinalised):
        return f"会议记录定稿（第 {e.revision} 稿），此后只能添加补充说明"
    if isinstance(e, Meeting.AddendumAdded):
        return f"{e.author} 为已定稿的会议记录添加补充说明，原因：{e.reason}"
    if isinstance(e, Meeting.AttachmentAdded):
        return f"上传附件「{(e.file or {}).get('name', '')}」（{(e.file or {}).get('size', 0)} 字节）"
    if isinstance(e, MeetingTypeSet.Started):
        return "开始维护本校会议类型"
    if isinstance(e, MeetingTypeSet.TypeDefined):
        freq = rules.FREQUENCIES.get(e.frequency, "不作要求")
        return f"会议类型「{e.name}」（{e.code}）自 {e.effective_from} 起频次为{freq}"
    if isinstance(e, AttendeeProfile.Opened):
        return "建立个人会议设置"
    if isinstance(e, AttendeeProfile.FeedTokenIssued):
        return "重新生成日历订阅链接（旧链接失效）" if e.replaced else "生成日历订阅链接"
    if isinstance(e, AttendeeProfile.FeedTokenRevoked):
        return "停用日历订阅链接"
    return None


# -- names and labels for the audit console ------------------------------------------------------
EVENT_NAMES = {
    "Meeting.Scheduled": "会议·安排", "Meeting.DetailsCorrected": "会议·更正信息", "Meeting.Cancelled": "会议·取消",
    "Meeting.LeftOut": "会议·不计入应到人数", "Meeting.AttendanceRecorded": "会议·登记出席",
    "Meeting.WrittenOpinionReceived": "会议·收到书面意见", "Meeting.VoteRecorded": "会议·登记表决",
    "Meeting.FollowUpUpdated": "会议·决议落实", "Meeting.MinutesDrafted": "会议·起草记录",
    "Meeting.MinutesFinalised": "会议·记录定稿", "Meeting.AddendumAdded": "会议·补充说明",
    "Meeting.AttachmentAdded": "会议·添加附件",
    "MeetingTypeSet.Started": "会议类型·建立", "MeetingTypeSet.TypeDefined": "会议类型·定义",
    "AttendeeProfile.Opened": "日程订阅·建立", "AttendeeProfile.FeedTokenIssued": "日程订阅·签发链接",
    "AttendeeProfile.FeedTokenRevoked": "日程订阅·撤销链接", "Talk.Recorded": "谈心谈话·登记",
}
FIELDS = FieldLabels(
    labels={**FIELD_LABELS, **{f"Meeting.MinutesDrafted.{k}": v for k, v in MINUTES_FIELDS.items()},
            "type_code": "会议类型", "type_name": "会议类型", "body": "参会范围",
            "chair": "主持人", "recorder": "记录人", "expected": "应到人员", "party_group": "党小组",
            "recorded_on": "登记日期", "late": "补录", "counts_as": "同时计为", "changes": "变更",
            "reason": "原因", "member_id": "党员", "name": "姓名", "kind": "类别", "consent": "本人同意",
            "entries": "出席情况", "observers": "列席人员", "received_on": "收到日期", "opinion": "意见",
            "resolution_id": "决议", "subject": "事项", "entitled": "有表决权人数", "present": "到会人数",
            "written": "书面意见", "yes": "赞成", "no": "反对", "abstain": "弃权", "passed": "通过",
            "before": "之前", "after": "之后", "note": "说明", "content": "内容", "revision": "修订稿",
            "text": "内容", "author": "撰写人", "file": "附件", "code": "代码", "frequency": "频次",
            "effective_from": "生效日期", "tenant": "学校", "user_id": "用户", "replaced": "替换原链接",
            "upcoming": "会前更正（通知参会人员）", "held_on": "谈话日期", "first": "谈话人", "second": "谈话对象", "status": "出席情况",
            "required": "应开", "vote": "表决权", "attendance": "出席情况", "attendance_late": "出席情况补录",
            "resolutions": "决议", "minutes": "会议记录", "minutes_revision": "记录修订稿", "minutes_final": "记录已定稿",
            "addenda": "补充说明", "attachments": "附件", "cancel_reason": "取消原因", "token_hash": "订阅链接"},
    choices={"body": rules.BODIES, "frequency": rules.FREQUENCIES,
             "type_code": {t.code: t.name for t in rules.DEFAULT_TYPES},
             "counts_as": {t.code: t.name for t in rules.DEFAULT_TYPES},
             "status": {**ATTENDANCE, "scheduled": "已安排", "cancelled": "已取消", "held": "已召开"},
             "Meeting.LeftOut.kind": rules.LEAVE_OUT_KINDS, "Talk.Recorded.kind": TALK_KINDS,
             "Meeting.FollowUpUpdated.before": rules.FOLLOW_UP, "Meeting.FollowUpUpdated.after": rules.FOLLOW_UP},
)
