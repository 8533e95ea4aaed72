"""Reading a submitted notebook's answers without trusting its code: which bank, which values.

Batch grading (:mod:`hrfair_helpers.grading.batch`) never grades inside the learner's kernel. It
reads the notebook's source with :mod:`ast` (never executing it) to find

* the bank and its parameters, from ``grader = Grader("<bank>", seed=SEED)``
  (:func:`grader_call`), and
* each answer's *site*: the expression a ``grader.check("<question>", <expression>)`` call
  passes (:func:`check_sites`),

then, while the notebook runs in its own kernel, evaluates those expressions right after the
cell that checks them and sends the values out as JSON (:func:`recorder_source`,
:func:`encode_answer`). The parent decodes them (:func:`decode_answer`, plain values and pandas
objects only: nothing is unpickled) and grades them against the package's reference answers.
A learner who redefines ``grader``, ``Grader`` or the banks' functions in the notebook therefore
changes nothing that is graded.

Examples
--------
>>> grader_call(['from hrfair_helpers.grading import Grader\\nSEED = 7\\ngrader = Grader("promotion_gap", seed=SEED)'])
('promotion_gap', {'seed': 7})
>>> check_sites('rates = df.mean()\\ngrader.check("q01_rates", rates.round(3))')
[('q01_rates', 'rates.round(3)')]
>>> decode_answer(encode_answer({"Female": 0.11, "Male": 0.31}))
{'Female': 0.11, 'Male': 0.31}
"""

from __future__ import annotations

import ast
import datetime
import inspect
import json
import re
from dataclasses import dataclass

__all__ = [
    "ANSWER_MIME",
    "AnswerError",
    "Unreadable",
    "check_sites",
    "decode_answer",
    "encode_answer",
    "grader_call",
    "python_source",
    "read_recording",
    "recorder_source",
]

#: Mimetype of the display output that carries the recorded answers out of the kernel.
ANSWER_MIME = "text/vnd.hrfair.answers+json"
#: Keyword values of ``Grader(...)`` that are read (literals of these types only).
_PARAM_TYPES = (int, float, str, bool)


# ---------------------------------------------------------------------------
# Reading the source
# ---------------------------------------------------------------------------


def python_source(cell_source: str) -> str | None:
    """A code cell as plain Python (IPython magics and ``!`` commands translated), or None.

    Examples
    --------
    >>> python_source("%matplotlib inline\\nx = 1").splitlines()[-1]
    'x = 1'
    >>> python_source("def broken(:") is None
    True
    """
    try:
        ast.parse(cell_source)
        return cell_source
    except (SyntaxError, ValueError):
        pass
    try:  # IPython is installed with ipykernel; only cells with magics need it
        from IPython.core.inputtransformer2 import TransformerManager

        translated = TransformerManager().transform_cell(cell_source)
        ast.parse(translated)
    except Exception:  # noqa: BLE001 - a learner's cell may be anything
        return None
    return translated


def _literal(node, names):
    """The value of a literal or of a name assigned a literal earlier; raises ValueError otherwise."""
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    value = ast.literal_eval(node)
    if isinstance(value, _PARAM_TYPES):
        return value
    raise ValueError("not a plain literal")


def grader_call(sources) -> tuple[str, dict] | None:
    """The bank id and keyword parameters of the first ``Grader("<bank>", ...)`` call, or None.

    Parameters
    ----------
    sources : iterable of str
        The notebook's code cells, in order. They are parsed, never executed; a keyword given as
        a name (``seed=SEED``) is resolved from a top-level ``SEED = <literal>`` assignment before
        the call.

    Returns
    -------
    tuple of (str, dict) or None
        ``(bank_id, params)``; keywords whose value cannot be read are left out.

    Examples
    --------
    >>> grader_call(['grader = Grader("orientation")'])
    ('orientation', {})
    >>> grader_call(["grader = 1"]) is None
    True
    """
    names: dict = {}
    for source in sources:
        python = python_source(source)
        if python is None:
            continue
        for stmt in ast.parse(python).body:
            for node in ast.walk(stmt):
                if not (isinstance(node, ast.Call) and _called_name(node.func) == "Grader"):
                    continue
                first = (
                    node.args[0]
                    if node.args
                    else next((k.value for k in node.keywords if k.arg == "notebook_id"), None)
                )
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    continue
                params = {}
                for keyword in node.keywords:
                    if keyword.arg in (None, "notebook_id", "mode"):
                        continue
                    try:
                        params[keyword.arg] = _literal(keyword.value, names)
                    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                        continue
                return first.value, params
            # Top-level ``NAME = literal`` assignments, for keywords passed by name.
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                try:
                    names[stmt.targets[0].id] = _literal(stmt.value, {})
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    names.pop(stmt.targets[0].id, None)
    return None


