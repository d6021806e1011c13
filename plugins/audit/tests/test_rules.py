from datetime import date

from plugins.audit import rules


def test_rectification_deadline_defaults_to_thirty_days_and_follows_the_versioned_table():
    assert rules.default_deadline(date(2026, 3, 1)) == date(2026, 3, 31)
    table = [(date(2018, 1, 1), 30), (date(2026, 1, 1), 15)]
    assert rules.default_deadline_days(date(2025, 12, 31), table) == 30
    assert rules.default_deadline_days(date(2026, 1, 1), table) == 15
    assert rules.default_deadline(date(2026, 3, 1), days=10) == date(2026, 3, 11)


def test_a_finding_is_overdue_only_while_unanswered_after_its_deadline():
    today = date(2026, 5, 10)
    assert rules.is_overdue("open", date(2026, 5, 9), today)
    assert not rules.is_overdue("open", date(2026, 5, 10), today)
    assert not rules.is_overdue("answered", date(2026, 5, 1), today)
    assert not rules.is_overdue("closed", date(2026, 5, 1), today)
    assert rules.finding_state("open", date(2026, 5, 1), today) == "overdue"
    assert rules.finding_state("answered", date(2026, 5, 1), today) == "answered"


def test_an_assignment_covers_its_schools_within_its_dates_unless_revoked():
    args = (["no1", "no2"], date(2026, 1, 1), date(2026, 6, 30))
    assert rules.covers(*args, False, "no1", date(2026, 1, 1))
    assert rules.covers(*args, False, "no2", date(2026, 6, 30))
    assert not rules.covers(*args, False, "no3", date(2026, 3, 1))
    assert not rules.covers(*args, False, "no1", date(2026, 7, 1))
    assert not rules.covers(*args, False, "no1", date(2025, 12, 31))
    assert not rules.covers(*args, True, "no1", date(2026, 3, 1))


def test_a_row_digest_changes_with_every_part_of_the_stored_notification():
    base = (7, "6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b10", 3, "plugins.x:Y.Z", b'{"a":1}')
    digest = rules.row_digest(*base)
    assert len(digest) == 32 and digest == rules.row_digest(*base)
    for i, other in enumerate((8, "6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b11", 4, "plugins.x:Y.W", b'{"a":2}')):
        changed = list(base)
        changed[i] = other
        assert rules.row_digest(*changed) != digest


def test_the_chain_depends_on_order_and_checkpoints_need_the_key():
    a, b = rules.row_digest(1, "x", 1, "t", b"a"), rules.row_digest(2, "x", 2, "t", b"b")
    start = rules.genesis("no1")
    assert start != rules.genesis("no2")
    forward = rules.chain_step(rules.chain_step(start, a), b)
    assert forward != rules.chain_step(rules.chain_step(start, b), a)
    message = rules.checkpoint_message("no1", 2, 2, forward, "2026-01-01T00:00:00+00:00", None)
    signature = rules.sign(b"k" * 32, message)
    assert rules.signature_ok(b"k" * 32, message, signature)
    assert not rules.signature_ok(b"j" * 32, message, signature)
    assert not rules.signature_ok(b"k" * 32, message.replace(b"|2|", b"|3|"), signature)
