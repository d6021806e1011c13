"""廉洁与承诺 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.integrity import contributions, demo, describe, projections, web
from plugins.integrity.domain import AGGREGATES
from plugins.integrity.schemas import IntegritySettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="integrity", title="廉洁与承诺",
                      description="公开承诺、先锋岗、结对帮扶、志愿服务、廉政教育、师德",
                      settings_schema=IntegritySettingsSchema, always_on=False, order=50)


@hookimpl
def zhibu_permissions():
    return {
        "integrity.view": SCHOOL_PEOPLE | READERS,
        "integrity.edit": COMMITTEE,
        "integrity.review": {"secretary", "deputy"},
        "integrity.sensitive": {"secretary", "discipline"},
        "integrity.ethics": {"secretary", "deputy", "org", "discipline", "inspector", "district_admin"},
        "integrity.ethics_edit": {"secretary", "discipline"},
    }


@hookimpl
def zhibu_projections():
    return [cls() for cls in projections.PROJECTIONS]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.api_bp]


@hookimpl
def zhibu_event_classes():
    return list(AGGREGATES)


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return contributions.nav_items()


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return contributions.home_widgets(k, tenant, today, user.username)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.district_figures(k, tenant, today)


@hookimpl
def zhibu_member_flags(k, tenant, member_id, year):
    return contributions.member_flags(k, tenant, member_id, year)


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return contributions.assessment_evidence(k, tenant, year)


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
    demo.create_activity(k, tenant, today, rng)


@hookimpl
def zhibu_disclosable(k, tenant, since, until):
    return contributions.disclosable(k, tenant, since, until)


@hookimpl
def zhibu_report_figures(k, tenant, period):
    return contributions.report_figures(k, tenant, period)


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
