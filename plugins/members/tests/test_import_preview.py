"""An import preview belongs to the school and the user who uploaded it, and expires (issue 14): the
confirmation cannot import a file someone else uploaded, nor one previewed too long ago."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

from plugins.members import queries
from plugins.members.tests.conftest import id_number, workbook_bytes


def url(tenant: str) -> str:
    return f"/t/{tenant}/members/import"


def upload(client, tenant: str, seq: int = 3) -> str:
    """Upload a clean workbook of one member; the preview's file hash."""
    data = workbook_bytes([["甲", "男", "汉族", None, id_number(date(1980, 1, 1), seq), "", "", "", "", "", "", "",
                            "2010-01-01", "2011-01-01"]])
    html = client.post(url(tenant), content_type="multipart/form-data",
                       data={"csrf_token": client.csrf(), "file": (io.BytesIO(data), "名册.xlsx")}).get_data(as_text=True)
    return re.search(r'name="sha256" value="([0-9a-f]+)"', html).group(1)


def confirm(client, tenant: str, sha256: str):
    return client.post(url(tenant), data={"csrf_token": client.csrf(), "action": "confirm", "sha256": sha256,
                                          "filename": "名册.xlsx"})


def test_the_uploader_confirms_their_own_preview(k, tenant, login_as):
    client = login_as("org", tenant)
    response = confirm(client, tenant, upload(client, tenant))
    assert response.status_code == 302
    assert [m.name for m in queries.list_members(k, tenant)] == ["甲"]
    assert queries.list_imports(k, tenant)[0].filename == "名册.xlsx"
    assert confirm(client, tenant, queries.list_imports(k, tenant)[0].sha256).status_code == 422  # used up


def test_another_user_of_the_school_cannot_confirm_the_preview(k, tenant, login_as):
    sha256 = upload(login_as("org", tenant), tenant)
    response = confirm(login_as("org", tenant), tenant, sha256)
    assert response.status_code == 422 and "请重新上传" in response.get_data(as_text=True)
    assert queries.list_members(k, tenant) == []


def test_another_school_cannot_confirm_the_preview(k, tenant, other_tenant, login_as):
    sha256 = upload(login_as("org", tenant), tenant)
    response = confirm(login_as("org", other_tenant), other_tenant, sha256)
    assert response.status_code == 422 and "请重新上传" in response.get_data(as_text=True)
    assert queries.list_members(k, other_tenant) == [] and queries.list_members(k, tenant) == []


def test_a_preview_expires_after_thirty_minutes(k, tenant, login_as, wall_clock):
    client = login_as("org", tenant)
    sha256 = upload(client, tenant)
    start = wall_clock.now
    wall_clock.set(start + timedelta(minutes=20))
    assert client.get(url(tenant)).status_code == 200   # the session itself stays alive
    wall_clock.set(start + timedelta(minutes=31))
    response = confirm(client, tenant, sha256)
    assert response.status_code == 422 and "已过期" in response.get_data(as_text=True)
    assert queries.list_members(k, tenant) == []


def test_a_tampered_file_name_is_not_what_the_batch_records(k, tenant, login_as):
    client = login_as("org", tenant)
    sha256 = upload(client, tenant)
    client.post(url(tenant), data={"csrf_token": client.csrf(), "action": "confirm", "sha256": sha256,
                                   "filename": "别的名字.xlsx"})
    assert queries.list_imports(k, tenant)[0].filename == "名册.xlsx"
