"""``zhibu audit seal|verify|verify-export|public-key|rotate-key``."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app

from core.cliutil import fail_on_domain_error, with_kernel
from core.config import instance_path_from_env, seal_key_path
from core.eventstore import DISTRICT
from plugins.audit.rules import exportcheck
from plugins.audit.services import copies, seals, signing


def _key():
    return seals.load_key(current_app.config["ZHIBU_SEAL_KEY_PATH"])


@click.group(help="Audit seals: signed Merkle checkpoints of every log, and their verification.")
def audit():
    pass


@audit.command("seal", help="Sign a checkpoint of every log (or one) over the events stored since the last.")
@click.option("--tenant", default=None, help="Only this school's log (or 'district').")
@click.option("--accept-unrecorded", is_flag=True,
              help="Also seal rows that had no leaf recorded when written (only after inspecting them).")
@with_kernel
def seal(k, tenant, accept_unrecorded):
    logs = [tenant] if tenant else [*k.tenant_slugs(), DISTRICT]
    for log in logs:
        checkpoint = seals.seal_log(k, log, _key(), accept_unrecorded=accept_unrecorded)
        if checkpoint:
            click.echo(f"{log}: checkpoint of {checkpoint.size} events (through notification "
                       f"{checkpoint.last_notification_id}), root {checkpoint.root}")
        else:
            click.echo(f"{log}: nothing new to seal")


@audit.command("verify", help="Check every stored row and snapshot against every copy of the signed checkpoints.")
@click.option("--tenant", default=None, help="Only this school's log (or 'district').")
@with_kernel
def verify(k, tenant):
    if tenant and tenant != DISTRICT and tenant not in k.tenant_slugs():
        click.echo(f"error: no school {tenant}", err=True)
        sys.exit(2)
    click.echo(f"public key: {signing.public_hex(_key())}")
    results = seals.verify_all(k, _key(), [tenant] if tenant else None)
    for r in results:
        if r.ok:
            click.echo(f"{r.log}: ok — {r.checked} events match checkpoint {r.seal_id or 0}"
                       f"{f' (root {r.root[:16]}…)' if r.root else ''}, {r.snapshots} snapshots rebuilt, "
                       f"{r.pending} past the last checkpoint")
        elif r.first_bad_id is not None:
            click.echo(f"{r.log}: MISMATCH at notification {r.first_bad_id}: {r.problem}")
        else:
            click.echo(f"{r.log}: MISMATCH at checkpoint {r.missing_checkpoint}: {r.problem}")
    sys.exit(0 if all(r.ok for r in results) else 1)


@audit.command("verify-export", help="Check an exported JSONL file offline: signature, inclusion proofs.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--public-key", default=None, help="The district's public key (hex); default: the configured key's.")
def verify_export(file, public_key):
    if public_key is None:
        public_key = signing.public_hex(signing.load_key(seal_key_path(instance_path_from_env())))
    problems, checked = exportcheck.check_file(file, public_key)   # a line at a time, whatever its size
    for problem in problems:
        click.echo(f"FAIL: {problem}")
    if not problems:
        click.echo(f"ok — {checked} events proven included in signed checkpoints")
    sys.exit(1 if problems else 0)


@audit.command("consistency", help="Prove (RFC 6962) that the log's checkpoint of NEW events extends that of OLD.")
@click.option("--tenant", required=True, help="The school's log (or 'district').")
@click.argument("old", type=int)
@click.argument("new", type=int)
@with_kernel
def consistency(k, tenant, old, new):
    try:
        proof, ok = seals.consistency(k, tenant, old, new)
    except LookupError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for node in proof:
        click.echo(node.hex())
    click.echo(f"{tenant}: checkpoint {new} {'extends' if ok else 'DOES NOT extend'} checkpoint {old}")
    sys.exit(0 if ok else 1)


@audit.command("public-key", help="Print the public key that verifies the checkpoints.")
@with_kernel
def public_key(k):
    click.echo(signing.public_hex(_key()))


@audit.command("rotate-key", help="Sign from now on with the key at NEW_KEY_PATH (recorded as an event).")
@click.argument("new_key_path", type=click.Path(dir_okay=False, path_type=Path))
@with_kernel
@fail_on_domain_error
def rotate_key(k, new_key_path):
    new = signing.load_key(new_key_path)
    copies.rotate_key(k, _key(), new)
    click.echo(f"rotated to {signing.public_hex(new)}; now point ZHIBU_SIGNING_KEY_PATH at {new_key_path}")
