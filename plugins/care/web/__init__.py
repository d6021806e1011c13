"""Pages and API of care for members. The blueprints are created here: ``bp`` (/t/<tenant>/care),
``district_bp`` (/district/care), ``api_bp`` and ``district_api_bp``; and helpers they share."""
from __future__ import annotations

from flask import Blueprint, abort, g

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.kernel import kernel
from core.web import tenant_blueprint
from plugins.care import queries, rules

bp = tenant_blueprint("care", "plugins.care")
api_bp = tenant_api_blueprint("care", "plugins.care",
                              "党内关怀：困难党员帮扶、走访慰问、政治生日、光荣在党50年；流动党员")
district_bp = Blueprint("care_district", "plugins.care", url_prefix="/district/care", template_folder="templates")
district_api_bp = ApiBlueprint("care_district_api", "plugins.care", url_prefix="/api/v1/district/care",
                               description="区级：光荣在党50年纪念章名单（各校）")

TEMPLATE_WORDS = {"AWAY_KINDS": rules.AWAY_KINDS, "CONTACT_MEANS": rules.CONTACT_MEANS}


def tenant() -> str:
    return g.tenant.slug


def found(row):
    if row is None:
        abort(404)
    return row


def hardship_dict(hardship_id) -> dict:
    row, helps = queries.get_hardship(kernel(), tenant(), hardship_id)
    return {**found(row)._mapping, "help": [dict(h._mapping) for h in helps]}


def away_dict(row, logged=()) -> dict:
    due = rules.contact_due(row.last_contact)
    return {**row._mapping, "contact_due": due,
            "overdue": row.returned_on is None and rules.contact_overdue(row.last_contact, kernel().today()),
            "contacts": [dict(c._mapping) for c in logged]}


def away_record_dict(away_id) -> dict:
    row, logged = queries.get_away(kernel(), tenant(), away_id)
    return away_dict(found(row), logged)


from plugins.care.web import api, pages  # noqa: E402,F401  (the routes register on import)
