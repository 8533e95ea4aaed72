"""Import rules of the package (docs: DESIGN.md, "The helper package"), checked on the source with ast.

- A module imports private modules and names (``_x``) of its own package only; the one private
  module every package may import is ``hrfair_helpers._utils`` (its public names, not ``_x``).
- ``hrfair_helpers._utils`` is the bottom layer: it imports nothing else from the package.
- ``hrfair_helpers.audit`` does not import ``hrfair_helpers.viz`` at all (figures take their style
  from ``_utils.style``).

Every import counts: at module level, inside functions (lazy imports) and relative ones.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hrfair_helpers"
SHARED = "_utils"

# (importing module, imported name) pairs allowed for now.
ALLOWED: set = set()  # (module, private import) pairs tolerated; none today


def _module_parts(path, root):
    """``hrfair_helpers/audit/impact.py`` -> (["hrfair_helpers", "audit", "impact"], is_package)."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return (parts[:-1] if is_package else parts), is_package


def imports(path, root=PACKAGE):
    """Every ``(line, dotted target)`` that ``path`` imports; ``from m import n`` gives ``m.n``."""
    parts, is_package = _module_parts(path, root)
    here = parts if is_package else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + (node.module.split(".") if node.module else []))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def _owner(dotted_parts):
    """The package (first level below hrfair_helpers) a dotted name belongs to; top-level modules own themselves."""
    return dotted_parts[1] if len(dotted_parts) > 1 else ""


def _private(part):
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def violations(root=PACKAGE):
    """Broken import rules as ``"path:line: message"`` strings, plus the (path, target) pairs found."""
    problems, pairs = [], set()
    for path in sorted(root.rglob("*.py")):
        parts, _ = _module_parts(path, root)
        owner = _owner(parts)
        name = path.relative_to(root.parent).as_posix()
        for line, target in imports(path, root):
            target_parts = target.split(".")
            if target_parts[0] != root.name:
                continue
            where = f"{name}:{line}"
            target_owner = _owner(target_parts)
            if owner == SHARED and target_owner != SHARED:
                problems.append(f"{where}: _utils imports {target}; _utils must not import the rest of the package")
            if owner == "audit" and target_owner == "viz":
                problems.append(f"{where}: audit imports {target}; audit must not import viz")
            private = [p for p in target_parts[1:] if _private(p)]
            if not private or target_owner == owner:
                continue
            if target_owner == SHARED and private == [SHARED]:
                continue
            pairs.add((name, target))
            if (name, target) not in ALLOWED:
                problems.append(
                    f"{where}: imports {target}, a private name of another package; move what is shared "
                    f"to hrfair_helpers/_utils/ or make it public"
                )
    return problems, pairs


def test_no_module_imports_another_packages_private_names_and_audit_never_imports_viz():
    problems, _ = violations()
    assert not problems, "\n".join(problems)


def test_every_allowed_exception_is_still_needed():
    _, pairs = violations()
    stale = ALLOWED - pairs
    assert not stale, f"remove these from ALLOWED in tests/test_architecture.py, they no longer occur: {sorted(stale)}"


def test_the_package_is_scanned():
    names = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert {"audit/impact.py", "_utils/render.py", "viz/threshold.py", "cli.py"} <= names


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"audit/x.py": "from . import _inputs\nfrom .._utils import render\nfrom .._utils.render import md_cell"}, []),
        ({"text/x.py": "from ..audit import _report"}, ["text/x.py:1: imports hrfair_helpers.audit._report"]),
        (
            {"text/x.py": "def f():\n    from ..audit._stats import fisher_p"},
            ["text/x.py:2: imports hrfair_helpers.audit._stats.fisher_p"],
        ),
        (
            {"text/x.py": "import hrfair_helpers.audit._report as r"},
            ["text/x.py:1: imports hrfair_helpers.audit._report"],
        ),
        (
            {"text/x.py": "from ..mitigation.options import _check_seed"},
            ["text/x.py:1: imports hrfair_helpers.mitigation.options._check_seed"],
        ),
        ({"cli.py": "from hrfair_helpers.audit import _inputs"}, ["cli.py:1: imports hrfair_helpers.audit._inputs"]),
        (
            {"text/x.py": "from .._utils.validation import _SHOW"},
            ["text/x.py:1: imports hrfair_helpers._utils.validation._SHOW"],
        ),
        ({"grading/banks/x.py": "from ..bank import _helper\nfrom ...audit import adverse_impact"}, []),
        (
            {"audit/x.py": "def plot():\n    from ..viz import style"},
            ["audit/x.py:2: audit imports hrfair_helpers.viz"],
        ),
        ({"audit/sub/x.py": "from ... import viz"}, ["audit/sub/x.py:1: audit imports hrfair_helpers.viz"]),
        ({"_utils/x.py": "from ..audit import adverse_impact"}, ["_utils/x.py:1: _utils imports hrfair_helpers.audit"]),
    ],
)
def test_the_checker_finds_what_it_should(tmp_path, files, expected):
    root = tmp_path / "hrfair_helpers"
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source + "\n", encoding="utf-8")
    problems, _ = violations(root)
    assert len(problems) == len(expected), problems
    for problem, start in zip(sorted(problems), sorted(expected)):
        assert problem.startswith(f"hrfair_helpers/{start}"), problem
