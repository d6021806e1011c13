"""Account links (账号关联): which login account is which member of a school."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from core import context
from core.errors import ConflictError
from plugins.members import describe, public, queries, services
from plugins.members.domain import AccountLink, MemberError
from plugins.members.models import accounts
from plugins.members.tests.conftest import person


def members_url(tenant, path=""):
    return f"/t/{tenant}/members{path}"


def api_url(tenant, path=""):
    return f"/api/v1/t/{tenant}/members{path}"


# -- domain ----------------------------------------------------------------------------------------
def test_an_account_links_once_and_moves_only_when_asked():
    link = AccountLink(tenant="s1", username="wang")
    link.link("m1", "王芳")
    with pytest.raises(MemberError) as exc:
        link.link("m1", "王芳")
    assert exc.value.field == "username"
    with pytest.raises(MemberError, match="已关联另一名党员"):
        link.link("m2", "李强")
    link.link("m2", "李强", relink=True)
    link.unlink("李强")
    with pytest.raises(MemberError, match="没有关联党员"):
        link.unlink("李强")
    events = link.collect_events()
    assert [type(e).__name__ for e in events] == ["Started", "Linked", "Linked", "Unlinked"]
    assert events[2].before == "m1" and events[2].member_id == "m2"
    assert link.id == AccountLink.create_id("s1", "wang") != AccountLink.create_id("s2", "wang")


def test_every_link_event_has_a_sentence():
    link = AccountLink(tenant="s1", username="wang")
    link.link("m1", "王芳")
    link.link("m2", "李强", relink=True)
    link.unlink("李强")
    sentences = [describe.describe(e) for e in link.collect_events()]
    assert all(sentences)
    assert "wang" in sentences[1] and "王芳" in sentences[1]
    assert "原关联" in sentences[2] and "解除" in sentences[3] and "李强" in sentences[3]


# -- services --------------------------------------------------------------------------------------
def test_story_of_a_secretary_linking_accounts(k, tenant, actor, register, make_user):
    """The secretary links Wang's account; Wang's account later moves to Li only when asked, and is
    finally unlinked. The registry answers both ways at every step."""
    wang, li = register("王芳"), register("李强")
    account = make_user("member", tenant)
    assert public.member_for_user(k, tenant, account) is None
    public.link_account(k, tenant, account, wang.id)
    assert public.member_for_user(k, tenant, account) == wang.id
    assert public.user_for_member(k, tenant, wang.id) == account
    with pytest.raises(MemberError, match="已关联另一名党员"):
        services.link_account(k, tenant, account, li.id)
    services.link_account(k, tenant, account, li.id, relink=True)
    assert public.member_for_user(k, tenant, account) == li.id
    assert public.user_for_member(k, tenant, wang.id) is None
    services.unlink_account(k, tenant, account)
    assert public.member_for_user(k, tenant, account) is None
    assert public.user_for_member(k, tenant, li.id) is None
    services.link_account(k, tenant, account.upper(), wang.id)   # usernames are lower case
    assert public.member_for_user(k, tenant, account) == wang.id


def test_refusals(k, tenant, other_tenant, actor, register, make_user):
    wang, li = register("王芳"), register("李强")
    one, two = make_user("member", tenant), make_user("member", tenant)
    with pytest.raises(MemberError, match="没有用户名为") as exc:
        services.link_account(k, tenant, "nobody-here", wang.id)
    assert exc.value.field == "username"
    with pytest.raises(MemberError, match="请填写") as exc:
        services.link_account(k, tenant, "  ", wang.id)
    with pytest.raises(MemberError, match="本支部没有这名党员") as exc:
        services.link_account(k, tenant, one, li.id.__class__(int=1))
    assert exc.value.field == "member_id"
    services.link_account(k, tenant, one, wang.id)
    with pytest.raises(MemberError, match="已关联账号") as exc:   # a member has one account
        services.link_account(k, tenant, two, wang.id, relink=True)
    assert exc.value.field == "member_id"
    with pytest.raises(MemberError, match="没有关联党员"):
        services.unlink_account(k, tenant, two)
    with pytest.raises(ConflictError):
        services.unlink_account(k, tenant, one, expected_version=1)
    with context.acting(context.system("t")):
        stranger = services.register_member(k, other_tenant, person("别校党员", seq=9), status="full")
    with pytest.raises(MemberError, match="本支部没有这名党员"):   # another school's member
        services.link_account(k, tenant, two, stranger.id)


def test_links_are_per_school(k, tenant, other_tenant, actor, register, make_user):
    wang = register("王芳")
    account = make_user("member", tenant)
    services.link_account(k, tenant, account, wang.id)
    with context.acting(context.system("t")):
        stranger = services.register_member(k, other_tenant, person("别校党员", seq=9), status="full")
        services.link_account(k, other_tenant, account, stranger.id)
    assert public.member_for_user(k, tenant, account) == wang.id
    assert public.member_for_user(k, other_tenant, account) == stranger.id
    assert public.user_for_member(k, other_tenant, wang.id) is None


def test_rebuild_of_links_equals_incremental(k, tenant, actor, register, make_user):
    wang, li = register("王芳"), register("李强")
    one, two = make_user("member", tenant), make_user("member", tenant)
    services.link_account(k, tenant, one, wang.id)
    services.link_account(k, tenant, two, li.id)
    services.unlink_account(k, tenant, two)
    services.link_account(k, tenant, one, li.id, relink=True)
    services.link_account(k, tenant, two, wang.id)

    def rows():
        with k.engine.connect() as conn:
            return sorted(tuple(map(str, r)) for r in conn.execute(select(accounts).where(accounts.c.tenant == tenant)))
    before = rows()
    assert [(r[1], r[2]) for r in before] == sorted([(one, str(li.id)), (two, str(wang.id))])
    k.projector.rebuild(tenant)
    assert rows() == before


# -- pages and API ---------------------------------------------------------------------------------
def test_the_secretary_links_and_unlinks_on_the_member_page(k, tenant, actor, register, make_user, login_as):
    wang = register("王芳")
    account = make_user("member", tenant)
    c = login_as("secretary", tenant)
    html = c.get(members_url(tenant, f"/{wang.id}")).get_data(as_text=True)
    assert "未关联登录账号" in html
    r = c.post(members_url(tenant, f"/{wang.id}/account"), data={"csrf_token": c.csrf(), "username": account})
    assert r.status_code == 302
    html = c.get(members_url(tenant, f"/{wang.id}")).get_data(as_text=True)
    assert account in html and "解除关联" in html
    assert queries.member_for_user(k, tenant, account) == wang.id
    r = c.post(members_url(tenant, f"/{wang.id}/account/unlink"),
               data={"csrf_token": c.csrf(), "expected_version": "1"})
    assert r.status_code == 409   # the link is at version 2 (started, linked)
    r = c.post(members_url(tenant, f"/{wang.id}/account/unlink"),
               data={"csrf_token": c.csrf(), "expected_version": "2"})
    assert r.status_code == 302 and queries.member_for_user(k, tenant, account) is None


def test_page_refusals_answer_422_with_the_sentence(k, tenant, actor, register, make_user, login_as):
    wang, li = register("王芳"), register("李强")
    account = make_user("member", tenant)
    services.link_account(k, tenant, account, wang.id)
    c = login_as("org", tenant)
    r = c.post(members_url(tenant, f"/{li.id}/account"), data={"csrf_token": c.csrf(), "username": account})
    assert r.status_code == 422 and "已关联另一名党员" in r.get_data(as_text=True)
    r = c.post(members_url(tenant, f"/{li.id}/account"), data={"csrf_token": c.csrf(), "username": "ghost"})
    assert r.status_code == 422 and "没有用户名为 ghost 的账号" in r.get_data(as_text=True)
    r = c.post(members_url(tenant, f"/{li.id}/account"), data={"csrf_token": c.csrf(), "username": ""})
    assert r.status_code == 422
    r = c.post(members_url(tenant, f"/{li.id}/account/unlink"), data={"csrf_token": c.csrf()})
    assert r.status_code == 422 and "没有关联登录账号" in r.get_data(as_text=True)
    r = c.post(members_url(tenant, f"/{li.id}/account"),
               data={"csrf_token": c.csrf(), "username": account, "relink": "1"})
    assert r.status_code == 302 and queries.member_for_user(k, tenant, account) == li.id


@pytest.mark.parametrize("role", ["member", "viewer", "publicity", "committee"])
def test_only_editors_link_accounts(k, tenant, actor, register, make_user, login_as, api_as, role):
    wang = register("王芳")
    account = make_user("member", tenant)
    c = login_as(role, tenant)
    html = c.get(members_url(tenant, f"/{wang.id}")).get_data(as_text=True)
    assert "关联账号" not in html
    assert c.post(members_url(tenant, f"/{wang.id}/account"),
                  data={"csrf_token": c.csrf(), "username": account}).status_code == 403
    assert c.post(members_url(tenant, f"/{wang.id}/account/unlink"),
                  data={"csrf_token": c.csrf()}).status_code == 403
    api = api_as(role, tenant)
    assert api.get(api_url(tenant, f"/members/{wang.id}/account")).status_code == 403
    assert api.put(api_url(tenant, f"/members/{wang.id}/account"), json={"username": account}).status_code == 403
    assert api.delete(api_url(tenant, f"/members/{wang.id}/account")).status_code == 403
    assert queries.member_for_user(k, tenant, account) is None


def test_api_links_relinks_and_unlinks(k, tenant, actor, register, make_user, api_as):
    wang, li = register("王芳"), register("李强")
    account = make_user("member", tenant)
    api = api_as("secretary", tenant)
    r = api.get(api_url(tenant, f"/members/{wang.id}/account"))
    assert r.status_code == 200 and r.json["username"] is None
    r = api.put(api_url(tenant, f"/members/{wang.id}/account"), json={"username": account})
    assert r.status_code == 200 and r.json["username"] == account and r.json["version"] == 2
    r = api.put(api_url(tenant, f"/members/{li.id}/account"), json={"username": account})
    assert r.status_code == 422 and "username" in r.json["errors"]["json"]
    r = api.put(api_url(tenant, f"/members/{li.id}/account"), json={"username": account, "relink": True,
                                                                   "expected_version": 1})
    assert r.status_code == 409
    r = api.put(api_url(tenant, f"/members/{li.id}/account"), json={"username": account, "relink": True,
                                                                   "expected_version": 2})
    assert r.status_code == 200 and r.json["version"] == 3
    assert api.get(api_url(tenant, f"/members/{wang.id}/account")).json["username"] is None
    r = api.put(api_url(tenant, f"/members/{wang.id}/account"), json={})
    assert r.status_code == 422 and "username" in r.json["errors"]["json"]
    r = api.delete(api_url(tenant, f"/members/{li.id}/account?expected_version=3"))
    assert r.status_code == 200 and r.json["username"] is None
    r = api.delete(api_url(tenant, f"/members/{li.id}/account"))
    assert r.status_code == 422


def test_another_school_cannot_see_or_touch_links(k, tenant, other_tenant, actor, register, make_user,
                                                   login_as, api_as):
    wang = register("王芳")
    account = make_user("member", tenant)
    services.link_account(k, tenant, account, wang.id)
    outsider = api_as("secretary", other_tenant)
    assert outsider.get(api_url(tenant, f"/members/{wang.id}/account")).status_code == 403
    assert outsider.get(api_url(other_tenant, f"/members/{wang.id}/account")).status_code == 404
    assert outsider.put(api_url(other_tenant, f"/members/{wang.id}/account"),
                        json={"username": account}).status_code == 404
    assert outsider.delete(api_url(other_tenant, f"/members/{wang.id}/account")).status_code == 404
    c = login_as("secretary", other_tenant)
    assert c.post(members_url(other_tenant, f"/{wang.id}/account/unlink"),
                  data={"csrf_token": c.csrf()}).status_code == 404
    assert c.post(members_url(tenant, f"/{wang.id}/account/unlink"),
                  data={"csrf_token": c.csrf()}).status_code == 403
    assert queries.member_for_user(k, tenant, account) == wang.id
