"""The API of district tasks: a school's side and the district's side."""
from plugins.tasks.web.api import district, files, school  # noqa: F401  (routes register on import)
