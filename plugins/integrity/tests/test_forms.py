"""The integrity forms (issue 18, point 5): a refused form shows every problem at once, each beside its
field and in a summary at the top, in Chinese, and keeps what was typed; required fields are marked."""
from __future__ import annotations

import re
from datetime import date

from core import context
from core.testing import field_message
from plugins.integrity import queries, services
from plugins.integrity.tests.test_views import story  # noqa: F401  (the fixture)

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
    assert 'value="教学先锋岗"' in page and 'value="someday"' in page
    assert re.search(r'value="pioneer"\s*selected', page)                # the chosen kind stays chosen
    assert re.search(r'<label for="name">[^<]*<abbr class="required"', page)


def test_a_commitment_item_refused_is_shown_in_its_own_form_only(k, tenant, login_as, story):  # noqa: F811
    """Each item of a letter has forms of its own: a refusal of one item's progress is shown beside the
    fields of that item's form, with what was typed, and not in the other item's."""
    with context.acting(context.system("test", source="test")):
        other = services.add_commitment_item(k, tenant, story["letter"], "service", "家访", "10 户", date(2026, 6, 30))
        services.accept_item(k, tenant, story["letter"], other)
    letter, item = story["letter"], story["item"]
    client = login_as("secretary", tenant)
    version = queries.get_commitment(k, tenant, letter).version
    r = client.post(f"/t/{tenant}/integrity/commitments/{letter}/items/{item}/progress", data={
        "csrf_token": client.csrf(), "_form": f"item_progress-{item}", "expected_version": version,
        "on": "yesterday", "text": ""})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    mine = re.search(rf'/items/{item}/progress".*?</form>', page, re.S).group(0)
    theirs = re.search(rf'/items/{other}/progress".*?</form>', page, re.S).group(0)
    assert CHINESE.search(field_message(mine, "on")) and CHINESE.search(field_message(mine, "text"))
    assert 'value="yesterday"' in mine
    assert "field-error" not in theirs and 'value="yesterday"' not in theirs
