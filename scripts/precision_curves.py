#!/usr/bin/env python3
"""Test loss of pair-modadd runs against the losses PAIR published for its 450 runs (docs/precision.md).

usage: precision_curves.py OUT.png PAIR_CSV LABEL=SWEEP_OR_RUN_DIR [LABEL=DIR ...]

PAIR_CSV is the explorable repository's source/grokking/mod-bot/seeds/data__allmetrics_mlp_modular_addition_sweep.csv
(columns modelIndex, step in thousands, train_loss, eval_loss; losses are cross-entropy / 67, as groklab's
reduction: elements). Each LABEL=DIR is a run directory or a sweep directory (its finished runs); the test
loss of each run is drawn in one colour per label. PAIR's median over its runs and its 10-90% band are drawn in grey.
Needs numpy and matplotlib.
"""
import csv
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def pair_losses(path):
    by = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            by.setdefault(int(row["modelIndex"]), {})[int(row["step"]) * 1000] = float(row["eval_loss"])
    steps = sorted(next(iter(by.values())))
    table = np.array([[run[s] for s in steps] for run in by.values()])
    return np.array(steps), table


def runs_under(d):
    d = Path(d)
    if (d / "metrics.csv").is_file():
        return [d]
    return sorted(p for p in (d / "runs").iterdir() if (p / "summary.json").is_file())  # finished runs


def test_loss(run):
    with open(run / "metrics.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([int(r["step"]) for r in rows]), np.array([float(r["test_loss"]) for r in rows])


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    out, pair_csv, groups = argv[1], argv[2], [a.split("=", 1) for a in argv[3:]]
    steps, table = pair_losses(pair_csv)
    fig, ax = plt.subplots(figsize=(9, 5.5))
    ax.fill_between(steps, np.percentile(table, 10, axis=0), np.percentile(table, 90, axis=0), color="0.85",
                    label=f"PAIR, {len(table)} runs: 10-90%")
    ax.plot(steps, np.median(table, axis=0), color="0.35", lw=2, label="PAIR: median")
    colours = ["tab:blue", "tab:red", "tab:green", "tab:purple"]
    for (label, d), colour in zip(groups, colours):
        runs = runs_under(d)
        for i, run in enumerate(runs):
            seed = json.loads((run / "config.json").read_text())["seed"]
            x, y = test_loss(run)
            ax.plot(x, y, color=colour, lw=1, alpha=0.8, label=f"{label} ({len(runs)} runs)" if i == 0 else None)
            ax.annotate(str(seed), (x[-1], y[-1]), color=colour, fontsize=7, xytext=(2, 0),
                        textcoords="offset points", va="center")
    ax.set_yscale("log")
    ax.set_xlim(0, 52000)
    ax.set_xlabel("step")
    ax.set_ylabel("test loss (cross-entropy / 67)")
    ax.set_title("pair-modadd: test loss against PAIR's published runs (seed numbers at the ends)")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main(sys.argv)
