"""Pages (``bp``) and API (``api_bp``) of the archive, and what they share."""
from __future__ import annotations

from flask import Blueprint, abort, g, request
from flask_login import current_user

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.files import file_path, send_stored
from core.kernel import kernel
from core.pagination import Page
from core.permissions import can, require, schools_visible
from core.web import tenant_blueprint
from plugins.archive import present, queries, rules

bp = tenant_blueprint("archive", "plugins.archive")
api_bp = tenant_api_blueprint("archive", "plugins.archive",
                              "文书档案：上级来文与本级文件分类归档、由记录生成公文、目录索引、年度档案打包")
district_bp = Blueprint("archive_district", "plugins.archive", url_prefix="/district/archive",
                        template_folder="templates")
district_api_bp = ApiBlueprint("archive_district_api", "plugins.archive", url_prefix="/api/v1/district/archive",
                               description="区级：各校一年的文书档案（分类归档数、目录索引是否输出、最近归档日期）与只读目录索引")
PER_PAGE = 50


def tenant() -> str:
    return g.tenant.slug


def may(action: str) -> bool:
    return can(current_user, f"archive.{action}", tenant())


def found(row):
    if row is None:
        abort(404)
    return row


def send_document(row):
    return send_stored(kernel(), row.sha256, row.name, row.content_type)


def year_zip(year: int) -> bytes:
    k = kernel()

    def read(sha256: str):
        path = file_path(k, sha256)
        return path.read_bytes() if path else None
    return present.year_zip(year, queries.directory_index(k, tenant(), year), queries.category_names(k, tenant()),
                            read)


def visible_schools() -> list:
    """The schools with the archive on that this user may see on the district's side: every one for the
    district's administrator, an inspector's assignment only."""
    k = kernel()
    enabled = queries.schools_enabled(k)
    shown = set(schools_visible(current_user, "archive.district_view", [s.slug for s in enabled]))
    return [s for s in enabled if s.slug in shown]


def district_table(year: int, sort: str | None, page: int | None) -> tuple[list[dict], Page]:
    """Every visible school's line for ``year`` (grouped statements for all of them), sorted, one page
    (``page`` None: every school, for Excel)."""
    schools = visible_schools()
    figures = queries.district_year(kernel(), [s.slug for s in schools], year)
    rows = rules.sort_district([present.district_row(s, figures[s.slug]) for s in schools], sort)
    total = len(rows)
    chosen = rows if page is None else rows[(page - 1) * PER_PAGE: page * PER_PAGE]
    return chosen, Page(items=chosen, page=page or 1, per_page=PER_PAGE if page else max(total, 1), total=total)


def school_in_scope(slug: str):
    """A school named in a district URL: 403 outside the user's scope, 404 without the archive."""
    require("archive.district_view", slug)
    school = next((s for s in queries.schools_enabled(kernel()) if s.slug == slug), None)
    if school is None:
        abort(404)
    return school


def page_arg() -> int:
    page = request.args.get("page", type=int)
    return page if page and 1 <= page <= 100000 else 1


from plugins.archive.web import api, pages  # noqa: E402,F401  (the routes register on import)
