"""Findings and rectification (整改): the district's side and the school's side."""
from __future__ import annotations

from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from marshmallow import ValidationError

from core.clock import local
from core.errors import ConflictError, DomainError
from core.eventstore import DISTRICT
from core.files import send_stored, store_file
from core.kernel import kernel
from core.messages import message_of
from core.permissions import require, require_object, requires
from plugins.audit import queries, rules, services
from plugins.audit.queries import history, scope as scopes
from plugins.audit.schemas import (
    FindingAnswerSchema, FindingCloseSchema, FindingCreateSchema, FindingExtendSchema, FindingPageQuerySchema,
    FindingReopenSchema,
)
from plugins.audit.web import bp, school_bp
from plugins.audit.web.common import (
    form_errors, load_args, require_log, school_names, scope, settings,
)


# -- findings (district side) --------------------------------------------------------------------
def _finding_view(row, today):
    data = dict(row._mapping)
    data["state"] = rules.finding_state(row.status, row.deadline, today)
    return data


def _links(text: str) -> list[dict]:
    """Form text "记录编号 版本" per line → event links."""
    out = []
    for line in (text or "").splitlines():
        parts = line.replace(",", " ").replace("，", " ").replace(":", " ").split()
        if not parts:
            continue
        if len(parts) != 2 or not parts[1].isdigit():
            raise ValidationError({"events": [f"无法识别「{line.strip()}」：每行应为 记录编号 版本号"]})
        out.append({"id": parts[0], "version": int(parts[1])})
    return out


@bp.route("/findings", methods=["GET", "POST"])
@requires("audit.console")
def findings():
    k = kernel()
    current = scope()
    status, values = 200, {}
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            require_object(scopes.may_read(current, values.get("school", "")) and values.get("school") != DISTRICT)
            require("audit.findings.record", values.get("school"))
            data = FindingCreateSchema().load({**{k2: v for k2, v in values.items() if k2 not in ("csrf_token", "events")},
                                               "events": _links(values.get("events", ""))})
            finding = services.record_finding(k, data["school"], data["title"], data["description"],
                                              data["events"], data.get("deadline"), current_user.username,
                                              settings()["default_deadline_days"])
            flash(gettext("督查发现已记录，已通知学校整改。"), "success")
            return redirect(url_for("audit.finding", finding_id=finding.id))
        except ValidationError as exc:
            form_errors(exc, {"school": "学校", "title": "问题", "description": "问题描述", "events": "关联事件",
                              "deadline": "整改期限"})
            status = 422
        except DomainError as exc:
            flash(message_of(exc), "danger")
            status = 422
    args, _ = load_args(FindingPageQuerySchema(), request.args.to_dict())
    schools = current if not args.get("school") else [args["school"]]
    require_object(not args.get("school") or scopes.may_read(current, args["school"]))
    if request.method == "GET" and args.get("record") and args.get("school"):
        values = _from_event(k, args["school"], args["record"], args.get("version"))
    today = k.today()
    page = queries.list_findings_page(k, schools, args.get("state"), today, args["page"], args["per_page"])
    counts = queries.finding_counts(k, schools, today)
    names = school_names()
    may_record = [s for s in scopes.scope_logs(k, current) if s != DISTRICT]
    return render_template("audit/findings.html", page=page, rows=[_finding_view(r, today) for r in page.items],
                           counts=counts, args=args, names=names, may_record=may_record, values=values,
                           statuses=rules.FINDING_STATUSES,
                           default_deadline=rules.default_deadline(today, settings()["default_deadline_days"])), status


def _from_event(k, school: str, record: UUID, version: int | None) -> dict:
    """The form prefilled from the event it was opened from: the school, a title, what happened, the link."""
    rows = [r for r in history.record_rows(k, school, record) if version is None or r.version == version]
    if not rows:
        return {"school": school}
    d = history.describe_rows(k, rows[-1:])[0]
    return {"school": school, "title": f"{d.record_name}：{d.name}"[:200],
            "description": f"{local(d.row.timestamp):%Y-%m-%d} {d.row.actor or ''}（{d.role}）{d.name}：{d.text}"[:5000],
            "events": f"{record} {d.row.version}"}


def _event_names(k, school: str, events: list) -> dict:
    return history.record_names(k, {school: {str(e["id"]) for e in events or ()}})


def _district_finding(finding_id: UUID):
    row = queries.get_finding(kernel(), finding_id)
    if row is None:
        abort(404)
    require_log(row.school)
    return row


