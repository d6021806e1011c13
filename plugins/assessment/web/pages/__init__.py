"""School pages (``bp``) and district pages (``district_bp``) of the assessment plugin, by topic."""
from plugins.assessment.web.pages import district, people, sheet  # noqa: F401  (the routes register on import)
