"""The disclosure pages (Chinese first), by topic. Every view declares its action; writes go through services."""
from plugins.disclosure import rules
from plugins.disclosure.web import bp, may


@bp.context_processor
def _vocabulary():
    return {"AUDIENCES": rules.AUDIENCES, "TIMINGS": rules.TIMINGS, "PERIODS": rules.PERIODS, "FORMS": rules.FORMS,
            "STATUSES": rules.STATUSES, "may": may}


# The routes register on import.
from plugins.disclosure.web.pages import school, district, public  # noqa: E402,F401,I001
