"""Every event of the registry in one Chinese sentence, for the audit console."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.members import rules
from plugins.members.domain import (
    AccountLink, ImportBatch, Member, MemberRegister, Organisation, PersonalDataExported, PersonalDataRead,
    RollClaim, Transfer,
)


def _value(field: str, value) -> str:
    if value in (None, ""):
        return "（空）"
    if field in rules.PERSONAL_FIELDS:
        return rules.mask(field, str(value))
    if field == "gender":
        return rules.GENDERS.get(value, str(value))
    if field == "category":
        return rules.CATEGORIES.get(value, str(value))
    if field == "status":
        return rules.STATUSES.get(value, str(value))
    return str(value)


def changes_text(changes: dict) -> str:
    return "；".join(f"{rules.FIELD_LABELS.get(f, f)}由「{_value(f, c.get('before'))}」改为「{_value(f, c.get('after'))}」"
                    for f, c in changes.items())


def describe(event) -> str | None:
    """A sentence for one of our events, or None for another plugin's."""
    kind = type(event)
    if kind is Member.Registered:
        status = rules.STATUSES.get(event.status, event.status)
        batch = "（Excel 导入）" if event.batch else ""
        return f"登记党员 {event.fields.get('name')}（{status}）{batch}"
    if kind is Member.FieldsCorrected:
        return "更正党员信息：" + changes_text(event.changes)
    if kind is Member.StatusChanged:
        return (f"党籍状态由「{rules.STATUSES.get(event.before, event.before)}」变为"
                f"「{rules.STATUSES.get(event.after, event.after)}」，自 {event.effective_on} 起；原因：{event.reason}")
    if kind is Member.Converted:
        return f"预备党员转为正式党员，转正日期 {event.converted_on}（{event.reason}）"
    if kind is Member.Sanctioned:
        period = f"{event.start} 至 {event.end}" if event.end else f"自 {event.start}"
        return f"记录党纪处分：{event.kind}，{period}；{event.reason}"
    if kind is Transfer.Issued:
        word = "转出至" if event.direction == "out" else "转入，来自"
        return (f"{event.member_name} 组织关系{word}{event.other_org}，介绍信 {event.letter_no}，"
                f"{event.issued_on} 开具，有效期至 {event.valid_until}，党费交至 {event.dues_paid_to or '未填'}")
    if kind is Transfer.ReceiptReturned:
        return f"组织关系介绍信回执已于 {event.on} 返回"
    if kind is Organisation.Started:
        return "建立支部组织架构记录"
    if kind is Organisation.CommitteeElected:
        seats = "、".join(f"{rules.POSTS.get(s['post'], s['post'])} {s['name']}" for s in event.seats)
        return f"支部委员会换届：任期 {event.term_start} 至 {event.term_end}；{seats}"
    if kind is Organisation.SeatFilled:
        return f"{event.name} 自 {event.since} 起任{rules.POSTS.get(event.post, event.post)}"
    if kind is Organisation.SeatVacated:
        return f"免去{rules.POSTS.get(event.post, event.post)}职务，自 {event.on} 起；原因：{event.reason}"
    if kind is Organisation.GroupSet:
        if event.before is None and event.leader_name is None:
            return f"设立党小组「{event.name}」"
        return (f"党小组「{event.name}」组长由「{event.before or '（无）'}」改为「{event.leader_name or '（无）'}」")
    if kind is Organisation.GroupDissolved:
        return f"撤销党小组「{event.name}」"
    if kind is ImportBatch.Imported:
        return f"从 Excel 文件「{event.filename}」导入 {event.rows} 名党员（一个批次）"
    if kind is AccountLink.Started:
        return f"建立登录账号 {event.username} 的关联记录"
    if kind is AccountLink.Linked:
        before = "（原关联另一名党员）" if event.before else ""
        return f"登录账号 {event.username} 关联党员 {event.member_name}{before}"
    if kind is AccountLink.Unlinked:
        return f"解除登录账号 {event.username} 与党员 {event.member_name} 的关联"
    if kind is MemberRegister.Opened:
        return f"建立本支部身份证号登记（据本支部已有记录，{len(event.numbers)} 个身份证号）"
    if kind is MemberRegister.Entered:
        before = f"（原身份证号 {_value('id_number', event.before)}）" if event.before else ""
        return f"身份证号 {_value('id_number', event.id_number)} 登记为本支部党员{before}"
    if kind is RollClaim.Opened:
        where = "、".join(h["tenant"] for h in event.holders) or "无"
        opened = f"建立身份证号 {_value('id_number', event.id_number)} 的在册登记（据各支部名册，在册于：{where}）"
        return f"{opened}，对应的党员列入 {event.taken_by['tenant']} 支部名册" if event.taken_by else opened
    if kind is RollClaim.Taken:
        return f"身份证号对应的党员列入 {event.tenant} 支部名册"
    if kind is RollClaim.Released:
        return f"身份证号对应的党员不再在 {event.tenant} 支部名册上（{event.reason}）"
    if kind is PersonalDataRead.Recorded:
        labels = "、".join(rules.FIELD_LABELS.get(f, f) for f in event.fields)
        return f"查看了党员完整的{labels}（{event.purpose}）"
    if kind is PersonalDataExported.Recorded:
        labels = "、".join(rules.FIELD_LABELS.get(f, f) for f in event.fields)
        return f"导出了 {len(event.member_ids)} 名党员完整的{labels}（{event.purpose}）"
    return None


