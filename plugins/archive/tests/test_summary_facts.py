"""党务管理 (文书) in the year's work summary: the draft's figures equal the year's filed documents, in
all and by category (a withdrawn one and another year's not counted), each linked to the archive list
of that category; and whether the year's directory index was printed. Printing and exporting the
index are recorded."""
from __future__ import annotations

from plugins.archive import queries, services
from plugins.archive.tests.conftest import pdf, system, upload_values
from plugins.summary import queries as summary_queries
from plugins.summary import services as summary


def test_the_summary_draft_counts_the_years_documents_by_category(k, tenant, filed):
    with system():
        withdrawn = services.file_upload(k, tenant, upload_values(title="误归档"), pdf("误"), "误.pdf")
        services.withdraw(k, tenant, withdrawn, "重复归档")
        summary.draft(k, tenant, 2026)
    facts = {f["key"]: f for f in summary_queries.get_summary(k, tenant, 2026).facts}
    assert facts["archive.documents"]["value"] == 3 == len(queries.directory_index(k, tenant, 2026))
    assert {key: f["value"] for key, f in facts.items() if key.startswith("archive.documents.")} == \
        {"archive.documents.upper": 1, "archive.documents.own": 1, "archive.documents.rosters": 1}
    assert facts["archive.documents.upper"]["url"] == f"/t/{tenant}/archive/?year=2026&category=upper"
    assert facts["archive.index"]["value"] == "目录索引尚未打印"
    assert facts["archive.index"]["url"] == f"/t/{tenant}/archive/directory?year=2026"
    text = summary_queries.get_summary(k, tenant, 2026).sections["affairs"]
    assert "{{fact:archive.documents}}" in text and "{{fact:archive.documents.rosters}}" in text


def test_printing_and_exporting_the_index_are_recorded_and_the_draft_says_so(k, tenant, filed, login_as):
    c = login_as("secretary", tenant)
    r = c.post(f"/t/{tenant}/archive/directory/printed", data={"csrf_token": c.csrf(), "_form": "printed",
                                                                "year": "2026"})
    assert r.status_code == 302
    assert c.post(f"/t/{tenant}/archive/directory/printed", data={"csrf_token": c.csrf(), "_form": "printed",
                                                                   "year": "x"}).status_code == 422
    assert c.get(f"/t/{tenant}/archive/directory.xlsx?year=2026").status_code == 200
    assert sorted((o.form, o.documents) for o in queries.index_outputs(k, tenant, 2026)) == [("print", 3), ("xlsx", 3)]
    assert "最近一次输出" in c.get(f"/t/{tenant}/archive/directory?year=2026").get_data(as_text=True)
    reader = login_as("member", tenant)
    assert reader.post(f"/t/{tenant}/archive/directory/printed", data={"csrf_token": reader.csrf(),
                                                                        "year": "2026"}).status_code == 403
    with system():
        summary.draft(k, tenant, 2026)
    facts = {f["key"]: f for f in summary_queries.get_summary(k, tenant, 2026).facts}
    assert facts["archive.index"]["value"] == "已打印目录索引"
