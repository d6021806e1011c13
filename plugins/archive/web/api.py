"""The archive API (flask-smorest): search, one document and its file, upload, generate, correct,
withdraw, the papers on offer, a year's directory index and its ZIP; the district's view of every school's
archive of a year and a school's read-only directory index."""
from __future__ import annotations

from uuid import UUID

from flask import Response

from core import paper_pdf, papers
from core.api import FileUploadSchema
from core.context import set_reason
from core.files import content_disposition
from core.kernel import kernel
from core.messages import translated
from core.permissions import requires
from plugins.archive import present, queries, services
from plugins.archive.schemas import (
    ArchiveDistrictPageOutSchema, ArchiveDistrictQuery,
    ArchiveCorrectSchema, ArchiveDocumentOutSchema, ArchiveGenerateSchema, ArchiveIndexRowSchema, ArchivePaperOutSchema, ArchiveSearchQuery, ArchiveUploadQuery,
    ArchiveWithdrawSchema, ArchiveYearQuery,
)
from plugins.archive.web import (api_bp, district_api_bp, district_table, found, school_in_scope, send_document, tenant,
                                 year_zip)


def _out(document_id: UUID) -> dict:
    k = kernel()
    return present.document_out(found(queries.get_document(k, tenant(), document_id)),
                                queries.category_names(k, tenant()))


@api_bp.route("/documents")
@api_bp.arguments(ArchiveSearchQuery, location="query")
@api_bp.response(200, ArchiveDocumentOutSchema(many=True))
@requires("archive.view")
def api_documents(args):
    """检索档案（标题、文号、责任者；年度；类别），至多 500 件"""
    k = kernel()
    names = queries.category_names(k, tenant())
    return [present.document_out(r, names) for r in queries.search(k, tenant(), **args)]


@api_bp.route("/documents", methods=["POST"])
@api_bp.arguments(ArchiveUploadQuery, location="query")
@api_bp.arguments(FileUploadSchema, location="files")
@api_bp.response(201, ArchiveDocumentOutSchema)
@requires("archive.edit")
def api_upload(args, files):
    """归档一份上级来文或本级文件（multipart 的 file 字段，著录项在查询参数）"""
    upload = files["file"]
    return _out(services.file_upload(kernel(), tenant(), args, upload.read(), upload.filename or ""))


@api_bp.route("/documents/generate", methods=["POST"])
@api_bp.arguments(ArchiveGenerateSchema)
@api_bp.response(201, ArchiveDocumentOutSchema)
@requires("archive.edit")
def api_generate(data):
    """由记录生成一份公文并归档（记下所依据的记录和日志位置）"""
    return _out(services.generate_and_file(kernel(), tenant(), data["paper"], data["subject"],
                                           data.get("number") or "", data.get("retention"),
                                           data.get("format") or "docx"))


@api_bp.route("/documents/<uuid:document_id>")
@api_bp.response(200, ArchiveDocumentOutSchema)
@requires("archive.view")
def api_document(document_id: UUID):
    """一件档案的著录项"""
    return _out(document_id)


@api_bp.route("/documents/<uuid:document_id>/file")
@api_bp.response(200, description="档案文件本身")
@requires("archive.view")
def api_document_file(document_id: UUID):
    """下载档案文件"""
    return send_document(found(queries.get_document(kernel(), tenant(), document_id)))


@api_bp.route("/documents/<uuid:document_id>/correct", methods=["POST"])
@api_bp.arguments(ArchiveCorrectSchema)
@api_bp.response(200, ArchiveDocumentOutSchema)
@requires("archive.edit")
def api_correct(data, document_id: UUID):
    """更正著录项（文件本身不变；保留更正前后的值和原因）"""
    found(queries.get_document(kernel(), tenant(), document_id))
    set_reason(data.pop("reason"))
    version = data.pop("expected_version")
    services.correct(kernel(), tenant(), document_id, data, version)
    return _out(document_id)


@api_bp.route("/documents/<uuid:document_id>/withdraw", methods=["POST"])
@api_bp.arguments(ArchiveWithdrawSchema)
@api_bp.response(200, ArchiveDocumentOutSchema)
@requires("archive.withdraw")
def api_withdraw(data, document_id: UUID):
    """撤档（写明原因；档案不删除，仍可查阅）"""
    found(queries.get_document(kernel(), tenant(), document_id))
    set_reason(data["reason"])
    services.withdraw(kernel(), tenant(), document_id, data["reason"], data["expected_version"])
    return _out(document_id)


@api_bp.route("/papers")
@api_bp.response(200, ArchivePaperOutSchema(many=True))
@requires("archive.edit")
def api_papers():
    """可由记录生成的公文，及会议、人员类公文可选的对象"""
    k = kernel()
    formats = ["docx", "pdf"] if paper_pdf.available() else ["docx"]
    return [{"code": p.code, "title": translated(p.title), "category": p.category, "subject": p.subject,
             "choices": [list(c) for c in p.choices(k, tenant())] if p.choices else None, "formats": formats}
            for p in papers.papers(k, tenant()).values()]


@api_bp.route("/directory")
@api_bp.arguments(ArchiveYearQuery, location="query")
@api_bp.response(200, ArchiveIndexRowSchema(many=True))
@requires("archive.view")
def api_directory(args):
    """一年的目录索引（按类别、日期排序并编号）"""
    k = kernel()
    names = queries.category_names(k, tenant())
    year = args.get("year") or k.today().year
    return [{"number": n, "document": present.document_out(r, names)}
            for n, r in queries.directory_index(k, tenant(), year)]


@api_bp.route("/export")
@api_bp.arguments(ArchiveYearQuery, location="query")
@api_bp.response(200, description="一年的档案（ZIP，内含目录索引 xlsx）")
@requires("archive.view")
def api_export(args):
    """一年的档案打包下载（ZIP，含目录索引）"""
    year = args.get("year") or kernel().today().year
    return Response(year_zip(year), mimetype="application/zip",
                    headers={"Content-Disposition": content_disposition(f"{year}年文书档案.zip")})


# -- the district ------------------------------------------------------------------------------------
@district_api_bp.route("/schools")
@district_api_bp.arguments(ArchiveDistrictQuery, location="query")
@district_api_bp.response(200, ArchiveDistrictPageOutSchema)
@requires("archive.district_view")
def api_schools(args):
    """各校一年的文书档案：分类归档数、合计、最近归档、目录索引是否打印或导出（分页、排序：?year=&sort=&page=）"""
    year = args.get("year") or kernel().today().year
    rows, page = district_table(year, args.get("sort"), args.get("page") or 1)
    return {"year": year, "schools": rows, "meta": page.meta()}


@district_api_bp.route("/schools/<school>/directory")
@district_api_bp.arguments(ArchiveYearQuery, location="query")
@district_api_bp.response(200, ArchiveIndexRowSchema(many=True))
@requires("archive.district_view")
def api_school_directory(args, school: str):
    """一所学校一年的目录索引（只读）"""
    row = school_in_scope(school)
    k = kernel()
    names = queries.category_names(k, row.slug)
    year = args.get("year") or k.today().year
    return [{"number": n, "document": present.document_out(r, names)}
            for n, r in queries.directory_index(k, row.slug, year)]
