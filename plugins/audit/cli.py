"""``zhibu audit seal`` and ``zhibu audit verify [--tenant SLUG]``."""
from __future__ import annotations

import sys
from datetime import timedelta

import click
from flask import current_app

from core.cliutil import with_kernel
from core.eventstore import DISTRICT
from plugins.audit import seals
from plugins.audit.schemas import AuditSettingsSchema


def _key() -> bytes:
    return seals.load_key(current_app.config["ZHIBU_SEAL_KEY_PATH"])


@click.group(help="Audit seals: extend and sign each log's hash chain, and verify it.")
def audit():
    pass


@audit.command("seal", help="Extend every log's running hash over new notifications and sign a checkpoint.")
@click.option("--tenant", default=None, help="Only this school's log (or 'district').")
@with_kernel
def seal(k, tenant):
    logs = [tenant] if tenant else [DISTRICT, *k.tenant_slugs()]
    for log in logs:
        checkpoint = seals.seal_log(k, log, _key())
        if checkpoint:
            click.echo(f"{log}: sealed through notification {checkpoint.last_notification_id} "
                       f"({checkpoint.count} in all), checkpoint #{checkpoint.id}")
        else:
            click.echo(f"{log}: nothing new to seal")


@audit.command("verify", help="Recompute the chains; name the first notification that no longer matches.")
@click.option("--tenant", default=None, help="Only this school's log (or 'district').")
@with_kernel
def verify(k, tenant):
    if tenant and tenant != DISTRICT and tenant not in k.tenant_slugs():
        click.echo(f"error: no school {tenant}", err=True)
        sys.exit(2)
    minutes = AuditSettingsSchema().load(current_app.config.get("ZHIBU_AUDIT_SETTINGS", {}))["backdate_margin_minutes"]
    results = seals.verify_all(k, _key(), [tenant] if tenant else None, margin=timedelta(minutes=minutes))
    for r in results:
        if r.ok:
            click.echo(f"{r.log}: ok — {r.checked} sealed notifications match"
                       + (f", {r.pending} not sealed yet" if r.pending else ""))
        else:
            click.echo(f"{r.log}: MISMATCH at notification {r.first_bad_id}: {r.problem}")
    sys.exit(0 if all(r.ok for r in results) else 1)
