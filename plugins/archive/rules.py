"""Pure rules of the archive: the category tree (configurable), retention periods, the index order."""
from __future__ import annotations

from dataclasses import dataclass

from core.errors import N_

# Default categories of a branch's archive (code, name); a school may change them in its settings.
DEFAULT_CATEGORIES = (
    ("upper", "上级文件"), ("own", "本级文件"), ("meetings", "会议记录"), ("rosters", "花名册与统计"),
    ("development", "发展党员材料"), ("dues", "党费"), ("evaluation", "考核评议"), ("disclosure", "党务公开"),
)
RETENTIONS = {"permanent": "永久", "long": "长期（30年）", "short": "短期（10年）"}
ORIGINS = {"upper": "上级来文", "own": "本级文件", "generated": "系统生成"}
OUTPUT_FORMS = {"print": N_("已打印"), "xlsx": N_("已导出 Excel"), "zip": N_("已打包导出 ZIP")}
DEFAULT_RETENTION = {"upper": "long", "own": "permanent", "meetings": "permanent", "rosters": "permanent",
                     "development": "permanent", "dues": "long", "evaluation": "long", "disclosure": "short"}


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    parent: str | None
    position: int

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else 1


def default_categories_text() -> str:
    return "\n".join(f"{code} {name}" for code, name in DEFAULT_CATEGORIES)


def parse_categories(text: str) -> list[Category]:
    """The category tree from the settings: one ``code 名称`` per line; a line indented by spaces is a
    sub-category of the line above that is not indented. Raises ValueError naming the bad line."""
    out: list[Category] = []
    parent = None
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        indented = raw[:1].isspace()
        parts = raw.strip().split(None, 1)
        if len(parts) != 2 or not parts[0].isascii() or not parts[0].replace("_", "").replace("-", "").isalnum():
            raise ValueError(N_("第 %(number)s 行应为“代码 名称”（代码用字母、数字）", number=number))
        code, name = parts[0].lower(), parts[1].strip()
        if any(c.code == code for c in out):
            raise ValueError(N_("第 %(number)s 行的代码 %(code)s 重复", number=number, code=code))
        if indented and parent is None:
            raise ValueError(N_("第 %(number)s 行缩进了，但上面没有上级类别", number=number))
        out.append(Category(code, name, parent if indented else None, len(out)))
        if not indented:
            parent = code
    if not out:
        raise ValueError(N_("至少需要一个类别"))
    return out


def categories_or_default(text: str) -> list[Category]:
    try:
        return parse_categories(text)
    except ValueError:
        return parse_categories(default_categories_text())


def index_order(categories: list[Category]):
    """The directory index's sort key: category in the tree's order, then date, then filing order."""
    position = {c.code: c.position for c in categories}

    def key(row):
        return (position.get(row.category, len(position)), row.issued_on, row.filed_at, str(row.id))
    return key


def number_index(rows, categories: list[Category]) -> list[tuple[int, object]]:
    """The directory index's rows with their number (序号), 1… in index order."""
    return list(enumerate(sorted(rows, key=index_order(categories)), start=1))


# How the district's table of schools may be ordered (a leading "-": the other way).
DISTRICT_SORTS = {"school": N_("学校"), "-total": N_("归档数量（由多到少）"), "total": N_("归档数量（由少到多）"),
                  "-last_filed": N_("最近归档（由近到远）"), "last_filed": N_("最近归档（由远到近）"),
                  "index": N_("目录索引未输出的在前")}


def district_sort_key(sort: str):
    """The order of the district's rows: by ``sort`` (see ``DISTRICT_SORTS``), then by school."""
    field = sort.lstrip("-")
    if field == "total":
        return lambda r: (r["total"], r["school"])
    if field == "last_filed":
        return lambda r: (r["last_filed"] is not None, r["last_filed"] or 0, r["school"])
    if field == "index":
        return lambda r: (r["last_output"] is not None, r["school"])
    return lambda r: r["school"]


def sort_district(rows: list[dict], sort: str | None) -> list[dict]:
    sort = sort if sort in DISTRICT_SORTS else "school"
    return sorted(rows, key=district_sort_key(sort), reverse=sort.startswith("-"))