# -- names and labels for the audit console ------------------------------------------------------
EVENT_NAMES = {
    "Member.Registered": "党员·登记入册", "Member.FieldsCorrected": "党员·更正信息",
    "Member.StatusChanged": "党员·党籍状态变更", "Member.Converted": "党员·转为正式党员",
    "Member.Sanctioned": "党员·受到处分",
    "PersonalDataRead.Recorded": "个人信息·查阅记录", "PersonalDataExported.Recorded": "个人信息·导出记录",
    "Organisation.Started": "组织架构·建立", "Organisation.CommitteeElected": "组织架构·支委会换届",
    "Organisation.SeatFilled": "组织架构·委员任职", "Organisation.SeatVacated": "组织架构·委员离任",
    "Organisation.GroupSet": "组织架构·设置党小组", "Organisation.GroupDissolved": "组织架构·撤销党小组",
    "Transfer.Issued": "关系转接·开具介绍信", "Transfer.ReceiptReturned": "关系转接·回执收回",
    "ImportBatch.Imported": "党员·批量导入",
    "AccountLink.Started": "账号关联·建立", "AccountLink.Linked": "账号关联·关联党员",
    "AccountLink.Unlinked": "账号关联·解除关联",
    "RollClaim.Opened": "党籍登记·建立", "RollClaim.Taken": "党籍登记·登记在册",
    "RollClaim.Released": "党籍登记·注销", "MemberRegister.Opened": "身份证号登记·建立",
    "MemberRegister.Entered": "身份证号登记·登记",
}
FIELDS = FieldLabels(
    labels={**rules.FIELD_LABELS, "status": "党籍状态", "source": "来源", "batch": "导入批次",
            "fields": "信息", "changes": "变更", "before": "之前", "after": "之后", "effective_on": "生效日期",
            "reason": "原因", "kind": "类别", "start": "开始日期", "end": "结束日期", "member_id": "党员",
            "member_ids": "党员", "purpose": "用途", "term_start": "任期开始", "term_end": "任期结束",
            "seats": "委员", "post": "职务", "since": "任职日期", "on": "日期", "leader_id": "组长",
            "leader_name": "组长", "direction": "方向", "member_name": "党员", "letter_no": "介绍信编号",
            "other_org": "对方组织", "issued_on": "开具日期", "valid_until": "有效期至",
            "dues_paid_to": "党费交至", "note": "备注", "filename": "文件名", "rows": "行数", "sha256": "文件校验值",
            "batch_id": "导入批次",
            "username": "用户名", "tenant": "学校", "holders": "在册学校", "taken_by": "列入名册", "numbers": "登记",
            "letters": "介绍信", "sanctions": "处分", "receipt_returned_on": "回执收回日期"},
    choices={"status": rules.STATUSES, "gender": rules.GENDERS, "category": rules.CATEGORIES,
             "post": rules.POSTS, "direction": rules.DIRECTIONS},
)
