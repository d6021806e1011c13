"""API of 三会一课, by topic; each module adds its routes to ``web.api_bp`` when imported."""
from plugins.meetings.web.api import late_entries, meetings, talks  # noqa: F401
