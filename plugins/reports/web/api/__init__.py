"""The API of reporting up: a school's (``school``) and the district's (``district``)."""
from plugins.reports.web.api import district, school  # noqa: F401  (the routes register on import)
