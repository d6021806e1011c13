"""Rosters (花名册), the roll as of a past moment, statistics, Excel exports and the Excel import."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import current_user

from core.errors import N_, DomainError
from core.excel import xlsx_response
from core.fields import YEAR_MAX, YEAR_MIN
from core.files import file_path, store_file
from core.clock import LOCAL_TZ
from core.kernel import kernel
from core.messages import message_of, translated
from core.permissions import can, requires, shown
from core.plugins import flatten
from core.web import year_arg
from plugins.members import present, queries, rules, services
from plugins.members.schemas import importing
from plugins.members.web import bp
from plugins.members.web.common import may_see_personal_data, present_member

# An import preview is kept in the uploader's session for this long, for this school only.
PREVIEW_LIFETIME = timedelta(minutes=30)
PREVIEW_KEY = "members.import_preview"
XLSX_ONLY = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
def _year() -> int:
    return year_arg(kernel().today().year)


def _reveal() -> frozenset:
    """Full personal values in an export only when asked for by someone allowed to see them."""
    return rules.PERSONAL_FIELDS if request.args.get("full") == "1" and may_see_personal_data() else frozenset()


def sections(as_of: date) -> list:
    found = flatten(kernel().hooks(g.tenant.slug).zhibu_roster_sections(tenant=g.tenant.slug, as_of=as_of))
    return [s for s in found if shown(s, g.tenant.slug)]


def _record_export(rows: list[dict], reveal: frozenset, purpose: str) -> None:
    if reveal:
        services.record_personal_export(kernel(), g.tenant.slug, [r["id"] for r in rows], sorted(reveal), purpose)


@bp.route("/rosters")
@requires("members.view")
def rosters():
    k = kernel()
    year = _year()
    as_of = min(k.today(), date(year, 12, 31))
    return render_template("members/rosters.html", year=year, today=k.today(), sections=sections(as_of),
                           imports=queries.list_imports(k, g.tenant.slug),
                           may_export=can(current_user, "members.export", g.tenant.slug),
                           may_full=may_see_personal_data())


@bp.route("/rosters/annual")
@requires("members.export")
def annual_roster():
    """The annual member roster (党员花名册): everyone on the roll at the end of the year (or today) by
    the dates in the world, with their status that day; printable and as .xlsx."""
    k = kernel()
    year = _year()
    reveal = _reveal()
    as_of = min(k.today(), date(year, 12, 31))
    rows = [present_member(r, reveal, as_of) for r in queries.roster_on(k, g.tenant.slug, as_of)]
    extra = sections(as_of)
    title = f"{g.tenant.name} {year} 年党员花名册"
    _record_export(rows, reveal, "党员花名册" + ("（Excel）" if request.args.get("format") == "xlsx" else "（打印）"))
    if request.args.get("format") == "xlsx":
        sheets = [("党员花名册", present.roster_headers(), present.roster_rows(rows))]
        sheets += [(s.title, s.columns, s.rows) for s in extra]
        return xlsx_response(f"{title}.xlsx", sheets)
    return render_template("members/roster_print.html", title=title, rows=rows, columns=present.ROSTER_COLUMNS,
                           headers=present.roster_headers(), sections=extra, as_of=as_of, cells=present.roster_cells,
                           axis=queries.AXES["world"])


@bp.route("/rosters/new-members")
@requires("members.export")
def new_members_roster():
    """Members admitted (joined) during the year (新党员名册)."""
    k = kernel()
    year = _year()
    reveal = _reveal()
    rows = [present_member(r, reveal) for r in queries.list_new_members(k, g.tenant.slug, year)]
    title = f"{g.tenant.name} {year} 年新党员名册"
    _record_export(rows, reveal, "新党员名册")
    if request.args.get("format") == "xlsx":
        return xlsx_response(f"{title}.xlsx", [("新党员名册", present.roster_headers(),
                                                present.roster_rows(rows))])
    return render_template("members/roster_print.html", title=title, rows=rows, columns=present.ROSTER_COLUMNS,
                           headers=present.roster_headers(), sections=[], as_of=date(year, 12, 31),
                           cells=present.roster_cells)


@bp.route("/as-of")
@requires("members.view")
def as_of():
    """The roll on a past day, on the axis asked for: by the dates in the world (who was a member
    that day, the default), or by recording time (what the system held at a moment)."""
    k = kernel()
    axis = "recorded" if request.args.get("axis") == "recorded" or (
        request.args.get("at") and not request.args.get("on")) else "world"
    raw = request.args.get("at" if axis == "recorded" else "on")
    moment, rows, error = None, [], None
    if raw:
        moment, error = _moment(raw, axis)
    if moment is not None:
        if axis == "world":
            rows = [present_member(r, frozenset(), moment) for r in queries.roster_on(k, g.tenant.slug, moment)]
            label = f"{moment:%Y-%m-%d}，{queries.AXES['world']}"
        else:
            rows = [present_member(r, frozenset(), moment.astimezone(LOCAL_TZ).date())
                    for r in queries.roster_as_of(k, g.tenant.slug, moment)]
            label = f"{moment:%Y-%m-%d %H%M}，按录入时间"
        if request.args.get("format") == "xlsx":
            return xlsx_response(f"{g.tenant.name} 党员名册（截至 {label}）.xlsx",
                                 [("党员名册", present.roster_headers(), present.roster_rows(rows))])
    return render_template("members/as_of.html", axis=axis, axes=queries.AXES, moment=moment, raw=raw or "",
                           rows=rows, error=error, today=k.today(),
                           default=datetime.now(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")), (422 if error else 200)


def _moment(raw: str, axis: str):
    """The day (world axis) or the moment (recording axis) typed in, or why it cannot be read."""
    try:
        value = date.fromisoformat(raw) if axis == "world" else datetime.fromisoformat(raw)
    except ValueError:
        return None, "日期格式不正确" if axis == "world" else "时间格式不正确"
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        return None, f"时间应在 {YEAR_MIN} 至 {YEAR_MAX} 年之间"
    if axis == "recorded" and value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_TZ)
    return value, None


@bp.route("/statistics")
@requires("members.view")
def statistics():
    k = kernel()
    on, error = _moment(request.args["on"], "world") if request.args.get("on") else (None, None)
    year = on.year if on else _year()
    stats = queries.statistics(k, g.tenant.slug, year, on=on)
    if request.args.get("format") == "xlsx":
        return xlsx_response(f"{g.tenant.name} {year} 年党员统计.xlsx", present.statistics_sheets(stats))
    return render_template("members/statistics.html", s=stats, year=year, axis=queries.AXES["world"],
                           error=error), (422 if error else 200)


# -- import ----------------------------------------------------------------------------------
@bp.route("/import", methods=["GET", "POST"])
@requires("members.import")
def import_roster():
    """Upload → preview of every row's errors → confirm: all rows, or none."""
    k = kernel()
    if request.method == "GET":
        if request.args.get("template"):
            return xlsx_response("党员信息导入模板.xlsx", [("党员名册", importing.template_headers(), [])])
        return render_template("members/import.html", preview=None, imports=queries.list_imports(k, g.tenant.slug))
    if request.form.get("action") == "confirm":
        pending, problem = _pending_preview(k, request.form.get("sha256", ""))
        path = file_path(k, pending["sha256"]) if pending else None
        if path is None:
            flash(translated(problem or N_("找不到预览的文件，请重新上传")), "danger")
            return render_template("members/import.html", preview=None,
                                   imports=queries.list_imports(k, g.tenant.slug)), 422
        try:
            batch = services.import_members(k, g.tenant.slug, path.read_bytes(), pending["name"])
        except DomainError as exc:
            flash(message_of(exc), "danger")
            return redirect(url_for("members.import_roster"))
        session.pop(PREVIEW_KEY, None)
        flash(gettext("已从「%(name)s」导入 %(rows)s 名党员。", name=pending['name'], rows=batch.rows), "success")
        return redirect(url_for("members.index"))
    upload = request.files.get("file")
    try:
        data = upload.read() if upload else b""
        ref = store_file(k, data, upload.filename if upload else "", allowed=XLSX_ONLY)
    except DomainError as exc:
        flash(message_of(exc), "danger")
        return render_template("members/import.html", preview=None,
                               imports=queries.list_imports(k, g.tenant.slug)), 422
    preview = services.preview_import(k, g.tenant.slug, data)
    session[PREVIEW_KEY] = {"sha256": ref.sha256, "name": ref.name, "tenant": g.tenant.slug,
                            "user": current_user.get_id(), "at": k.wall_now().isoformat()}
    return render_template("members/import.html", preview=preview, ref=ref,
                           imports=queries.list_imports(k, g.tenant.slug))


def _pending_preview(k, sha256: str) -> tuple[dict | None, str | None]:
    """The preview this user uploaded for this school and may still confirm, or why not: a preview
    lives in the uploader's session, for one school, for PREVIEW_LIFETIME."""
    pending = session.get(PREVIEW_KEY)
    if not pending or pending.get("sha256") != sha256 or pending.get("tenant") != g.tenant.slug \
            or pending.get("user") != current_user.get_id():
        return None, N_("找不到您在本校上传的预览，请重新上传")
    if k.wall_now() - datetime.fromisoformat(pending["at"]) > PREVIEW_LIFETIME:
        session.pop(PREVIEW_KEY, None)
        return None, gettext("预览已过期（%(minutes)s 分钟内有效），请重新上传", minutes=PREVIEW_LIFETIME.seconds // 60)
    return pending, None
