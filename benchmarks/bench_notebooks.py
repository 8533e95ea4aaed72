"""Execute every solution notebook once and record its wall time (the casebook's budget: 30 s each).

Writes benchmarks/results/notebooks.json; benchmarks/README.md records the figures.
"""

import json
import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"


def main():
    os.environ["HRFAIR_GRADER"] = "strict"
    results = {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        results[path.name] = round(time.perf_counter() - start, 2)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "notebooks.json").write_text(json.dumps(results, indent=2) + "\n")
    print("| notebook | seconds |\n|---|---:|")
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
