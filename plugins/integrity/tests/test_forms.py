"""The integrity forms (issue 18, point 5): a refused form shows every problem at once, each beside its
field and in a summary at the top, in Chinese, and keeps what was typed; required fields are marked."""
from __future__ import annotations

import re

from core.testing import field_message

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_a_post_with_several_problems_says_each_beside_its_field_and_keeps_what_was_typed(login_as, tenant):
    client = login_as("secretary", tenant)
    r = client.post(f"/t/{tenant}/integrity/posts/new", data={
        "csrf_token": client.csrf(), "_form": "post_new", "name": "教学先锋岗", "kind": "pioneer",
        "starts_on": "someday", "ends_on": "2020-02-30", "duties": ""})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    for name in ("starts_on", "ends_on", "duties"):
        assert CHINESE.search(field_message(page, name)), name
    assert "请修改以下 3 处后再提交" in page
    assert 'value="教学先锋岗"' in page
    assert re.search(r'<label for="name">[^<]*<abbr class="required"', page)
