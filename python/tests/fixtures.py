"""The run and sweep directories the tests read.

GROKLAB_TEST_RUNS names a directory prepared by the engine's test PythonPackageTest: runs/<name>/ for every run of
runs.json, sweep/ for sweep.yaml and defaults.json (the engine's defaults). Without it, the runs are trained once
per test process with bin/groklab (slower: one JVM per run). GROKLAB_TEST_STRICT=1 turns every skip into a failure.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent.parent
sys.path.insert(0, str(TESTS.parent))

STRICT = os.environ.get("GROKLAB_TEST_STRICT") == "1"
FIXTURES = json.loads((TESTS / "runs.json").read_text())
RUN_NAMES = [r["name"] for r in FIXTURES["runs"]]
_root = None


def skip_or_fail(test, reason):
    if STRICT:
        test.fail(reason + " (GROKLAB_TEST_STRICT is set)")
    raise unittest.SkipTest(reason)


def root():
    """The directory with runs/, sweep/ and defaults.json."""
    global _root
    if _root is None:
        given = os.environ.get("GROKLAB_TEST_RUNS")
        _root = Path(given) if given else _train_with_cli()
    return _root


def run_dir(name):
    return root() / "runs" / name


def copy_run(name, target):
    """A copy of a fixture run under target (a test may change it)."""
    return Path(shutil.copytree(run_dir(name), Path(target) / name))


def _train_with_cli():
    tool = REPO / "bin" / "groklab"
    out = Path(tempfile.mkdtemp(prefix="groklab-python-tests-"))
    for r in FIXTURES["runs"]:
        args = [str(tool), "train", "--preset", r["preset"], "--out", str(out / "runs" / r["name"])]
        for s in FIXTURES["common"] + r["set"]:
            args += ["--set", s]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(tool), "sweep", "run", str(TESTS / "sweep.yaml"), "--out", str(out / "sweep")], check=True,
                   stdout=subprocess.DEVNULL)
    return out
