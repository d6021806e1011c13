"""The committee's term (换届): its dates and reminder, elections at branch congresses and the new
committee taking office; and committee members' dual participation (双重组织生活) by year."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, request, url_for

from core.commands import page_command
from core.errors import N_
from core.kernel import kernel
from core.permissions import requires
from core.web import year_arg
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.orglife import rules, services
from plugins.orglife.schemas import CommitteeElectionSchema, TakeOfficeSchema
from plugins.orglife.web import bp, dual, may, tenant, term_view

CANDIDATE_ROWS = 9


def _render(status: int = 200):
    k = kernel()
    editing = may("edit")
    return render_template(
        "orglife/term.html", t=term_view(), may=may, statuses=rules.TERM_STATUSES, posts=members.POSTS,
        congresses=[m for m in meetings.list_meetings(k, tenant(), type="congress") if m["status"] == "held"]
        if editing else [],
        roll=members.full_members(k, tenant()) if editing else [], rows=range(1, CANDIDATE_ROWS + 1),
        today=k.today()), status


@bp.route("/term")
@requires("orglife.view")
def term():
    return _render()


def _posted_candidates() -> list[dict]:
    out = []
    for n in range(1, CANDIDATE_ROWS + 1):
        member_id = request.form.get(f"candidate-{n}")
        if member_id:
            out.append({"member_id": member_id, "votes": request.form.get(f"votes-{n}") or ""})
    return out


@bp.route("/elections", methods=["POST"])
@requires("orglife.edit")
def election_new():
    def act():
        data = CommitteeElectionSchema().load({"meeting_id": request.form.get("meeting_id") or "",
                                      "seats": request.form.get("seats") or "", "candidates": _posted_candidates()})
        services.record_election(kernel(), tenant(), data["meeting_id"], data["seats"], data["candidates"])
        return url_for("orglife.term")
    return page_command(act, _render, success=N_("已登记选举结果。"))


@bp.route("/elections/<uuid:meeting_id>/take-office", methods=["POST"])
@requires("orglife.edit")
def take_office(meeting_id: UUID):
    def act():
        posts = [{"member_id": key.removeprefix("post-"), "post": value}
                 for key, value in request.form.items() if key.startswith("post-") and value]
        data = TakeOfficeSchema().load({"term_start": request.form.get("term_start") or "",
                                        "term_end": request.form.get("term_end") or None, "posts": posts,
                                        "expected_version": request.form.get("expected_version") or ""})
        services.take_office(kernel(), tenant(), meeting_id, data["term_start"],
                             {str(p["member_id"]): p["post"] for p in data["posts"]}, data["term_end"],
                             data["expected_version"])
        return url_for("orglife.term")
    return page_command(act, _render, success=N_("新一届支部委员会已就职。"))


@bp.route("/dual")
@requires("orglife.view")
def dual_page():
    year = year_arg(kernel().today().year)
    return render_template("orglife/dual.html", year=year, rows=dual(year))
