"""The district's organisational-life API: every branch's committee term."""
from __future__ import annotations

from core.permissions import requires
from core.web import int_arg
from plugins.orglife.schemas import DistrictTermsPageSchema
from plugins.orglife.web import district_api_bp, district_terms, page_of


@district_api_bp.route("/terms")
@district_api_bp.response(200, DistrictTermsPageSchema)
@requires("orglife.district_view")
def api_terms():
    """各支部委员会任期（开始、届满、状态、未销号整改事项），分页（page 参数）"""
    page = page_of(district_terms(), int_arg("page", 1))
    return {"items": page.items, "page": page.page, "pages": page.pages, "total": page.total}
