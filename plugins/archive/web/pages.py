"""Pages of the archive: search and file, one document, the directory index (print, Excel, ZIP); the
district's view of every school's archive of a year with a drill-down to a school's read-only index."""
from __future__ import annotations

from uuid import UUID

from flask import Response, render_template, request, url_for

from core import paper_pdf, papers
from core.commands import page_command
from core.context import set_reason
from core.errors import N_
from core.excel import xlsx_response
from core.formatting import local_date, local_datetime
from core.files import content_disposition
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from core.web import text_arg, year_arg
from plugins.archive import present, queries, rules, services
from plugins.archive.schemas import (ArchiveGenerateSchema, ArchiveIndexPrintedSchema, ArchiveUploadSchema,
                                     ArchiveWithdrawSchema)
from plugins.archive.web import (bp, district_bp, district_table, found, may, page_arg, school_in_scope, send_document,
                                 tenant, year_zip)


@bp.context_processor
def _vocabulary():
    return {"RETENTIONS": rules.RETENTIONS, "ORIGINS": rules.ORIGINS, "OUTPUT_FORMS": rules.OUTPUT_FORMS, "may": may}


def _render_index(status: int = 200):
    k = kernel()
    year, category, q = year_arg(), text_arg("category", 40), text_arg("q", 100)
    withdrawn = request.args.get("withdrawn") == "1"
    rows = queries.search(k, tenant(), year=year, category=category, q=q, withdrawn=withdrawn)
    offered = papers.papers(k, tenant()) if may("edit") else {}
    pickers = {code: (p.choices(k, tenant()) if p.choices else None) for code, p in offered.items()}
    return render_template("archive/index.html", rows=rows, categories=queries.categories(k, tenant()),
                           names=queries.category_names(k, tenant()), years=queries.years(k, tenant()),
                           year=year, category=category, q=q or "", withdrawn=withdrawn, papers=offered,
                           pickers=pickers, pdf=paper_pdf.available(), this_year=k.today().year, today=k.today()), status


@bp.route("/")
@requires("archive.view")
def index():
    return _render_index()


@bp.route("/documents", methods=["POST"])
@requires("archive.edit")
def upload():
    def act():
        values = form_input(ArchiveUploadSchema())
        upload = request.files.get("file")
        document_id = services.file_upload(kernel(), tenant(), values, upload.read() if upload else b"",
                                           upload.filename if upload else "")
        return url_for("archive.document", document_id=document_id)
    return page_command(act, _render_index, success=N_("已归档。"))


@bp.route("/generate", methods=["POST"])
@requires("archive.edit")
def generate():
    def act():
        values = form_input(ArchiveGenerateSchema())
        document_id = services.generate_and_file(kernel(), tenant(), values["paper"], values["subject"],
                                                 values.get("number") or "", values.get("retention"),
                                                 values.get("format") or "docx")
        return url_for("archive.document", document_id=document_id)
    return page_command(act, _render_index, success=N_("已由记录生成并归档。"))


def _render_document(document_id: UUID, status: int = 200):
    k = kernel()
    row = found(queries.get_document(k, tenant(), document_id))
    return render_template("archive/document.html", d=row, names=queries.category_names(k, tenant())), status


@bp.route("/documents/<uuid:document_id>")
@requires("archive.view")
def document(document_id: UUID):
    return _render_document(document_id)


@bp.route("/documents/<uuid:document_id>/file")
@requires("archive.view")
def document_file(document_id: UUID):
    return send_document(found(queries.get_document(kernel(), tenant(), document_id)))


@bp.route("/documents/<uuid:document_id>/withdraw", methods=["POST"])
@requires("archive.withdraw")
def withdraw(document_id: UUID):
    def act():
        values = form_input(ArchiveWithdrawSchema())
        set_reason(values["reason"])
        services.withdraw(kernel(), tenant(), document_id, values["reason"], values["expected_version"])
        return url_for("archive.document", document_id=document_id)
    return page_command(act, lambda status: _render_document(document_id, status), success=N_("已撤档。"))


def _index_year() -> int:
    return year_arg(kernel().today().year)


@bp.route("/directory")
@requires("archive.view")
def directory():
    return _render_directory()


def _render_directory(status: int = 200):
    k = kernel()
    year = _index_year()
    names = queries.category_names(k, tenant())
    return render_template("archive/directory.html", year=year, names=names,
                           rows=present.index_rows(queries.directory_index(k, tenant(), year), names),
                           columns=present.INDEX_COLUMNS, outputs=queries.index_outputs(k, tenant(), year)), status


@bp.route("/directory/printed", methods=["POST"])
@requires("archive.edit")
def directory_printed():
    def act():
        year = form_input(ArchiveIndexPrintedSchema())["year"]
        services.record_index_output(kernel(), tenant(), year, "print")
        return url_for("archive.directory", tenant=tenant(), year=year)
    return page_command(act, _render_directory, success=N_("已记录：目录索引已打印。"))


@bp.route("/directory.xlsx")
@requires("archive.view")
def directory_export():
    k = kernel()
    year = _index_year()
    names = queries.category_names(k, tenant())
    services.record_index_output(k, tenant(), year, "xlsx")
    return xlsx_response(f"{year}年文书档案目录索引.xlsx",
                         [(f"{year}年目录索引", present.INDEX_COLUMNS,
                           present.index_rows(queries.directory_index(k, tenant(), year), names))])


@bp.route("/export.zip")
@requires("archive.view")
def year_export():
    year = _index_year()
    services.record_index_output(kernel(), tenant(), year, "zip")
    return Response(year_zip(year), mimetype="application/zip",
                    headers={"Content-Disposition": content_disposition(f"{year}年文书档案.zip")})


# -- the district ------------------------------------------------------------------------------------
def _district_year() -> int:
    return year_arg(kernel().today().year)


@district_bp.route("/", endpoint="index")
@requires("archive.district_view")
def district_index():
    year, sort = _district_year(), request.args.get("sort") or "school"
    if request.args.get("format") == "xlsx":
        rows, _page = district_table(year, sort, None)
        return xlsx_response(f"{year}年各校文书档案.xlsx", [present.district_sheet(year, rows, local_date, local_datetime)])
    rows, page = district_table(year, sort, page_arg())
    return render_template("archive/district/index.html", rows=rows, page=page, year=year, sort=sort,
                           columns=present.district_columns(rows), SORTS=rules.DISTRICT_SORTS,
                           OUTPUT_FORMS=rules.OUTPUT_FORMS)


@district_bp.route("/<school>/directory", endpoint="directory")
@requires("archive.district_view")
def school_directory(school: str):
    row = school_in_scope(school)
    k, year = kernel(), _district_year()
    names = queries.category_names(k, row.slug)
    return render_template("archive/district/directory.html", school=row, year=year,
                           rows=present.index_rows(queries.directory_index(k, row.slug, year), names),
                           outputs=queries.index_outputs(k, row.slug, year), OUTPUT_FORMS=rules.OUTPUT_FORMS)
