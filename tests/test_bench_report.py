"""bench/harness.py's table of timings: what a request's ratio to the seed is, and its mark."""

from bench.harness import MAX_SEED_RATIO, Report, one_round, paired_ratio, render_timings


def entry(seed, large):
    return {"seed": seed, "large": large, "status": {"seed": 200, "large": 200}}


def test_a_requests_ratio_is_the_median_of_each_rounds_pair():
    # Rounds 2 and 4 were busy: both archives' requests took about twice as long. Each
    # round's pair is 2× or 2.5×; the medians (10 and 25) make 2.5×.
    timed = entry(seed=[10, 20, 10, 20, 10], large=[20, 50, 20, 40, 25])
    assert paired_ratio(timed) == 2.0
    assert paired_ratio(entry([], [])) is None


def test_the_table_marks_a_miss_by_the_paired_ratio_and_shows_both_and_the_raw_figures():
    report = Report("sqlite")
    report.timings = {
        "bare view": entry([1, 1, 1], [1, 1, 1]),
        "steady": entry(seed=[10, 20, 10, 20, 10], large=[20, 50, 20, 40, 25]),
        "slow": entry(seed=[10, 10, 10], large=[40, 35, 31]),
    }
    rows = {line.split(" | ")[0].strip("| "): line for line in render_timings(report, "100k")}
    steady = rows["steady"].split(" | ")
    assert steady[3:5] == ["2.00×", "2.50×"]  # paired, then of the medians (25 / 10)
    assert "✗" not in rows["steady"]
    assert steady[6:8] == ["10 20 10 20 10", "20 50 20 40 25 |"]
    assert rows["slow"].split(" | ")[3] == "**✗** 3.50×"
    assert MAX_SEED_RATIO == 3


def test_a_round_makes_each_request_on_both_archives_back_to_back():
    lists = {
        "seed": [("home", "/", False), ("sitemap a", "/a", False), ("admin", "/admin/", True)],
        "large": [
            ("home", "/", False),
            ("sitemap a", "/a", False),
            ("sitemap a?p=2", "/a?p=2", False),
            ("admin", "/admin/", True),
        ],
    }
    assert one_round(lists) == [
        ("seed", "home", "/", False),
        ("large", "home", "/", False),
        ("seed", "sitemap a", "/a", False),
        ("large", "sitemap a", "/a", False),
        ("large", "sitemap a?p=2", "/a?p=2", False),
        ("seed", "admin", "/admin/", True),
        ("large", "admin", "/admin/", True),
    ]
