"""The pages of member development cases: list, export, new case, the case and its commands, work
list, rosters. Thin, delegating to services and queries."""
from __future__ import annotations

from uuid import UUID

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from core.errors import ConflictError, DomainError
from core.excel import xlsx_response
from core.commands import flash_validation, note_domain_error
from core.forms import form_int, form_text, labels_of
from core.kernel import kernel
from core.messages import message_of, translated
from core.permissions import check, requires
from plugins.development import describe, present, queries, rules, services
from plugins.development.schemas import (
    DevelopmentCaseCreateSchema, DevelopmentCaseQuerySchema, DevelopmentRosterQuerySchema,
)
from plugins.development.web import COMMANDS, bp, case_or_404, send_document, shown
from plugins.members import public as members

LIST_FIELDS = ("records", "contacts", "introducers")


def _form() -> dict:
    """The posted form as a dict: list fields as lists, the rest as single values."""
    out = {}
    for key, values in request.form.to_dict(flat=False).items():
        if key in ("csrf_token", "_form"):
            continue
        out[key] = [v for v in values if v] if key in LIST_FIELDS else values[-1]
    return out


@bp.route("/")
@requires("development.view")
def index():
    k = kernel()
    try:
        criteria = DevelopmentCaseQuerySchema().load(request.args.to_dict())
    except ValidationError:
        criteria = DevelopmentCaseQuerySchema().load({})
    page = queries.list_cases_page(k, g.tenant.slug, **criteria)
    counts = queries.status_counts(k, g.tenant.slug)
    return render_template("development/index.html", page=page, rows=[shown(r) for r in page.items],
                           criteria=criteria, statuses=rules.STATUSES, counts=counts, steps=rules.STEPS,
                           chart=[(rules.STATUSES[s], n) for s, n in counts.items()])


@bp.route("/export.xlsx")
@requires("development.view")
def export():
    rows = queries.list_cases(kernel(), g.tenant.slug)
    return xlsx_response(f"发展党员档案-{g.tenant.name}.xlsx", [
        ("发展党员档案", present.EXPORT_HEADERS, [present.export_row(r) for r in rows])])


@bp.route("/new", methods=["GET", "POST"])
@requires("development.edit")
def new():
    values, status = {}, 200
    if request.method == "POST":
        values = _form()
        schema = DevelopmentCaseCreateSchema()
        try:
            data = schema.load(values)
            applied_on, notes = data.pop("applied_on"), data.pop("notes")
            case = services.open_case(kernel(), g.tenant.slug, data, applied_on, notes=notes)
            flash(gettext("已为 %(name)s 建立发展党员档案。", name=data['name']), "success")
            return redirect(url_for("development.detail", case_id=case.id))
        except ValidationError as exc:
            flash_validation(exc, labels_of(schema))
            status = 422
        except DomainError as exc:
            note_domain_error(exc)
            flash(message_of(exc), "danger")
            status = 422
    return render_template("development/form.html", values=values, genders=rules.GENDERS,
                           categories=rules.CATEGORIES, labels=labels_of(DevelopmentCaseCreateSchema())), status


def render_detail(row, status: int = 200, values: dict | None = None, labels: dict | None = None):
    k = kernel()
    book = services.rule_book(k, g.tenant.slug)
    today = k.today()
    done = {s.step: s for s in queries.case_steps(k, g.tenant.slug, row.id)
            if s.kind == "step" and s.passed and not s.superseded}
    docs = queries.case_documents(k, g.tenant.slug, row.id)
    return render_template(
        "development/detail.html", c=shown(row), row=row, steps=rules.STEPS, stages=rules.STAGES, done=done,
        all_steps=queries.case_steps(k, g.tenant.slug, row.id), work=queries.work_items(row, today, book)
        if row.next_step else [], completeness=queries.completeness(k, g.tenant.slug, row),
        documents=docs, records=rules.RECORDS, publicity=queries.case_publicity(k, g.tenant.slug, row.id),
        publicity_kinds=rules.PUBLICITY_KINDS,
        history=describe.case_history(queries.case_history(k, g.tenant.slug, row.id), check("development.pairing")),
        full_members=members.full_members(k, g.tenant.slug), rule_set=book.on(today), today=today,
        values=values or {}, labels=labels or {}, vote_steps=rules.VOTE_STEPS), status


