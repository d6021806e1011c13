"""The blueprints of member development (pages ``development``, API ``development_api``) and what
their views share: a case or 404, the commands a page and the API both run, a case as shown."""
from __future__ import annotations

from uuid import UUID

from flask import abort, g

from core import context
from core.api import tenant_api_blueprint
from core.errors import N_
from core.files import send_stored
from core.kernel import kernel
from core.permissions import check
from core.web import tenant_blueprint
from plugins.development import present, queries, services
from plugins.development.schemas import (
    ActivistAssessmentSchema, CaseDecisionSchema, CasePublicitySchema, CaseStepSchema, ObjectionResolutionSchema,
    ProbationExtensionSchema, PublicityObjectionSchema, StepCorrectionSchema,
)

bp = tenant_blueprint("development", "plugins.development")   # templates in plugins/development/templates
api_bp = tenant_api_blueprint("development", "plugins.development", "发展党员：档案、25个步骤、工作清单、名册")


def shown(row, with_steps: bool = False) -> dict:
    """A case as the pages and the API show it; the cultivation contacts only to who may see the pairing."""
    k, tenant = kernel(), g.tenant.slug
    ratio = queries.completeness(k, tenant, row).ratio
    if not with_steps:
        return present.case(row, ratio)
    hidden = () if check("development.pairing") else ("contacts",)   # who cultivates whom
    return present.case(row, ratio, queries.case_steps(k, tenant, row.id), queries.case_documents(k, tenant, row.id),
                        hidden)


def case_or_404(case_id: UUID):
    row = queries.get_case(kernel(), g.tenant.slug, case_id)
    if row is None:
        abort(404)
    return row


def send_document(case_id: UUID, sha256: str):
    case_or_404(case_id)
    doc = queries.document_by_hash(kernel(), g.tenant.slug, case_id, sha256)
    if doc is None:
        abort(404)
    return send_stored(kernel(), sha256, doc.name, doc.content_type)


# -- commands shared by pages and API ---------------------------------------------------------
def _step_data(data: dict) -> dict:
    return {f: data.pop(f) for f in CaseStepSchema.DATA_FIELDS if f in data}


def _do_step(case_id, data):
    data = dict(data)
    version = data.pop("expected_version")
    extra = _step_data(data)
    return services.record_step(kernel(), g.tenant.slug, case_id, data["step"], data["happened_on"],
                                actor=data.get("actor", ""), notes=data.get("notes", ""),
                                records=data.get("records"), late_reason=data.get("late_reason", ""),
                                data=extra, expected_version=version)


def _do_assessment(case_id, d):
    return services.record_assessment(kernel(), g.tenant.slug, case_id, d["happened_on"], d.get("actor", ""),
                                      d.get("notes", ""), d.get("late_reason", ""), d["expected_version"])


def _do_extend(case_id, d):
    context.set_reason(d["reason"])
    return services.extend_probation(kernel(), g.tenant.slug, case_id, d["decided_on"], d["months"],
                                     d["reason"], d["expected_version"])


def _do_cancel(case_id, d):
    context.set_reason(d["reason"])
    return services.cancel_probation(kernel(), g.tenant.slug, case_id, d["decided_on"], d["reason"],
                                     d["expected_version"])


def _do_refuse(case_id, d):
    context.set_reason(d["reason"])
    return services.refuse(kernel(), g.tenant.slug, case_id, d["decided_on"], d["reason"], d["expected_version"])


def _do_publicity(case_id, d):
    return services.open_publicity(kernel(), g.tenant.slug, case_id, d["kind"], d["start"], d["expected_version"])


def _do_objection(case_id, d):
    return services.record_objection(kernel(), g.tenant.slug, case_id, d["kind"], d["received_on"], d["text"],
                                     d["expected_version"])


def _do_resolve(case_id, d):
    return services.resolve_objection(kernel(), g.tenant.slug, case_id, d["kind"], d["index"], d["resolution"],
                                      d["expected_version"])


def _do_correct(case_id, d):
    context.set_reason(d["reason"])
    return services.correct_step(kernel(), g.tenant.slug, case_id, d["step"], d["reason"], d.get("notes"),
                                 d.get("actor"), d["expected_version"])


COMMANDS = {
    "step": (CaseStepSchema, _do_step, N_("步骤已记录。")),
    "assessment": (ActivistAssessmentSchema, _do_assessment, N_("考察已记录。")),
    "extend": (ProbationExtensionSchema, _do_extend, N_("已延长预备期。")),
    "cancel": (CaseDecisionSchema, _do_cancel, N_("已取消预备党员资格。")),
    "refuse": (CaseDecisionSchema, _do_refuse, N_("已记录不予发展的决定。")),
    "publicity": (CasePublicitySchema, _do_publicity, N_("公示已开始。")),
    "objection": (PublicityObjectionSchema, _do_objection, N_("意见已记录。")),
    "resolve": (ObjectionResolutionSchema, _do_resolve, N_("核查处理结果已记录。")),
    "correct": (StepCorrectionSchema, _do_correct, N_("更正已记录。")),
}


# The pages and the API add their routes to the blueprints above.
from plugins.development.web import api, pages  # noqa: E402,F401
