"""Shared pytest fixtures for the unit tests."""

import pytest


@pytest.fixture(autouse=True)
def _no_grader_mode_from_the_environment(monkeypatch):
    """Unit tests run in the grader's default mode, whatever the shell exported.

    Notebook runs set ``HRFAIR_GRADER`` (``strict``, ``expect-blank``; see the root
    ``conftest.py``) in the same process; a unit test that builds a ``Grader`` must not change
    outcome because the variable leaked in. Tests that need a mode set it themselves with ``monkeypatch.setenv``.
    """
    monkeypatch.delenv("HRFAIR_GRADER", raising=False)
