"""`make run` says what it does (issue 18.6), and `make test` runs the browser journeys once (18.7).

Read from `make -n` with a virtual environment that does not exist yet, as on a fresh clone: every step
that takes a while is printed, nothing is run.
"""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LONG_STEPS = {   # a step that takes more than a moment on a fresh clone, as its command reads
    "the virtual environment": re.compile(r"-m venv "),
    "pip itself": re.compile(r"-m pip install .*--upgrade pip"),
    "Zhibu's libraries": re.compile(r"-m pip install .*-e "),
    "the translations": re.compile(r"pybabel compile"),
    "the demo district": re.compile(r"zhibu demo"),
    "the server": re.compile(r"gunicorn "),
}
ANNOUNCED = re.compile(r'echo "== ')

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(target: str, tmp_path) -> list[str]:
    """The recipe lines `make -n target` would run on a fresh clone, continuation lines joined."""
    out = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'fresh-venv'}"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    return [line.strip() for line in re.sub(r"\\\n\s*", " ", out).splitlines() if line.strip()]


def test_make_run_announces_every_long_step_before_it_starts(tmp_path):
    lines = dry_run("run", tmp_path)
    for step, command in LONG_STEPS.items():
        at = [i for i, line in enumerate(lines) if command.search(line)]
        assert len(at) == 1, f"{step}: expected one command matching {command.pattern!r} in {lines}"
        line = lines[at[0]]
        said_on_the_line = (m := ANNOUNCED.search(line)) is not None and m.start() < command.search(line).start()
        said_just_before = at[0] > 0 and lines[at[0] - 1].startswith('echo "== ')
        assert said_on_the_line or said_just_before, f"{step} starts unannounced: {line!r}"


def test_make_run_shows_pips_progress_and_the_request_log(tmp_path):
    lines = dry_run("run", tmp_path)
    install = next(line for line in lines if LONG_STEPS["Zhibu's libraries"].search(line))
    assert "--progress-bar on" in install and "--quiet" not in install
    server = next(line for line in lines if LONG_STEPS["the server"].search(line))
    assert "--access-logfile -" in server


def test_make_test_runs_the_browser_journeys_once(tmp_path):
    lines = dry_run("test", tmp_path)
    commands = [part.strip() for line in lines for part in re.split(r"&&|;|\bthen\b", line)]
    suites = [command for command in commands if "-m pytest" in command]
    journeys = [line for line in suites if re.search(r"-m browser\b", line)]
    assert len(journeys) == 1 and "tests/browser" in journeys[0] and "-n " not in journeys[0], suites
    assert "ZHIBU_TEST_DATABASE_URL" not in journeys[0]   # on SQLite
    whole = [line for line in suites if line not in journeys and "-m api" not in line]
    assert whole and all('-m "not browser"' in line for line in whole), whole
    announced = commands.index(journeys[0]) - 1
    assert commands[announced].startswith('echo "== browser journeys')
