"""The scaling-curves harness (benchmarks/scale, issue 19.6) runs at tiny sizes, so that `make test`
keeps it working between benchmark runs. SQLite only: the harness itself, not the figures."""
from __future__ import annotations

import pytest

from benchmarks import scale
from benchmarks.scale import report

PAGES = ["district dashboard", "school home page", "dues overview", "console first page"]


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("scale")
    return {schools: scale.measure(workdir, None, schools, 5) for schools in (2, 3)}


def test_the_harness_measures_every_page_and_its_floor_at_every_size(measured):
    for schools, figures in measured.items():
        seconds, rows = figures["_generated"]
        assert rows > 0 and seconds > 0
        for page in PAGES:
            assert 0 < figures[page]["median"] <= figures[page]["p95"], (schools, page)
            assert figures[page]["floor"] > 0, (schools, page)
        assert figures["district dashboard"]["after_write"] > 0
        assert figures["district dashboard"]["after_registration"] > 0
        assert figures["record attendance"]["people"] == 51
        assert figures["record attendance"]["median"] > 0


def test_the_dashboard_statement_count_is_the_same_for_2_and_3_schools(measured):
    """The copies are schools of the district (the summaries read them); the count does not grow."""
    counts = {s: measured[s]["district dashboard"]["statements"] for s in (2, 3)}
    assert counts[2] == counts[3] > 0, counts


def test_the_report_replaces_its_section_and_draws_the_plot(measured, tmp_path):
    import matplotlib  # noqa: F401  (in the `test` extra: the plot is part of what `make bench` writes)
    (tmp_path / "benchmarks.md").write_text("# Benchmarks\n\n| table |\n\n## Later section\n\nkept\n",
                                            encoding="utf-8")
    results = [("SQLite", schools, 5, page, figures) for schools, per_page in measured.items()
               for page, figures in per_page.items() if not page.startswith("_")]
    for _ in range(2):
        report.write(results, [(2, 5), (3, 5)], docs=tmp_path)
    text = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert text.count(report.HEADING) == 1
    assert text.index("| table |") < text.index(report.HEADING) < text.index("## Later section")
    assert "kept" in text and "| district dashboard | SQLite | 5 |" in text
    assert (tmp_path / "benchmarks-scale.png").read_bytes()[:4] == b"\x89PNG"


def test_sizes_leave_out_districts_over_the_member_cap(monkeypatch):
    monkeypatch.setenv("ZHIBU_BENCH_SCALE", "20,2000")
    monkeypatch.setenv("ZHIBU_BENCH_MEMBERS", "50,500")
    monkeypatch.setenv("ZHIBU_BENCH_MAX_MEMBERS", "200000")
    assert scale.sizes() == [(20, 50), (2000, 50), (20, 500)]


def test_the_pages_measured_can_be_restricted_by_name(monkeypatch):
    monkeypatch.delenv("ZHIBU_BENCH_PAGES", raising=False)
    assert scale.wanted("district dashboard") and scale.wanted("record attendance")
    monkeypatch.setenv("ZHIBU_BENCH_PAGES", "console first page, record attendance")
    assert scale.wanted("console first page") and scale.wanted("record attendance")
    assert not scale.wanted("district dashboard")


def test_a_page_and_its_floor_are_timed_in_turn(tmp_path, monkeypatch):
    """One request of the page, then one of its floor, and so on: a slow moment of the machine falls on
    both sides of the ratio."""
    timed, real = [], scale._timed

    def recording(client, path):
        endpoint = client.application.url_map.bind("localhost").match(path)[0]
        view = client.application.view_functions[endpoint]
        timed.append("floor" if view.__name__ == "precomputed" else "page")
        return real(client, path)
    monkeypatch.setattr(scale, "_timed", recording)
    monkeypatch.setattr(scale, "REQUESTS", 3)
    monkeypatch.setenv("ZHIBU_BENCH_PAGES", "console first page")
    figures = scale.measure(tmp_path, None, 2, 5)["console first page"]
    assert timed == ["page", "floor"] * 3
    assert figures["median"] > 0 and figures["floor"] > 0