@bp.route("/<uuid:case_id>")
@requires("development.view")
def detail(case_id: UUID):
    return render_detail(case_or_404(case_id))


@bp.route("/<uuid:case_id>/<any(step, assessment, extend, cancel, refuse, publicity, objection, resolve, correct):command>",
          methods=["POST"])
@requires("development.edit")
def command(case_id: UUID, command: str):
    row = case_or_404(case_id)
    schema_cls, action, done = COMMANDS[command]
    schema = schema_cls()
    values = _form()
    try:
        action(case_id, schema.load(values))
        flash(translated(done), "success")
        return redirect(url_for("development.detail", case_id=case_id))
    except ValidationError as exc:
        flash_validation(exc, labels_of(schema))
        return render_detail(row, 422, values, labels_of(schema))
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return render_detail(row, 409, values)
    except DomainError as exc:
        note_domain_error(exc)
        flash(message_of(exc), "danger")
        return render_detail(queries.get_case(kernel(), g.tenant.slug, case_id), 422, values, labels_of(schema))


@bp.route("/<uuid:case_id>/documents", methods=["POST"])
@requires("development.edit")
def upload(case_id: UUID):
    row = case_or_404(case_id)
    upload_file = request.files.get("file")
    try:
        services.attach_document(kernel(), g.tenant.slug, case_id,
                                 form_text("code", label="材料", single_line=True),
                                 upload_file.read() if upload_file else b"",
                                 upload_file.filename if upload_file else "",
                                 expected_version=form_int("expected_version", row.version))
        flash(gettext("材料已上传。"), "success")
        return redirect(url_for("development.detail", case_id=case_id))
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return render_detail(row, 409)
    except DomainError as exc:
        note_domain_error(exc)
        flash(message_of(exc), "danger")
        return render_detail(row, 422, labels={"code": "材料", "file": "文件"})


@bp.route("/<uuid:case_id>/documents/<sha256>")
@requires("development.view")
def download(case_id: UUID, sha256: str):
    return send_document(case_id, sha256)


@bp.route("/worklist")
@requires("development.view")
def worklist():
    k = kernel()
    items = queries.worklist(k, g.tenant.slug, k.today(), services.rule_book(k, g.tenant.slug))
    if request.args.get("format") == "xlsx":
        return xlsx_response(f"发展党员工作清单-{g.tenant.name}.xlsx", [
            ("工作清单", present.WORKLIST_HEADERS, [present.worklist_row(i) for i in items])])
    return render_template("development/worklist.html", items=items, today=k.today())


@bp.route("/rosters")
@requires("development.view")
def rosters():
    k = kernel()
    try:
        as_of = DevelopmentRosterQuerySchema().load(request.args.to_dict()).get("as_of") or k.today()
    except ValidationError:
        as_of = k.today()
    data = queries.roster(k, g.tenant.slug, as_of)
    if request.args.get("format") == "xlsx":
        return xlsx_response(f"发展党员名册-{g.tenant.name}-{as_of.isoformat()}.xlsx", [
            (title, present.ROSTER_COLUMNS, [present.roster_row(r) for r in data[kind]])
            for kind, title in queries.ROSTER_KINDS.items()])
    return render_template("development/rosters.html", data=data, kinds=queries.ROSTER_KINDS, as_of=as_of,
                           columns=present.ROSTER_COLUMNS, row_of=present.roster_row,
                           chart=[(title, len(data[kind])) for kind, title in queries.ROSTER_KINDS.items()])


