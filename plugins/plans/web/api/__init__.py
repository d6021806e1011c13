"""The plans API (flask-smorest): the annual plan, activity funds, the activity room, files."""
# The routes register on import, in this order (the order of the OpenAPI document).
from plugins.plans.web.api import plan, funds, district  # noqa: F401,I001
