"""``zhibu user …`` and ``zhibu token …``."""
from __future__ import annotations

import click

from core import context
from core.auth import queries, services
from core.cliutil import fail_on_domain_error, with_kernel


@click.group(help="管理用户与角色 (manage users and roles).")
def user():
    pass


@user.command("create", help="Create a user. The password is read from a prompt if not given.")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Display name (姓名).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=False)
@with_kernel
@fail_on_domain_error
def user_create(k, username, display_name, password):
    with context.acting(context.system("cli")):
        services.create_user(k, username, display_name, password)
    click.echo(f"created user {username}")


@user.command("grant", help="Grant ROLE to USERNAME, in school --tenant for school roles.")
@click.argument("username")
@click.argument("role")
@click.option("--tenant", default=None, help="School slug, for school roles.")
@with_kernel
@fail_on_domain_error
def user_grant(k, username, role, tenant):
    with context.acting(context.system("cli")):
        services.grant_role(k, username, role, tenant)
    click.echo(f"granted {role} to {username}" + (f" in {tenant}" if tenant else ""))


@user.command("revoke", help="Revoke ROLE from USERNAME.")
@click.argument("username")
@click.argument("role")
@click.option("--tenant", default=None, help="School slug, for school roles.")
@with_kernel
@fail_on_domain_error
def user_revoke(k, username, role, tenant):
    with context.acting(context.system("cli")):
        services.revoke_role(k, username, role, tenant)
    click.echo(f"revoked {role} from {username}")


def _with_reason(command, k, username: str, reason: str):
    with context.acting(context.system("cli")), context.because(reason.strip()):
        return command(k, username)


@user.command("deactivate", help="Deactivate USERNAME: revoke its API tokens and end its sessions.")
@click.argument("username")
@click.option("--reason", required=True, help="Why (recorded in the district log).")
@with_kernel
@fail_on_domain_error
def user_deactivate(k, username, reason):
    _with_reason(services.deactivate_user, k, username, reason)
    click.echo(f"deactivated {username}")


@user.command("reactivate", help="Reactivate USERNAME.")
@click.argument("username")
@click.option("--reason", required=True, help="Why (recorded in the district log).")
@with_kernel
@fail_on_domain_error
def user_reactivate(k, username, reason):
    _with_reason(services.reactivate_user, k, username, reason)
    click.echo(f"reactivated {username}")


@user.command("unlock", help="Lift every sign-in hold on USERNAME (after repeated wrong passwords).")
@click.argument("username")
@click.option("--reason", required=True, help="Why (recorded in the district log).")
@with_kernel
@fail_on_domain_error
def user_unlock(k, username, reason):
    _with_reason(services.unlock_sign_in, k, username, reason)
    click.echo(f"unlocked sign-in of {username}")


@user.command("list", help="List users and their roles.")
@with_kernel
def user_list(k):
    with k.reading() as conn:
        grants: dict = {}
        for g in queries.list_grants(conn):
            grants.setdefault(g.user_id, []).append(f"{g.role}@{g.tenant}" if g.tenant else g.role)
        for row in queries.list_users(conn):
            state = "" if row.active else "\t(deactivated)"
            click.echo(f"{row.username}\t{row.display_name}\t{' '.join(grants.get(row.id, []))}{state}")


@click.group(help="API 令牌 (API tokens).")
def token():
    pass


@token.command("create", help="Create an API token for USERNAME and print it once.")
@click.argument("username")
@click.option("--label", default="命令行创建", help="What the token is for.")
@with_kernel
@fail_on_domain_error
def token_create(k, username, label):
    with context.acting(context.system("cli")):
        click.echo(services.issue_token(k, username, label))
