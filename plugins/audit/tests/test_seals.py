"""Seals: signed Merkle checkpoints, their copies, automatic checkpoints, keys and the worker."""
from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, func, select

from core import context
from core.eventstore import DISTRICT
from plugins.audit import cli
from plugins.audit.contributions import seal_job
from plugins.audit.models import checkpoints, leaves
from plugins.audit.queries import storedrows
from plugins.audit.rules import merkle
from plugins.audit.services import copies, seals, signing
from plugins.audit.tests.conftest import register


def test_the_signing_key_is_generated_once_with_mode_600_and_verifies_by_its_public_key(app, tmp_path):
    path = tmp_path / "keys" / "signing.key"
    first = seals.load_key(path)
    assert signing.public_hex(seals.load_key(path)) == signing.public_hex(first)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    message = signing.checkpoint_message("school-a", 3, "00" * 32, "2026-11-30T00:00:00+00:00")
    assert signing.signature_ok(signing.public_hex(first), message, signing.sign(first, message))
    assert not signing.signature_ok(signing.public_hex(first), message + b"x", signing.sign(first, message))


def test_production_refuses_a_signing_key_inside_the_instance_folder(tmp_path, monkeypatch):
    from core.app import create_app  # noqa: PLC0415
    monkeypatch.setenv("ZHIBU_PRODUCTION", "1")
    monkeypatch.delenv("ZHIBU_SEAL_KEY_PATH", raising=False)
    monkeypatch.setenv("ZHIBU_SIGNING_KEY_PATH", str(tmp_path / "instance" / "seal.key"))
    with pytest.raises(RuntimeError, match="inside the instance folder"):
        create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "x"})
    monkeypatch.setenv("ZHIBU_SIGNING_KEY_PATH", str(tmp_path / "keys" / "signing.key"))
    create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "x"}).extensions["zhibu"].close()


def test_a_checkpoint_signs_the_merkle_root_of_every_row_and_new_events_wait_for_the_next(k, school, key, raw):
    stored = raw(school).ids()
    checkpoint = seals.seal_log(k, school, key)
    assert (checkpoint.size, checkpoint.last_notification_id) == (len(stored), stored[-1])
    assert checkpoint.public_key == signing.public_hex(key)
    rows = list(storedrows.iter_rows(k.stores.log(school)))
    assert checkpoint.root == merkle.root([r.leaf for r in rows]).hex()
    assert seals.seal_log(k, school, key) is None
    assert seals.verify_log(k, school, key).ok
    register(k, school, "新党员")
    added = len(raw(school).ids()) - len(stored)
    result = seals.verify_log(k, school, key)
    assert result.ok and result.pending == added
    again = seals.seal_log(k, school, key)
    assert again.size == len(stored) + added
    result = seals.verify_log(k, school, key)
    assert result.ok and result.checked == len(stored) + added and result.pending == 0


def test_a_newer_checkpoint_is_proven_to_extend_the_older_one_and_a_rewritten_log_is_not(k, school, key, raw,
                                                                                         cli_env):
    first = seals.seal_log(k, school, key)
    register(k, school, "新党员")
    second = seals.seal_log(k, school, key)
    with k.engine.connect() as conn:
        hashes = [bytes.fromhex(h) for h in conn.scalars(
            select(leaves.c.hash).where(leaves.c.log == school).order_by(leaves.c.notification_id))]
    proof = merkle.consistency_proof(first.size, hashes[:second.size])
    assert merkle.verify_consistency(first.size, second.size, bytes.fromhex(first.root), bytes.fromhex(second.root),
                                     proof)
    assert not merkle.verify_consistency(first.size, second.size, bytes(32), bytes.fromhex(second.root), proof)
    result = CliRunner().invoke(cli.audit, ["consistency", "--tenant", school, str(first.size), str(second.size)],
                                env=cli_env)
    assert result.exit_code == 0 and "extends" in result.output, result.output
    raw(school).edit_state(raw(school).id_of("Member.Registered", "李娜"), "李娜".encode(), "李四".encode())
    result = CliRunner().invoke(cli.audit, ["consistency", "--tenant", school, str(first.size), str(second.size)],
                                env=cli_env)
    assert result.exit_code == 1 and "DOES NOT extend" in result.output


def test_a_school_checkpoint_is_copied_into_the_district_log_and_the_district_checkpoint_into_a_file(
        k, school, key):
    cp = seals.seal_log(k, school, key)
    [copy] = copies.district_copies(k, school)
    assert (copy.size, copy.root, copy.public_key) == (cp.size, cp.root, cp.public_key) and copy.signature_ok()
    district = seals.seal_log(k, DISTRICT, key)
    path = copies.checkpoint_file(k)
    assert not path.resolve().is_relative_to(k.store_config.instance_path.resolve())
    [line] = copies.file_copies(k)
    assert (line.size, line.root) == (district.size, district.root) and line.signature_ok()


