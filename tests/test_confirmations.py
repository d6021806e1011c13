"""Irreversible actions carry a confirmation (issue 18.4): the pages mark their buttons with
data-confirm, which core/static/zhibu.js asks (tests/test_confirm_script.py); the server never depends
on it, so a post without any script still does what it says."""
from __future__ import annotations

import re


def test_disabling_a_module_asks_first_and_enabling_does_not(login_as, make_tenant):
    slug = make_tenant("school-a", "第一中学", plugins=["dues"])
    admin = login_as("district_admin")
    page = admin.get(f"/district/schools/{slug}").get_data(as_text=True)
    disable = re.findall(r'<button[^>]*>停用</button>', page)
    enable = re.findall(r'<button[^>]*>启用</button>', page)
    assert disable and all('data-confirm="停用后本校不能再使用该模块' in b for b in disable)
    assert enable and not any("data-confirm" in b for b in enable)
    # without script the form still posts: the confirmation is a guard of the page, not of the server
    r = admin.post(f"/district/schools/{slug}", data={"action": "disable", "plugin": "dues", "csrf_token": admin.csrf()})
    assert r.status_code in (200, 302)
    assert not re.findall(r'<button[^>]*>停用</button>', admin.get(f"/district/schools/{slug}").get_data(as_text=True))


def test_deactivating_a_user_asks_first(login_as, make_user):
    make_user()
    page = login_as("district_admin").get("/district/users").get_data(as_text=True)
    buttons = re.findall(r'<button[^>]*>停用</button>', page)
    assert buttons and all('data-confirm="停用后该用户不能再登录' in b for b in buttons)
