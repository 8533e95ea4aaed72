"""Every report speaks one protocol (issue 16): ``table``, ``notes``, ``to_frame()``, ``_repr_html_`` and ``plot()``.

So a learner who knows one report knows them all, and the notebooks, graders and book can display
any of them the same way. Listed here by hand, so a new report class must be added (and checked).
"""

import dataclasses
import importlib
import inspect

import pytest

PROTOCOL = ("table", "notes", "to_frame", "_repr_html_", "plot")
PACKAGES = (
    "hrfair_helpers.audit",
    "hrfair_helpers.text",
    "hrfair_helpers.mitigation",
    "hrfair_helpers.viz",
    "hrfair_helpers.privacy",
)
# Not reports: the counts are their input (a table of whole numbers, no notes or figure).
NOT_REPORTS = {"hrfair_helpers.audit.GroupCounts"}


def _report_classes():
    found = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and name.endswith(("Report", "Result", "Sweep", "Table", "Release")):
                found.append(f"{package}.{name}")
    return found


def test_the_public_packages_export_the_reports_this_test_knows():
    assert len(_report_classes()) >= 15


@pytest.mark.parametrize("qualified", _report_classes())
def test_report_follows_the_protocol(qualified):
    package, name = qualified.rsplit(".", 1)
    cls = getattr(importlib.import_module(package), name)
    fields = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
    missing = [attr for attr in PROTOCOL if attr not in fields and not hasattr(cls, attr)]
    assert not missing, f"{qualified} lacks {missing}"


def test_the_new_plots_draw_on_a_fixed_axis():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from hrfair_helpers.audit import ll144_bias_audit
    from hrfair_helpers.text import scan_replies

    people = pd.DataFrame(
        {
            "sex": ["Male", "Female"] * 50,
            "race": ["White", "Asian"] * 25 + ["Asian", "White"] * 25,
            "hired": [1, 0, 1, 1] * 25,
        }
    )
    axes = ll144_bias_audit(people, sex="sex", race_ethnicity="race", selected="hired").plot()
    assert len(axes) == 3 and all(ax.get_xlim() == (0, 1) for ax in axes)
    ax = scan_replies(["fine", "you people", "ok", "thanks"], ["a", "a", "b", "b"]).plot()
    assert ax.get_xlim() == (0, 1) and len(ax.patches) == 2
    plt.close("all")
