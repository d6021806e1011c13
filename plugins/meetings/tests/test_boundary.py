"""Attachment names at the boundary (issue 13): control and bidi characters never reach a record, and a
name stored before that rule still downloads."""
import io

from plugins.meetings import queries
from plugins.meetings.tests.test_views import api_base, held_congress


def test_an_attachment_named_with_nul_and_bidi_characters_is_stored_clean_and_downloads(
        k, tenant, actor, clock, branch, api_as, login_as):
    meeting = held_congress(k, tenant, branch, clock)
    api = api_as("org", tenant)
    url = f"{api_base(tenant)}/meetings/{meeting.id}/attachments"
    r = api.post(f"{url}?kind=sign_in", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(b"%PDF-1.4 x"), "a\x00b\u202e.pdf")})
    assert r.status_code == 201, r.json
    [attachment] = r.json["attachments"]
    assert attachment["name"] == "ab.pdf"
    assert api.get(f"{url}/{attachment['sha256']}").status_code == 200
    page = login_as("secretary", tenant)
    got = page.get(f"/t/{tenant}/meetings/{meeting.id}/attachments/{attachment['sha256']}")
    assert got.status_code == 200 and got.data.startswith(b"%PDF")
    assert [a.name for a in queries.list_attachments(k, tenant, meeting.id)] == ["ab.pdf"]
