"""The console's seal summary (how many logs are unsealed, unverified, consistent, broken; the broken ones
named) is kept by each process while one statement says no seal fact changed (issue 19 point 5): its
figures are those the page showed when it read every log's seal state per request, after checkpoints and
verifications recorded by this process or by another one on the same store."""
from __future__ import annotations

import html
import re
from collections import Counter

import pytest
from sqlalchemy import event

from core.app import create_app
from plugins.audit.queries import history, scope as scopes
from plugins.audit.services import seals
from plugins.audit.tests.conftest import register
from plugins.audit.tests.test_console_reads import add_schools

LABELS = {"broken": "不一致", "unverified": "未校验", "unsealed": "未封存", "ok": "一致"}
STAT = re.compile(r'<div class="stat-value">(\d+)</div>\s*<div class="stat-label">([^<]+)</div>')
BROKEN = re.compile(r'<li class="alert alert-danger"><b>([^<]*)</b>：([^<]*)</li>')


def shown(client) -> tuple[dict, list]:
    """The seal panel of the console's first page: {label: count} and [(log's name, problem)]."""
    response = client.get("/audit/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    panel = page[page.index("封存状态"):]
    return ({label: int(n) for n, label in STAT.findall(panel)},
            [(html.unescape(name), html.unescape(problem)) for name, problem in BROKEN.findall(panel)])


def read_per_request(k) -> tuple[dict, list]:
    """The same panel as the page worked it out before: every log's seal state read, then counted."""
    logs = scopes.scope_logs(k, None)
    status, names = seals.seal_status(k, logs), history.school_names(k)
    counts = Counter(s["state"] for s in status.values())
    return ({label: counts.get(state, 0) for state, label in LABELS.items()},
            [(names.get(log, log), s["problem"]) for log, s in status.items() if s["state"] == "broken"])


class SealReads:
    """The statements that read the seal rows (checkpoints, verifications) while listening."""

    def __init__(self, k):
        self.count = 0
        event.listen(k.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, *_):
        if "audit_checkpoints" in statement or "audit_verifications" in statement:
            self.count += 1

    def during(self, fn):
        self.count = 0
        result = fn()
        return result, self.count


def tamper(raw, slug: str, name: str) -> None:
    nid = raw(slug).id_of("Member.Registered", name)
    raw(slug).edit_state(nid, name.encode(), "改过的名字".encode())


def test_the_summary_shows_what_every_log_read_showed_and_is_read_again_only_when_a_seal_fact_changes(
        k, make_tenant, login_as, key, raw, clock):
    admin = login_as("district_admin")
    slugs = add_schools(k, make_tenant, 0, 3, members=1)
    reads = SealReads(k)
    assert shown(admin) == read_per_request(k)
    (figures, _), read = reads.during(lambda: shown(admin))
    assert figures[LABELS["unsealed"]] == len(slugs) + 1
    assert read == 0, "nothing changed: the seal rows are not read again"

    seals.seal_log(k, slugs[0], key)           # its first checkpoint: one log less unsealed
    assert shown(admin) == read_per_request(k)
    assert shown(admin)[0][LABELS["unverified"]] >= 1
    register(k, slugs[0], "又一位")
    seals.seal_log(k, slugs[0], key)           # a later checkpoint changes no figure: nothing read again
    (figures, _), read = reads.during(lambda: shown(admin))
    assert read == 0 and (figures, []) == read_per_request(k)

    seals.verify_log(k, slugs[0], key)         # consistent
    assert shown(admin) == read_per_request(k)
    assert shown(admin)[0][LABELS["ok"]] == 1
    tamper(raw, slugs[0], "又一位")
    seals.verify_log(k, slugs[0], key)         # broken, named with its problem
    figures, broken = shown(admin)
    assert (figures, broken) == read_per_request(k)
    assert figures[LABELS["broken"]] == 1 and [name for name, _ in broken] == ["第0中学"] and broken[0][1]
    seals.seal_all(k, key)                      # the rest sealed (the broken log is refused, logged)
    assert shown(admin) == read_per_request(k)


@pytest.fixture
def other_process(app, k, database):
    """A second app on the same store, as another gunicorn worker or ``zhibu worker`` is."""
    url, schema = database
    other = create_app(config={
        "INSTANCE_PATH": str(k.store_config.instance_path), "DATABASE_URL": url, "DATABASE_SCHEMA": schema,
        "SECRET_KEY": "test-secret", "TESTING": True, "ZHIBU_SEAL_KEY_PATH": app.config["ZHIBU_SEAL_KEY_PATH"]})
    try:
        yield other.extensions["zhibu"]
    finally:
        other.extensions["zhibu"].close()


def test_checkpoints_and_verifications_recorded_by_another_process_show_on_the_next_page(
        k, make_tenant, login_as, key, raw, other_process, clock):
    admin = login_as("district_admin")
    slugs = add_schools(k, make_tenant, 0, 2, members=1)
    before = shown(admin)
    assert before == read_per_request(k) and before[0][LABELS["unsealed"]] == 3
    seals.seal_all(other_process, key)
    assert shown(admin) == read_per_request(k)
    assert shown(admin)[0][LABELS["unverified"]] == 3
    seals.verify_all(other_process, key)
    assert shown(admin)[0][LABELS["ok"]] == 3
    tamper(raw, slugs[1], "党员010")   # add_schools' first member of school-01
    seals.verify_log(other_process, slugs[1], key)
    figures, broken = shown(admin)
    assert (figures, broken) == read_per_request(k)
    assert figures[LABELS["broken"]] == 1 and broken[0][0] == "第1中学"
