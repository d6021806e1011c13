"""The district's view of the schools' archives (/district/archive and its API): per school, the year's
documents by category, the last filing and whether the directory index was printed or exported; a
sortable, paginated table with Excel; drill-down to a school's read-only directory index."""
from __future__ import annotations

from flask import render_template, request

from core.excel import xlsx_response
from core.formatting import local_date, local_datetime
from core.kernel import kernel
from core.permissions import requires
from core.web import year_arg
from plugins.archive import present, queries, rules
from plugins.archive.schemas import (ArchiveDistrictPageOutSchema, ArchiveDistrictQuery, ArchiveIndexRowSchema,
                                     ArchiveYearQuery)
from plugins.archive.web import district_api_bp, district_bp, district_table, page_arg, school_in_scope


def _year() -> int:
    return year_arg(kernel().today().year)


@district_bp.route("/")
@requires("archive.district_view")
def index():
    year, sort = _year(), request.args.get("sort") or "school"
    if request.args.get("format") == "xlsx":
        rows, _page = district_table(year, sort, None)
        return xlsx_response(f"{year}年各校文书档案.xlsx", [present.district_sheet(year, rows, local_date, local_datetime)])
    rows, page = district_table(year, sort, page_arg())
    return render_template("archive/district/index.html", rows=rows, page=page, year=year, sort=sort,
                           columns=present.district_columns(rows), SORTS=rules.DISTRICT_SORTS,
                           OUTPUT_FORMS=rules.OUTPUT_FORMS)


@district_bp.route("/<school>/directory")
@requires("archive.district_view")
def directory(school: str):
    row = school_in_scope(school)
    k, year = kernel(), _year()
    names = queries.category_names(k, row.slug)
    return render_template("archive/district/directory.html", school=row, year=year,
                           rows=present.index_rows(queries.directory_index(k, row.slug, year), names),
                           outputs=queries.index_outputs(k, row.slug, year), OUTPUT_FORMS=rules.OUTPUT_FORMS)


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