def test_a_write_after_the_interval_makes_the_checkpoint_without_a_worker(app, k, school, key):
    app.config["ZHIBU_SEAL_INTERVAL_SECONDS"] = 0
    register(k, school, "自动封存")
    result = seals.verify_log(k, school, key)
    assert result.ok and result.pending == 0 and result.checked == len(list(
        storedrows.iter_rows(k.stores.log(school))))
    assert copies.district_copies(k, school)[-1].size == result.checked


def test_a_request_after_the_interval_makes_the_checkpoint(app, k, school, key):
    app.config["ZHIBU_SEAL_INTERVAL_SECONDS"] = 3600
    register(k, school, "待封存")
    assert seals.verify_log(k, school, key).pending > 0
    app.config["ZHIBU_SEAL_INTERVAL_SECONDS"] = 0
    response = app.test_client().get("/")
    assert seals.verify_log(k, school, key).pending > 0   # the answer is not held up by the checkpoint:
    response.close()                                      # it is made once the server has sent it
    assert seals.verify_log(k, school, key).pending == 0


def test_a_rotated_key_keeps_the_older_checkpoints_trusted(k, school, key, tmp_path):
    seals.seal_log(k, school, key)
    new = signing.load_key(tmp_path / "new.key")
    with context.acting(context.system("test", source="test")):
        copies.rotate_key(k, key, new)
    register(k, school, "新密钥之后")
    assert seals.seal_log(k, school, new).public_key == signing.public_hex(new)
    assert seals.verify_log(k, school, new).ok
    assert copies.trusted_keys(k, signing.public_hex(new)) == {signing.public_hex(key), signing.public_hex(new)}


def test_seal_status_shows_the_last_checkpoint_and_the_last_verification(k, school, key, raw):
    assert seals.seal_status(k, [school])[school]["state"] == "unsealed"
    seals.seal_log(k, school, key)
    assert seals.seal_status(k, [school])[school]["state"] == "unverified"
    seals.verify_log(k, school, key)
    status = seals.seal_status(k, [school])[school]
    assert status["state"] == "ok" and status["through"] == raw(school).ids()[-1]
    assert status["public_key"] == signing.public_hex(key)
    raw(school).delete(raw(school).ids()[0])
    seals.verify_log(k, school, key)
    assert seals.seal_status(k, [school])[school]["state"] == "broken"


def test_the_command_line_seals_prints_the_public_key_and_counts_events_past_the_checkpoint(
        k, school, key, cli_env):
    runner = CliRunner()
    result = runner.invoke(cli.audit, ["seal"], env=cli_env)
    assert result.exit_code == 0, result.output
    assert f"{school}: checkpoint of" in result.output
    assert runner.invoke(cli.audit, ["public-key"], env=cli_env).output.strip() == signing.public_hex(key)
    register(k, school, "后来者")
    result = runner.invoke(cli.audit, ["verify", "--tenant", school], env=cli_env)
    assert result.exit_code == 0, result.output
    assert signing.public_hex(key) in result.output and "past the last checkpoint" in result.output
    assert " 0 past" not in result.output


def test_the_worker_job_seals_every_log(app, k, school, raw):
    with context.acting(context.system("worker", source="worker")):
        seal_job(k)
    status = seals.seal_status(k, [DISTRICT, school])
    assert status[school]["through"] == raw(school).ids()[-1] and status[DISTRICT]["through"] > 0
    with k.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(checkpoints).where(checkpoints.c.log == school)) == 1
    with k.engine.begin() as conn:
        conn.execute(delete(leaves).where(leaves.c.log == school))
    register(k, school, "x")
    with pytest.raises(seals.SealError):   # nothing is signed over an altered seal record
        seals.seal_log(k, school, seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"]))


def test_the_seal_benchmark_reports_checkpoint_and_verify_rates(tmp_path, database):
    from plugins.audit.bench import seal_rates  # noqa: PLC0415
    rows = seal_rates(tmp_path, database[0], events=200, backend="test")
    assert [r[0].split(" ")[0] for r in rows] == ["checkpoint", "verify"] and all("events/s" in r[2] for r in rows)


def test_the_first_checkpoint_after_an_upgrade_adopts_the_rows_written_before_leaves_were_recorded(k, school, key):
    with k.engine.begin() as conn:     # the school's events as an older release left them: no leaves
        conn.execute(delete(leaves).where(leaves.c.log == school))
    assert seals.verify_log(k, school, key).ok
    register(k, school, "升级之后")
    total = sum(1 for _ in storedrows.iter_rows(k.stores.log(school)))
    assert seals.seal_log(k, school, key).size == total
    result = seals.verify_log(k, school, key)
    assert result.ok and result.checked == total and result.pending == 0
