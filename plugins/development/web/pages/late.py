"""Development cases already under way before they were entered (补录), several at once: the page
(paste or upload, preview, confirm) and the sheet to fill. Thin."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from core.bulk_entry import preview_then_save
from core.excel import xlsx_response
from core.kernel import kernel
from core.permissions import requires
from plugins.development import rules, services
from plugins.development.schemas import late_entries
from plugins.development.web import bp
from plugins.members.public import list_members


def _people(k, tenant: str) -> dict[str, list[str]]:
    people: dict[str, list[str]] = {}
    for m in list_members(k, tenant):
        people.setdefault(m.name, []).append(str(m.id))
    return people



def _check(k, tenant: str, rows: list) -> None:
    """What the records refuse (one open case per ID number …), added to each row's problems."""
    _, errors, _ = services.check_late_cases(k, tenant, [r.command() for r in rows])
    for r in rows:
        if r.number in errors:
            r.errors.append(errors[r.number])


@bp.route("/late-entries", methods=["GET", "POST"])
@requires("development.edit")
def late_entries_page():
    k, tenant = kernel(), g.tenant.slug
    preview, text, status, saved = None, "", 200, None
    if request.method == "POST":
        preview, text, status, saved = preview_then_save(
            lambda rows: late_entries.read(rows, _people(k, tenant)),
            lambda rows, confirm: services.open_late_cases(k, tenant, [r.command() for r in rows]) if confirm else None,
            check=lambda rows: _check(k, tenant, rows))
        if saved is not None:
            flash(gettext("已补录 %(count)s 份发展党员档案，各步骤均标明办理日期与登记日期。", count=len(saved)), "success")
            return redirect(url_for("development.index"))
    return render_template("development/late_entries.html", preview=preview, text=text,
                           columns=late_entries.COLUMNS, example=late_entries.EXAMPLE,
                           vote_format=late_entries.VOTE_FORMAT, publicity_kinds=rules.PUBLICITY_KINDS,
                           vote_labels=late_entries.VOTE_COLUMNS,
                           ok=preview is not None and status == 200), status


@bp.route("/late-entries/template.xlsx")
@requires("development.edit")
def late_entries_template():
    """The sheet to fill: every column in order, and the example row (a probationary member)."""
    return xlsx_response("补录发展档案.xlsx", [("发展档案", late_entries.COLUMNS, [late_entries.EXAMPLE.split("\t")])])
