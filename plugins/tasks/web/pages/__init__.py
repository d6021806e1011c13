"""Pages of district tasks: a school's side (``school``, ``info``) and the district's (``district``)."""
from plugins.tasks.web.pages import district, info, school  # noqa: F401  (routes register on import)
