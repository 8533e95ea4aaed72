"""The law on a date: dated obligations, classification on a day, the change log, dates in prose.

Expected dates are read from the registry's own schedules (never typed here), except where a test
pins what the registry must say about a verified fact.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from hrfair_helpers.cli import main
from hrfair_helpers.governance import _registry_data, registry
from hrfair_helpers.governance._dates import format_date, resolve, to_date
from hrfair_helpers.governance.registry import (
    ToolProfile,
    classify,
    legal_date,
    load_registry,
    obligations_matrix,
    registry_as_of,
    schedule_names,
)
from hrfair_helpers.governance.sphinxext import registry_substitutions
from hrfair_helpers.governance.timeline import (
    fill_dates,
    law_changes,
    obligations_on,
    render_law_changes,
    render_obligations_on,
)

ROOT = Path(__file__).resolve().parents[1]
DAYS = ("2026-07-01", "2026-12-05", "2028-01-01")


def screener(**kwargs):
    """A private employer's resume screener used in the EU, New York City, Colorado and California."""
    base = dict(
        name="screener",
        purpose="selection",
        decision_role="substantial",
        locations={"EU", "US-NYC", "US-CO", "US-CA"},
        employees=5000,
    )
    base.update(kwargs)
    return ToolProfile(**base)


def in_force(frame, reg_id):
    frame = frame.set_index("id")
    return set(frame.loc[reg_id, "obligations"]) if reg_id in frame.index else set()


def day_before(iso):
    return (to_date(iso) - dt.timedelta(days=1)).isoformat()


# --------------------------------------------------------------------------- #
# schedules


def test_resolve_takes_the_version_in_law_on_the_day():
    versions = [
        {"date": "2026-08-02", "since": "2024-08-01", "by": "as adopted"},
        {"date": "2027-12-02", "since": "2026-07-27", "by": "as amended"},
    ]
    assert resolve(versions, to_date("2024-01-01")) == "2026-08-02"  # before any version: the first
    assert resolve(versions, to_date("2026-07-26")) == "2026-08-02"
    assert resolve(versions, to_date("2026-07-27")) == "2027-12-02"
    assert resolve(versions, to_date("2026-07-27")).by == "as amended"
    assert resolve("2025-02-02", to_date("2020-01-01")) == "2025-02-02"


@pytest.mark.parametrize("bad", ["2026-13-01", "1 Dec 2026", "", None, 20261201, "2026-12-1"])
def test_bad_days_are_refused_with_an_example(bad):
    with pytest.raises(ValueError, match="ISO date string such as"):
        classify(screener(), on=bad) if bad is not None else to_date(bad)


def test_days_as_date_datetime_and_timestamp_agree():
    as_str = classify(screener(), on="2026-12-05")
    for value in (dt.date(2026, 12, 5), dt.datetime(2026, 12, 5, 23, 59), pd.Timestamp("2026-12-05")):
        other = classify(screener(), on=value)
        pd.testing.assert_frame_equal(as_str, other)


def test_format_date_styles():
    assert format_date("2027-12-02") == "2 December 2027"
    assert format_date("2027-12-02", "short") == "2 Dec 2027"
    assert format_date("2027-12-02", "iso") == "2027-12-02"
    with pytest.raises(ValueError, match="style"):
        format_date("2027-12-02", "us")


def test_every_schedule_resolves_and_every_obligation_is_dated():
    assert schedule_names() == sorted(schedule_names()) and schedule_names()
    for name in schedule_names():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", legal_date(name))
    doc = _registry_data._document()
    unscheduled = []
    for entry in doc["entries"]:
        for ob in entry["obligations"]:
            start = _registry_data._start(ob, to_date(registry_as_of()))
            if start is None:  # passed but not yet commenced
                unscheduled.append(entry["id"])
                continue
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", start), (entry["id"], ob["text"][:40])
    assert set(unscheduled) <= {"sg_wfa"}


def test_legal_date_refuses_unknown_names_and_bad_days():
    with pytest.raises(ValueError, match="not a schedule in the registry; known: "):
        legal_date("eu_annex_3")
    with pytest.raises(ValueError, match="ISO date"):
        legal_date("eu_aia_annex_iii", on="soon")


# --------------------------------------------------------------------------- #
# the registry's contents


