"""Fixtures of the assessment tests: a small evidence plugin, members, and helpers."""
from __future__ import annotations

from datetime import date

import pytest

from core.hookspecs import hookimpl
from core.plugins import Evidence
from plugins.assessment import services
from plugins.members import public as members



def id_number(n: int) -> str:
    """A valid (GB 11643) ID number for test person ``n``."""
    first17 = f"11010519800101{n:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


class EvidenceSource:
    """A stand-in for the plugins that measure Five Goods evidence: it answers what a test sets."""

    def __init__(self):
        self.items: dict[str, tuple[float, list]] = {}
        self.calls: list[tuple[str, int]] = []

    @hookimpl
    def zhibu_assessment_evidence(self, tenant, year):
        self.calls.append((tenant, year))
        return [Evidence(item=code, score_ratio=ratio, summary=f"测试数据 {code}", figures={"ratio": ratio},
                         links=links) for code, (ratio, links) in self.items.items()]


@pytest.fixture
def source():
    return EvidenceSource()


@pytest.fixture
def extra_plugins(source):
    return (source,)


@pytest.fixture
def roster(k, tenant, actor):
    """Seven full members and two probationary members at school A: ids in that order."""
    ids = []
    for n in range(9):
        fields = {"name": f"党员{n + 1}", "gender": "male", "id_number": id_number(n),
                  "joined_on": date(2010, 1, 1)}
        if n < 7:
            ids.append(members.register_member(k, tenant, {**fields, "converted_on": date(2011, 1, 1)}))
        else:
            ids.append(members.admit_probationary(k, tenant, {**fields, "joined_on": date(2026, 3, 1)}))
    return ids


@pytest.fixture
def year_set(k, actor, clock):
    """The district's indicator set of 2026 (the default K-12 sheet)."""
    return services.create_indicator_set(k, 2026)


@pytest.fixture
def tenant(make_tenant):
    """School A with only this plugin enabled: the evidence comes from ``source`` alone."""
    return make_tenant("school-a", "第一中学", plugins=["assessment"])


@pytest.fixture
def other_tenant(make_tenant):
    return make_tenant("school-b", "实验小学", plugins=["assessment"])
