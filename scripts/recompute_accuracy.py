#!/usr/bin/env python3
"""Recompute a groklab run's accuracies from a checkpoint with numpy alone (any model kind, modular or parity).

usage: python3 scripts/recompute_accuracy.py RUN_DIR [CHECKPOINT]
CHECKPOINT is a step number or a checkpoint file of the run (default: the last checkpoint). Reads the checkpoint,
split.json and config.json with the groklab Python package (python/groklab), runs the model's forward pass and
prints "train_acc X test_acc Y" (train accuracy on the labels trained on, label noise included, as metrics.csv).
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))

import groklab  # noqa: E402


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        run = groklab.load_run(argv[1])
        step = None
        if len(argv) == 3:
            m = re.fullmatch(r"(?:.*[/\\])?step-(\d+)\.safetensors|(\d+)", argv[2])
            if not m:
                print(f"CHECKPOINT: a step number or a step-N.safetensors file, got {argv[2]}", file=sys.stderr)
                return 2
            step = int(m.group(1) or m.group(2))
        meta = run.load_checkpoint(step).metadata
        result = run.evaluate(step)
    except (FileNotFoundError, KeyError, ValueError) as e:
        print(f"recompute_accuracy: {e}", file=sys.stderr)
        return 2
    print(f"checkpoint step {meta.get('step')} of run {meta.get('run_id')}")
    print(f"train_acc {result['train_acc']!r} test_acc {result['test_acc']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
