"""The inspectors' console: event history, events, records and rosters in time, exports, seals."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID
from weakref import WeakKeyDictionary

from flask import Flask, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_translations, gettext

from core.clock import local
from core.eventstore import DISTRICT
from core.kernel import Kernel, kernel
from core.permissions import require_object, requires
from plugins.audit import present
from plugins.audit.queries import history, scope as scopes, timetravel
from plugins.audit.queries.history import logread
from plugins.audit.rules.catalogue import registered_event_classes
from plugins.audit.schemas import AsOfQuerySchema, ExportQuerySchema, HistoryQuerySchema, RevealSchema
from plugins.audit.services import copies, exports, seals, signing
from plugins.audit.web import bp
from plugins.audit.web.common import (
    export_response, load_args, locale, margin, may_reveal, record_access, record_read, require_log, revealing,
    school_names, scope, seal_key, settings,
)


# -- the console --------------------------------------------------------------------------------
@bp.route("/")
@requires("audit.console")
def index():
    k = kernel()
    current = scope()
    data, status = load_args(HistoryQuerySchema(), request.args.to_dict())
    require_object(not data.get("school") or scopes.may_read(current, data["school"]))
    c = scopes.criteria(data, current)
    page = history.list_history(k, c)
    logs, names = scopes.scope_logs(k, current), school_names()
    return render_template(
        "audit/index.html", page=page, rows=history.describe_rows(k, page.items, locale()), criteria=data,
        names=names, logs=logs, school_choices=_school_choices(k, current, logs, names),
        sealing=seals.seal_summary(k, logs), types=_type_options(k.registry),
        export_args=c.as_args(), may_reveal=may_reveal(data.get("school"))), status


def _school_choices(k: Kernel, current: list[str] | None, logs: list[str], names: dict) -> list[tuple]:
    """The school filter's (log, name, None): for the district's whole scope, kept with the schools' names
    (2,000 of them are rebuilt only when a school changes)."""
    if current is None:
        return history.from_school_names(k, "choices", lambda held: [
            (log, held.get(log, log), None) for log in scopes.scope_logs(k, None)])
    return [(log, names.get(log, log), None) for log in logs]


_TYPES: WeakKeyDictionary = WeakKeyDictionary()


def _type_options(registry) -> list[tuple[str, str, str]]:
    """The event-type filter's options, worked out once per process (the plugins' event classes do not
    change while it runs)."""
    found = _TYPES.get(registry)
    if found is None:
        found = _TYPES[registry] = present.type_options(registry.vocabulary, registered_event_classes(registry))
    return found


# -- the warm-up at start ----------------------------------------------------------------------
_WARM_TEMPLATES = ("audit/index.html", "base.html", "macros/ui.html")


def warm_up(app: Flask, k: Kernel) -> None:
    """The console's one-off costs of a new process, paid when the app starts (core.app.warm_up) instead
    of by the first inspector's request (issue 19 point 5): the event-type filter's options, the page's
    templates compiled, the translation catalogues loaded, the first page's statements compiled under
    each filter's shape, the administrator's seal summary worked out, and (SQLite) the log files opened
    for this thread."""
    _type_options(k.registry)
    for name in _WARM_TEMPLATES:
        app.jinja_env.get_template(name)
    with app.test_request_context("/audit/"):
        for lang in ("zh_CN", "en"):
            with force_locale(lang):
                get_translations()
        try:
            logs = scopes.scope_logs(k, None)
            history.school_names(k)
            logread.open_logs(k, logs)
            seals.seal_summary(k, logs)
            school = next((log for log in logs if log != DISTRICT), None)
            now = k.now()
            shapes = [history.Criteria(), history.Criteria(actor="-"), history.Criteria(event_type="-"),
                      history.Criteria(schools=logs, actor="-"),
                      history.Criteria(school=school, since=now - timedelta(days=31), until=now)]
            for c in shapes:
                page = history.list_history(k, c)
                history.describe_rows(k, page.items, "zh_CN")
        finally:
            k.reading.release()


def reveal_request(log: str) -> tuple[str | None, int]:
    """The reason when the page's 显示完整信息 form was sent by someone who may reveal (403 if not);
    a form without a reason answers 422 and the page stays masked."""
    if request.method != "POST" or request.form.get("action") != "reveal":
        return None, 200
    require_object(may_reveal(log))
    args, status = load_args(RevealSchema(), {"reveal": "1", "reason": request.form.get("reason", "")})
    return revealing(args, log) if status == 200 else None, status


@bp.route("/events/<log>/<int:notification_id>", methods=["GET", "POST"])
@requires("audit.console")
def event(log: str, notification_id: int):
    k = kernel()
    require_log(log)
    row = history.get_row(k, log, notification_id)
    if row is None:
        abort(404)
    reason, status = reveal_request(log)
    described = history.describe_rows(k, [row], locale(), reveal=bool(reason), with_fields=True)[0]
    record_read(log, f"查看事件「{described.name}」（{described.record_name} 第 {row.version} 版，#{notification_id}）",
                reason, record=str(row.originator_id))
    return render_template("audit/event.html", d=described, names=school_names(), log=log,
                           may_reveal=may_reveal(log), revealed=reason), status


@bp.route("/records/<log>/<uuid:record>", methods=["GET", "POST"])
@requires("audit.console")
def record(log: str, record: UUID):
    k = kernel()
    require_log(log)
    rows = history.record_rows(k, log, record)
    if not rows:
        abort(404)
    args, status = load_args(AsOfQuerySchema(), {name: value for name, value in request.args.items()
                                                 if name not in ("reveal", "reason")})
    reason, reveal_status = reveal_request(log)
    reveal = bool(reason)
    as_of = comparison = None
    if args.get("at") and args.get("compare"):
        comparison = timetravel.compare(k, log, record, args["at"], args["compare"], reveal)
    elif args.get("at"):
        as_of = timetravel.record_as_of(k, log, record, args["at"], reveal)
    travelled = args.get("at") or args.get("compare")
    described = history.describe_rows(k, rows, locale(), reveal=reveal)
    record_read(log, f"查看记录「{described[0].record_name}」的历史" + ("（时间回溯）" if travelled else ""), reason,
                record=str(record))
    states = [s.state for s in (as_of, *((comparison.before, comparison.after) if comparison else ())) if s]
    named = history.record_names(k, {log: history.ids_in(states)})
    return render_template("audit/record.html", log=log, record=record, names=school_names(), rows=described,
                           record_name=described[0].record_name, named=named, kind=rows[0].event_type,
                           as_of=as_of,
                           comparison=comparison, args=args, describe=lambda e: history.describe(k, e, locale()),
                           may_reveal=may_reveal(log), revealed=reason), max(status, reveal_status)


@bp.route("/roster/<log>")
@requires("audit.console")
def roster(log: str):
    k = kernel()
    require_log(log)
    if log == DISTRICT:
        abort(404)
    args, status = load_args(AsOfQuerySchema(), request.args.to_dict())
    if args.get("axis") == "world":
        day = args.get("on") or k.today()
        rows = timetravel.roster_on(k, log, day)
        record_read(log, f"查看 {log} 的党员名册（{day:%Y-%m-%d}，按党籍日期）")
        return render_template("audit/roster.html", log=log, names=school_names(), rows=rows, at=None, day=day,
                               args=args, diff=None, axes=timetravel.AXES), status
    at = args.get("at") or k.now()
    rows = timetravel.roster_as_of(k, log, at)
    diff = timetravel.roster_diff(k, log, at, args["compare"]) if args.get("compare") else None
    record_read(log, f"查看 {log} 的党员名册（{at:%Y-%m-%d %H:%M}，按录入时间）" + ("及对比" if diff else ""))
    return render_template("audit/roster.html", log=log, names=school_names(), rows=rows, at=at, day=None,
                           args=args, diff=diff, axes=timetravel.AXES), status


@bp.route("/export")
@requires("audit.console")
def export():
    k = kernel()
    current = scope()
    data, status = load_args(ExportQuerySchema(), request.args.to_dict())
    if status != 200:
        return redirect(url_for("audit.index"))
    require_object(not data.get("school") or scopes.may_read(current, data["school"]))
    reason = revealing(data, data.get("school"))
    c = scopes.criteria(data, current)
    prepared = exports.prepare_export(k, c, data["format"], seal_key(), settings()["export_row_limit"], locale(),
                                      reveal=bool(reason))
    summary, ext = prepared.summary, prepared.ext
    record_access("export", sorted(summary["seals"]) or ([c.school] if c.school else []),
                  f"导出事件记录（{ext.upper()}，{summary['rows']} 条）",
                  {"format": ext, "filters": c.as_args(), "rows": summary["rows"],
                   "seals": {log: v["seal_id"] for log, v in summary["seals"].items()}}, reason)
    stamp = local(k.now()).strftime("%Y%m%d-%H%M%S")
    return export_response(prepared, f"audit-{stamp}.{ext}", {
        "X-Zhibu-Seals": ";".join(f"{log}={v['seal_id']}:{'ok' if v['ok'] else 'broken'}"
                                  for log, v in summary["seals"].items())})


@bp.route("/seals")
@requires("audit.console")
def seals_page():
    k = kernel()
    logs = scopes.scope_logs(k, scope())
    return render_template("audit/seals.html", logs=logs, status=seals.seal_status(k, logs), names=school_names(),
                           public_key=signing.public_hex(seal_key()),
                           district_copies=copies.file_copies(k)[-10:][::-1])


@bp.route("/seals/verify", methods=["POST"])
@requires("audit.console")
def verify():
    k = kernel()
    current = scope()
    log = request.form.get("log") or None
    if log and not scopes.is_log(k, log):
        abort(404)
    require_object(not log or scopes.may_read(current, log))
    logs = [log] if log else scopes.scope_logs(k, current)
    results = seals.verify_all(k, seal_key(), logs, margin=margin())
    broken = [r for r in results if not r.ok]
    if broken:
        for r in broken:
            flash(gettext("%(log)s：%(problem)s", log=r.log, problem=r.problem), "danger")
    else:
        flash(gettext("已校验 %(count)s 个日志，全部与封存一致。", count=len(results)), "success")
    return redirect(url_for("audit.index"))


@bp.route("/seals/seal", methods=["POST"])
@requires("audit.admin")
def seal():
    made = seals.seal_all(kernel(), seal_key())
    flash(gettext("已封存 %(count)s 个日志的新事件。", count=len(made)), "success")
    return redirect(url_for("audit.index"))


