"""The district's view of the schools' archives: per school, the year's documents by category, the
last filing date and whether the directory index was printed or exported — a sortable, paginated
table with Excel, read in grouped statements whatever the number of schools; drill-down to a school's
read-only directory index; an inspector sees only the schools of their assignment; a school user
sees none of it."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
from sqlalchemy import event

from core import context
from plugins.archive import queries, services
from plugins.archive.tests.conftest import pdf, system, upload_values
from plugins.audit import services as audit


def _file_one(k, school, **values):
    with system():
        services.file_upload(k, school, upload_values(**values), pdf(values.get("title", "x")), "文件.pdf")


def test_the_district_sees_each_schools_year_sorts_it_exports_it_and_opens_a_directory(
        k, tenant, other_tenant, filed, login_as, api_as):
    _file_one(k, other_tenant)
    with system():
        services.record_index_output(k, tenant, 2026, "print")
    admin = login_as("district_admin")
    html = admin.get("/district/archive/?year=2026").get_data(as_text=True)
    assert "第一中学" in html and f"/district/archive/{tenant}/directory?year=2026" in html
    assert "未输出" in html and "打印" in html
    api = api_as("district_admin")
    body = api.get("/api/v1/district/archive/schools?year=2026&sort=-total").get_json()
    rows = [(r["school"], r["total"], r["counts"], r["output_form"]) for r in body["schools"]]
    assert rows == [(tenant, 3, {"upper": 1, "own": 1, "rosters": 1}, "print"),
                    (other_tenant, 1, {"upper": 1}, None)]
    assert body["meta"]["total"] == 2
    assert [r["school"] for r in api.get("/api/v1/district/archive/schools?year=2026&sort=index")
            .get_json()["schools"]] == [other_tenant, tenant]          # not yet printed first
    assert api.get("/api/v1/district/archive/schools?sort=nonsense").status_code == 422
    book = openpyxl.load_workbook(io.BytesIO(admin.get("/district/archive/?year=2026&format=xlsx").data))
    sheet = list(book.active.iter_rows(values_only=True))
    assert sheet[0][:3] == ("学校", "上级文件", "本级文件") and sheet[1][0] == "第一中学"
    page = admin.get(f"/district/archive/{tenant}/directory?year=2026").get_data(as_text=True)
    assert "2026年度党建工作计划" in page and "withdraw" not in page     # read-only
    index = api.get(f"/api/v1/district/archive/schools/{tenant}/directory?year=2026").get_json()
    assert [r["document"]["title"] for r in index] == [r.title for _, r in queries.directory_index(k, tenant, 2026)]
    assert admin.get("/district/archive/nowhere/directory").status_code in (403, 404)


def test_an_inspector_sees_only_the_assignment_and_a_school_user_none(
        k, tenant, other_tenant, filed, login_as):
    _file_one(k, other_tenant, title="他校文件")
    inspector = login_as("inspector")
    assert inspector.get("/district/archive/").status_code == 200
    assert inspector.get(f"/district/archive/{tenant}/directory?year=2026").status_code == 403
    with context.acting(context.system("test", source="test")):
        audit.create_assignment(k, inspector.username, [tenant], date(2026, 1, 1), date(2026, 12, 31))
    page = inspector.get("/district/archive/?year=2026").get_data(as_text=True)
    assert f"/district/archive/{tenant}/directory" in page and f"/district/archive/{other_tenant}/" not in page
    assert inspector.get(f"/district/archive/{tenant}/directory?year=2026").status_code == 200
    assert inspector.get(f"/district/archive/{other_tenant}/directory?year=2026").status_code == 403
    secretary = login_as("secretary", tenant)
    assert secretary.get("/district/archive/").status_code == 403
    assert secretary.get(f"/district/archive/{other_tenant}/directory?year=2026").status_code == 403


def test_the_district_reads_any_number_of_schools_in_the_same_statements(k, tenant, make_tenant, filed):
    schools = [tenant] + [make_tenant(f"school-{n}", f"学校{n}") for n in range(5)]
    for school in schools[1:]:
        _file_one(k, school)
    statements = []

    def count(*_args, **_kw):
        statements.append(1)
    event.listen(k.engine, "before_cursor_execute", count)
    try:
        few = queries.district_year(k, schools[:2], 2026)
        n_few = len(statements)
        statements.clear()
        many = queries.district_year(k, schools, 2026)
        n_many = len(statements)
    finally:
        event.remove(k.engine, "before_cursor_execute", count)
    assert n_few == n_many == 2
    assert few[tenant]["counts"] == many[tenant]["counts"] == {"upper": 1, "own": 1, "rosters": 1}
    assert all(many[s]["counts"] == {"upper": 1} for s in schools[1:])
