"""Rebuild the shipped resume screener byte for byte.

    python -m hrfair_helpers.models.train_screener          # rewrite the files
    python -m hrfair_helpers.models.train_screener --check  # exit 1 if they would change

Writes ``data/resume_screener.skops`` and ``data/resume_screener.json`` (metadata with the
file's SHA-256) next to this module.
"""

import argparse
import json
import sys
from pathlib import Path

from .._utils.resources import sha256_hex
from .screener import canonical_skops, train_screener

DATA = Path(__file__).parent / "data"


def build():
    """The bytes of the skops file and of the metadata JSON."""
    import skops.io as sio

    pipeline, metadata = train_screener()
    model = canonical_skops(sio.dumps(pipeline))
    metadata["sha256"] = sha256_hex(model)  # what load_screener checks
    return model, (json.dumps(metadata, indent=2, sort_keys=True) + "\n").encode()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Rebuild the resume screener files.")
    parser.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing")
    args = parser.parse_args(argv)
    model, metadata = build()
    targets = {DATA / "resume_screener.skops": model, DATA / "resume_screener.json": metadata}
    if args.check:
        stale = [str(p) for p, data in targets.items() if not p.exists() or p.read_bytes() != data]
        print("stale: " + ", ".join(stale) if stale else "the shipped screener is reproduced exactly")
        return 1 if stale else 0
    for path, data in targets.items():
        path.write_bytes(data)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
