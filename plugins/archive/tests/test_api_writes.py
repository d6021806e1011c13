"""Every write of the archive API once, as a school's secretary keeps the archive: a notice from the
district uploaded, the year's roster generated from the records and filed, a description corrected and
a duplicate withdrawn (each write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import pytest

from plugins.archive.tests.conftest import pdf

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/archive/documents",
    "POST /api/v1/t/{tenant}/archive/documents/generate",
    "POST /api/v1/t/{tenant}/archive/documents/{document_id}/correct",
    "POST /api/v1/t/{tenant}/archive/documents/{document_id}/withdraw",
)
def test_a_secretary_files_generates_corrects_and_withdraws_through_the_api(api_as, tenant, clock):
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/archive"
    query = ("title=关于做好党员发展工作的通知&category=upper&year=2026&number=区委教育工委〔2026〕3号"
             "&issued_on=2026-02-20&issuer=区委教育工委&retention=long&origin=upper")
    r = api.post(f"{base}/documents?{query}", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(pdf("通知")), "通知.pdf")})
    assert r.status_code == 201, r.json
    notice = r.json
    assert (notice["category_name"], notice["version"], notice["withdrawn"]) == ("上级文件", 1, False)
    assert api.get(f"{base}/documents/{notice['id']}/file").data.startswith(b"%PDF-")

    papers = {p["code"]: p for p in api.get(f"{base}/papers").json}
    assert papers["members.roster"]["subject"] == "year" and "meetings.minutes" in papers
    r = api.post(f"{base}/documents/generate", json={"paper": "members.roster", "subject": "2026"})
    assert r.status_code == 201, r.json
    roster = r.json
    assert (roster["origin"], roster["paper_code"], roster["category"]) == ("generated", "members.roster", "rosters")
    assert roster["as_of"] > 0
    bad = api.post(f"{base}/documents/generate", json={"paper": "members.roster", "subject": "soon"})
    assert bad.status_code == 422 and "subject" in bad.json["errors"]["json"]

    r = api.post(f"{base}/documents/{notice['id']}/correct", json={
        "number": "区委教育工委〔2026〕4号", "reason": "文号录错", "expected_version": 1})
    assert r.status_code == 200 and r.json["number"] == "区委教育工委〔2026〕4号" and r.json["version"] == 2
    stale = api.post(f"{base}/documents/{notice['id']}/withdraw", json={"reason": "重复", "expected_version": 1})
    assert stale.status_code == 409
    r = api.post(f"{base}/documents/{notice['id']}/withdraw", json={"reason": "重复归档", "expected_version": 2})
    assert r.status_code == 200 and r.json["withdrawn"] and r.json["withdraw_reason"] == "重复归档"

    index = api.get(f"{base}/directory?year=2026").json
    assert [(row["number"], row["document"]["title"]) for row in index] == [(1, "2026年度党员花名册")]
    assert {d["id"] for d in api.get(f"{base}/documents?withdrawn=true").json} == {roster["id"], notice["id"]}
    assert [d["id"] for d in api.get(f"{base}/documents").json] == [roster["id"]]
    with zipfile.ZipFile(io.BytesIO(api.get(f"{base}/export?year=2026").data)) as archive:
        assert archive.namelist() == ["2026年目录索引.xlsx", "花名册与统计/0001_2026_roster.docx"]


def test_bad_uploads_are_refused_with_field_messages(api_as, tenant, clock):
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/archive"
    r = api.post(f"{base}/documents?title=x&category=nope&year=2026&issued_on=2026-02-20&retention=long&origin=upper",
                 content_type="multipart/form-data", data={"file": (io.BytesIO(pdf()), "a.pdf")})
    assert r.status_code == 422 and "category" in r.json["errors"]["json"]
    r = api.post(f"{base}/documents?title=x&category=upper&year=2026&issued_on=2026-02-20&retention=long&origin=upper",
                 content_type="multipart/form-data", data={"file": (io.BytesIO(b"MZ"), "a.pdf")})
    assert r.status_code == 422 and "file" in r.json["errors"]["json"]
    r = api.post(f"{base}/documents?title=&year=2026", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(pdf()), "a.pdf")})
    assert r.status_code == 422
