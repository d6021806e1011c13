"""The district's disclosure API: the catalogue (revised from a date) and compliance across schools."""
from __future__ import annotations

from core.kernel import kernel
from core.permissions import requires
from plugins.disclosure import present, queries, services
from plugins.disclosure.schemas import CatalogueOutSchema, CatalogueSchema, CompliancePageOutSchema
from plugins.disclosure.web import compliance, district_api_bp, page_arg


def _catalogue() -> dict:
    k = kernel()
    current = queries.catalogue_on(k, k.today())
    return {"effective_from": current.effective_from, "entries": [e.as_dict() for e in current.entries]}


@district_api_bp.route("/catalogue")
@district_api_bp.response(200, CatalogueOutSchema)
@requires("disclosure.district_view")
def api_catalogue():
    """今天适用的党务公开目录"""
    return _catalogue()


@district_api_bp.route("/catalogue", methods=["POST"])
@district_api_bp.arguments(CatalogueSchema)
@district_api_bp.response(200, CatalogueOutSchema)
@requires("disclosure.district_admin")
def api_revise(data):
    """修订党务公开目录，自 effective_from 起适用（此前各日仍按当时的目录）"""
    services.revise_catalogue(kernel(), data["effective_from"], data["entries"])
    return _catalogue()


@district_api_bp.route("/compliance")
@district_api_bp.response(200, CompliancePageOutSchema)
@requires("disclosure.district_view")
def api_compliance():
    """各校党务公开情况（逾期、待公开、已公开、公开率、意见未答复；分页，?page=）"""
    rows, page = compliance(page_arg())
    return present.page_out(page, "schools", rows)
