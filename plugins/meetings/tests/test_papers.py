"""The minutes of a meeting come out as a GB/T 9704 paper holding the meeting's facts in their sections."""
from __future__ import annotations

import io
import uuid
from datetime import date, datetime, timezone

import pytest
from docx import Document
from docx.shared import Pt

from core.errors import NotFoundError
from core.papers import papers, text_of
from plugins.meetings import services
from plugins.meetings.tests.conftest import at


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end)]


def _held_congress(k, tenant, clock, branch):
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "第一季度支部党员大会", at(2026, 3, 10),
                                        "党员活动室", chair_id=branch["正式1"], recorder_id=branch["正式2"],
                                        agenda=["讨论接收预备党员", "学习党章"])
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    entries = {str(i): {"status": "present"} for n, i in branch.items() if n not in ("正式5", "正式6")}
    entries |= {str(branch["正式5"]): {"status": "absent", "reason": "病假"},
                str(branch["正式6"]): {"status": "absent", "reason": "外出培训"}}
    services.record_attendance(k, tenant, meeting.id, entries)
    services.record_vote(k, tenant, meeting.id, "admission", "接收张三为预备党员", 4, 0, 0, subject="张三")
    services.draft_minutes(k, tenant, meeting.id, {"summary": "会议讨论了接收张三入党。",
                                                   "decisions": "同意接收张三为预备党员。"})
    return meeting


def test_the_minutes_hold_the_meeting_attendance_agenda_and_votes_in_their_sections(k, tenant, actor, clock, branch):
    meeting = _held_congress(k, tenant, clock, branch)
    made = papers(k, tenant)["meetings.minutes"].render(k, tenant, meeting.id)
    text = text_of(made.content)
    assert "第一季度支部党员大会会议记录" in text
    basics = _section(text, "一、会议基本情况", "二、出席情况")
    assert "2026-03-10 15:00" in basics and "党员活动室" in basics and "主持人\t正式1" in basics
    assert "记录人\t正式2" in basics and "会议类型\t支部党员大会" in basics and "缺席人数\t2" in basics
    attendance = _section(text, "二、出席情况", "三、会议议程")
    assert "正式5\t缺席\t病假" in attendance and "正式6\t缺席\t外出培训" in attendance and "正式1\t出席\t—" in attendance
    agenda = _section(text, "三、会议议程", "四、会议记录")
    assert "（一）讨论接收预备党员" in agenda and "（二）学习党章" in agenda
    record = _section(text, "四、会议记录", "五、会议决定与表决")
    assert "会议讨论了接收张三入党。" in record and "（三）不同意见\n无" in record   # "无", never blank
    assert "接收张三为预备党员\t6\t4\t4\t0\t0\t通过" in text[text.index("五、会议决定与表决"):]
    assert ("meeting", str(meeting.id)) in made.sources and made.as_of > 0 and made.day == date(2026, 3, 10)


def test_the_minutes_are_laid_out_after_gb_t_9704(k, tenant, actor, clock, branch):
    meeting = _held_congress(k, tenant, clock, branch)
    doc = Document(io.BytesIO(papers(k, tenant)["meetings.minutes"].render(k, tenant, meeting.id).content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(getattr(section, f"{s}_margin").mm) for s in ("top", "bottom", "left", "right")] == [37, 35, 28, 26]
    title = doc.paragraphs[0].runs[0]
    assert title.font.size == Pt(22) and title.bold
    assert title._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text == "会议讨论了接收张三入党。").runs[0]
    assert body.font.size == Pt(16)
    assert body._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    assert "党支部" in section.header.paragraphs[0].text or "支部委员会" in section.header.paragraphs[0].text


def test_the_minutes_of_an_unknown_meeting_are_not_found(k, tenant, actor):
    with pytest.raises(NotFoundError):
        papers(k, tenant)["meetings.minutes"].render(k, tenant, uuid.uuid4())
