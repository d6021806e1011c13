"""The integrity pages (Chinese first), by topic. Every view declares its action; writes go through services."""
from plugins.integrity import describe, rules
from plugins.integrity.present import hours
from plugins.integrity.web import bp, may


@bp.context_processor
def _vocabulary():
    return {"AREAS": rules.AREAS, "ITEM_STATUSES": rules.ITEM_STATUSES, "OUTCOMES": rules.OUTCOMES,
            "POST_KINDS": rules.POST_KINDS, "PAIR_KINDS": rules.PAIR_KINDS, "HELPED_KINDS": rules.HELPED_KINDS,
            "PAIR_OUTCOMES": rules.PAIR_OUTCOMES, "EDUCATION_KINDS": rules.EDUCATION_KINDS,
            "INSPECTION_KINDS": rules.INSPECTION_KINDS, "PLEDGE_KINDS": rules.PLEDGE_KINDS,
            "FIELD_LABELS": describe.FIELDS.labels, "period_label": rules.period_label, "hours": hours, "may": may,
            "LETTER_STATUSES": {"draft": "草拟", "reviewing": "审核中", "returned": "有退回事项",
                                "accepted": "已通过，践诺中", "evaluated": "已评诺", "published": "已公布"}}


# The routes register on import, in the order the pages are listed on the overview.
from plugins.integrity.web.pages import overview, commitments, posts, pairs, records, ethics, files  # noqa: E402,F401,I001
