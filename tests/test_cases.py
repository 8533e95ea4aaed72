"""The case registry: one home per scenario's case, one object per parameters, shared by the banks.

Building a case computes nothing (its stages are cached properties), so these tests are fast; the
numbers a case computes are checked by the question-bank, interview-fact and variant tests.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from hrfair_helpers.cases import CASES, get_case
from hrfair_helpers.grading import Bank, Grader
from hrfair_helpers.grading.banks import available, get_bank

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hrfair_helpers"

#: Keyword arguments other than the defaults, for each case.
OTHER_PARAMS = {
    "adult_audit": {"seed": 1},
    "resume_screener": {"audit_seed": 2, "audit_n": 500},
    "promotion_gap": {"seed": 3},
    "chatbot_incident": {"seed": 3},
    "global_governance": {"seed": 1},
    "wellbeing_analytics": {"seed": 1},
}


def test_every_scenario_bank_has_its_case_and_only_the_orientation_tour_has_none():
    assert sorted(CASES) == sorted(OTHER_PARAMS)
    assert set(CASES) <= set(available())
    assert sorted(set(available()) - set(CASES)) == ["orientation"]  # a tour of the tools, not a scenario
    for name, cls in CASES.items():
        assert cls.__module__.startswith("hrfair_helpers.cases."), cls
        assert get_bank(name).setup is cls, name


@pytest.mark.parametrize("name", sorted(OTHER_PARAMS))
def test_a_banks_context_is_the_registrys_case_object(name):
    bank, params = get_bank(name), OTHER_PARAMS[name]
    case = get_case(name)
    assert isinstance(case, CASES[name])
    assert bank.context() is case
    assert bank.context(**params) is get_case(name, **params) is not case
    assert Grader(name, mode="feedback", **params).bank.context(**params) is get_case(name, **params)
    assert not bank._contexts  # the registry's cache is the only one


@pytest.mark.parametrize("name", sorted(OTHER_PARAMS))
def test_get_case_caches_per_parameters_with_the_defaults_filled_in(name):
    params = OTHER_PARAMS[name]
    assert get_case(name) is get_case(name)
    assert get_case(name, **params) is get_case(name, **dict(reversed(params.items())))
    assert get_case(name, **params) is not get_case(name)
    defaults = CASES[name]()
    assert get_case(name, **vars(defaults)) is get_case(name)  # seed=0 is the default: one object


def test_building_a_case_computes_none_of_its_stages():
    script = (
        "import sys; from hrfair_helpers.cases import CASES, get_case;"
        "cases = [get_case(name) for name in CASES];"
        "print(all(not any(isinstance(getattr(type(c), k, None), __import__('functools').cached_property)"
        " for k in vars(c)) for c in cases), 'sklearn' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


@pytest.mark.parametrize("name", [None, 3, "adult", "orientation", "AdultCase", ""])
def test_get_case_refuses_unknown_names_listing_the_known_ones(name):
    with pytest.raises(ValueError, match="no case") as error:
        get_case(name)
    for known in CASES:
        assert known in str(error.value)


def test_get_case_refuses_parameters_the_case_does_not_take_and_values_it_refuses():
    with pytest.raises(TypeError, match=r"case 'promotion_gap' \(PromotionCase\) takes \['seed'\]"):
        get_case("promotion_gap", seeds=3)
    get_case("chatbot_incident", seed=1)
    for bad in (True, -1, 1.5, "3"):  # True == 1: the cached seed-1 case must not answer for it
        with pytest.raises(ValueError, match="non-negative integer"):
            get_case("chatbot_incident", seed=bad)


def test_a_bank_with_its_own_setup_keeps_its_own_cache_even_under_a_case_id():
    calls = []

    def setup(seed=0):
        calls.append(seed)
        return {"seed": seed}

    bank = Bank("promotion_gap", "not the registered case", setup)
    assert bank.context(seed=2) == {"seed": 2} and bank.context(seed=2) is bank.context(seed=2)
    assert calls == [2] and bank.context(seed=2) is not get_case("promotion_gap", seed=2)
    registered = Bank("promotion_gap", "the registered case", CASES["promotion_gap"])
    assert registered.context(seed=2) is get_case("promotion_gap", seed=2)


def test_the_case_classes_are_importable_by_name_and_from_their_bank():
    from hrfair_helpers.cases import ChatbotCase, PromotionCase
    from hrfair_helpers.grading.banks.promotion_gap import PromotionCase as from_bank

    assert PromotionCase is CASES["promotion_gap"] is from_bank and ChatbotCase is CASES["chatbot_incident"]
    import hrfair_helpers.cases as cases

    with pytest.raises(AttributeError, match="OrientationCase"):
        cases.OrientationCase  # noqa: B018


def test_importing_the_registry_is_cheap():
    script = (
        "import sys, time; start = time.perf_counter(); import hrfair_helpers, hrfair_helpers.cases as c;"
        "names = sorted(c.CASES); elapsed = time.perf_counter() - start;"
        "heavy = [m for m in ('numpy', 'pandas', 'sklearn') if m in sys.modules];"
        "loaded = sorted(m for m in sys.modules if m.startswith('hrfair_helpers.'));"
        "print(repr((elapsed, heavy, loaded, len(names))))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    elapsed, heavy, loaded, count = eval(done.stdout.strip())  # noqa: S307 - our own repr
    assert heavy == [] and loaded == ["hrfair_helpers.cases"] and count == len(OTHER_PARAMS)
    assert elapsed < 0.5


# --- imports, read with ast ---------------------------------------------------------------------


def _imports(path):
    """``(enclosing function or "<module>", absolute module)`` for every import of ``path``."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found = []

    def visit(node, where):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else where
            if isinstance(child, ast.Import):
                found.extend((where, alias.name) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = package.split(".")
                base = base[: len(base) - child.level + 1] if child.level else []
                module = ".".join(base + ([child.module] if child.module else []))
                found.append((where, module))
                found.extend((where, f"{module}.{alias.name}") for alias in child.names)  # from .. import grading
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def _grading_imports(folder):
    return {
        (path.name, where, module)
        for path in sorted((PACKAGE / folder).glob("*.py"))
        for where, module in _imports(path)
        if module == "hrfair_helpers.grading" or module.startswith("hrfair_helpers.grading.")
    }


def test_the_import_reader_resolves_relative_imports():
    assert ("_context", "hrfair_helpers.cases") in _imports(PACKAGE / "interview" / "facts.py")
    assert ("<module>", "hrfair_helpers.cases") in _imports(PACKAGE / "grading" / "banks" / "promotion_gap.py")
    assert ("<module>", "hrfair_helpers.grading.bank") in _imports(PACKAGE / "grading" / "banks" / "promotion_gap.py")


def test_no_case_module_imports_grading():
    assert sorted((PACKAGE / "cases").glob("*.py")), "the cases package is there"
    assert _grading_imports("cases") == set()


#: What the interview package still imports from grading, and why.
INTERVIEW_GRADING_IMPORTS = {
    # The answer key lists the bank's questions and how the grader compares answers.
    ("variant.py", "answer_key", "hrfair_helpers.grading.banks"),
    ("variant.py", "answer_key", "hrfair_helpers.grading.banks.get_bank"),
    ("variant.py", "_compute", "hrfair_helpers.grading.compare"),
    ("variant.py", "_compute", "hrfair_helpers.grading.compare.Labels"),
    ("variant.py", "_compute", "hrfair_helpers.grading.compare.Unfit"),
    ("variant.py", "_label", "hrfair_helpers.grading.compare"),
    ("variant.py", "_label", "hrfair_helpers.grading.compare.PerGroup"),
    # The interview rubrics are built from grading's rubric elements and coverage self-check
    # (no case involved; not part of the move of the cases).
    ("elements.py", "<module>", "hrfair_helpers.grading.rubric"),
    ("elements.py", "<module>", "hrfair_helpers.grading.rubric.METRICS"),
    ("elements.py", "<module>", "hrfair_helpers.grading.rubric.NUMBER"),
    ("elements.py", "<module>", "hrfair_helpers.grading.rubric.TRADE_OFF"),
    ("elements.py", "<module>", "hrfair_helpers.grading.rubric.RubricElement"),
    ("questions.py", "<module>", "hrfair_helpers.grading.rubric"),
    ("questions.py", "<module>", "hrfair_helpers.grading.rubric.CoverageReport"),
    ("questions.py", "<module>", "hrfair_helpers.grading.rubric.RED_FLAGS"),
    ("questions.py", "<module>", "hrfair_helpers.grading.rubric.Rubric"),
    ("questions.py", "<module>", "hrfair_helpers.grading.rubric.check_coverage"),
}


def test_the_interview_package_gets_cases_from_the_registry_not_from_grading():
    found = _grading_imports("interview")
    assert found <= INTERVIEW_GRADING_IMPORTS, sorted(found - INTERVIEW_GRADING_IMPORTS)
    banks = {(name, where) for name, where, module in found if module.startswith("hrfair_helpers.grading.banks")}
    assert banks == {("variant.py", "answer_key")}  # the questions; the case itself comes from the registry
    assert not {entry for entry in found if entry[0] == "facts.py"}
    assert ("claims", "hrfair_helpers.cases") in _imports(PACKAGE / "interview" / "variant.py")
    assert ("answer_key", "hrfair_helpers.cases") in _imports(PACKAGE / "interview" / "variant.py")
