"""Seals: a row edited, deleted, inserted or swapped directly in the database is detected."""
from __future__ import annotations

import os
import stat
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from core import context
from core.eventstore import DISTRICT
from plugins.audit import cli, rules, seals
from plugins.audit.models import chain, seals as seal_table
from plugins.audit.plugin import seal_job
from plugins.audit.tests.conftest import register


def test_the_seal_key_is_generated_once_outside_the_data_with_mode_600(app, tmp_path):
    path = tmp_path / "keys" / "seal.key"
    first = seals.load_key(path)
    assert len(first) == 32 and seals.load_key(path) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_an_untouched_log_verifies_and_new_events_wait_for_the_next_seal(k, school, key, raw):
    stored = raw(school).ids()
    checkpoint = seals.seal_log(k, school, key)
    assert (checkpoint.count, checkpoint.last_notification_id) == (len(stored), stored[-1])
    assert seals.seal_log(k, school, key) is None
    assert seals.verify_log(k, school, key).ok
    register(k, school, "新党员")    # stores the member's events and the school register's
    added = len(raw(school).ids()) - len(stored)
    assert added
    result = seals.verify_log(k, school, key)
    assert result.ok and result.pending == added
    again = seals.seal_log(k, school, key)
    assert again.count == len(stored) + added and again.chain_hash != checkpoint.chain_hash
    result = seals.verify_log(k, school, key)
    assert result.ok and result.checked == len(stored) + added and result.pending == 0


def test_an_edited_payload_is_named(k, school, key, raw):
    seals.seal_log(k, school, key)
    log = raw(school)
    edited = log.id_of("Member.Registered", "李娜")    # a row in the middle of the log
    assert log.ids()[0] < edited < log.ids()[-1]
    log.edit_state(edited, "李娜".encode(), "李四".encode())
    result = seals.verify_log(k, school, key)
    assert not result.ok and result.first_bad_id == edited and "内容与封存不符" in result.problem


def test_a_deleted_row_is_named(k, school, key, raw):
    seals.seal_log(k, school, key)
    log = raw(school)
    second = log.ids()[1]
    log.delete(second)
    result = seals.verify_log(k, school, key)
    assert not result.ok and result.first_bad_id == second and "删除" in result.problem


def test_deleting_the_last_sealed_row_is_detected_even_when_its_id_is_reused(k, school, key, raw):
    seals.seal_log(k, school, key)
    log = raw(school)
    last = log.ids()[-1]
    log.delete(last)
    assert seals.verify_log(k, school, key).first_bad_id == last
    register(k, school, "补录者")    # SQLite hands the freed id out again
    result = seals.verify_log(k, school, key)
    assert not result.ok and result.first_bad_id == last


def test_an_inserted_backdated_row_is_named(k, school, key, raw):
    seals.seal_log(k, school, key)
    app = k.stores.log(school)
    first = app.recorder.select_notifications(start=raw(school).id_of("Member.Registered", "张伟"), limit=1)[0]
    event = app.mapper.to_domain_event(first)
    # A forged change to the first member, claiming to have happened years ago.
    forged = object.__new__(type(event))
    forged.__dict__.update({**vars(event), "originator_version": 99,
                            "timestamp": datetime(2020, 1, 1, tzinfo=timezone.utc)})
    stored = app.mapper.to_stored_event(forged)
    log = raw(school)
    log.insert(stored.originator_id, stored.originator_version, stored.topic, stored.state)
    inserted = log.ids()[-1]
    result = seals.verify_log(k, school, key)
    assert not result.ok and result.first_bad_id == inserted and "插入" in result.problem


def test_two_swapped_rows_are_named_at_the_first_of_them(k, school, key, raw):
    seals.seal_log(k, school, key)
    log = raw(school)
    ids = log.ids()
    log.swap(ids[0], ids[2])
    result = seals.verify_log(k, school, key)
    assert not result.ok and result.first_bad_id == ids[0]


def test_rewriting_the_chain_too_cannot_forge_a_signature(k, school, key, raw):
    seals.seal_log(k, school, key)
    log = raw(school)
    edited = log.id_of("Member.Registered", "李娜")
    log.edit_state(edited, "李娜".encode(), "李四".encode())
    # The administrator also "fixes" the stored digest of the row they edited…
    n = k.stores.log(school).recorder.select_notifications(start=edited, limit=1)[0]
    with k.engine.begin() as conn:
        conn.execute(update(chain).where(chain.c.log == school, chain.c.notification_id == edited)
                     .values(digest=rules.row_digest(n.id, n.originator_id, n.originator_version, n.topic, n.state)))
    result = seals.verify_log(k, school, key)
    assert not result.ok and "检查点" in result.problem
    # …and the checkpoint's hash: then the signature no longer matches.
    with k.engine.begin() as conn:
        conn.execute(update(seal_table).where(seal_table.c.log == school).values(chain_hash="0" * 64))
    result = seals.verify_log(k, school, key)
    assert not result.ok and "签名无效" in result.problem
    assert not seals.verify_log(k, school, b"x" * 32).ok


def test_seal_status_shows_the_last_seal_and_the_last_verification(k, school, key, raw):
    assert seals.seal_status(k, [school])[school]["state"] == "unsealed"
    seals.seal_log(k, school, key)
    assert seals.seal_status(k, [school])[school]["state"] == "unverified"
    seals.verify_log(k, school, key)
    status = seals.seal_status(k, [school])[school]
    assert status["state"] == "ok" and status["through"] == raw(school).ids()[-1] and status["sealed_at"] is not None
    raw(school).delete(raw(school).ids()[0])
    seals.verify_log(k, school, key)
    assert seals.seal_status(k, [school])[school]["state"] == "broken"


@pytest.fixture
def cli_env(app, database, tmp_path):
    url, schema = database
    env = {"ZHIBU_INSTANCE_PATH": str(app.extensions["zhibu"].store_config.instance_path),
           "ZHIBU_SEAL_KEY_PATH": str(app.config["ZHIBU_SEAL_KEY_PATH"]), "ZHIBU_SECRET_KEY": "test"}
    if url:
        env.update({"ZHIBU_DATABASE_URL": url, "ZHIBU_DATABASE_SCHEMA": schema})
    return env


def test_the_command_line_seals_and_verify_exits_1_naming_the_notification(k, school, raw, cli_env):
    runner = CliRunner()
    result = runner.invoke(cli.audit, ["seal"], env=cli_env)
    assert result.exit_code == 0, result.output
    assert f"{school}: sealed through notification" in result.output
    result = runner.invoke(cli.audit, ["verify", "--tenant", school], env=cli_env)
    assert result.exit_code == 0 and "ok" in result.output
    second = raw(school).ids()[1]
    raw(school).delete(second)
    result = runner.invoke(cli.audit, ["verify"], env=cli_env)
    assert result.exit_code == 1
    assert f"{school}: MISMATCH at notification {second}" in result.output
    assert f"{DISTRICT}: ok" in result.output


def test_the_worker_job_seals_every_log(app, k, school, raw):
    with context.acting(context.system("worker", source="worker")):
        seal_job(k)
    status = seals.seal_status(k, [DISTRICT, school])
    assert status[school]["through"] == raw(school).ids()[-1] and status[DISTRICT]["through"] > 0
