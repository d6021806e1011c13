"""Error pages speak the user's language and say what to do; the API keeps answering JSON."""
from __future__ import annotations

WERKZEUG = ("You don't have the permission", "The requested URL", "The method is not allowed",
            "Internal Server Error", "The server could not", "The browser (or proxy)")


def page(response) -> str:
    text = response.get_data(as_text=True)
    for sentence in WERKZEUG:
        assert sentence not in text, sentence
    return text


def test_a_member_refused_a_page_is_told_whom_to_ask_in_chinese(login_as, tenant):
    client = login_as("member", tenant)
    response = client.get("/district/")
    text = page(response)
    assert response.status_code == 403
    assert "您的账号没有打开此页面的权限。如需访问，请联系本支部书记或区级管理员。" in text
    assert 'href="/"' in text  # back to the user's own home


def test_the_refusal_is_in_english_when_the_user_switched(login_as, tenant):
    client = login_as("member", tenant)
    client.get("/lang/en")
    text = page(client.get("/district/"))
    assert "Your account may not open this page" in text
    assert "您的账号" not in text


def test_every_error_page_explains_itself_in_chinese(app, login_as, tenant):
    client = login_as("member", tenant)
    assert "您要找的页面不存在" in page(client.get("/no/such/page"))
    response = client.delete(f"/t/{tenant}/")
    assert response.status_code == 405 and "不支持" in page(response)
    assert "GET" in response.headers.get("Allow", "")
    response = client.post("/logout", data={})  # no CSRF token
    assert response.status_code == 400 and "安全令牌" in page(response)
    app.config["MAX_CONTENT_LENGTH"] = 10
    response = client.post("/login", data={"username": "x" * 100})
    assert response.status_code == 413 and "上传的内容太大" in page(response)


def test_a_custom_refusal_sentence_is_kept(app):
    """A view that explains its own refusal (abort(403, description=...)) keeps its sentence."""
    from werkzeug.exceptions import Forbidden

    from core.web import render_error
    with app.test_request_context("/"):
        html, code = render_error(Forbidden(description="请先关联党员。"))[:2]
    assert code == 403 and "请先关联党员。" in html


def test_api_errors_stay_json(app, api_as, tenant):
    response = app.test_client().get(f"/api/v1/t/{tenant}/members/members")
    assert response.status_code == 401 and response.is_json
    response = api_as("member", tenant).get("/api/v1/district/assessment/sets")
    assert response.status_code in (403, 404) and response.is_json
