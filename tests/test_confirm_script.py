"""Irreversible actions ask first (issue 18.4): core/static/zhibu.js, run by Node.js in a bare page
(tests/js/confirm.mjs), asks the data-confirm question on a click or a submit and stops the action
when the answer is no. The Content-Security-Policy forbids inline script, so this one script is the
only place the question is asked; the server never depends on it.

Skipped where Node.js is not installed (as tests/test_download_progress.py)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js (node) is not installed: the confirm script's "
                                                     "test needs it")


def run(tmp_path, spec: dict) -> dict:
    (tmp_path / "case.json").write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run([NODE, str(ROOT / "tests/js/confirm.mjs"), str(ROOT / "core/static/zhibu.js"),
                           str(tmp_path / "case.json")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_refused_confirmation_prevents_the_click_and_the_submit(tmp_path):
    question = "定稿后不能修改，只能添加补充说明。确定定稿并锁定？"
    seen = run(tmp_path, {"steps": [
        {"event": "click", "on": "button", "confirm": question, "answer": False},
        {"event": "submit", "on": "form", "confirm": question, "answer": False},
    ]})
    assert seen["steps"] == [{"prevented": True, "asked": [question]}, {"prevented": True, "asked": [question]}]


def test_an_accepted_confirmation_lets_the_action_go_and_an_unmarked_one_asks_nothing(tmp_path):
    seen = run(tmp_path, {"steps": [
        {"event": "click", "on": "button", "confirm": "确定停用？", "answer": True},
        {"event": "submit", "on": "form", "confirm": "确定停用？", "answer": True},
        {"event": "submit", "on": "form", "confirm": None, "answer": False},
    ]})
    assert seen["steps"] == [{"prevented": False, "asked": ["确定停用？"]},
                             {"prevented": False, "asked": ["确定停用？"]},
                             {"prevented": False, "asked": []}]


def test_a_filtered_select_shows_only_the_options_of_the_chosen_value(tmp_path):
    seen = run(tmp_path, {"steps": [], "filter": {"value": "committee",
                                                  "options": [None, "committee congress", "congress"]}})
    assert seen["shown"] == [{"hidden": False, "disabled": False, "selected": True},
                             {"hidden": False, "disabled": False, "selected": True},
                             {"hidden": True, "disabled": True, "selected": False}]
