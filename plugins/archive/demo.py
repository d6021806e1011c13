"""Demo activity of the archive: a few documents from the district committee filed during the year,
and the minutes of the year's first held meetings generated from the records and filed. Runs after
the other plugins' demos (``trylast``): it generates papers from their records."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

from core import papers
from core.kernel import Kernel
from plugins.archive import services

UPPER = [
    ("关于做好{year}年度党员发展工作的通知", "区委教育工委〔{year}〕3号", (2, 20)),
    ("关于开展{year}年度党费收缴情况检查的通知", "区委教育工委〔{year}〕7号", (4, 8)),
    ("关于召开{year}年度组织生活会和开展民主评议党员的通知", "区委教育工委〔{year}〕15号", (11, 25)),
]


@contextmanager
def on_day(k: Kernel, day: date):
    before = k.clock
    k.clock = lambda: datetime.combine(day, time(2, 0), tzinfo=timezone.utc)
    try:
        yield
    finally:
        k.clock = before


def _pdf(title: str) -> bytes:
    return b"%PDF-1.4\n% " + title.encode("utf-8") + b"\n%%EOF\n"


def create_activity(k: Kernel, tenant: str, today: date, rng) -> None:
    year = today.year
    for title, number, (month, day) in UPPER:
        on = date(year, month, day)
        if on > today:
            continue
        with on_day(k, on + timedelta(days=rng.randint(0, 3))):
            services.file_upload(k, tenant, {
                "title": title.format(year=year), "category": "upper", "year": year, "number": number.format(year=year),
                "issued_on": on, "issuer": "中共某某区委教育工委", "retention": "long", "origin": "upper", "note": ""},
                _pdf(title.format(year=year)), f"{number.format(year=year)}.pdf")
    offered = papers.papers(k, tenant)
    minutes = offered.get("meetings.minutes")
    if minutes and minutes.choices:
        for subject, _label in minutes.choices(k, tenant)[:2]:
            services.generate_and_file(k, tenant, "meetings.minutes", subject)
    if "members.roster" in offered:
        services.generate_and_file(k, tenant, "members.roster", str(year))
