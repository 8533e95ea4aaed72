"""Grader modes for notebook runs: one pytest session checks solutions and learner copies.

nbval starts a kernel per notebook, and the kernel inherits this process's environment. Before
the first cell of a notebook runs, ``HRFAIR_GRADER`` is set from the folder it sits in: worked
solutions must pass every grader (``strict``), learner copies must leave every answer blank
(``expect-blank``). Any other notebook runs in the mode the shell exported, or ``feedback``.
"""

import os

import pytest

NOTEBOOK_MODES = {"solutions": "strict", "notebooks": "expect-blank"}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.path.suffix == ".ipynb" and item.path.parent.name in NOTEBOOK_MODES:
        os.environ["HRFAIR_GRADER"] = NOTEBOOK_MODES[item.path.parent.name]
