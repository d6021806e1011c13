"""The organisational-life pages: life meetings (``meetings``), the term and elections (``term``), the
district's list of terms (``district``)."""
from plugins.orglife.web.pages import district, meetings, term  # noqa: F401
