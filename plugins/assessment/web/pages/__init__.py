"""School pages (``bp``) and district pages (``district_bp``) of the assessment plugin, by topic."""
# The routes register on import, in this order: the Five Goods sheet, then the people, then the district.
from plugins.assessment.web.pages import sheet, people, district  # noqa: F401,I001
