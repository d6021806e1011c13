"""The scaling curves written down: rows for ``make bench``'s table, a section of docs/benchmarks.md and
a plot (ms against schools, log scales, one line per page and backend) in docs/benchmarks-scale.png."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
HEADING = "## Scaling curves (issue 19.6)"
TARGETS = {
    "district dashboard": "p95 < 150 ms at 200 × 50, ≤ 1.5× the 20-school page; ≤ 2× the floor",
    "school home page": "< 15 ms SQLite / < 25 ms PostgreSQL at 500 members; ≤ 2× the floor",
    "dues overview": "< 15 ms SQLite / < 25 ms PostgreSQL at 500 members; ≤ 2× the floor",
    "console first page": "< 40 ms; ≤ 2× the floor",
    "record attendance": "the same at 20 and 200 schools (± 20 %)",
}
NOTE = (
    "One request at a time through the Flask test client (median and p95 of the requests after a warm-up); "
    "attendance is `meetings.services.record_attendance` with the projections' catch-up it causes. "
    "The district is one real school (the demo's year of every plugin, members registered up to the size) "
    "and copies of its read-model rows and district summaries for every other school "
    "(benchmarks/scale/district.py). *Floor*: the same request (session, user, permission, headers) with "
    "its view replaced by one that renders the templates the real view rendered, from the context each was "
    "given: the same HTML from precomputed rows; ×: the page ÷ the floor. *SQL*: statements of one "
    "dashboard request. *After a write*: the dashboard's median right after a write in one school that "
    "changes none of its figures (its summary row marked and computed again by the request to the same "
    "content). *After a registration*: right after a member is registered in one school (its figures change: "
    "its rows computed again, what the page derives from them derived again, the page rendered anew)."
)


def _ms(value) -> str:
    return "—" if value is None else f"{value:,.1f}"


def row(backend: str, schools: int, people: int, page: str, f: dict) -> tuple:
    value = f"median {_ms(f['median'])} ms, p95 {_ms(f['p95'])} ms"
    if f["floor"]:
        value += f"; floor {_ms(f['floor'])} ms (×{f['median'] / f['floor']:.1f})"
    if page == "district dashboard":
        value += f"; {f['statements']} SQL statements"
        if f.get("after_write"):
            value += f"; right after a write in one school {_ms(f['after_write'])} ms"
        if f.get("after_registration"):
            value += f"; right after a registration in one school {_ms(f['after_registration'])} ms"
    name = f"{page} of {f['people']} people" if "people" in f else page
    return (f"scale: {name}, {schools:,} schools × {people} members", backend, value, TARGETS.get(page, "—"))


def _cell(f: dict, page: str) -> str:
    text = f"{_ms(f['median'])} / {_ms(f['p95'])}"
    if f["floor"]:
        text += f" (×{f['median'] / f['floor']:.1f})"
    if page == "district dashboard":
        text += f", {f['statements']} SQL"
        if f.get("after_write"):
            text += f"; after a write {_ms(f['after_write'])}"
        if f.get("after_registration"):
            text += f", a registration {_ms(f['after_registration'])}"
    return text


def table(results: list, sizes: list[tuple[int, int]]) -> list[str]:
    schools = sorted({s for s, _ in sizes})
    found = {(b, s, m, p): f for b, s, m, p, f in results}
    lines = ["| page | backend | members | " + " | ".join(f"{s:,} schools" for s in schools) + " |",
             "|---|---|---|" + "---|" * len(schools)]
    pages = list(dict.fromkeys(p for _, _, _, p, _ in results))
    for page in pages:
        for backend in dict.fromkeys(b for b, *_ in results):
            for people in sorted({m for _, m in sizes}):
                cells = [_cell(found[key], page) if (key := (backend, s, people, page)) in found else "— (over the cap)"
                         for s in schools]
                lines.append(f"| {page} | {backend} | {people} | " + " | ".join(cells) + " |")
    return lines


def plot(results: list, path: Path) -> None:
    import matplotlib   # the `bench` extra (pyproject.toml)
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    people = sorted({m for _, _, m, _, _ in results})
    fig, axes = plt.subplots(1, len(people), figsize=(6.5 * len(people), 5), squeeze=False)
    pages = list(dict.fromkeys(p for _, _, _, p, _ in results))
    colours = dict(zip(pages, plt.rcParams["axes.prop_cycle"].by_key()["color"]))
    for axis, members in zip(axes[0], people):
        for page in pages:
            for backend, style in (("SQLite", "-"), ("PostgreSQL", "--")):
                points = sorted((s, f["median"]) for b, s, m, p, f in results
                                if b == backend and m == members and p == page)
                if points:
                    axis.plot(*zip(*points), style, marker="o", color=colours[page], label=f"{page} ({backend})")
        axis.set(xscale="log", yscale="log", xlabel="schools", ylabel="median ms per request",
                 title=f"{members} members per school")
        axis.grid(True, which="both", alpha=0.3)
    axes[0][-1].legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(results: list, sizes: list[tuple[int, int]], docs: Path | None = None) -> None:
    """The section in docs/benchmarks.md (replaced when there) and the plot beside it."""
    docs = docs or DOCS
    plot(results, docs / "benchmarks-scale.png")
    section = "\n".join([
        HEADING, "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `benchmarks/scale` (part of `make bench`). "
        + NOTE, "",
        "Each cell: median / p95 ms (× the floor).", "",
        *table(results, sizes), "",
        "![median ms against schools, log scales](benchmarks-scale.png)", "",
    ])
    path = docs / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(HEADING) + r".*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        at = text.find("\n## ")
        text = (text.rstrip("\n") + "\n\n" + section) if at < 0 else (text[:at + 1] + "\n" + section + "\n" + text[at + 1:])
    path.write_text(text, encoding="utf-8")
