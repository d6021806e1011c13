"""党费 plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE, can
from core.plugins import NavItem, PluginInfo
from plugins.dues import contributions, demo, describe, papers, projections, web
from plugins.dues.domain import DuesAccount, ReceiptBook, Remittance
from plugins.dues.schemas import DuesSettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="dues", title="党费", description="党费基数、应缴、收缴、欠缴、上缴与公示",
                      settings_schema=DuesSettingsSchema, always_on=False, order=20)


@hookimpl
def zhibu_permissions():
    return {
        "dues.view": COMMITTEE | READERS,
        # who is in arrears (names, months); a member is told only their own, on the home page
        "dues.arrears": COMMITTEE | {"inspector", "district_admin"},
        "dues.publication": SCHOOL_PEOPLE | READERS,
        "dues.collect": {"secretary", "deputy", "org"},
        "dues.manage": {"secretary", "org"},
    }


@hookimpl
def zhibu_projections():
    return [projections.DuesProjection(), projections.DuesRollProjection()]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.api_bp]


@hookimpl
def zhibu_event_classes():
    return [DuesAccount, ReceiptBook, Remittance]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    # Members who may not open the ledger still see the yearly publication (党费收缴公示).
    if can(user, "dues.view", tenant):
        sheet = [NavItem(label="党费收缴表", endpoint="dues.dues_sheet", order=21)] if can(user, "dues.collect", tenant) else []
        return [NavItem(label="党费", endpoint="dues.index", order=20), *sheet]
    return [NavItem(label="党费公示", endpoint="dues.publication", order=20)]


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return [contributions.widget(k, tenant, today, user.username)]


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.figures(k, tenant, today)


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
def zhibu_record_links(k, tenant, record, record_id):
    return contributions.record_links(k, tenant, record, record_id)


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
    demo.create_dues(k, tenant, today, rng)


@hookimpl(specname="zhibu_demo_data", wrapper=True)   # after every plugin's demo (development admits members)
def demo_bases_for_newcomers(k, tenant, today, rng):
    result = yield
    demo.settle_newcomers(k, tenant, today)
    return result


@hookimpl
def zhibu_papers():
    return papers.PAPERS


@hookimpl
def zhibu_disclosable(k, tenant, since, until):
    return contributions.disclosable(k, tenant, since, until)


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
