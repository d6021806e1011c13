"""Pre-filled scores against the real plugins: a fixture year of meetings, dues and development written
by those plugins' own demo activity, the figures recomputed by hand from what each plugin reports."""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

import pytest

from core import context
from plugins.assessment import queries, services
from plugins.members import public as members

MEASURED = {"M6": ("dues", "dues.full_on_time", ("on_time_months", "due_months")),
            "W1": ("meetings", "meetings.compliance", ("held", "required")),
            "M5": ("development", "development.quality", ("on_time", "steps"))}


def by_hand(points: float, numerator: int, denominator: int) -> float:
    """points × numerator / denominator, to a tenth, half up — done with decimals, independently."""
    if denominator == 0:
        return float(points)
    value = Decimal(str(points)) * Decimal(numerator) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture
def school_year(k, make_tenant, clock):
    for plugin in ("dues", "meetings", "development"):
        if plugin not in k.registry.infos:
            pytest.skip(f"the {plugin} plugin is not installed")
    slug = make_tenant("real-school", "真实数据学校")   # every plugin enabled
    with context.acting(context.system("demo", source="demo")):
        with k.deferred_projections():
            k.hooks(slug).zhibu_demo_data(tenant=slug, today=k.today(), rng=random.Random(11))
        k.catch_up(slug)
        services.ensure_indicator_set(k, k.today().year)
        if queries.get_assessment(k, slug, k.today().year) is None:
            services.open_assessment(k, slug, k.today().year)
        services.refresh_evidence(k, slug, k.today().year)
    return slug


def test_prefilled_scores_equal_the_figures_computed_by_hand(k, school_year):
    year = k.today().year
    row = queries.get_assessment(k, school_year, year)
    reported = services.collect_evidence(k, school_year, year)
    items = {i["code"]: i for c in row.criteria for i in c["items"]}
    checked = 0
    for code, (_plugin, source, (num, den)) in MEASURED.items():
        figures = reported[source].figures
        assert row.evidence[code]["score"] == by_hand(items[code]["points"], figures[num], figures[den]), code
        checked += 1
    assert checked == 3
    assert members.list_members(k, school_year)       # the year really had people in it


def test_every_prefilled_score_links_to_events_in_the_schools_log(k, school_year):
    row = queries.get_assessment(k, school_year, k.today().year)
    events = k.stores.log(school_year).events
    linked = 0
    for code, evidence in row.evidence.items():
        for link in evidence["links"]:
            for ref in link["events"]:
                stored = list(events.get(UUID(ref["id"]), lte=ref["version"]))
                assert stored, (code, ref)
                if ref["version"] is not None:
                    assert stored[-1].originator_version == ref["version"], (code, ref)
                linked += 1
        assert evidence["verified"], code
    assert linked > 0