@bp.route("/findings/<uuid:finding_id>", methods=["GET", "POST"])
@requires("audit.console")
def finding(finding_id: UUID):
    k = kernel()
    row = _district_finding(finding_id)
    status = 200
    if request.method == "POST":
        action = request.form.get("action")
        form = {key: v for key, v in request.form.to_dict().items() if key not in ("csrf_token", "action")}
        require("audit.findings.record", row.school)
        try:
            if action == "close":
                data = FindingCloseSchema().load(form)
                services.close_finding(k, finding_id, data["note"], data["expected_version"])
                flash(gettext("已销号。"), "success")
            elif action == "reopen":
                data = FindingReopenSchema().load(form)
                services.reopen_finding(k, finding_id, data["reason"], data["expected_version"])
                flash(gettext("已退回学校继续整改。"), "success")
            elif action == "extend":
                data = FindingExtendSchema().load(form)
                services.extend_deadline(k, finding_id, data["deadline"], data["reason"], data["expected_version"])
                flash(gettext("整改期限已延长。"), "success")
            else:
                abort(400)
            return redirect(url_for("audit.finding", finding_id=finding_id))
        except ValidationError as exc:
            form_errors(exc, {"note": "销号意见", "reason": "原因", "deadline": "整改期限"})
            status = 422
        except ConflictError as exc:
            flash(message_of(exc), "danger")
            status = 409
        except DomainError as exc:
            flash(message_of(exc), "danger")
            status = 422
    return render_template("audit/finding.html", f=_finding_view(row, k.today()), names=school_names(),
                           statuses=rules.FINDING_STATUSES, district=True,
                           named=_event_names(k, row.school, row.events)), status


@bp.route("/findings/<uuid:finding_id>/files/<sha256>")
@requires("audit.console")
def finding_file(finding_id: UUID, sha256: str):
    return _evidence(_district_finding(finding_id), sha256)


def _evidence(row, sha256: str):
    for answer in row.answers:
        for ref in answer.get("evidence", []):
            if ref.get("sha256") == sha256:
                return send_stored(kernel(), sha256, ref.get("name"), ref.get("content_type"))
    abort(404)


# -- a school's findings and its rectification (整改) ---------------------------------------------
def _school_finding(finding_id: UUID):
    row = queries.get_finding(kernel(), finding_id)
    if row is None or row.school != g.tenant.slug:
        abort(404)
    return row


@school_bp.route("/findings")
@requires("audit.findings.view")
def school_findings():
    k = kernel()
    today = k.today()
    rows = [_finding_view(r, today) for r in queries.list_findings(k, [g.tenant.slug])]
    return render_template("audit/school_findings.html", rows=rows, statuses=rules.FINDING_STATUSES,
                           counts=queries.finding_counts(k, [g.tenant.slug], today))


@school_bp.route("/findings/<uuid:finding_id>", methods=["GET", "POST"])
@requires("audit.findings.view")
def school_finding(finding_id: UUID):
    k = kernel()
    row = _school_finding(finding_id)
    status = 200
    if request.method == "POST":
        require("audit.findings.answer", g.tenant.slug)
        try:
            data = FindingAnswerSchema().load({"notes": request.form.get("notes", ""),
                                               "expected_version": request.form.get("expected_version")})
            evidence = [store_file(k, f.read(), f.filename).as_dict()
                        for f in request.files.getlist("evidence") if f and f.filename]
            services.answer_finding(k, finding_id, data["notes"], evidence, data["expected_version"])
            flash(gettext("整改情况已提交，等待区级审核。"), "success")
            return redirect(url_for("audit_school.school_finding", finding_id=finding_id))
        except ValidationError as exc:
            form_errors(exc, {"notes": "整改情况"})
            status = 422
        except ConflictError as exc:
            flash(message_of(exc), "danger")
            status = 409
        except DomainError as exc:
            flash(message_of(exc), "danger")
            status = 422
    return render_template("audit/finding.html", f=_finding_view(row, k.today()), names=school_names(),
                           statuses=rules.FINDING_STATUSES, district=False,
                           named=_event_names(k, row.school, row.events)), status


@school_bp.route("/findings/<uuid:finding_id>/files/<sha256>")
@requires("audit.findings.view")
def school_finding_file(finding_id: UUID, sha256: str):
    return _evidence(_school_finding(finding_id), sha256)
