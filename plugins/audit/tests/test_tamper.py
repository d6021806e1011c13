"""Every tamper an administrator could make directly in the database is caught by ``zhibu audit verify``,
which names the first bad event or the missing checkpoint (issue 16)."""
from __future__ import annotations

import json
from uuid import UUID

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, func, select

from core.eventstore import DISTRICT
from plugins.audit import cli
from plugins.audit.models import checkpoints, leaves
from plugins.audit.services import copies, seals, signing
from plugins.audit.tests.conftest import register


def verify(cli_env, *args):
    result = CliRunner().invoke(cli.audit, ["verify", *args], env=cli_env)
    return result.exit_code, result.output


def assert_named(cli_env, log: str, nid: int, words: str = ""):
    code, output = verify(cli_env)
    assert code == 1, output
    assert f"{log}: MISMATCH at notification {nid}:" in output, output
    assert words in output, output


def assert_missing(cli_env, log: str, size: int, words: str = ""):
    code, output = verify(cli_env)
    assert code == 1, output
    assert f"{log}: MISMATCH at checkpoint {size}:" in output, output
    assert words in output, output


@pytest.fixture
def sealed(k, school, key):
    """The school's log and the district's, both sealed (the district's holding the school's copy)."""
    seals.seal_log(k, school, key)
    seals.seal_log(k, DISTRICT, key)
    return school


def test_an_untouched_district_verifies(sealed, cli_env):
    code, output = verify(cli_env)
    assert code == 0, output
    assert f"{sealed}: ok" in output and f"{DISTRICT}: ok" in output


def test_a_changed_byte_is_named(sealed, raw, cli_env):
    edited = raw(sealed).id_of("Member.Registered", "李娜")
    raw(sealed).edit_state(edited, "李娜".encode(), "李四".encode())
    assert_named(cli_env, sealed, edited, "内容与封存不符")


def test_a_deleted_row_is_named(sealed, raw, cli_env):
    second = raw(sealed).ids()[1]
    raw(sealed).delete(second)
    assert_named(cli_env, sealed, second, "删除")


@pytest.mark.parametrize("at", [0, -5])
def test_a_row_inserted_below_the_first_id_is_named(sealed, raw, cli_env, at):
    latest = raw(sealed).ids()[-1]
    raw(sealed).copy_of(latest, 9000, at=at)     # the copy the issue describes, at id 0 or below
    assert_named(cli_env, sealed, at, "插入")


def test_a_row_inserted_between_ids_is_named(k, school, key, raw, cli_env):
    raw(school).skip_ids(10)
    register(k, school, "跳号之后")
    raw(school).unpark()
    seals.seal_log(k, school, key)
    ids = raw(school).ids()
    gap = next(a + 1 for a, b in zip(ids, ids[1:]) if b - a > 1)
    raw(school).copy_of(ids[0], 77, at=gap)
    assert_named(cli_env, school, gap, "插入")


def test_a_row_inserted_at_the_end_is_named_and_never_sealed(sealed, raw, cli_env, key, k):
    raw(sealed).copy_of(raw(sealed).ids()[-1], 9000)
    inserted = raw(sealed).ids()[-1]
    assert_named(cli_env, sealed, inserted, "直接插入")
    register(k, sealed, "之后的写入")
    seals.seal_log(k, sealed, key)     # the routine checkpoint stops before the forged row
    assert_named(cli_env, sealed, inserted, "直接插入")
    result = CliRunner().invoke(cli.audit, ["seal", "--tenant", sealed, "--accept-unrecorded"], env=cli_env)
    assert result.exit_code == 0, result.output   # accepted after inspection: sealed from now on
    assert f"{sealed}: ok" in verify(cli_env)[1]


def test_two_swapped_rows_are_named_at_the_first_of_them(sealed, raw, cli_env):
    ids = raw(sealed).ids()
    raw(sealed).swap(ids[0], ids[2])
    assert_named(cli_env, sealed, ids[0])


def test_an_edited_snapshot_is_named_by_the_event_it_stands_for(k, school, key, raw, cli_env):
    member = UUID(str(raw(school).row(raw(school).id_of("Member.Registered", "张伟"))[0]))
    k.stores.log(school).take_snapshot(member)
    seals.seal_log(k, school, key)
    code, output = verify(cli_env)
    assert code == 0 and "1 snapshots rebuilt" in output, output
    raw(school).edit_snapshot("张伟".encode(), "张三".encode())
    assert_named(cli_env, school, raw(school).id_of("Member.Registered", "张伟"), "快照")