def _called_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


class _Sites(ast.NodeVisitor):
    """Collect ``<x>.check("<qid>", <expr>)`` calls outside function and class bodies."""

    def __init__(self):
        self.sites = []

    def visit_Call(self, node):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "check":
            args = list(node.args)
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            qid = args[0] if args else keywords.get("question_id")
            answer = args[1] if len(args) > 1 else keywords.get("answer")
            if isinstance(qid, ast.Constant) and isinstance(qid.value, str) and answer is not None:
                self.sites.append((qid.value, ast.unparse(answer)))
        self.generic_visit(node)

    # The expression would name the function's locals, which do not exist after the cell ran.
    def visit_FunctionDef(self, node):
        return None

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef


def check_sites(cell_source: str) -> list[tuple[str, str]]:
    """``(question id, answer expression)`` of each ``grader.check`` call in one code cell.

    Any object's ``.check("<id>", <expression>)`` counts (the learner may have renamed
    ``grader``); the caller keeps the ids its bank knows. Calls inside function or class bodies are
    skipped, and so is a cell that does not parse.

    Examples
    --------
    >>> check_sites('g.check("q2", ratio)\\ndef f():\\n    g.check("q3", local)')
    [('q2', 'ratio')]
    >>> check_sites("for q in qs:\\n    grader.check(q, answers[q])")
    []
    """
    python = python_source(cell_source)
    if python is None:
        return []
    visitor = _Sites()
    visitor.visit(ast.parse(python))
    return visitor.sites


# ---------------------------------------------------------------------------
# Values across the kernel boundary
# ---------------------------------------------------------------------------


