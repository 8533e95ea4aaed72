"""Throughput of `hrfair grade`: N copies of a solution notebook graded on two workers.

Each copy runs in its own kernel (started, run, recorded, shut down) and is graded against the
reference answers, as in a real class; the reports are written too and timed apart. The machine's
load average before and after is recorded, since other processes slow every kernel.

    python benchmarks/bench_grade.py                       # 20 copies of 00_orientation, 2 workers
    python benchmarks/bench_grade.py --copies 10 --notebook solutions/03_promotion_gap.ipynb

Writes benchmarks/results/grade.json; benchmarks/README.md records the figures.
"""

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"
sys.path.insert(0, str(ROOT))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--notebook", type=Path, default=ROOT / "solutions" / "00_orientation.ipynb")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # as the Makefile: one BLAS thread per process

    from hrfair_helpers.grading import grade_submissions, write_reports

    folder = Path(tempfile.mkdtemp(prefix="bench-grade-"))
    try:
        data = args.notebook.read_bytes()
        for i in range(args.copies):
            (folder / "class" / f"learner{i:03d}").mkdir(parents=True)
            (folder / "class" / f"learner{i:03d}" / args.notebook.name).write_bytes(data)
        load_before = os.getloadavg()
        start = time.perf_counter()
        results = grade_submissions([folder / "class"], workers=args.workers, solutions=ROOT / "solutions")
        graded = time.perf_counter() - start
        start = time.perf_counter()
        write_reports(results, folder / "out")
        reports = time.perf_counter() - start
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    statuses = sorted({r.status for r in results})
    full = sum(r.total == r.max_points for r in results)
    if statuses != ["graded"] or full != args.copies:
        raise SystemExit(f"not every copy was graded in full: {statuses}, {full}/{args.copies} full marks")
    figures = {
        "notebook": args.notebook.name,
        "copies": args.copies,
        "workers": args.workers,
        "grading_s": round(graded, 1),
        "reports_s": round(reports, 2),
        "submissions_per_minute": round(60 * args.copies / graded, 1),
        "seconds_per_submission_per_worker": round(graded * args.workers / args.copies, 2),
        "load_average_1min_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "grade.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
