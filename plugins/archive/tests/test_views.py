"""Pages and API of the archive: what a secretary does, bad input, who may do what, 404 when disabled,
and nothing of another school's archive (the API's writes: test_api_writes.py)."""
from __future__ import annotations

import io
import zipfile

import openpyxl

from plugins.archive import queries
from plugins.archive.tests.conftest import pdf


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_the_secretary_searches_prints_the_index_and_downloads_the_year(login_as, tenant, filed):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/archive"
    html = page(c, f"{base}/?year=2026")
    assert "关于做好2026年度党员发展工作的通知" in html and "2025年度工作总结" not in html
    assert "生成并归档" in html and "会议记录" in html and "党员花名册（年度）" in html
    assert "2026年度党建工作计划" in page(c, f"{base}/?q=党建工作计划")
    assert "文书档案" in page(c, f"/t/{tenant}/")                                  # the nav item
    index = page(c, f"{base}/directory?year=2026")
    assert index.index("关于做好2026年度党员发展工作的通知") < index.index("2026年度党建工作计划") \
        < index.index("2026年度党员花名册")
    sheet = openpyxl.load_workbook(io.BytesIO(c.get(f"{base}/directory.xlsx?year=2026").data)).active
    assert [r[4] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "关于做好2026年度党员发展工作的通知", "2026年度党建工作计划", "2026年度党员花名册"]
    with zipfile.ZipFile(io.BytesIO(c.get(f"{base}/export.zip?year=2026").data)) as archive:
        assert len(archive.namelist()) == 4 and "2026年目录索引.xlsx" in archive.namelist()
    detail = page(c, f"{base}/documents/{filed['roster']}")
    assert "members.roster" in detail and "撤档" in detail
    assert c.get(f"{base}/documents/{filed['notice']}/file").data.startswith(b"%PDF-")


def test_the_pages_upload_generate_and_withdraw(k, login_as, tenant, filed):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/archive"
    r = c.post(f"{base}/documents", content_type="multipart/form-data", data={
        "csrf_token": c.csrf(), "_form": "upload", "title": "支部换届选举请示", "origin": "own", "category": "own",
        "number": "", "issuer": "", "issued_on": "2026-09-01", "year": "2026", "retention": "permanent", "note": "",
        "file": (io.BytesIO(pdf("请示")), "请示.pdf")})
    assert r.status_code == 302
    assert "支部换届选举请示" in {row.title for row in queries.search(k, tenant, year=2026)}
    r = c.post(f"{base}/generate", data={"csrf_token": c.csrf(), "_form": "gen-1", "paper": "members.new_members",
                                         "subject": "2026", "number": ""})
    assert r.status_code == 302
    assert "2026年度新发展党员花名册" in {row.title for row in queries.search(k, tenant, year=2026)}
    r = c.post(f"{base}/documents/{filed['plan']}/withdraw", data={
        "csrf_token": c.csrf(), "_form": "withdraw", "reason": "", "expected_version": "1"})
    assert r.status_code == 422
    r = c.post(f"{base}/documents/{filed['plan']}/withdraw", data={
        "csrf_token": c.csrf(), "_form": "withdraw", "reason": "误归档", "expected_version": "1"})
    assert r.status_code == 302 and queries.get_document(k, tenant, filed["plan"]).withdrawn


def test_bad_page_input_is_shown_again_with_the_reason(login_as, tenant, filed):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/archive"
    r = c.post(f"{base}/documents", content_type="multipart/form-data", data={
        "csrf_token": c.csrf(), "_form": "upload", "title": "x", "origin": "upper", "category": "upper",
        "issued_on": "2026-02-30", "year": "2026", "retention": "long", "file": (io.BytesIO(pdf()), "a.pdf")})
    assert r.status_code == 422
    r = c.post(f"{base}/generate", data={"csrf_token": c.csrf(), "_form": "gen-1", "paper": "meetings.minutes",
                                         "subject": "not-a-meeting"})
    assert r.status_code == 422 and "请选择要生成公文的对象" in r.get_data(as_text=True)
    page(c, f"{base}/documents/00000000-0000-0000-0000-000000000000", 404)
    page(c, f"{base}/?year=abc&category=%00")


def test_a_reader_may_read_but_not_file_or_withdraw(login_as, tenant, filed):
    c = login_as("viewer", tenant)
    base = f"/t/{tenant}/archive"
    html = page(c, f"{base}/")
    assert "生成并归档" not in html and "上传归档" not in html
    assert "撤档原因" not in page(c, f"{base}/documents/{filed['plan']}")
    assert c.post(f"{base}/generate", data={"csrf_token": c.csrf(), "paper": "members.roster",
                                            "subject": "2026"}).status_code == 403
    assert c.post(f"{base}/documents/{filed['plan']}/withdraw", data={
        "csrf_token": c.csrf(), "reason": "x", "expected_version": "1"}).status_code == 403
    member = login_as("member", tenant)
    page(member, f"{base}/", 403)


def test_another_school_sees_nothing_of_this_ones(login_as, api_as, tenant, other_tenant, filed):
    outsider = login_as("secretary", other_tenant)
    other = f"/t/{other_tenant}/archive"
    assert "关于做好2026年度党员发展工作的通知" not in page(outsider, f"{other}/?year=2026")
    page(outsider, f"{other}/documents/{filed['notice']}", 404)
    page(outsider, f"{other}/documents/{filed['notice']}/file", 404)
    page(outsider, f"/t/{tenant}/archive/", 403)
    with zipfile.ZipFile(io.BytesIO(outsider.get(f"{other}/export.zip?year=2026").data)) as archive:
        assert archive.namelist() == ["2026年目录索引.xlsx"]
    api = api_as("secretary", other_tenant)
    base = f"/api/v1/t/{other_tenant}/archive"
    assert api.get(f"{base}/documents").get_json() == []
    assert api.get(f"{base}/documents/{filed['notice']}").status_code == 404
    assert api.get(f"{base}/documents/{filed['notice']}/file").status_code == 404
    assert api.post(f"{base}/documents/{filed['notice']}/withdraw",
                    json={"reason": "x", "expected_version": 1}).status_code == 404
    assert api.get(f"{base}/directory?year=2026").get_json() == []


def test_pages_and_api_answer_404_where_the_school_has_not_enabled_the_plugin(k, make_tenant, login_as, api_as):
    bare = make_tenant("no-archive", plugins=[p for p in k.registry.optional() if p != "archive"])
    c = login_as("secretary", bare)
    for path in ("/", "/directory", "/directory.xlsx", "/export.zip"):
        page(c, f"/t/{bare}/archive{path}", 404)
    api = api_as("secretary", bare)
    assert api.get(f"/api/v1/t/{bare}/archive/documents").status_code == 404
    assert api.post(f"/api/v1/t/{bare}/archive/documents/generate",
                    json={"paper": "members.roster", "subject": "2026"}).status_code == 404
    assert "文书档案" not in page(c, f"/t/{bare}/")
