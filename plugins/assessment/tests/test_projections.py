"""Rebuilding the read models from the logs gives the rows the incremental projection wrote."""
from datetime import date

from sqlalchemy import select

from core.eventstore import DISTRICT
from plugins.assessment import models, services


def _content(table):
    """Every column but a serial id (a rebuild on PostgreSQL draws new numbers from the sequence)."""
    return [c for c in table.columns if not (c.name == "id" and c.autoincrement is True)]


def _rows(k, tenant):
    out = {}
    with k.engine.connect() as conn:
        for table in (models.assessments, models.rounds, models.round_members, models.tracks, models.self_checks,
                      models.attachments, models.comments, models.history):
            rows = conn.execute(select(*_content(table)).where(table.c.tenant == tenant)).all()
            out[table.name] = sorted((tuple(str(v) for v in r) for r in rows))
    return out


def _district_rows(k):
    with k.engine.connect() as conn:
        return {t.name: sorted(tuple(str(v) for v in r) for r in conn.execute(select(*_content(t))).all())
                for t in (models.sets, models.set_history)}


def test_rebuild_equals_incremental(k, tenant, roster, year_set, make_user, actor, clock):
    services.open_assessment(k, tenant, 2026)
    services.self_score(k, tenant, 2026, "L2", 2.5, "职称情况")
    services.attach_evidence(k, tenant, 2026, b"%PDF-1.4 test", "证书.pdf", "L2", "书记职称证书")
    services.comment(k, tenant, 2026, "请补充材料")
    services.open_evaluation(k, tenant, 2026)
    services.write_self_assessment(k, tenant, 2026, roster[0], "自评")
    services.cast_ballot(k, tenant, 2026, roster[1], {str(roster[0]): "excellent"})
    services.close_ballot(k, tenant, 2026)
    for n, member in enumerate(roster[:7]):
        services.propose_grade(k, tenant, 2026, member, "unqualified" if n == 6 else "qualified")
    services.publish_results(k, tenant, 2026)
    track = services.open_handling(k, tenant, 2026, roster[6], "correct", "事实", "理由")
    services.pre_review(k, tenant, track.id, date(2026, 11, 25))
    services.record_self_check(k, tenant, 2026, "Q3", str(roster[0]), "党员1", "自查")
    revised = [dict(c, items=[dict(i) for i in c["items"]]) for c in year_set.criteria]
    revised[0]["items"][0]["guidance"] = "新说明"
    services.revise_indicator_set(k, 2026, year_set.title, revised, year_set.grade_bands, "补充说明", 1)

    before, district_before = _rows(k, tenant), _district_rows(k)
    assert before["assessment_round_members"] and before["assessment_tracks"] and before["assessment_attachments"]
    k.projector.rebuild(tenant)
    k.projector.rebuild(DISTRICT)
    assert _rows(k, tenant) == before
    assert _district_rows(k) == district_before
