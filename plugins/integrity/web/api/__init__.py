"""The integrity API (flask-smorest), by topic: commitments, posts, pairs and their logs, volunteer activities,
education records, responsibility agreements, self-inspections and ethics assessments."""
# The routes register on import, in this order (the order of the OpenAPI document).
from plugins.integrity.web.api import commitments, posts, pairs, records, ethics, files  # noqa: F401,I001