def test_every_entry_has_a_source_a_status_and_an_as_of_date():
    reg = load_registry()
    assert reg["source_url"].str.match(r"https?://").all()
    assert reg["status"].isin(registry.STATUSES).all()
    assert reg["as_of"].map(lambda d: bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)) and d <= registry_as_of()).all()
    assert (reg["status_note"].str.len() > 20).all()


def test_the_old_as_of_constant_still_works_with_a_warning():
    with pytest.warns(FutureWarning, match="registry_as_of"):
        assert registry.AS_OF == registry_as_of()
    with pytest.raises(AttributeError):
        _ = registry.NO_SUCH_NAME


def test_the_registry_date_is_in_the_data_and_recent():
    assert registry_as_of() == _registry_data._document()["as_of"]
    assert registry_as_of() >= "2026-12-07"
    assert registry_as_of() == load_registry()["as_of"].max()


def test_annex_iii_date_moved_by_the_omnibus_is_kept_as_versions():
    versions = _registry_data._document()["schedules"]["eu_aia_annex_iii"]
    assert isinstance(versions, list) and len(versions) == 2
    adopted, amended = versions
    assert adopted["date"] == "2026-08-02" and "as adopted" in adopted["by"]
    assert amended["date"] == "2027-12-02" and amended["since"] < "2026-08-02"
    assert legal_date("eu_aia_annex_iii") == "2027-12-02"
    assert legal_date("eu_aia_annex_iii", on=day_before(amended["since"])) == "2026-08-02"


def test_reported_facts_are_never_confirmed():
    """What was only reported (not read in the primary text) is secondary or check."""
    doc = _registry_data._document()
    for entry in doc["entries"]:
        for kd in entry["key_dates"]:
            if re.search(r"\breported(ly)?\b", kd["what"], re.IGNORECASE):
                assert kd.get("status") != "confirmed", (entry["id"], kd)
    for change in doc["changes"]:
        if re.search(r"\breported(ly)?\b", change["what"], re.IGNORECASE):
            assert change["status"] != "confirmed", change
    # the amending act was not read in the Official Journal: its dates are not confirmed
    assert _registry_data._entry("eu_ai_omnibus")["status"] != "confirmed"
    assert _registry_data._entry("eu_ai_act")["status"] != "confirmed"


def test_changes_name_known_entries_with_sources_newest_first():
    changes = law_changes()
    assert len(changes) >= 10
    assert changes["date"].is_monotonic_decreasing
    assert changes["source_url"].str.match(r"https?://").all()
    ids = set(load_registry()["id"])
    assert all(set(found) <= ids for found in changes["instruments"])
    recent = law_changes(since="2026-01-01")
    assert (recent["date"] >= "2026-01-01").all() and len(recent) < len(changes)


# --------------------------------------------------------------------------- #
# classification on a day


def test_the_same_tool_on_three_days_has_three_different_obligation_sets():
    frames = {day: classify(screener(), on=day) for day in DAYS}
    sets = {day: {(r.id, o) for r in f.itertuples() for o in r.obligations} for day, f in frames.items()}
    assert sets["2026-07-01"] != sets["2026-12-05"] != sets["2028-01-01"]
    assert sets["2026-07-01"] != sets["2028-01-01"]
    # the EU high-risk duties: coming on the first two days, in force on the last
    eu = {day: f.set_index("id").loc["eu_ai_act"] for day, f in frames.items()}
    annex = legal_date("eu_aia_annex_iii")
    assert eu["2026-12-05"]["next_date"] == annex
    assert any("Art. 26(1)" in o for o in eu["2028-01-01"]["obligations"])
    assert not any("Art. 26(1)" in o for o in eu["2026-12-05"]["obligations"])
    assert any(u.startswith(f"{annex}: Art. 26(1)") for u in eu["2026-12-05"]["upcoming"])
    # on the first day the amendment was not yet law: the date as adopted
    assert eu["2026-07-01"]["next_date"] == "2026-08-02"
    assert "as adopted" in eu["2026-07-01"]["reason"]
    # the prohibitions and AI literacy already apply on every day
    for day in DAYS:
        assert any(o.startswith("Art. 4") for o in eu[day]["obligations"]), day


def test_the_omnibus_replaced_the_literacy_duty_on_its_entry_into_force():
    frames = [in_force(classify(screener(), on=day), "eu_ai_act") for day in DAYS]
    adopted = [o for o in frames[0] if o.startswith("Art. 4 (wording as adopted)")]
    amended = [o for o in frames[1] if o.startswith("Art. 4 (wording as amended")]
    assert adopted and amended and not set(adopted) & frames[1] and not set(amended) & frames[0]
    assert frames[1] < frames[2]  # nothing ends between the registry's date and 2028; the high-risk duties start


