"""A Sphinx extension that gives the book its legal dates from the regulation registry.

Listed in ``_config.yml`` (``sphinx.extra_extensions``), it adds MyST substitutions before any
page is read, so chapters write ``{{ date_eu_aia_annex_iii }}`` instead of typing a date:

- ``date_<schedule>`` for every schedule in the registry (:func:`registry.schedule_names`), as
  ``"2 December 2027"``: the date as the law stands on the registry's as-of date;
- ``registry_as_of`` (``"7 December 2026"``) and ``registry_as_of_month`` (``"December 2026"``).

One edit of ``data/regulations.json`` then updates every chapter at the next build. Substitutions
set in ``_config.yml`` (``parse.myst_substitutions``) win over these names.
"""

from __future__ import annotations

from typing import Any

from . import registry
from ._dates import format_date, to_date

__all__ = ["registry_substitutions", "setup"]


def registry_substitutions() -> dict[str, str]:
    """The substitutions this extension adds, by name.

    >>> subs = registry_substitutions()
    >>> subs["date_eu_aia_prohibitions"]
    '2 February 2025'
    >>> sorted(k for k in subs if k.startswith("registry"))
    ['registry_as_of', 'registry_as_of_month']
    """
    as_of = registry.registry_as_of()
    subs = {f"date_{name}": registry.legal_date(name, style="long") for name in registry.schedule_names()}
    subs["registry_as_of"] = format_date(as_of)
    subs["registry_as_of_month"] = to_date(as_of).strftime("%B %Y")
    return subs


def _add_substitutions(app: Any, config: Any) -> None:
    config.myst_substitutions = {**registry_substitutions(), **(config.myst_substitutions or {})}


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _add_substitutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