def encode_answer(value, max_items=200_000, max_text=100_000, max_depth=12):
    """A JSON-safe, type-tagged form of an answer.

    This function is copied into the learner's kernel by :func:`recorder_source`, so it imports
    what it needs itself and names nothing else from this module. Plain JSON values stay as they are;
    containers, NumPy and pandas objects become ``{"t": <tag>, ...}``; anything else becomes
    ``{"t": "unreadable", ...}`` with its type and a short ``repr`` (never pickled).

    Examples
    --------
    >>> encode_answer((1, float("nan")))
    {'t': 'tuple', 'v': [1, {'t': 'float', 'v': 'nan'}]}
    """
    import datetime as _dt
    import json as _json
    import math as _math

    try:
        import numpy as _np
    except ImportError:  # pragma: no cover - numpy is a dependency
        _np = None
    try:
        import pandas as _pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        _pd = None
    left = [max_items]

    class _TooBig(Exception):
        pass

    def spend(n):
        left[0] -= n
        if left[0] < 0:
            raise _TooBig()

    def unreadable(obj, reason):
        try:
            text = repr(obj)[:200]
        except Exception:  # noqa: BLE001 - a learner object may break repr
            text = ""
        kind = type(obj)
        return {"t": "unreadable", "type": f"{kind.__module__}.{kind.__qualname__}", "repr": text, "reason": reason}

    def number(x):
        return x if _math.isfinite(x) else {"t": "float", "v": repr(x)}

    def enc(obj, depth):
        spend(1)
        if depth > max_depth:
            return unreadable(obj, "nested too deeply")
        if obj is None or isinstance(obj, bool):
            return obj
        if obj is Ellipsis:
            return {"t": "ellipsis"}
        if _np is not None and isinstance(obj, _np.generic):
            if isinstance(obj, _np.bool_):
                return {"t": "np.bool", "v": bool(obj)}
            if isinstance(obj, _np.integer):
                return {"t": "np.int", "v": int(obj), "dtype": obj.dtype.name}
            if isinstance(obj, _np.floating):
                return {"t": "np.float", "v": str(obj), "dtype": obj.dtype.name}
            if isinstance(obj, _np.str_):
                return enc(str(obj), depth)
            if isinstance(obj, _np.datetime64):
                return {"t": "datetime", "v": str(obj)}
            return unreadable(obj, "a NumPy type the grader does not read")
        if isinstance(obj, int):
            return int(obj)
        if isinstance(obj, float):
            return number(float(obj))
        if isinstance(obj, str):
            if len(obj) > max_text:
                return unreadable(obj, "text too long")
            spend(len(obj) // 100)
            return str(obj)
        if _pd is not None and isinstance(obj, _pd.Timestamp):
            return {"t": "timestamp", "v": obj.isoformat()}
        if isinstance(obj, _dt.datetime):
            return {"t": "datetime", "v": obj.isoformat()}
        if isinstance(obj, _dt.date):
            return {"t": "date", "v": obj.isoformat()}
        if isinstance(obj, (list, tuple)):
            tag = "tuple" if isinstance(obj, tuple) else "list"
            spend(len(obj))
            return {"t": tag, "v": [enc(x, depth + 1) for x in obj]}
        if isinstance(obj, (set, frozenset)):
            spend(len(obj))
            items = [enc(x, depth + 1) for x in obj]
            items.sort(key=lambda x: _json.dumps(x, sort_keys=True))  # a set's order varies between runs
            return {"t": "frozenset" if isinstance(obj, frozenset) else "set", "v": items}
        if isinstance(obj, dict):
            spend(len(obj))
            return {"t": "dict", "v": [[enc(k, depth + 1), enc(v, depth + 1)] for k, v in obj.items()]}
        if _pd is not None and isinstance(obj, _pd.Series):
            spend(2 * len(obj))
            return {
                "t": "series",
                "index": [enc(x, depth + 1) for x in obj.index.tolist()],
                "values": [enc(x, depth + 1) for x in obj.tolist()],
                "name": enc(obj.name, depth + 1),
                "dtype": str(obj.dtype),
            }
        if _pd is not None and isinstance(obj, _pd.DataFrame):
            spend(obj.shape[0] * (obj.shape[1] + 1) + obj.shape[1])
            return {
                "t": "frame",
                "index": [enc(x, depth + 1) for x in obj.index.tolist()],
                "columns": [enc(x, depth + 1) for x in obj.columns.tolist()],
                "data": [[enc(x, depth + 2) for x in row] for row in obj.itertuples(index=False, name=None)],
                "dtypes": [str(d) for d in obj.dtypes],
            }
        if _pd is not None and isinstance(obj, _pd.Index):
            spend(len(obj))
            return {"t": "index", "v": [enc(x, depth + 1) for x in obj.tolist()]}
        if _np is not None and isinstance(obj, _np.ndarray):
            if obj.dtype.kind not in "biufUO":
                return unreadable(obj, "a NumPy array of a type the grader does not read")
            spend(obj.size)
            if obj.ndim == 0:
                return {"t": "array0", "v": enc(obj[()], depth + 1), "dtype": obj.dtype.str}
            return {"t": "array", "v": enc(obj.tolist(), depth + 1), "dtype": obj.dtype.str}
        return unreadable(obj, "a type the grader does not read")

    try:
        return enc(value, 0)
    except _TooBig:
        return unreadable(value, f"more than {max_items} values")
    except RecursionError:
        return unreadable(value, "nested too deeply")


@dataclass(frozen=True)
class Unreadable:
    """An answer the recorder could not send as data: its type, a short ``repr`` and why.

    Examples
    --------
    >>> decode_answer({"t": "unreadable", "type": "builtins.object", "repr": "<object>", "reason": "a type"})
    Unreadable(type='builtins.object', repr='<object>', reason='a type')
    """

    type: str
    repr: str = ""
    reason: str = ""


@dataclass(frozen=True)
class AnswerError:
    """Evaluating the answer's expression in the kernel raised, e.g. ``NameError: name 'x' ...``."""

    error: str


_SAFE_DTYPES = re.compile(r"^[<>|=]?(?:[biuf]\d{1,2}|U\d+|O|bool|(?:u?int|float)\d{0,2})$")


def _dtype(name, np):
    if not isinstance(name, str) or not _SAFE_DTYPES.match(name):
        raise ValueError(f"unexpected dtype {name!r}")
    return np.dtype(name)


def decode_answer(obj):
    """Rebuild an answer from :func:`encode_answer`'s form (plain values and pandas objects only).

    Raises
    ------
    ValueError
        On a form :func:`encode_answer` never writes.

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.Series([0.11, 0.31], index=["Female", "Male"], name="rate")
    >>> decode_answer(encode_answer(rates)).equals(rates)
    True
    >>> decode_answer({"t": "ellipsis"})
    Ellipsis
    """
    import numpy as np
    import pandas as pd

    def dec(node):
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if not isinstance(node, dict) or not isinstance(node.get("t"), str):
            raise ValueError(f"unexpected answer form {type(node).__name__}")
        tag, v = node["t"], node.get("v")
        if tag == "ellipsis":
            return ...
        if tag == "float":
            if v not in ("nan", "inf", "-inf"):
                raise ValueError(f"unexpected float {v!r}")
            return float(v)
        if tag == "np.bool":
            return np.bool_(bool(v))
        if tag == "np.int":
            dtype = _dtype(node.get("dtype"), np)
            if dtype.kind not in "iu":
                raise ValueError("np.int with a non-integer dtype")
            return dtype.type(int(v))
        if tag == "np.float":
            dtype = _dtype(node.get("dtype"), np)
            if dtype.kind != "f":
                raise ValueError("np.float with a non-float dtype")
            return dtype.type(str(v))
        if tag == "timestamp":
            return pd.Timestamp(str(v))
        if tag == "datetime":
            try:
                return datetime.datetime.fromisoformat(v)
            except (TypeError, ValueError):
                return pd.Timestamp(v)
        if tag == "date":
            return datetime.date.fromisoformat(v)
        if tag in ("list", "tuple", "set", "frozenset"):
            items = [dec(x) for x in _list(v)]
            return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
        if tag == "dict":
            return {_key(dec(k)): dec(x) for k, x in (_pair(p) for p in _list(v))}
        if tag == "series":
            index = [_key(dec(x)) for x in _list(node.get("index"))]
            values = [dec(x) for x in _list(node.get("values"))]
            series = pd.Series(
                values,
                index=pd.Index(index, tupleize_cols=True) if index else None,
                name=_key(dec(node.get("name"))),
                dtype=object,
            )
            try:
                return series.astype(_dtype(node.get("dtype"), np))
            except (ValueError, TypeError):  # category, datetime... stay as objects
                return series.infer_objects()
        if tag == "frame":
            columns = [_key(dec(x)) for x in _list(node.get("columns"))]
            rows = [[dec(x) for x in _list(row)] for row in _list(node.get("data"))]
            index = [_key(dec(x)) for x in _list(node.get("index"))]
            frame = pd.DataFrame(
                rows,
                columns=pd.Index(columns, tupleize_cols=True) if columns else None,
                index=pd.Index(index, tupleize_cols=True) if index else None,
                dtype=object,
            )
            for column, dtype in zip(frame.columns, _list(node.get("dtypes"))):
                try:
                    frame[column] = frame[column].astype(_dtype(dtype, np))
                except (ValueError, TypeError):
                    frame[column] = frame[column].infer_objects()
            return frame
        if tag == "index":
            return pd.Index([_key(dec(x)) for x in _list(v)], tupleize_cols=True)
        if tag == "array0":
            return np.array(dec(v), dtype=_dtype(node.get("dtype"), np))
        if tag == "array":
            return np.array(dec(v), dtype=_dtype(node.get("dtype"), np))
        if tag == "unreadable":
            return Unreadable(str(node.get("type", "")), str(node.get("repr", "")), str(node.get("reason", "")))
        if tag == "error":
            return AnswerError(str(v))
        raise ValueError(f"unexpected answer tag {tag!r}")

    return dec(obj)


def _list(v):
    if not isinstance(v, list):
        raise ValueError("expected a list")
    return v


def _pair(p):
    if not (isinstance(p, list) and len(p) == 2):
        raise ValueError("expected a key-value pair")
    return p


def _key(k):
    """A dict key or index label must be hashable: lists (never written) become tuples."""
    return tuple(k) if isinstance(k, list) else k


# ---------------------------------------------------------------------------
# The recording cell
# ---------------------------------------------------------------------------

# Runs with fresh globals whose builtins are the real ones: a learner who named a variable
# ``list``, ``str`` or ``type`` (or redefined ``isinstance``) does not break the recording; the
# answer expressions themselves are evaluated in the learner's namespace (NS), as their check was.
_RECORDER_BODY = """\
{encoder}

def describe_error(error):
    try:
        return (type(error).__name__ + ": " + str(error))[:300]
    except BaseException:  # an exception whose str() raises
        return type(error).__name__


def record(sites, ns):
    import json
    from IPython.display import publish_display_data

    out = []
    for qid, expression in sites:
        try:
            value = eval(compile(expression, "<answer to " + qid + ">", "eval"), ns)
        except BaseException as error:  # the learner's code may raise anything, even SystemExit
            out.append([qid, {{"t": "error", "v": describe_error(error)}}])
            continue
        try:
            out.append([qid, encode_answer(value)])
        except BaseException as error:
            reason = "could not be read: " + describe_error(error)
            out.append([qid, {{"t": "unreadable", "type": "", "repr": "", "reason": reason}}])
    publish_display_data({{{mime!r}: json.dumps(out)}})


record(SITES, NS)
"""

_RECORDER_CELL = """\
import builtins as __hrfair_builtins
try:
    __hrfair_builtins.exec(
        {body!r},
        {{"__builtins__": __hrfair_builtins, "NS": __hrfair_builtins.globals(), "SITES": {sites}}},
    )
finally:
    del __hrfair_builtins
"""


def recorder_source(sites) -> str:
    """The code the runner sends to the kernel to record the answers of ``sites``.

    Parameters
    ----------
    sites : list of (str, str), or str
        ``(question id, answer expression)`` pairs, from :func:`check_sites`; or a placeholder
        name written in their place, for a worker to replace with the list's ``repr``.

    Returns
    -------
    str
        Code that evaluates each expression in the notebook's namespace and publishes
        ``[[qid, encoded value], ...]`` as JSON in a display output of type :data:`ANSWER_MIME`.
        It is never written into the submission.

    Examples
    --------
    >>> "publish_display_data" in recorder_source([("q1", "rates")])
    True
    """
    body = _RECORDER_BODY.format(encoder=inspect.getsource(encode_answer), mime=ANSWER_MIME)
    literal = sites if isinstance(sites, str) else repr([list(s) for s in sites])
    return _RECORDER_CELL.format(body=body, sites=literal)


def read_recording(text: str) -> list[tuple[str, object]]:
    """Decode a recording output (the JSON :func:`recorder_source` publishes) into ``(qid, value)``.

    Examples
    --------
    >>> read_recording(json.dumps([["q1", encode_answer([1, 2])]]))
    [('q1', [1, 2])]
    """
    pairs = json.loads(text)
    return [(str(qid), decode_answer(value)) for qid, value in (_pair(p) for p in _list(pairs))]
