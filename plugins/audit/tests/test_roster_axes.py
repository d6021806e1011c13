"""The audit's roster time travel offers both axes and says which it shows (issue 15.2): by
recording time it shows the roll as the system held it; by the date in the world, who belonged."""
from datetime import date, datetime, timedelta, timezone

from core.clock import LOCAL_TZ

from plugins.audit.tests.test_views import assign


def test_the_audit_roster_offers_both_axes_and_labels_them(login_as, k, school):
    inspector = login_as("inspector")
    assign(k, inspector.username, [school])
    before_typing = (datetime.now(timezone.utc) + timedelta(hours=8) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    recorded = inspector.get(f"/audit/roster/{school}?at={before_typing}").get_data(as_text=True)
    assert "按录入时间（系统当时的记录）" in recorded and "按党籍日期" in recorded
    assert "张伟" not in recorded                      # typed in today: the system held nobody yesterday
    world = inspector.get(f"/audit/roster/{school}?axis=world&on=2012-03-01")
    page = world.get_data(as_text=True)
    assert world.status_code == 200 and "张伟" in page and "2012-03-01" in page
    assert "按党籍日期" in page and "正式党员" in page   # joined 2010, converted 2011
    assert "张伟" not in inspector.get(f"/audit/roster/{school}?axis=world&on=2010-06-30").get_data(as_text=True)
    assert inspector.get(f"/audit/roster/{school}?axis=world&on=2012-13-01").status_code == 422


def test_a_world_date_roster_shows_when_each_standing_was_recorded(login_as, k, school):
    inspector = login_as("inspector")
    assign(k, inspector.username, [school])
    page = inspector.get(f"/audit/roster/{school}?axis=world&on=2012-03-01").get_data(as_text=True)
    recorded = datetime.now(LOCAL_TZ).date()   # the log stamps events by the real clock, not the business one
    assert "2011-07-01" in page and recorded.isoformat() in page and "补录" in page
    assert date(2012, 3, 1) < k.today()
