"""The district's list of every branch's committee term (paginated, Excel)."""
from __future__ import annotations

from flask import render_template, request

from core.excel import xlsx_response
from core.permissions import requires
from core.web import int_arg
from plugins.orglife import present
from plugins.orglife.web import district_bp, district_terms, page_of


@district_bp.route("/terms")
@requires("orglife.district_view")
def terms():
    items = district_terms()
    if request.args.get("format") == "xlsx":
        return xlsx_response("支部委员会任期.xlsx", [("任期", present.TERM_HEADERS, present.term_rows(items))])
    page = page_of(items, int_arg("page", 1))
    return render_template("orglife/district_terms.html", page=page)
