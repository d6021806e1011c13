"""Members plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from flask import has_request_context, url_for

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import Alert, Evidence, Figure, NavItem, PluginInfo, Widget
from plugins.members import demo, describe, overview, projections, views
from plugins.members.domain import (
    AccountLink, ImportBatch, Member, Organisation, PersonalDataExported, PersonalDataRead, Transfer,
)
from plugins.members.schemas import MembersSettingsSchema

EDITORS = {"secretary", "deputy", "org"}


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="members", title="党员名册", description="党员信息、组织架构、关系转接、统计",
                      settings_schema=MembersSettingsSchema, always_on=True, order=10)


@hookimpl
def zhibu_permissions():
    return {
        "members.view": SCHOOL_PEOPLE | READERS,
        "members.edit": EDITORS,
        "members.organise": EDITORS,
        "members.import": EDITORS,
        "members.export": COMMITTEE | READERS,
        "members.personal_data": {"secretary", "org"},
        # 党纪处分 of others (kind, dates, decision); a member sees their own on their own page
        "members.sanctions": EDITORS | {"discipline", "inspector", "district_admin"},
    }


@hookimpl
def zhibu_projections():
    return [projections.MembersProjection(), projections.OrganisationProjection(),
            projections.StandingProjection(),
            projections.AccountsProjection()]


@hookimpl
def zhibu_blueprints():
    return [views.bp, views.api]


@hookimpl
def zhibu_event_classes():
    return [Member, PersonalDataRead, PersonalDataExported, Organisation, Transfer, ImportBatch, AccountLink]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return [NavItem(label="党员名册", endpoint="members.index", order=10),
            NavItem(label="组织架构", endpoint="members.organisation", order=11),
            NavItem(label="关系转接", endpoint="members.transfers", order=12),
            NavItem(label="花名册与统计", endpoint="members.rosters", order=13)]


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    state = overview.organisation_state(k, tenant, today)
    return [Widget(title="党员队伍", template="members/widgets/roll.html", context={"roll": state}, order=10)]


def _url(endpoint: str | None, tenant: str) -> str | None:
    """A link for a notice, when there is a request to build it in (not in the worker)."""
    return url_for(endpoint, tenant=tenant) if endpoint and has_request_context() else None


@hookimpl
def zhibu_alerts(k, tenant, today):
    return [Alert(level=n.level, text=n.text, url=_url(n.endpoint, tenant), source="members", due=n.due,
                  action="members.edit")   # the registry's to-dos are its editors'

            for n in overview.notices(k, tenant, today)]


@hookimpl
def zhibu_district_figures(k, tenant, today):
    state = overview.organisation_state(k, tenant, today)
    return [Figure(key="members.on_roll", label="在册党员", value=state["total"], unit="名", order=10),
            Figure(key="members.full", label="正式党员", value=state["full"], unit="名", order=11),
            Figure(key="members.probationary", label="预备党员", value=state["probationary"], unit="名",
                   order=12),
            Figure(key="members.term", label="支委任期", value=str(state["term_end"] or "未登记"),
                   status={"expired": "danger", "ending": "warning"}.get(state["term_status"],
                                                                       "ok" if state["term_end"] else "warning"),
                   order=13)]


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    data = overview.committee_evidence(k, tenant, year)
    return [Evidence(item="members.committee", **data)]


@hookimpl
def zhibu_describe_event(event, locale):
    return describe.describe(event)


@hookimpl
def zhibu_event_names():
    return describe.EVENT_NAMES


@hookimpl
def zhibu_field_labels():
    return describe.FIELDS



@hookimpl(tryfirst=True)
def zhibu_demo_data(k, tenant, today, rng):
    demo.create_members(k, tenant, today, rng)
    demo.link_accounts(k, tenant, today)
