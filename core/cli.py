"""The ``zhibu`` command line. Plugins add commands through ``zhibu_cli_commands``."""
from __future__ import annotations

import logging
import os
import random
import signal
import sys
import time

import click

from core import summaries
from core.cliutil import with_kernel
from core.eventstore import DISTRICT
from core.plugins import Registry, flatten
from core.worker import run_round


@click.group(help="Zhibu (支部)：学校党支部工作记录系统的命令行。")
def cli():
    pass


@cli.command(help="Create the read-model tables and the district log (the explicit init step).")
@with_kernel
def init(k):
    k.init_storage()
    click.echo(f"initialised store at {k.store_config.database_url or k.store_config.instance_path}")


@cli.command(help="Create the demo district (3 schools, accounts, months of activity) if the store is empty.")
@click.option("--force", is_flag=True, help="Create it even if schools exist already.")
@with_kernel
def demo(k, force):
    from core.demo import create_demo  # noqa: PLC0415  (heavy; only this command needs it)
    k.init_storage()
    if k.tenant_slugs() and not force:
        click.echo("store already has schools; demo not created (use --force to add it anyway)")
        return
    summary = create_demo(k, progress=lambda msg: click.echo(msg))
    click.echo(summary)


@cli.command(help="Run projections and periodic jobs until stopped; several may run beside each other on "
                  "PostgreSQL, sharing the logs (each log caught up by one at a time).")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Catch up once and exit.")
@with_kernel
def worker(k, interval, once):
    stop = {"flag": False}

    def _stop(*_):
        stop["flag"] = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    jobs = flatten(k.registry.hook.zhibu_worker_jobs())
    rng = random.Random()
    click.echo(f"worker {os.getpid()} started")
    while not stop["flag"]:
        applied = run_round(k, jobs, interval, rng, stop=lambda: stop["flag"])
        k.reading.release()   # one read connection per round, not one held while the worker sleeps
        if applied:
            click.echo(f"applied {applied} notifications")
        if once:
            return
        time.sleep(interval)


@cli.group(help="Read models (projections).")
def projections():
    pass


@projections.command("rebuild", help="Replay every log from zero into the read models.")
@click.option("--tenant", default=None, help="Only this school's log.")
@click.option("--projection", "only", multiple=True,
              help="Only this projection (repeatable), e.g. after its plugin changed its tables.")
@with_kernel
def projections_rebuild(k, tenant, only):
    names = [tenant] if tenant else [DISTRICT, *k.tenant_slugs()]
    if tenant and tenant not in k.tenant_slugs():
        click.echo(f"error: no school {tenant}", err=True)
        sys.exit(1)
    unknown = sorted(set(only) - {p.name for p in k.projections})
    if unknown:
        click.echo(f"error: no projection {', '.join(unknown)} (known: "
                   f"{', '.join(sorted(p.name for p in k.projections))})", err=True)
        sys.exit(1)
    with click.progressbar(names, label="rebuilding", show_pos=True) as bar:
        total = 0
        for name in bar:
            total += k.projector.rebuild(name, only=set(only) or None)
    click.echo(f"replayed {total} notifications from {len(names)} logs")
    if not tenant and not only:
        click.echo(f"recomputed {summaries.rebuild(k)} district summaries")   # core.summaries
    stopped = [s for s in k.projector.states(names) if s.stopped_at is not None and (not only or s.projection in only)]
    for s in stopped:
        click.echo(f"error: projection {s.projection} of log {s.log} stopped again at event {s.stopped_at} "
                   f"({s.topic}): {s.error}", err=True)
    if stopped:
        sys.exit(1)


@projections.command("status", help="Each projection's position, lag and any event it stopped at "
                                     "(exit 1 when one is stopped).")
@click.option("--tenant", default=None, help="Only this school's log.")
@with_kernel
def projections_status(k, tenant):
    if tenant and tenant not in k.tenant_slugs():
        click.echo(f"error: no school {tenant}", err=True)
        sys.exit(1)
    states = k.projector.states([tenant] if tenant else [DISTRICT, *k.tenant_slugs()])
    click.echo(f"{'log':<20} {'projection':<28} {'position':>9} {'lag':>7}  state")
    for s in states:
        state = "ok" if s.stopped_at is None else f"STOPPED at event {s.stopped_at} ({s.topic}): {s.error}"
        click.echo(f"{s.log:<20} {s.projection:<28} {s.position:>9} {s.lag:>7}  {state}")
    stopped = [s for s in states if s.stopped_at is not None]
    if stopped:
        click.echo(f"{len(stopped)} projection(s) stopped; after the fix, replay each with "
                   "`zhibu projections rebuild --tenant LOG --projection NAME`", err=True)
        sys.exit(1)


def _attach_plugin_commands() -> None:
    for command in flatten(Registry().hook.zhibu_cli_commands()):
        if command.name not in cli.commands:
            cli.add_command(command)


def main() -> None:
    _attach_plugin_commands()
    cli(prog_name="zhibu")
