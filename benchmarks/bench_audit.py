"""Time the adverse-impact engine against fairlearn's MetricFrame and a bare pandas groupby.

One run, same data for all three: 1,000,000 seeded rows, two group columns whose intersections
make 20 groups. Prints a Markdown table and writes benchmarks/results/audit.json.

    python benchmarks/bench_audit.py [--rows N] [--repeat R]
"""

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from hrfair_helpers.audit import adverse_impact

RESULTS = Path(__file__).parent / "results"


def make_data(rows, seed=0):
    rng = np.random.default_rng(seed)
    sex = rng.choice(["Female", "Male", "Non-binary", "Not disclosed"], size=rows, p=[0.45, 0.45, 0.05, 0.05])
    race = rng.choice(["A", "B", "C", "D", "E"], size=rows, p=[0.4, 0.25, 0.15, 0.12, 0.08])
    selected = (rng.random(rows) < 0.3).astype(np.int8)
    return pd.DataFrame({"sex": pd.Categorical(sex), "race": pd.Categorical(race), "selected": selected})


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from fairlearn.metrics import MetricFrame, selection_rate

    df = make_data(args.rows)
    groups = df[["sex", "race"]]

    def engine():
        return adverse_impact(df["selected"], groups)

    def metricframe():
        return MetricFrame(
            metrics={"selection_rate": selection_rate, "count": lambda y_true, y_pred: len(y_true)},
            y_true=df["selected"],
            y_pred=df["selected"],
            sensitive_features=groups,
        ).by_group

    def groupby():
        return df.groupby(["sex", "race"], observed=True)["selected"].agg(["size", "sum", "mean"])

    # The three must agree before their times mean anything.
    ours = engine().table
    theirs = metricframe()
    bare = groupby()
    assert len(ours) == len(bare) == 20
    np.testing.assert_allclose(ours["selection_rate"].to_numpy(), bare["mean"].to_numpy(), atol=1e-12)
    np.testing.assert_allclose(
        ours["selection_rate"].to_numpy(), theirs["selection_rate"].loc[ours.index].to_numpy(), atol=1e-12
    )

    rows = {}
    for name, fn, repeat in [
        ("hrfair adverse_impact", engine, args.repeat),
        ("pandas groupby (counts only)", groupby, args.repeat),
        ("fairlearn MetricFrame", metricframe, max(1, args.repeat // 2)),
    ]:
        best, median = timed(fn, repeat)
        rows[name] = {"best_s": round(best, 4), "median_s": round(median, 4), "repeat": repeat}

    engine_best = rows["hrfair adverse_impact"]["best_s"]
    summary = {
        "rows": args.rows,
        "groups": len(ours),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
        "timings": rows,
        "speedup_vs_metricframe": round(rows["fairlearn MetricFrame"]["best_s"] / engine_best, 1),
        "slowdown_vs_groupby": round(engine_best / rows["pandas groupby (counts only)"]["best_s"], 2),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "audit.json").write_text(json.dumps(summary, indent=2) + "\n")

    print(f"{args.rows:,} rows, {len(ours)} intersectional groups\n")
    print("| method | best (s) | median (s) |\n|---|---:|---:|")
    for name, r in rows.items():
        print(f"| {name} | {r['best_s']:.3f} | {r['median_s']:.3f} |")
    print(
        f"\nengine is {summary['speedup_vs_metricframe']}x faster than MetricFrame and "
        f"{summary['slowdown_vs_groupby']}x the bare groupby time"
    )


if __name__ == "__main__":
    main()
