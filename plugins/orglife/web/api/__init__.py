"""The organisational-life API: a school's (``school``) and the district's (``district``)."""
from plugins.orglife.web.api import district, school  # noqa: F401
