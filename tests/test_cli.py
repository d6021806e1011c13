"""The zhibu command line: every command has --help; bad arguments exit non-zero with a sentence."""
import pytest
from click.testing import CliRunner

from core.cli import _attach_plugin_commands, cli


@pytest.fixture
def run(tmp_path, database):
    url, schema = database
    env = {"ZHIBU_INSTANCE_PATH": str(tmp_path / "cli-instance"), "ZHIBU_DATABASE_URL": url or "",
           "ZHIBU_DATABASE_SCHEMA": schema, "ZHIBU_SECRET_KEY": "cli-test"}
    _attach_plugin_commands()
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), env=env, input=input, catch_exceptions=False)
    invoke("init")
    return invoke


def all_commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from all_commands(command, (*prefix, name))


def test_every_command_has_help():
    _attach_plugin_commands()
    runner = CliRunner()
    commands = list(all_commands(cli))
    assert {("init",), ("demo",), ("worker",), ("projections", "rebuild"), ("tenant", "create"),
            ("tenant", "list"), ("plugin", "enable"), ("plugin", "disable"), ("user", "create"),
            ("user", "grant"), ("user", "revoke"), ("token", "create")} <= set(commands)
    for path in commands:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, path


def test_schools_users_roles_and_tokens_from_the_command_line(run):
    assert run("tenant", "create", "no1", "第一中学").exit_code == 0
    assert "no1\t第一中学" in run("tenant", "list").output
    assert run("plugin", "disable", "no1", "dues").exit_code == 0
    assert "dues" not in run("tenant", "list").output.split("\t")[-1]
    assert run("plugin", "enable", "no1", "dues").exit_code == 0
    assert run("user", "create", "alice", "--name", "爱丽丝", "--password", "long-password").exit_code == 0
    assert run("user", "grant", "alice", "secretary", "--tenant", "no1").exit_code == 0
    assert "secretary@no1" in run("user", "list").output
    token = run("token", "create", "alice").output.strip()
    assert token.startswith("zb_") and len(token) > 30
    assert run("user", "revoke", "alice", "secretary", "--tenant", "no1").exit_code == 0
    assert run("projections", "rebuild").exit_code == 0
    rebuilt = run("projections", "rebuild", "--tenant", "no1", "--projection", "members.roster")
    assert rebuilt.exit_code == 0 and "from 1 logs" in rebuilt.output
    assert run("worker", "--once").exit_code == 0


@pytest.mark.parametrize("args, sentence", [
    (("tenant", "create", "Bad Slug", "坏代码"), "学校代码"),
    (("tenant", "create", "ok1", "学校", "--plugin", "nosuch"), "unknown plugin"),
    (("plugin", "enable", "nosuch", "dues"), "not found"),
    (("user", "grant", "nobody", "secretary", "--tenant", "x1"), "没有这个学校"),
    (("user", "create", "bob", "--name", "鲍勃", "--password", "short"), "密码至少"),
    (("user", "grant", "admin2", "emperor"), "未知角色"),
    (("projections", "rebuild", "--tenant", "nosuch"), "no school"),
    (("projections", "rebuild", "--projection", "nosuch"), "no projection nosuch"),
])
def test_bad_arguments_exit_non_zero_with_a_sentence(run, args, sentence):
    result = run(*args)
    assert result.exit_code != 0
    assert sentence in result.output


def test_demo_creates_the_district_once(run):
    first = run("demo")
    assert first.exit_code == 0 and "zhibu-demo" in first.output
    assert "admin" in first.output and "no1-secretary" in first.output
    second = run("demo")
    assert "already" in second.output
