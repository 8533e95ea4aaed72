"""The browser check's page analysis and the student-edition leak check, without a browser."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "buildtools"))

import check_site  # noqa: E402
import check_student_edition  # noqa: E402

PAGE = check_site.Page("solutions/x.html", "Promotion", toggles=1, figures=1)
GOOD = """<html><head><title>03 · Promotion gap — hrfair</title></head><body>
<nav><h3>not in the article</h3><img src="logo.png" alt="logo.png"></nav>
<article class="bd-article"><h1>03 · Promotion gap</h1><h2>1. Verify</h2><h3>Exercise 1</h3>
<details class="hide above-input"><summary><p class="collapsed">Show solution</p></summary></details>
<div class="cell_output"><img src="../_images/abc.png" alt="Recommendation rates by rating, lower for women."></div>
<h2>2. Causes</h2></article></body></html>"""


def test_a_good_page_passes():
    assert check_site.analyse(GOOD, PAGE) == []


def test_content_after_the_article_is_not_checked_even_after_void_elements():
    page = GOOD.replace(
        "</article>",
        '<meta charset="utf-8"><link rel="x"><br></article><footer><h5>f</h5><img src="x.png" alt="x.png"></footer>',
    )
    assert check_site.analyse(page, PAGE) == []


@pytest.mark.parametrize(
    "breakage,expected",
    [
        (("<h2>2. Causes</h2>", "<pre>Traceback (most recent call last):\n ValueError</pre>"), "error output"),
        (('alt="Recommendation rates by rating, lower for women."', 'alt="../_images/abc.png"'), "no alt text"),
        (('alt="Recommendation rates by rating, lower for women."', ""), "no alt text"),
        (("<h3>Exercise 1</h3>", "<h4>Exercise 1</h4>"), "jumps from h2 to h4"),
        (("Show solution", "Show code"), "'Show solution' toggles"),
        (('src="../_images/abc.png"', 'src="../_static/abc.png"'), "figures"),
        (("03 · Promotion gap — hrfair", "404 Not Found"), "title"),
    ],
)
def test_each_kind_of_breakage_is_reported(breakage, expected):
    problems = check_site.analyse(GOOD.replace(*breakage), PAGE)
    assert any(expected in p for p in problems), problems


def test_every_scenario_notebook_is_checked_in_the_browser():
    checked = {p.path for p in check_site.PAGES}
    for notebook in (ROOT / "solutions").glob("*.ipynb"):
        assert f"solutions/{notebook.stem}.html" in checked, notebook.name


def test_every_solution_notebook_has_solution_lines_that_the_learner_copy_lacks():
    lines = check_student_edition.solution_lines(ROOT)
    assert set(lines) == {p.stem for p in (ROOT / "solutions").glob("*.ipynb")}
    for stem, found in lines.items():
        assert found, stem
        learner = (ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8")
        assert not any(line in learner for line in found[:5]), stem
