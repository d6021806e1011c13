"""Members plugin (党员): metadata and one-line hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import NavItem, PluginInfo
from plugins.members import contributions, demo, describe, papers, projections, web
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
    return [web.bp, web.api_bp]


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
    return contributions.home_widgets(k, tenant, today)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.district_figures(k, tenant, today)


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return contributions.assessment_evidence(k, tenant, year)


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
    demo.create(k, tenant, today, rng)


@hookimpl
def zhibu_linked_member(k, tenant, username):
    return contributions.linked_member(k, tenant, username)


@hookimpl
def zhibu_report_figures(k, tenant, period):
    return contributions.report_figures(k, tenant, period)


@hookimpl
def zhibu_my_sections(k, tenant, member_id):
    return contributions.my_sections(k, tenant, member_id)


@hookimpl
def zhibu_papers():
    return papers.PAPERS


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
