"""Pages of 三会一课, by topic; each module adds its routes to ``web.bp`` when imported."""
from plugins.meetings.web.pages import late_entries, meetings, overview, talks  # noqa: F401
