"""An export of events carries its checkpoints, inclusion proofs and a signature, and is checked offline."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from click.testing import CliRunner

from plugins.audit import cli
from plugins.audit.queries.history import Criteria
from plugins.audit.rules import exportcheck
from plugins.audit.services import exports, signing
from plugins.audit.tests.conftest import register


def exported(k, school, key) -> bytes:
    body, _mime, ext, summary = exports.export(k, Criteria(school=school), "jsonl", key, limit=1000)
    assert ext == "jsonl" and summary["seals"][school]["ok"]
    return body


def test_an_export_proves_every_event_and_fails_when_any_byte_changes(k, school, key):
    register(k, school, "导出之前")      # unsealed until the export seals it
    body = exported(k, school, key)
    lines = [json.loads(line) for line in body.splitlines()]
    events = [line for line in lines if line["type"] == "event"]
    assert events and all(line["proof"] and line["proof"]["path"] is not None for line in events)
    assert lines[0]["checkpoints"][school]["public_key"] == signing.public_hex(key)
    problems, proven = exportcheck.check(body, signing.public_hex(key))
    assert problems == [] and proven == len(events)
    for position in (10, len(body) // 2, len(body) - 20):
        changed = bytearray(body)
        changed[position] ^= 0x01
        assert exportcheck.check(bytes(changed), signing.public_hex(key))[0], position
    other = signing.load_key(k.store_config.instance_path.parent / "other.key")
    assert exportcheck.check(body, signing.public_hex(other))[0]


def test_a_forged_proof_fails_even_in_a_re_signed_file(k, school, key):
    """The inclusion proofs hold on their own: re-signing an edited file with the same key (an insider
    with the key) still cannot make a changed event's proof pass."""
    lines = [json.loads(line) for line in exported(k, school, key).splitlines()][:-1]
    event = next(line for line in lines if line["type"] == "event")
    event["proof"]["state_sha256"] = "00" * 32
    from plugins.audit.queries import proofs  # noqa: PLC0415
    problems, _ = exportcheck.check(proofs.signed_jsonl(lines, key), signing.public_hex(key))
    assert any("inclusion proof fails" in p for p in problems)


def test_verify_export_on_the_command_line_and_the_stand_alone_script(k, school, key, tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(exported(k, school, key))
    public = signing.public_hex(key)
    result = CliRunner().invoke(cli.audit, ["verify-export", str(path), "--public-key", public])
    assert result.exit_code == 0 and "ok" in result.output, result.output
    script = tmp_path / "alone" / "exportcheck.py"      # copied away from Zhibu: stdlib + cryptography only
    script.parent.mkdir()
    shutil.copy(exportcheck.__file__, script)
    run = subprocess.run([sys.executable, "-I", str(script), str(path), public], capture_output=True, text=True,
                         cwd=script.parent, check=False)
    assert run.returncode == 0 and "ok" in run.stdout, run.stdout + run.stderr
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(cli.audit, ["verify-export", str(path), "--public-key", public])
    assert result.exit_code == 1 and "FAIL" in result.output
    run = subprocess.run([sys.executable, "-I", str(script), str(path), public], capture_output=True, text=True,
                         cwd=script.parent, check=False)
    assert run.returncode == 1
