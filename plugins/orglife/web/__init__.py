"""Pages and API of organisational life. The blueprints: ``bp`` (a school's pages, /t/<tenant>/orglife),
``district_bp`` (/district/orglife), ``api_bp`` and ``district_api_bp``; and what the page and API
modules share: who is reading (their member, whether they are on the committee) and the one access
rule for statements."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import Blueprint, abort, g, request
from flask_login import current_user

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.errors import NotFoundError
from core.files import send_stored
from core.kernel import kernel
from core.pagination import Page
from core.permissions import can, can_in_every_school, require_object
from core.web import tenant_blueprint
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.orglife import present, queries, rules, services

bp = tenant_blueprint("orglife", "plugins.orglife")
district_bp = Blueprint("orglife_district", __name__, url_prefix="/district/orglife", template_folder="../templates")
api_bp = tenant_api_blueprint("orglife", "plugins.orglife",
                              "组织生活：民主生活会与组织生活会（发言材料、会前谈心谈话、相互批评、整改清单）、"
                              "支委双重组织生活、支委换届")
district_api_bp = ApiBlueprint("orglife_district_api", __name__, url_prefix="/api/v1/district/orglife",
                               description="区级：各支部委员会任期与换届情况")


def tenant() -> str:
    return g.tenant.slug


def may(action: str) -> bool:
    return can(current_user, f"orglife.{action}", tenant())


def viewer() -> str | None:
    """The member the signed-in account is at this school (None when not linked)."""
    member_id = members.member_for_user(kernel(), tenant(), current_user.username)
    return str(member_id) if member_id else None


def committee_reader() -> bool:
    """Whether the reader may read every statement and criticism (the committee)."""
    return may("read_statements")


def found(row):
    if row is None:
        abort(404)
    return row


def meeting_or_404(meeting_id: UUID) -> dict:
    try:
        return services.life_meeting(kernel(), tenant(), meeting_id)
    except NotFoundError:
        abort(404)


def life_meetings() -> list[dict]:
    k = kernel()
    return [m for m in meetings.list_meetings(k, tenant()) if m["type"] in rules.LIFE_TYPES
            and m["status"] != "cancelled"]


def meeting_view(meeting_id: UUID) -> dict:
    """One life meeting as the reader may see it: only their own statement unless on the committee."""
    k, meeting = kernel(), meeting_or_404(meeting_id)
    record = queries.get_record(k, tenant(), meeting["id"])
    me, all_ = viewer(), committee_reader()
    return {**meeting, "record_version": record.version if record else None,
            "talks": list(record.talks) if record else [],
            "criticisms": present.visible_criticisms(record, me, all_),
            "statements": present.visible_statements(queries.list_statements(k, tenant(), meeting["id"]), me, all_),
            "rectifications": [present.rectification_dict(r, k.today())
                               for r in queries.list_rectifications(k, tenant(), meeting["id"])]}


def own_statement_member() -> str:
    """The member whose statement the reader drafts: their own (403 when the account is not a member)."""
    me = viewer()
    require_object(me is not None)
    return me


def rectification_or_404(item_id: UUID):
    return found(queries.get_rectification(kernel(), tenant(), item_id))


def uploads(name: str) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in request.files.getlist(name) if f and f.filename]


def send_file(sha256: str):
    row = found(queries.find_file(kernel(), tenant(), sha256))
    return send_stored(kernel(), sha256, row["name"], row["content_type"])


def dual(year: int) -> list[dict]:
    """Committee members and the party-group meetings they attended in ``year`` (双重组织生活)."""
    k = kernel()
    on = min(k.today(), date(year, 12, 31))
    seats = [{"member_id": str(s.member_id), "name": s.name, "post": s.post_label}
             for s in members.committee(k, tenant(), on)]
    return rules.dual_participation(seats, meetings.present_at(k, tenant(), "group", year))


def term_view() -> dict:
    k = kernel()
    start, end = members.term(k, tenant())
    reminder = rules.term_reminder(end, k.today())
    return {"term_start": start, "term_end": end, "status": rules.term_status(end, k.today()),
            "reminder": reminder.stage if reminder else None,
            "elections": [present.election_dict(r) for r in queries.list_elections(k, tenant())]}


def page_of(items: list, page: int, per_page: int = 50) -> Page:
    """One page of a list already read whole (the district's terms: one row per school)."""
    start = (page - 1) * per_page
    return Page(items=items[start:start + per_page], page=page, per_page=per_page, total=len(items))


def district_terms() -> list[dict]:
    if can_in_every_school(current_user, "school.view"):
        return queries.district_terms(kernel())
    return queries.district_terms(kernel(), lambda slug: can(current_user, "school.view", slug))


__all__ = ["api_bp", "bp", "district_api_bp", "district_bp"]

from plugins.orglife.web import api, pages  # noqa: E402,F401  (the routes register on import)
