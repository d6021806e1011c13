"""District events mark only the summary rows whose figures they can change (issue 19): an automatic
checkpoint of a school's log, copied into the district log, marks that school's audit row alone, and
an inspector's access record or assignment marks none (the scaling run once saw 6 statements become
210 at 200 schools: every school's audit summary marked stale by each checkpoint after the first)."""
from __future__ import annotations

from datetime import date

from core import context, summaries
from core.eventstore import DISTRICT
from plugins.audit import services as audit
from plugins.audit.services import seals, verify
from tests.test_district_summaries import _member, rows


def stale(k) -> list:
    return sorted(key for key, r in rows(k).items() if r.stale)


def district_topics(k, after: int) -> list[str]:
    return [n.topic for n in k.stores.log(DISTRICT).recorder.select_notifications(after + 1, 1000)]


def test_an_automatic_checkpoint_marks_the_audit_row_of_its_school_alone(app, k, clock, make_tenant):
    slugs = [make_tenant(f"m{i}") for i in range(3)]
    k.config["ZHIBU_SEAL_INTERVAL_SECONDS"] = 0      # every write is followed by the logs' checkpoints
    for n in range(3):                               # the first, then later checkpoints of m0's register
        summaries.refresh_job(k)
        assert stale(k) == []
        start = k.stores.log(DISTRICT).recorder.max_notification_id()
        _member(k, slugs[0], n)
        k.catch_up_everything()
        assert "plugins.audit.domain:SealRegister.CheckpointRecorded" in district_topics(k, start)
        # m0's rows (its own log was written), and no row of another school.
        assert {slug for slug, _plugin in stale(k)} == {slugs[0]}, stale(k)
    assert len(stale(k)) == len([key for key in rows(k) if key[0] == slugs[0]])
    summaries.refresh_job(k)
    # The checkpoint alone (nothing written in m1): m1's audit row, not its other rows.
    key = seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"])
    with context.acting(context.system("test", source="test")):
        seals.seal_log(k, slugs[1], key)   # nothing new since the last: no checkpoint
    k.catch_up_everything()
    assert stale(k) == []


def test_a_checkpoint_of_a_school_marks_its_audit_row_and_nothing_else(app, k, clock, make_tenant):
    slugs = [make_tenant(f"c{i}") for i in range(2)]
    key = seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"])
    with context.acting(context.system("test", source="test")):
        for slug in slugs:
            seals.seal_log(k, slug, key)
        k.catch_up_everything()
        _member(k, slugs[0], 1)
        summaries.refresh_job(k)
        assert seals.seal_log(k, slugs[0], key) is not None   # the register's second checkpoint
    k.catch_up_everything()
    assert stale(k) == [(slugs[0], "audit")]
    summaries.refresh_job(k)
    with context.acting(context.system("test", source="test")):
        verify.verify_log(k, slugs[1], key)                  # its seal figure changes: 未校验 → 通过
    assert stale(k) == [(slugs[1], "audit")]


def test_an_inspectors_assignment_and_access_records_mark_no_summary(k, clock, make_tenant, make_user):
    slugs = [make_tenant(f"a{i}") for i in range(2)]
    inspector = make_user("inspector")
    summaries.refresh_job(k)
    with context.acting(context.system("test", source="test")):
        audit.create_assignment(k, inspector, slugs, date(2026, 11, 1), date(2026, 12, 31))
        audit.record_access(k, "read", slugs, "member roster", {})
    k.catch_up_everything()
    assert stale(k) == []
