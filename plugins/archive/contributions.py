"""What the archive hands to shared pages: permissions, navigation, the work summary's facts. Read-only."""
from __future__ import annotations

from core.kernel import Kernel
from core.permissions import COMMITTEE, READERS
from core.plugins import NavItem, SummaryFact
from plugins.archive import queries


def permissions() -> dict:
    return {
        "archive.view": COMMITTEE | READERS,
        "archive.edit": COMMITTEE,
        "archive.withdraw": {"secretary", "deputy", "org"},
        # an inspector sees the district's table for the schools of their assignment only (web.visible_schools)
        "archive.district_view": {"district_admin", "inspector"},
    }


def nav_items() -> list[NavItem]:
    return [NavItem(label="文书档案", endpoint="archive.index", order=80)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="各校文书档案", endpoint="archive_district.index", order=80)]


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """党务管理 (文书) of the work summary: the documents of the year still filed, in all and by category
    (each linked to the archive's list of that category and year), and whether the directory index
    was printed or exported."""
    counts = queries.year_counts(k, tenant, year)
    names = queries.category_names(k, tenant)
    out = [SummaryFact(key="archive.documents", section="affairs", sentence="全年归档文件材料{value}{unit}",
                       value=sum(counts.values()), unit="件", endpoint="archive.index",
                       values={"tenant": tenant, "year": year}, order=82)]
    shown = [code for code in names if counts.get(code)]
    for n, code in enumerate(shown):
        out.append(SummaryFact(key=f"archive.documents.{code}", section="affairs",
                               sentence=("，其中" if n == 0 else "，") + names[code] + "{value}{unit}",
                               value=counts[code], unit="件", endpoint="archive.index",
                               values={"tenant": tenant, "year": year, "category": code}, order=83))
    outputs = queries.index_outputs(k, tenant, year)
    out.append(SummaryFact(key="archive.index", section="affairs", sentence="，分门别类整理，{value}。",
                           value="已打印目录索引" if outputs else "目录索引尚未打印", endpoint="archive.directory",
                           values={"tenant": tenant, "year": year}, order=84))
    return out
