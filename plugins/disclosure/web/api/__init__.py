"""The disclosure API (flask-smorest): a school's obligations, offers and disclosures; the district's
catalogue and compliance."""
# The routes register on import, in this order (the order of the OpenAPI document).
from plugins.disclosure.web.api import school, district  # noqa: F401,I001
