"""Pages and API of the assessment plugin: thin, delegating to services and queries.

``bp`` (school pages), ``district_bp`` (/district/assessment), ``api`` and ``district_api``.
"""
from plugins.assessment.views import api_five_goods, api_people, district, people, sheet  # noqa: F401  (the routes)
from plugins.assessment.views.common import api, bp, district_api, district_bp

__all__ = ["bp", "api", "district_bp", "district_api"]
