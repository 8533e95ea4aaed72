"""The data files shipped inside the package: where they are, one reader, one integrity exception.

Every file under ``hrfair_helpers/<package>/data/`` is read through :func:`read_bytes` (or
:func:`read_text`), and a file with a recorded SHA-256 through :func:`read_verified`. A file that
is missing, unreadable, not valid gzip or not matching its hash raises
:class:`DataIntegrityError` (public as ``hrfair_helpers.datasets.DataIntegrityError``) with the
same advice on how to restore it. Only the standard library is imported, so every package can
use this module and stay cheap to import.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from importlib import resources
from importlib.resources.abc import Traversable
from os import PathLike
from pathlib import Path

__all__ = ["DataIntegrityError", "data_dir", "read_bytes", "read_text", "read_verified", "repair_hint", "sha256_hex"]

# The package is not on PyPI: it is installed from the repository checkout (make setup runs
# ``pip install -e .``), so the repair is to restore the file there.
_REPAIR_TEMPLATE = (
    "To repair it, restore the file from the repository with "
    "`git checkout -- hrfair_helpers/{package}/data/{name}` (run in the repository checkout), "
    "or reinstall from the checkout: `pip install -e .` in the repository, or `make setup`."
)


class DataIntegrityError(OSError):
    """A vendored data file is missing, unreadable or does not match its hash.

    Subclasses :class:`OSError` because the problem lies in the installed
    files, not in the caller's arguments; ``except OSError`` catches it.
    """


def data_dir(package: str, override: str | PathLike[str] | None = None) -> Traversable:
    """Return the directory holding the data files of ``hrfair_helpers.<package>``.

    Parameters
    ----------
    package : str
        The subpackage, e.g. ``"datasets"``.
    override : path-like, optional
        A module's test seam (its private ``_DATA_DIR``): when set, this directory is returned
        instead, so tests can corrupt or delete a *copy* of the files without ever writing into
        the installed package.

    Returns
    -------
    importlib.resources.abc.Traversable
        ``hrfair_helpers/<package>/data`` inside the installed package, or ``override``.
    """
    if override is not None:
        return Path(override)
    return resources.files(f"hrfair_helpers.{package}").joinpath("data")


def repair_hint(package: str, name: str) -> str:
    """How to get a good copy of data file ``name`` of ``hrfair_helpers.<package>`` back."""
    return _REPAIR_TEMPLATE.format(package=package, name=name)


def sha256_hex(data: bytes, *, lf_line_endings: bool = False) -> str:
    """Return the lowercase hexadecimal SHA-256 digest of `data`.

    With ``lf_line_endings=True`` the digest is of `data` with CRLF line endings turned into LF,
    so that a text file checked out on Windows still matches the hash recorded for it.
    """
    if lf_line_endings:
        data = data.replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()


def read_bytes(directory: Traversable, name: str, *, package: str, what: str = "Data file") -> bytes:
    """Read ``directory / name``; :class:`DataIntegrityError` if it is missing or unreadable.

    Parameters
    ----------
    directory : importlib.resources.abc.Traversable
        Directory containing the file, usually :func:`data_dir`.
    name : str
        File name, e.g. ``"regulations.json"``.
    package : str
        The subpackage the file belongs to (named in the repair advice).
    what : str, default "Data file"
        How the messages name the file, e.g. ``"Registry file"``.
    """
    try:
        return directory.joinpath(name).read_bytes()
    except OSError as exc:  # FileNotFoundError, PermissionError, ...
        raise DataIntegrityError(
            f"{what} {name!r} could not be read from {directory}: {exc}. {repair_hint(package, name)}"
        ) from exc


def read_text(directory: Traversable, name: str, *, package: str, what: str = "Data file") -> str:
    """:func:`read_bytes` decoded as UTF-8 (a file that is not UTF-8 is a :class:`DataIntegrityError`)."""
    raw = read_bytes(directory, name, package=package, what=what)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataIntegrityError(
            f"{what} {name!r} in {directory} is not UTF-8 text ({exc}). {repair_hint(package, name)}"
        ) from exc


def read_verified(
    directory: Traversable,
    name: str,
    expected_sha256: str,
    *,
    package: str,
    what: str = "Data file",
    gzipped: bool = False,
    lf_line_endings: bool = False,
    cause: str = "The file is corrupted or was modified.",
    update: str = "",
) -> bytes:
    """Read ``directory / name`` and check its SHA-256.

    Parameters
    ----------
    directory : importlib.resources.abc.Traversable
        Directory containing the file, usually :func:`data_dir`.
    name : str
        File name, e.g. ``"adult.data.gz"``.
    expected_sha256 : str
        Hex SHA-256 of the content (of the *uncompressed* content when ``gzipped``).
    package : str
        The subpackage the file belongs to (named in the repair advice).
    what : str, default "Data file"
        How the messages name the file.
    gzipped : bool, default False
        Gunzip the file and check (and return) the uncompressed bytes.
    lf_line_endings : bool, default False
        Hash the content with CRLF line endings turned into LF (see :func:`sha256_hex`).
    cause : str
        The sentence after the hashes that says what a mismatch means.
    update : str, optional
        A sentence after the repair advice: how to change the file on purpose.

    Returns
    -------
    bytes
        The (uncompressed) content, guaranteed to match `expected_sha256`.

    Raises
    ------
    DataIntegrityError
        If the file is missing, is not valid gzip, or its content hash differs.
    """
    hint = repair_hint(package, name)
    raw = read_bytes(directory, name, package=package, what=what)
    if gzipped:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:  # truncated or not gzip at all
            raise DataIntegrityError(
                f"{what} {name!r} in {directory} is not a valid gzip file ({exc}); "
                f"expected uncompressed sha256 {expected_sha256}. {hint}"
            ) from exc
    actual = sha256_hex(raw, lf_line_endings=lf_line_endings)
    if actual != expected_sha256:
        of = " (of the uncompressed content)" if gzipped else ""
        raise DataIntegrityError(
            f"{what} {name!r} in {directory} failed its integrity check: "
            f"expected sha256 {expected_sha256}, got {actual}{of}. {cause} {hint}" + (f" {update}" if update else "")
        )
    return raw
