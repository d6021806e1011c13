from core import context
from plugins.members import services


def test_secretary_registers_member_and_api_lists_it(app, k, tenant, login_as, api_as, actor):
    m = services.register_member(k, tenant, {"name": "张三", "gender": "male", "id_number": "11010519491231002X",
                                             "joined_on": __import__("datetime").date(2010, 1, 1),
                                             "converted_on": __import__("datetime").date(2011, 1, 1)})
    c = login_as("secretary", tenant)
    r = c.get(f"/t/{tenant}/members/")
    assert "张三" in r.get_data(as_text=True)
    r = c.get(f"/t/{tenant}/members/{m.id}")
    assert r.status_code == 200, r.get_data(as_text=True)
    a = api_as("secretary", tenant)
    r = a.get(f"/api/v1/t/{tenant}/members/members")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.json["items"][0]["id_number"] == "110105********002X"
