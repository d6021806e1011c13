"""The API of the assessment plugin (``api_bp``, ``district_api_bp``), by topic."""
from plugins.assessment.web.api import five_goods, people  # noqa: F401  (the routes register on import)
