"""Finding the submissions to grade: notebook files, folders, LMS zip downloads, nbgrader's layout.

Every input is only read: a folder is walked, a zip archive is read member by member in memory
(nothing is extracted, so a member named ``../../x`` cannot write anywhere), and each file is read
up to :data:`MAX_NOTEBOOK_BYTES` and one byte more, so a huge file or a zip bomb costs at most that.

Learner ids (:func:`learner_id`), in order of trust: nbgrader's student folder (set by its
exchange, not by the learner), the notebook's ``hrfair.learner_id`` metadata, then the file name
without the casebook notebook name an LMS appends (Canvas: ``doejane_12345_678_00_orientation.ipynb``)
or, when only that name is left, the folder it sits in (Moodle: ``Jane Doe_12345_assignsubmission_file_/``).

Examples
--------
>>> learner_id("doejane_12345_678901_00_orientation.ipynb")
'doejane_12345_678901'
>>> learner_id("class/Jane Doe_4711_assignsubmission_file_/00_orientation.ipynb")
'Jane_Doe_4711'
>>> learner_id("submitted/ana/ps1/00_orientation.ipynb", student="ana", metadata={"hrfair": {"learner_id": "x"}})
'ana'
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["MAX_NOTEBOOK_BYTES", "Submission", "collect_submissions", "learner_id", "sanitize_id"]

#: Larger files are not read (a casebook notebook with its outputs is under 5 MB).
MAX_NOTEBOOK_BYTES = 50 * 2**20
#: What one run reads from archives in all; the rest is reported as too large.
MAX_ARCHIVE_BYTES = 2 * 2**30
MAX_ARCHIVE_MEMBERS = 20_000

# A notebook name such as ``00_orientation`` at the end of a file name, with the ``-1`` or ``(2)``
# that LMSs and browsers add to a resubmission.
_NOTEBOOK_NAME = re.compile(r"(?:^|[_\-\s.])\d\d_[A-Za-z]+(?:_[A-Za-z]+)*(?:[-_ ]?\(?\d{1,3}\)?)?$")
_MOODLE_SUFFIX = re.compile(r"_assignsubmission_\w*$")


@dataclass(frozen=True)
class Submission:
    """One file to grade, as read.

    Attributes
    ----------
    source : str
        Where it came from, for reports: ``folder/file.ipynb``, ``download.zip/member.ipynb`` or a
        file's name. Relative, so reports do not depend on where the inputs sit.
    data : bytes or None
        The file's bytes; None when it could not be read (see ``problem``).
    problem : str
        Why it cannot be graded before it is even opened (too large, not an .ipynb file, ...).
    student, assignment : str
        nbgrader's student and assignment folders (``submitted/<student>/<assignment>/``), or "".
    """

    source: str
    data: bytes | None
    problem: str = ""
    student: str = ""
    assignment: str = ""


def sanitize_id(text: str) -> str:
    """A learner id that is safe as a file name and a CSV cell: letters, digits, ``.``, ``_``, ``-``.

    Examples
    --------
    >>> sanitize_id(" José Pérez / 42 ")
    'José_Pérez_42'
    >>> sanitize_id("../..")
    'learner'
    """
    text = unicodedata.normalize("NFC", str(text))
    text = re.sub(r"[^\w.\-]+", "_", text).strip("._-")
    return text[:80] or "learner"


def learner_id(source: str, *, student: str = "", metadata=None) -> str:
    """The learner id of a submission (see the module docstring for the order).

    Parameters
    ----------
    source : str
        :attr:`Submission.source`, a relative path.
    student : str
        nbgrader's student folder, if any.
    metadata : dict, optional
        The notebook's metadata.

    Examples
    --------
    >>> learner_id("solutions/00_orientation.ipynb"), learner_id("blank.ipynb")
    ('solutions', 'blank')
    """
    if student:
        return sanitize_id(student)
    hrfair = metadata.get("hrfair") if isinstance(metadata, dict) else None
    given = hrfair.get("learner_id") if isinstance(hrfair, dict) else None
    if isinstance(given, (str, int)) and not isinstance(given, bool) and str(given).strip():
        return sanitize_id(str(given))
    path = PurePosixPath(source)
    stem = _NOTEBOOK_NAME.sub("", path.stem)
    if not stem and len(path.parts) > 1:  # only the notebook's name: the folder names the learner
        stem = _MOODLE_SUFFIX.sub("", path.parent.name)
    return sanitize_id(stem or path.stem)


def _read_capped(handle) -> tuple[bytes | None, str]:
    data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        return None, f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MB"
    return data, ""


def _nbgrader(parts) -> tuple[str, str]:
    """``(student, assignment)`` when a relative path is ``.../submitted/<student>/<assignment>/<nb>``."""
    if len(parts) >= 4 and parts[-4] == "submitted":
        return parts[-3], parts[-2]
    return "", ""


def _skipped_part(part: str) -> bool:
    # Hidden files and folders (.ipynb_checkpoints, .DS_Store) and macOS archive metadata.
    return part.startswith(".") or part == "__MACOSX"


def _from_file(path: Path, label: str, parts) -> Submission:
    student, assignment = _nbgrader(parts)
    try:
        with open(path, "rb") as handle:
            data, problem = _read_capped(handle)
    except OSError as error:
        data, problem = None, f"cannot be read: {error.strerror or error}"
    return Submission(label, data, problem, student, assignment)


def _from_folder(root: Path, skipped: list) -> list[Submission]:
    found = []
    for folder, dirs, files in os.walk(root):  # never follows symbolic links to folders
        dirs[:] = sorted(d for d in dirs if not _skipped_part(d))
        for name in sorted(files):
            path = Path(folder) / name
            rel = path.relative_to(root)
            label = PurePosixPath(root.name, *rel.parts).as_posix()
            if _skipped_part(name):
                continue
            parts = (root.name, *rel.parts)
            if not name.endswith(".ipynb"):
                if not (name == "timestamp.txt" and _nbgrader(parts)[0]):  # nbgrader's own file
                    skipped.append(label)
                continue
            found.append(_from_file(path, label, parts))
    return found


def _from_zip(path: Path, skipped: list, budget: list) -> list[Submission]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        return [Submission(path.name, None, f"not a readable zip archive ({error})")]
    found = []
    with archive:
        members = sorted(archive.infolist(), key=lambda info: info.filename)
        for count, info in enumerate(members):
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            parts = tuple(p for p in parts if p not in ("", ".", "..", "/"))
            if info.is_dir() or not parts or any(_skipped_part(p) for p in parts):
                continue
            label = PurePosixPath(path.name, *parts).as_posix()
            student, assignment = _nbgrader(parts)
            if not parts[-1].endswith(".ipynb"):
                if not (parts[-1] == "timestamp.txt" and student):  # nbgrader's own file
                    skipped.append(label)
                continue
            if count >= MAX_ARCHIVE_MEMBERS or budget[0] <= 0:
                found.append(Submission(label, None, "not read: the archive is too large", student, assignment))
                continue
            if info.flag_bits & 0x1:
                found.append(Submission(label, None, "encrypted in the archive", student, assignment))
                continue
            try:
                with archive.open(info) as handle:
                    data, problem = _read_capped(handle)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
                data, problem = None, f"cannot be read from the archive ({error})"
            budget[0] -= len(data or b"")
            found.append(Submission(label, data, problem, student, assignment))
    return found


def collect_submissions(paths, skipped: list | None = None) -> list[Submission]:
    """Every submission under ``paths``, in a stable order.

    Parameters
    ----------
    paths : iterable of str or path-like
        Notebook files, folders (walked for ``*.ipynb``; hidden folders such as
        ``.ipynb_checkpoints`` skipped), ``.zip`` archives (an LMS download) or nbgrader's
        ``submitted/`` folder (``submitted/<student>/<assignment>/<notebook>.ipynb``). A folder
        that holds a ``submitted/`` folder (an nbgrader course) is read as that folder.
    skipped : list, optional
        Receives the sources of files in folders and archives that are not ``.ipynb`` files.

    Returns
    -------
    list of Submission
        A file given by name that is not a notebook is still a submission (it will be reported as
        "not a notebook"); so is a corrupt archive.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.

    Examples
    --------
    >>> [s.source for s in collect_submissions(["solutions/00_orientation.ipynb"])]
    ['00_orientation.ipynb']
    """
    skipped = [] if skipped is None else skipped
    budget = [MAX_ARCHIVE_BYTES]
    found: list[Submission] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {path.as_posix()}")
        if path.is_dir():
            nbgrader = path / "submitted"
            found.extend(_from_folder(nbgrader if nbgrader.is_dir() else path, skipped))
        elif path.suffix == ".ipynb":
            found.append(_from_file(path, path.name, (path.name,)))
        elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
            found.extend(_from_zip(path, skipped, budget))
        else:
            found.append(Submission(path.name, None, "not an .ipynb file"))
    return found