def test_deleted_seal_rows_of_a_school_are_caught_from_the_district_copy(k, sealed, cli_env):
    with k.engine.begin() as conn:
        size = conn.scalar(select(func.max(checkpoints.c.size)).where(checkpoints.c.log == sealed))
        conn.execute(delete(checkpoints).where(checkpoints.c.log == sealed))
        conn.execute(delete(leaves).where(leaves.c.log == sealed))
    assert_missing(cli_env, sealed, size, "区级日志")


def test_deleted_seal_rows_of_the_district_are_caught_from_the_checkpoint_file(k, sealed, cli_env):
    with k.engine.begin() as conn:
        size = conn.scalar(select(func.max(checkpoints.c.size)).where(checkpoints.c.log == DISTRICT))
        conn.execute(delete(checkpoints).where(checkpoints.c.log == DISTRICT))
    assert_missing(cli_env, DISTRICT, size, "检查点文件")


def test_a_rolled_back_checkpoint_is_caught_and_rolled_back_events_are_named(k, sealed, key, raw, cli_env):
    first = raw(sealed).ids()
    register(k, sealed, "回滚对象")
    newer = seals.seal_log(k, sealed, key)
    with k.engine.begin() as conn:   # the newest checkpoint only
        conn.execute(delete(checkpoints).where(checkpoints.c.log == sealed, checkpoints.c.size == newer.size))
    assert_missing(cli_env, sealed, newer.size, "回滚")
    for nid in raw(sealed).ids()[len(first):]:   # and the events it covered: the database restored to before
        raw(sealed).delete(nid)
    assert_named(cli_env, sealed, newer.last_notification_id - (newer.size - len(first)) + 1, "删除")


def test_the_district_log_rolled_back_with_its_seal_rows_is_caught_from_the_file(k, sealed, key, raw, cli_env):
    with k.engine.begin() as conn:
        conn.execute(delete(checkpoints).where(checkpoints.c.log == DISTRICT))
        conn.execute(delete(leaves).where(leaves.c.log == DISTRICT))
    last = raw(DISTRICT).ids()[-1]
    raw(DISTRICT).delete(last)
    assert_named(cli_env, DISTRICT, last, "删除")


def test_a_log_re_sealed_with_another_key_is_caught(k, sealed, raw, cli_env, tmp_path):
    edited = raw(sealed).id_of("Member.Registered", "李娜")
    raw(sealed).edit_state(edited, "李娜".encode(), "李四".encode())
    with k.engine.begin() as conn:
        conn.execute(delete(checkpoints).where(checkpoints.c.log == sealed))
        conn.execute(delete(leaves).where(leaves.c.log == sealed))
    forged = signing.load_key(tmp_path / "forger.key")
    size = seals.seal_log(k, sealed, forged).size
    assert_missing(cli_env, sealed, size, "未知密钥")


def test_an_edit_after_the_last_checkpoint_is_named_once_the_next_automatic_checkpoint_ran(
        app, k, sealed, key, raw, cli_env):
    app.config["ZHIBU_SEAL_INTERVAL_SECONDS"] = 3600
    register(k, sealed, "封存窗口内")
    edited = raw(sealed).id_of("Member.Registered", "封存窗口内")
    raw(sealed).edit_state(edited, "封存窗口内".encode(), "窗口内改名".encode())
    assert_named(cli_env, sealed, edited, "下一个检查点之前被改动")
    app.config["ZHIBU_SEAL_INTERVAL_SECONDS"] = 0
    app.test_client().get("/").close()      # the next automatic checkpoint, once the answer has gone
    assert copies.district_copies(k, sealed)[-1].size == len(raw(sealed).ids())
    assert_named(cli_env, sealed, edited, "内容与封存不符")


def test_a_forged_checkpoint_file_line_is_caught(k, sealed, cli_env):
    path = copies.checkpoint_file(k)
    line = json.loads(path.read_text().splitlines()[-1])
    path.write_text(path.read_text() + json.dumps({**line, "size": line["size"] + 5}) + "\n")
    assert_missing(cli_env, DISTRICT, line["size"] + 5, "签名无效")
