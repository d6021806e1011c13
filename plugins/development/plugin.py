"""发展党员 plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS
from core.plugins import NavItem, PluginInfo
from plugins.development import contributions, demo, describe, papers, projections, web
from plugins.development.domain import DevelopmentCase
from plugins.development.schemas import DevelopmentSettingsSchema

EDITORS = {"secretary", "deputy", "org"}


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="development", title="发展党员", description="五个阶段二十五个步骤、时限与把关",
                      settings_schema=DevelopmentSettingsSchema, always_on=False, order=40)


@hookimpl
def zhibu_permissions():
    return {"development.view": COMMITTEE | READERS, "development.edit": EDITORS,
            # the cultivation contacts (培养联系人) paired with an applicant or activist
            "development.pairing": COMMITTEE | {"inspector", "district_admin"}}


@hookimpl
def zhibu_projections():
    return [projections.DevelopmentProjection()]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.api_bp]


@hookimpl
def zhibu_event_classes():
    return [DevelopmentCase]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return [NavItem(label="发展党员", endpoint="development.index", order=40),
            NavItem(label="发展工作清单", endpoint="development.worklist", order=41)]


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return contributions.home_widgets(k, tenant, today)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.figures(k, tenant, today)


@hookimpl
def zhibu_roster_sections(k, tenant, as_of):
    return contributions.roster_sections(k, tenant, as_of)


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return contributions.evidence(k, tenant, year)


@hookimpl
def zhibu_report_figures(k, tenant, period):
    return contributions.report_figures(k, tenant, period)


@hookimpl
def zhibu_my_sections(k, tenant, member_id, today):
    return contributions.my_sections(k, tenant, member_id, today)


@hookimpl
def zhibu_describe_event(event, locale):
    return describe.describe(event)


@hookimpl
def zhibu_event_names():
    return describe.EVENT_NAMES


@hookimpl
def zhibu_field_labels():
    return describe.FIELDS


@hookimpl
def zhibu_demo_data(k, tenant, today, rng):
    demo.create_cases(k, tenant, today, rng)


@hookimpl
def zhibu_papers():
    return papers.PAPERS


@hookimpl
def zhibu_disclosable(k, tenant, since, until):
    return contributions.disclosable(k, tenant, since, until)


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
