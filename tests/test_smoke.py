from core.testing import login


def test_district_admin_creates_school_and_sees_it(app, k, make_user, login_as):
    admin = login_as("district_admin")
    token = admin.csrf()
    r = admin.post("/district/schools/", data={"_form": "school", "slug": "no1", "name": "第一中学",
                                               "csrf_token": token})
    assert r.status_code == 302, r.get_data(as_text=True)
    r = admin.get("/district/")
    assert "第一中学" in r.get_data(as_text=True)
    assert admin.get("/t/no1/").status_code == 200
