"""Meetings held before they were entered (补录), several at once: paste or upload, preview, confirm."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from core.bulk_entry import preview_then_save
from core.kernel import kernel
from core.permissions import requires
from plugins.meetings import queries, services
from plugins.meetings.schemas import late_entries
from plugins.meetings.web import bp
from plugins.members import public as members


def _lookups(k, tenant: str) -> tuple[dict, dict]:
    types: dict[str, str] = {}
    for code, t in queries.meeting_types(k, tenant, k.today()).items():
        types[code] = types[t.name] = code
    people: dict[str, list[str]] = {}
    for m in members.list_members(k, tenant):
        people.setdefault(m.name, []).append(str(m.id))
    return types, people


@bp.route("/late-entries", methods=["GET", "POST"])
@requires("meetings.edit")
def late_entries_page():
    k, tenant = kernel(), g.tenant.slug
    preview, text, status, saved = None, "", 200, None
    if request.method == "POST":
        preview, text, status, saved = preview_then_save(
            lambda rows: late_entries.read(rows, *_lookups(k, tenant)),
            lambda rows, confirm: services.record_held_meetings(
                k, tenant, [r.command() | {"number": r.number} for r in rows], save=confirm))
        if saved is not None:
            flash(gettext("已补录 %(count)s 次会议，均标明召开日期与登记日期。", count=len(saved)), "success")
            return redirect(url_for("meetings.index"))
    return render_template("meetings/late_entries.html", preview=preview, text=text,
                           columns=late_entries.COLUMNS, example=late_entries.EXAMPLE,
                           ok=preview is not None and status == 200), status