def test_an_instrument_not_yet_adopted_is_left_out():
    first = min(kd["date"] for kd in _registry_data._entry("il_hb3773")["key_dates"])
    tool = screener(locations={"US-IL"})
    assert "il_hb3773" not in set(classify(tool, on=day_before(first))["id"])
    assert "il_hb3773" in set(classify(tool, on=first)["id"])


def test_ended_obligations_and_instruments_drop_out():
    doc = _registry_data._document()
    ended = [(e, ob) for e in doc["entries"] for ob in e["obligations"] if "until" in ob]
    ended_entries = [e for e in doc["entries"] if "until" in e]
    assert ended or ended_entries, "the registry records at least one withdrawn or lapsed rule"
    for entry in ended_entries:
        frame = obligations_on(entry["until"])
        assert entry["id"] not in set(frame["id"])
    for _, ob in ended:
        assert ob["text"] not in set(obligations_on(ob["until"])["obligation"])
        assert ob["text"] in set(obligations_on(day_before(ob["until"]))["obligation"]) or _registry_data._start(
            ob, to_date(day_before(ob["until"]))
        ) > day_before(ob["until"])


def test_the_day_is_shown_in_every_output():
    frame = classify(screener(), on="2026-12-05")
    assert frame.columns.name == "law on 2026-12-05"
    assert frame.attrs == {"on": "2026-12-05", "registry_as_of": registry_as_of()}
    assert "law on 2026-12-05" in frame._repr_html_() and "law on 2026-12-05" in repr(frame)
    later = classify(screener(), on="2028-01-01")
    assert later.columns.name == f"law on 2028-01-01, as scheduled on {registry_as_of()}"
    default = classify(screener())
    assert default.attrs["on"] == registry_as_of()
    matrix = obligations_matrix([screener()], on="2026-07-01")
    assert matrix.columns.name == "instrument (law on 2026-07-01)" and matrix.attrs["on"] == "2026-07-01"


def test_matrix_cells_say_when_duties_start():
    tools = [screener(name="eu", locations={"EU"}), screener(name="co", locations={"US-CO"})]
    annex = legal_date("eu_aia_annex_iii")
    before = obligations_matrix(tools, on="2026-12-05")
    assert before.loc["eu", "eu_ai_act"] == f"high-risk; more from {annex}"  # Art. 4 applies already
    after = obligations_matrix(tools, on="2028-01-01")
    assert after.loc["eu", "eu_ai_act"] == "high-risk"
    co_start = classify(tools[1], on="2026-12-05").set_index("id").loc["co_admt"]
    if co_start["next_date"] and not co_start["obligations"]:
        assert before.loc["co", "co_admt"].endswith(f"; from {co_start['next_date']}")


def test_upcoming_is_sorted_and_next_date_is_the_first():
    for day in DAYS:
        for row in classify(screener(), on=day).itertuples():
            dates = [u.split(":", 1)[0] for u in row.upcoming]
            assert dates == sorted(dates)
            assert row.next_date == (dates[0] if dates else None)
            assert all(d > day for d in dates)


# --------------------------------------------------------------------------- #
# obligations on a day, and the CLI


def test_obligations_on_filters_by_jurisdiction_prefix():
    us = obligations_on(jurisdiction="US")
    assert set(us["jurisdiction"]) >= {"US", "US-NYC"}
    assert set(us["jurisdiction"]) <= {j for j in set(load_registry()["jurisdiction"]) if j.split("-")[0] == "US"}
    nyc = obligations_on(jurisdiction="US-NYC")
    assert set(nyc["jurisdiction"]) == {"US-NYC"}
    assert set(obligations_on()["state"]) == {"in force", "upcoming"}
    with pytest.raises(ValueError, match="jurisdiction must be one of"):
        obligations_on(jurisdiction="Mars")


def test_render_obligations_on_markdown_and_json():
    text = render_obligations_on("2026-12-05", jurisdiction="EU")
    assert text.startswith("# The law on 2026-12-05 in EU")
    assert f"Registry as of {registry_as_of()}" in text
    assert "In force:" in text and "Coming:" in text
    doc = json.loads(render_obligations_on("2026-12-05", jurisdiction="EU", fmt="json"))
    assert doc["on"] == "2026-12-05" and doc["obligations"]
    with pytest.raises(ValueError, match="fmt must be"):
        render_obligations_on(fmt="pdf")


