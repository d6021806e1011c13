"""Uploads are what they claim to be, and downloads never render as a page (issue 14): an Office file
is a zip of its kind, an image decodes, a PDF starts as one; only images and PDFs are shown inline."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import pytest
from openpyxl import Workbook

from core.files import DEFAULT_TYPES, UploadError, content_disposition, send_stored, store_file
from core.testing import image_bytes

HTML = b"<html><script>alert(document.cookie)</script></html>"


def office_bytes(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


GOOD = {
    "会议记录.pdf": b"%PDF-1.4\n%%EOF",
    "a.png": image_bytes("PNG"), "a.jpg": image_bytes("JPEG"), "a.jpeg": image_bytes("JPEG"),
    "a.docx": office_bytes("[Content_Types].xml", "word/document.xml"),
    "a.xlsx": xlsx_bytes(),
    "a.pptx": office_bytes("[Content_Types].xml", "ppt/presentation.xml"),
}
BAD = {
    "html-in-a-zip.docx": office_bytes("index.html"),
    "xlsx-as-docx.docx": xlsx_bytes(),
    "no-content-types.pptx": office_bytes("ppt/presentation.xml"),
    "broken.xlsx": b"PK\x03\x04" + HTML,
    "html-after-magic.png": b"\x89PNG\r\n\x1a\n" + HTML,
    "html-after-magic.jpg": b"\xff\xd8\xff\xe0" + HTML,
    "png-as-jpg.jpg": image_bytes("PNG"),
    "page.pdf": HTML,
    "almost.pdf": b"%PDF" + HTML,
}


@pytest.mark.parametrize("name", GOOD)
def test_a_file_that_is_what_its_name_says_is_stored(k, name):
    assert store_file(k, GOOD[name], name).size == len(GOOD[name])


@pytest.mark.parametrize("name", BAD)
def test_a_file_whose_content_is_not_its_type_is_refused_with_a_sentence(k, name):
    with pytest.raises(UploadError) as caught:
        store_file(k, BAD[name], name)
    assert "文件内容与扩展名" in caught.value.message


@pytest.mark.parametrize("kind", ["GIF", "WEBP"])
def test_gif_and_webp_are_checked_when_a_school_allows_them(k, kind):
    suffix = "." + kind.lower()
    allowed = {suffix: "image/" + kind.lower()}
    assert store_file(k, image_bytes(kind), "a" + suffix, allowed=allowed).content_type == "image/" + kind.lower()
    with pytest.raises(UploadError):
        store_file(k, image_bytes("PNG"), "a" + suffix, allowed=allowed)


def test_only_images_and_pdfs_are_shown_inline_and_every_name_has_an_ascii_fallback(app, k):
    cases = [("照片.png", image_bytes(), "image/png", "inline"),
             ("会议记录.pdf", GOOD["会议记录.pdf"], "application/pdf", "inline"),
             ("方案.docx", GOOD["a.docx"], DEFAULT_TYPES[".docx"], "attachment"),
             ("notes.txt", b"<html>", "text/plain", "attachment"),
             ("old.html", b"<html>", "text/html", "attachment")]
    for name, data, content_type, disposition in cases:
        ref = store_file(k, data, name, allowed={"." + name.rsplit(".", 1)[1]: content_type})
        with app.test_request_context("/"):
            response = send_stored(k, ref.sha256, name, content_type)
        header = response.headers["Content-Disposition"]
        assert header.startswith(disposition + "; filename=\""), header
        assert header.split('filename="')[1].split('"')[0].isascii()
        assert "filename*=UTF-8''" in header


def test_a_content_disposition_cannot_be_broken_by_the_name():
    header = content_disposition('a"; filename=evil.html\r\n.pdf')
    assert header.count('"') == 2 and "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="') and header.endswith(".pdf")
    assert content_disposition("会议记录.pdf", inline=True) == \
        "inline; filename=\"file.pdf\"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E8%AE%B0%E5%BD%95.pdf"


# -- through the pages and the API of a plugin ------------------------------------------------
@pytest.fixture
def meeting(k, tenant, actor, clock):
    from plugins.meetings import services  # noqa: PLC0415
    from plugins.meetings.tests.conftest import at, make_branch  # noqa: PLC0415
    make_branch(k, tenant)
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    return services.schedule_meeting(k, tenant, "congress", "第一季度党员大会", at(2026, 3, 10), "活动室")


def test_the_page_and_the_api_refuse_a_disguised_file_with_the_sentence(k, tenant, meeting, login_as, api_as):
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/meetings/{meeting.id}/attachments", content_type="multipart/form-data", data={
        "csrf_token": client.csrf(), "kind": "photo", "file": (io.BytesIO(BAD["html-after-magic.png"]), "p.png")})
    assert r.status_code == 422 and "文件内容与扩展名 .png 不符" in r.get_data(as_text=True)
    api = api_as("org", tenant)
    r = api.post(f"/api/v1/t/{tenant}/meetings/meetings/{meeting.id}/attachments?kind=other",
                 content_type="multipart/form-data", data={"file": (io.BytesIO(BAD["html-in-a-zip.docx"]), "纪要.docx")})
    assert r.status_code == 422, r.json
    assert "文件内容与扩展名 .docx 不符" in r.json["errors"]["json"]["file"][0]
    r = api.post(f"/api/v1/t/{tenant}/meetings/meetings/{meeting.id}/attachments?kind=other",
                 content_type="multipart/form-data", data={"file": (io.BytesIO(GOOD["a.docx"]), "纪要.docx")})
    assert r.status_code == 201
    got = api.get(f"/api/v1/t/{tenant}/meetings/meetings/{meeting.id}/attachments/{r.json['attachments'][0]['sha256']}")
    assert got.status_code == 200 and got.headers["Content-Disposition"].startswith("attachment;")
    assert got.headers["X-Content-Type-Options"] == "nosniff"
