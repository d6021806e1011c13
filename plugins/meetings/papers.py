"""The minutes of a meeting (会议记录) as an official paper, generated from the meeting's records."""
from __future__ import annotations

from uuid import UUID

from core.errors import N_, NotFoundError
from core.papers import OfficialDocument, Paper, header_of, log_position
from plugins.meetings import queries
from plugins.meetings.domain.meeting import MINUTES_FIELDS

STATUS = {"present": "出席", "absent": "缺席", None: "未登记"}
KINDS_PASSED = {True: "通过", False: "未通过"}

def minutes(k, tenant: str, meeting_id) -> object:
    meeting = queries.get_meeting(k, tenant, UUID(str(meeting_id)))
    if meeting is None:
        raise NotFoundError("meeting")
    as_of = log_position(k, tenant)
    attendees = queries.list_attendees(k, tenant, meeting.id)
    resolutions = sorted(queries.list_resolutions(k, tenant, meeting_id=meeting.id), key=lambda r: r.title)
    doc = OfficialDocument(header_of(k, tenant), f"{meeting.title}会议记录")
    doc.heading(1, "会议基本情况")
    absent = [a for a in attendees if a.status == "absent"]
    doc.fields([
        ("会议类型", meeting.type_name), ("会议时间", meeting.starts_at.strftime("%Y-%m-%d %H:%M")),
        ("会议地点", meeting.place), ("主持人", meeting.chair), ("记录人", meeting.recorder),
        ("应到人数", meeting.expected_count), ("实到人数", meeting.present),
        ("缺席人数", len(absent)), ("列席人员", "、".join(meeting.observers or []) or None),
    ])
    doc.heading(1, "出席情况")
    doc.table(["姓名", "出席情况", "缺席原因"],
              [(a.name, STATUS.get(a.status, a.status), a.reason if a.status == "absent" else "—")
               for a in attendees])
    doc.heading(1, "会议议程")
    for item in meeting.agenda or []:
        doc.heading(2, item if isinstance(item, str) else str(item.get("title", item)))
    if not meeting.agenda:
        doc.paragraph(None)
    doc.heading(1, "会议记录")
    content = meeting.minutes or {}
    for key, label in MINUTES_FIELDS.items():
        doc.heading(2, label)
        doc.paragraph(content.get(key))
    doc.heading(1, "会议决定与表决")
    doc.table(["事项", "应到", "实到", "赞成", "反对", "弃权", "结果"],
              [(r.title, r.entitled, r.present, r.yes, r.no, r.abstain, KINDS_PASSED[bool(r.passed)])
               for r in resolutions])
    doc.paragraph(f"记录状态：{'已定稿' if meeting.minutes_status == 'final' else '草稿'}")
    doc.signature(meeting.held_on, signer=f"主持人：{meeting.chair or '无'}　记录人：{meeting.recorder or '无'}")
    sources = [("meeting", meeting.id)] + [("resolution", r.id) for r in resolutions]
    return doc.file(sources, as_of, day=meeting.held_on,
                    filename=f"{meeting.held_on.isoformat()}_minutes.docx")

def held_meetings(k, tenant: str) -> list[tuple[str, str]]:
    """The meetings a minutes paper may be made of: held ones, latest first (the picker's choices)."""
    return [(str(m.id), f"{m.held_on} {m.title}") for m in queries.list_meetings(k, tenant, status="held")][:200]


PAPERS = [Paper(code="meetings.minutes", title=N_("会议记录"), category="meetings", subject="meeting",
                render=minutes, choices=held_meetings)]
