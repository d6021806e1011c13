"""A long select can be searched (the console's school filter at 2,000 schools): core/static/zhibu.js,
run by Node.js in a bare page (tests/js/search_select.mjs), shows the data-search box only with script
and narrows the select's options to those whose words contain what is typed, keeping "all" and the
chosen one; the console shows the box above a long list only.

Skipped where Node.js is not installed (as tests/test_confirm_script.py)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
SCHOOLS = ["全部（我的范围）", "第一中学", "第二中学", "实验小学", "Nanshan Middle School", "第一实验小学"]


def run(tmp_path, chosen, typed) -> dict:
    if NODE is None:
        pytest.skip("Node.js (node) is not installed: the search script's test needs it")
    (tmp_path / "case.json").write_text(json.dumps({"options": SCHOOLS, "chosen": chosen, "typed": typed}),
                                        encoding="utf-8")
    done = subprocess.run([NODE, str(ROOT / "tests/js/search_select.mjs"), str(ROOT / "core/static/zhibu.js"),
                           str(tmp_path / "case.json")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_typing_narrows_the_options_and_clearing_puts_them_back_in_order(tmp_path):
    seen = run(tmp_path, None, ["第一", "实验", "nanshan", "无此校", "  ", ""])
    assert seen["shown"] is True
    assert seen["steps"] == [
        ["全部（我的范围）", "第一中学", "第一实验小学"],
        ["全部（我的范围）", "实验小学", "第一实验小学"],
        ["全部（我的范围）", "Nanshan Middle School"],
        ["全部（我的范围）"],
        SCHOOLS,
        SCHOOLS,
    ]


def test_the_chosen_school_stays_whatever_is_typed(tmp_path):
    seen = run(tmp_path, 2, ["实验", "第一"])
    assert seen["steps"] == [["全部（我的范围）", "第二中学", "实验小学", "第一实验小学"],
                             ["全部（我的范围）", "第一中学", "第二中学", "第一实验小学"]]


def test_the_console_offers_the_search_above_a_long_list_of_schools_only(k, make_tenant, login_as):
    admin = login_as("district_admin")
    box = re.compile(r'<input type="search"[^>]*data-search="school"[^>]*hidden>')
    for i in range(3):
        make_tenant(f"school-{i:02d}", f"第{i}中学")
    assert not box.search(admin.get("/audit/").get_data(as_text=True))
    for i in range(3, 14):
        make_tenant(f"school-{i:02d}", f"第{i}中学")
    page = admin.get("/audit/").get_data(as_text=True)
    assert box.search(page) and 'aria-label="查找学校"' in page
    assert page.index('data-search="school"') < page.index('<select id="school" name="school">')
