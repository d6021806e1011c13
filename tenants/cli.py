"""``zhibu tenant …`` and ``zhibu plugin …``."""
from __future__ import annotations

import click

from core import context
from core.cliutil import fail_on_domain_error, with_kernel
from core.tenancy import queries
from tenants import services


@click.group(help="管理学校 (manage schools, the tenants).")
def tenant():
    pass


@tenant.command("create", help="Create school SLUG named NAME, with every optional plugin enabled "
                               "unless --plugin is given.")
@click.argument("slug")
@click.argument("name")
@click.option("--plugin", "plugins", multiple=True, help="Enable only these plugins (repeatable).")
@with_kernel
@fail_on_domain_error
def tenant_create(k, slug, name, plugins):
    unknown = [p for p in plugins if p not in k.registry.optional()]
    if unknown:
        raise click.BadParameter(f"unknown plugin(s): {', '.join(unknown)}; "
                                 f"available: {', '.join(k.registry.optional())}")
    with context.acting(context.system("cli")):
        services.create_school(k, slug, name, plugins=list(plugins) or k.registry.optional())
    click.echo(f"created school {slug} ({name})")


@tenant.command("list", help="List schools and their enabled plugins.")
@with_kernel
def tenant_list(k):
    with k.reading() as conn:
        for row in queries.list_schools(conn):
            enabled = sorted(k.enabled_plugins(row.slug))
            click.echo(f"{row.slug}\t{row.name}\t{','.join(enabled)}")


@click.group(help="启用或停用学校的模块 (enable or disable a plugin for a school).")
def plugin():
    pass


def _parse_settings(pairs) -> dict:
    settings = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"setting {pair!r} must look like key=value")
        key, value = pair.split("=", 1)
        settings[key.strip()] = value.strip()
    return settings


@plugin.command("enable", help="Enable PLUGIN for school SLUG.")
@click.argument("slug")
@click.argument("name")
@click.option("--set", "pairs", multiple=True, help="A setting, key=value (repeatable).")
@with_kernel
@fail_on_domain_error
def plugin_enable(k, slug, name, pairs):
    with context.acting(context.system("cli")):
        services.enable_plugin(k, slug, name, _parse_settings(pairs))
    click.echo(f"enabled {name} for {slug}")


@plugin.command("disable", help="Disable PLUGIN for school SLUG.")
@click.argument("slug")
@click.argument("name")
@with_kernel
@fail_on_domain_error
def plugin_disable(k, slug, name):
    with context.acting(context.system("cli")):
        services.disable_plugin(k, slug, name)
    click.echo(f"disabled {name} for {slug}")


@plugin.command("configure", help="Replace PLUGIN's settings for school SLUG.")
@click.argument("slug")
@click.argument("name")
@click.option("--set", "pairs", multiple=True, help="A setting, key=value (repeatable).")
@with_kernel
@fail_on_domain_error
def plugin_configure(k, slug, name, pairs):
    with context.acting(context.system("cli")):
        services.configure_plugin(k, slug, name, _parse_settings(pairs))
    click.echo(f"configured {name} for {slug}")


@plugin.command("list", help="List the plugins this installation has.")
@with_kernel
def plugin_list(k):
    for name, info in k.registry.infos.items():
        click.echo(f"{name}\t{info.title}\t{'always on' if info.always_on else 'optional'}")
