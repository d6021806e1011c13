"""Pages and API of party-affairs disclosure. The blueprints: ``bp`` (a school's pages,
/t/<tenant>/disclosure), ``district_bp`` (/district/disclosure), ``public_bp`` (the school's public
board, /public/<tenant>/disclosure, no sign-in), ``api_bp`` and ``district_api_bp``; and what the pages
and the API share."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from flask import Blueprint, abort, g, request
from flask_login import current_user

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.files import send_stored
from core.kernel import kernel
from core.pagination import Page
from core.permissions import can
from core import summaries
from core.web import tenant_blueprint
from plugins.disclosure import present, queries, rules

bp = tenant_blueprint("disclosure", __name__)
bp.template_folder = "../templates"
district_bp = Blueprint("disclosure_district", __name__, url_prefix="/district/disclosure",
                        template_folder="../templates")
public_bp = Blueprint("disclosure_public", __name__, url_prefix="/public/<tenant>/disclosure",
                      template_folder="../templates")
api_bp = tenant_api_blueprint("disclosure", __name__,
                              "党务公开：应公开事项、由记录生成的可公开事项、公开记录及其证明和意见")
district_api_bp = ApiBlueprint("disclosure_district_api", __name__, url_prefix="/api/v1/district/disclosure",
                               description="区级：党务公开目录（按生效日期修订）、各校党务公开情况")
PER_PAGE = 50


def tenant() -> str:
    return g.tenant.slug


def may(action: str) -> bool:
    return can(current_user, f"disclosure.{action}", tenant())


def item_row(item_id: UUID):
    row = queries.get_item(kernel(), tenant(), item_id)
    if row is None:
        abort(404)
    return row


def offers_view() -> list[dict]:
    """The facts the school's records offer in the counted time, each with its catalogue entry."""
    k = kernel()
    today = k.today()
    catalogue = queries.catalogue_on(k, today)
    first = queries.counted_from(k, tenant(), today)
    done = {r.source_key for r in queries.recent_items(k, tenant(), first - timedelta(days=queries.LOOK_BACK))}
    return [present.offer_out(o, catalogue.entry_of_kind(o.kind), o.key in done)
            for o in queries.offers(k, tenant(), queries.counted_from(k, tenant(), today), today)]


def send_file(sha256: str):
    row = queries.find_file(kernel(), tenant(), sha256)
    if row is None:
        abort(404)
    return send_stored(kernel(), sha256, row.name, row.content_type)


def page_arg() -> int:
    page = request.args.get("page", type=int)
    return page if page and 1 <= page <= 100000 else 1


def compliance(page: int | None) -> tuple[list[dict], Page]:
    """Each school with the plugin enabled and its disclosure figures, from the schools' summaries
    (one page of schools at a time; ``page`` None: every school, for the Excel export)."""
    k = kernel()
    schools = queries.schools_enabled(k)
    total = len(schools)
    chosen = schools if page is None else schools[(page - 1) * PER_PAGE: page * PER_PAGE]
    figures, _alerts = summaries.read(k, [s.slug for s in chosen])
    rows = [present.compliance_row(s.slug, s.name, figures.get(s.slug, {})) for s in chosen]
    return rows, Page(items=rows, page=page or 1, per_page=PER_PAGE if page else max(total, 1), total=total)


__all__ = ["api_bp", "bp", "district_api_bp", "district_bp", "public_bp", "rules"]

from plugins.disclosure.web import api, pages  # noqa: E402,F401  (the routes register on import)
