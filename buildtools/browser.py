"""The one place the build tools find Debian's Chromium (``check_site.py`` and ``check_lab.py``)."""

from __future__ import annotations

import os
import shutil


def chromium(tool: str, target: str) -> str:
    """Path of the Chromium binary: ``$CHROMIUM``, else ``chromium`` or ``chromium-browser`` on the PATH.

    ``tool`` names the caller and ``target`` the make target that installs Chromium, for the message.
    """
    binary = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        raise SystemExit(f"{tool}: chromium not found; install Debian's chromium (make {target} does) or set CHROMIUM")
    return binary
