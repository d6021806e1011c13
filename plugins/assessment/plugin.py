"""考核评议 plugin: the Five Goods assessment (五个好) and the democratic evaluation of members
(民主评议党员). Metadata and one-line hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.assessment import contributions, demo, describe, papers, projections, web
from plugins.assessment.domain import (
    Assessment, BallotBox, EvaluationRound, HandlingTrack, IndicatorSet, SelfCheck,
)
from plugins.assessment.schemas import AssessmentSettings

EDITORS = {"secretary", "deputy", "org"}


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="assessment", title="考核评议", description="五好支部考核与民主评议党员",
                      settings_schema=AssessmentSettings, always_on=False, order=60)


@hookimpl
def zhibu_permissions():
    return {
        "assessment.view": SCHOOL_PEOPLE | READERS,
        "assessment.self_assess": EDITORS,                 # the branch's self-assessment
        "assessment.score": {"district_admin"},            # district scoring, publication, re-assessment
        "assessment.evaluate": EDITORS,                    # runs the democratic evaluation
        "assessment.participate": COMMITTEE | {"member"},  # own self-assessment, ballot, self-checks
        "assessment.results": COMMITTEE | READERS,         # everyone's results (members see their own)
        "assessment.handle": EDITORS,                      # handling of unqualified members
        "assessment.approve": EDITORS | {"district_admin"},  # records the higher committee's approval
        "assessment.district_view": {"district_admin", "inspector"},
        "assessment.district_admin": {"district_admin"},
    }


@hookimpl
def zhibu_projections():
    return [projections.IndicatorSetsProjection(), projections.AssessmentProjection()]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.api_bp, web.district_bp, web.district_api_bp]


@hookimpl
def zhibu_event_classes():
    return [IndicatorSet, Assessment, EvaluationRound, BallotBox, HandlingTrack, SelfCheck]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return contributions.nav_items()


@hookimpl
def zhibu_district_nav_items(k, user):
    return contributions.district_nav_items()


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return contributions.home_widgets(k, tenant, user.username, today)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.district_figures(k, tenant)


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return contributions.evidence(k, tenant, year)


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
def zhibu_papers():
    return papers.PAPERS


@hookimpl
def zhibu_disclosable(k, tenant, since, until):
    return contributions.disclosable(k, tenant, since, until)


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
