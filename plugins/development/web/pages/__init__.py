"""The pages of member development, by topic; importing them adds their routes to ``web.bp``."""
from plugins.development.web.pages import cases, late  # noqa: F401
