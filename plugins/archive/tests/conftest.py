"""Fixtures of the archive tests: a school whose archive holds documents of 2026 (upload and generated)."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pytest
from docx import Document

from core import context
from plugins.archive import services


def system():
    return context.acting(context.system("test", source="test"))


def pdf(text: str = "文件") -> bytes:
    return b"%PDF-1.4\n% " + text.encode("utf-8") + b"\n%%EOF\n"


def docx_bytes(text: str = "本级文件") -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def upload_values(**overrides) -> dict:
    values = {"title": "关于做好2026年度党员发展工作的通知", "category": "upper", "year": 2026,
              "number": "区委教育工委〔2026〕3号", "issued_on": date(2026, 2, 20), "issuer": "区委教育工委",
              "retention": "long", "origin": "upper", "note": ""}
    return values | overrides


@pytest.fixture
def filed(k, tenant, clock):
    """Three documents of 2026 filed out of order (an upper body's notice, the branch's own plan, a
    roster generated from the records) and one of 2025."""
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    with system():
        ids = {
            "notice": services.file_upload(k, tenant, upload_values(), pdf("通知"), "通知.pdf"),
            "plan": services.file_upload(k, tenant, upload_values(
                title="2026年度党建工作计划", category="own", number="", issued_on=date(2026, 1, 10),
                issuer="中共第一中学支部委员会", retention="permanent", origin="own"), docx_bytes("计划"), "计划.docx"),
            "roster": services.generate_and_file(k, tenant, "members.roster", "2026"),
            "old": services.file_upload(k, tenant, upload_values(
                title="2025年度工作总结", category="own", year=2025, issued_on=date(2025, 12, 20), number="",
                origin="own"), pdf("总结"), "总结.pdf"),
        }
    return ids
