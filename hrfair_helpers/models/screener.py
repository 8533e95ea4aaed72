"""The "pre-trained" resume screener of scenario 2, shipped as a skops file.

The screener is a TF-IDF + logistic-regression pipeline trained on the *historical*
``suggested_interview`` labels of :func:`hrfair_helpers.datasets.make_resumes`, so it learns what
past recruiters rewarded and penalised. ``hrfair_helpers/models/train_screener.py`` rebuilds the
file byte for byte.

Persistence uses skops (never pickle): loading checks the file's SHA-256, then compares the
types skops does not trust by default with a fixed allow-list before anything is constructed.
skops writes zip entries named after object ids and stamped with the current time, and
records ``id()`` values in its schema, so :func:`canonical_skops` renumbers them in order and
fixes the timestamps, making the file reproducible.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import TYPE_CHECKING, Any

from .._utils import resources
from .._utils.resources import DataIntegrityError

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

# Types outside skops' default trust that this pipeline may contain; anything else is refused.
TRUSTED_TYPES = ()
TRAINING = {"n": 6000, "seed": 2024}
SELECTION_RATE = 0.30  # the operating threshold selects this share of the training resumes
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MODEL_FILE = "resume_screener.skops"
METADATA_FILE = "resume_screener.json"  # the training recipe, the threshold and MODEL_FILE's SHA-256

# The shipped screener file missing or not matching its recorded SHA-256 raises the package's one
# integrity exception; this name is kept for code that catches it by its older name.
ScreenerIntegrityError = DataIntegrityError

# Test seam: when set to a directory, the screener and its metadata are read from it instead of
# the installed package data, so tests can tamper with a *copy*.
_DATA_DIR = None


def make_screener_pipeline() -> Pipeline:
    """The unfitted pipeline: word 1–2-gram TF-IDF features and a logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=5, sublinear_tf=True)),
            ("classify", LogisticRegression(C=4.0, max_iter=2000, random_state=0)),
        ]
    )


def canonical_skops(data: bytes) -> bytes:
    """Rewrite skops bytes so the same model always gives the same bytes.

    Entry names derived from ``id()`` become ``array_000.npy`` … in order of first appearance in
    the schema, the schema's references are renamed to match, the ``__id__`` fields (also
    ``id()`` values) are numbered in order, and every timestamp is fixed.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    schema = source.read("schema.json").decode()
    names = [n for n in source.namelist() if n != "schema.json"]
    order = sorted(names, key=lambda n: (schema.find(n) if n in schema else len(schema), n))
    renamed = {old: f"array_{i:03d}{old[old.rfind('.') :]}" for i, old in enumerate(order)}
    if renamed:
        pattern = re.compile("|".join(re.escape(old) for old in sorted(renamed, key=len, reverse=True)))
        schema = pattern.sub(lambda m: renamed[m.group(0)], schema)
    # skops also records id() of every object to share repeated references: number them in order.
    ids: dict[str, int] = {}
    schema = re.sub(r'"__id__": (\d+)', lambda m: f'"__id__": {ids.setdefault(m.group(1), len(ids))}', schema)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, payload in [("schema.json", schema.encode())] + [(renamed[old], source.read(old)) for old in order]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, payload)
    return out.getvalue()


def train_screener() -> tuple[Pipeline, dict[str, Any]]:
    """Fit the screener from scratch and return ``(pipeline, metadata)``; deterministic."""
    import numpy as np

    from ..datasets import make_resumes

    resumes = make_resumes(**TRAINING)
    pipeline = make_screener_pipeline().fit(resumes["text"].tolist(), resumes["suggested_interview"])
    scores = pipeline.predict_proba(resumes["text"].tolist())[:, 1]
    threshold = round(float(np.quantile(scores, 1 - SELECTION_RATE)), 3)
    # Scoring made the vectorizer cache id(stop_words) to skip a repeated check; an id differs
    # in every process and would change the saved bytes. Dropping it only re-enables the check.
    vars(pipeline.named_steps["tfidf"]).pop("_stop_words_id", None)
    metadata = {
        "description": "TF-IDF (word 1-2 grams) + logistic regression trained on historical "
        "'suggested_interview' labels of synthetic resumes",
        "training_data": f"make_resumes(n={TRAINING['n']}, seed={TRAINING['seed']})",
        "threshold": threshold,
        "selection_rate_on_training_data": SELECTION_RATE,
    }
    return pipeline, metadata


def _data_dir():
    return resources.data_dir("models", _DATA_DIR)


def screener_metadata() -> dict[str, Any]:
    """What the shipped screener is: training data, operating threshold, file SHA-256."""
    return json.loads(resources.read_text(_data_dir(), METADATA_FILE, package="models"))


def load_screener() -> Pipeline:
    """Load the shipped screener (a scikit-learn Pipeline with ``predict_proba(list_of_texts)``).

    Returns
    -------
    sklearn.pipeline.Pipeline
        Its operating threshold is ``screener_metadata()["threshold"]``.

    Raises
    ------
    hrfair_helpers.datasets.DataIntegrityError
        If the file is missing or its SHA-256 differs from the recorded one (also available as
        ``hrfair_helpers.models.ScreenerIntegrityError``).
    ValueError
        If the file contains a type outside the allow-list.

    Examples
    --------
    >>> screener = load_screener()
    >>> score = screener.predict_proba(["EDUCATION\\nBSc Computer Science"])[:, 1]
    >>> 0 <= float(score[0]) <= 1
    True
    """
    import skops.io as sio

    data = resources.read_verified(
        _data_dir(),
        MODEL_FILE,
        screener_metadata()["sha256"],
        package="models",
        cause="The file is corrupted or was replaced.",
        update="To rebuild it instead, run `python -m hrfair_helpers.models.train_screener`.",
    )
    untrusted = set(sio.get_untrusted_types(data=data))
    unexpected = sorted(untrusted - set(TRUSTED_TYPES))
    if unexpected:
        raise ValueError(f"the screener file contains types outside the allow-list: {unexpected}")
    return sio.loads(data, trusted=list(TRUSTED_TYPES))