def test_cli_regulations(capsys, tmp_path):
    assert main(["regulations", "--on", "2026-12-05", "--jurisdiction", "US-NYC"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# The law on 2026-12-05 in US-NYC") and "Local Law 144" in out
    assert main(["regulations", "--on", "5/12/2026"]) == 2
    assert "ISO date string" in capsys.readouterr().err
    assert main(["regulations", "--jurisdiction", "XX"]) == 2
    assert main(["regulations", "--check"]) == 2
    assert main(["regulations", "--changes", "--on", "2026-12-05"]) == 2
    out_file = tmp_path / "law.csv"
    assert main(["regulations", "--format", "csv", "--out", str(out_file)]) == 0
    assert pd.read_csv(out_file).columns[0] == "id"


def test_law_changes_page_is_in_sync(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["regulations", "--changes", "--check"]) == 0, "run `hrfair regulations --changes`"
    page = (ROOT / "book" / "toolkit" / "law_changes.md").read_text(encoding="utf-8")
    assert page == render_law_changes()
    assert all(row.date in page for row in law_changes().itertuples())


def test_cli_changes_check_fails_on_a_stale_page(tmp_path, capsys):
    stale = tmp_path / "page.md"
    stale.write_text("old\n", encoding="utf-8")
    assert main(["regulations", "--changes", "--check", "--out", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["regulations", "--changes", "--out", str(stale)]) == 0
    assert main(["regulations", "--changes", "--check", "--out", str(stale)]) == 0


# --------------------------------------------------------------------------- #
# dates in prose come from the registry


def test_fill_dates():
    assert fill_dates("from {date:eu_aia_annex_iii}") == f"from {format_date(legal_date('eu_aia_annex_iii'))}"
    assert fill_dates("{date:eu_aia_annex_iii:iso}") == legal_date("eu_aia_annex_iii")
    assert fill_dates("{date:eu_aia_annex_iii:short}", on="2026-07-01") == "2 Aug 2026"
    with pytest.raises(ValueError, match="not a schedule"):
        fill_dates("{date:nope}")


def test_book_substitutions_cover_every_schedule():
    subs = registry_substitutions()
    assert {f"date_{n}" for n in schedule_names()} <= set(subs)
    assert subs["registry_as_of"] == format_date(registry_as_of())


#: Legal dates typed as prose: "2 August 2026", "Aug 2, 2026", "2 Aug 2026".
_TYPED_DATE = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* 20\d\d\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, 20\d\d\b"
)
#: Pages generated from data (the dates there come from the registry or the question bank).
_GENERATED = {"book/toolkit/law_changes.md", "book/interviewing/question_bank.md"}


def _prose_files():
    pages = [p for p in (ROOT / "book").rglob("*.md") if p.relative_to(ROOT).as_posix() not in _GENERATED]
    return pages + [
        ROOT / "hrfair_helpers" / "interview" / "data" / "questions.json",
        *sorted((ROOT / "hrfair_helpers" / "grading" / "banks").glob("*.py")),
        *sorted((ROOT / "hrfair_helpers" / "cases").glob("*.py")),
    ]


def test_no_legal_date_is_typed_into_chapters_model_answers_or_feedback():
    found = []
    for path in _prose_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{number}: {m.group(0)}" for m in _TYPED_DATE.finditer(line)]
    assert not found, "take these dates from the registry ({{ date_... }} or {date:...}):\n" + "\n".join(found)


def test_substitutions_used_in_the_book_exist():
    subs = registry_substitutions()
    used = set()
    for path in (ROOT / "book").rglob("*.md"):
        used |= set(re.findall(r"\{\{\s*([a-z0-9_]+)\s*\}\}", path.read_text(encoding="utf-8")))
    assert used, "the chapters take their dates from the registry"
    assert used <= set(subs), sorted(used - set(subs))


def test_solution_notebooks_type_no_legal_dates_in_markdown():
    """Markdown states legal dates through computed cells; code may hold a case's own story dates."""
    found = []
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] != "markdown":
                continue
            for m in _TYPED_DATE.finditer("".join(cell["source"])):
                found.append(f"{path.name} cell {i}: {m.group(0)}")
    assert not found, "\n".join(found)
