"""发展党员 plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from core.clock import local_day
from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS
from core.plugins import NavItem, PluginInfo, Widget
from plugins.development import demo, overview, projections, queries, services, views
from plugins.development import describe
from plugins.development import late_views  # noqa: F401  (adds the late-entry page and API to views.bp, views.api)
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
    return [views.bp, views.api]


@hookimpl
def zhibu_event_classes():
    return [DevelopmentCase]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return [NavItem(label="发展党员", endpoint="development.index", order=40),
            NavItem(label="发展工作清单", endpoint="development.worklist", order=41)]


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    items = queries.worklist(k, tenant, today, services.rule_book(k, tenant))
    return [Widget(title="发展党员工作清单", template="development/widgets/worklist.html",
                   context={"development_items": items[:8], "development_total": len(items)}, order=40,
                   action="development.view")]


@hookimpl
def zhibu_alerts(k, tenant, today):
    return overview.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return overview.figures(k, tenant, today)


@hookimpl
def zhibu_roster_sections(k, tenant, as_of):
    return overview.roster_sections(k, tenant, local_day(as_of))


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return overview.evidence(k, tenant, year)


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
