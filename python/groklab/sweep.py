"""A sweep directory, read back: sweep.json, plan.csv, errors.csv and runs/<run_id>/."""
import json
from pathlib import Path

from .run import Run
from . import tables
from .tables import read_csv, rows, table

# the columns of the runs table, before the swept fields (as groklab query's view "runs")
RUN_COLUMNS = ("run_id", "cell", "seed", "outcome", "memorization_step", "generalization_step", "grok_delay",
               "steps", "steps_done", "diverged_at")


class Sweep:
    """One sweep directory.

    ``spec``: sweep.json as a dict; ``fields``: the swept fields; ``plan``: plan.csv as a table (run_id, cell,
    seed, one column per swept field); ``runs``: one row per finished run (summary.json present) with its outcome,
    event steps, final metrics as final_<name>, wall time, error and swept fields; ``errors``: errors.csv (runs that
    threw), empty when there is none. Tables are pandas DataFrames, or dicts of numpy columns without pandas.
    """

    def __init__(self, path):
        self.path = Path(path)
        if not (self.path / "sweep.json").is_file() or not (self.path / "plan.csv").is_file():
            raise FileNotFoundError(f"{self.path} is not a groklab sweep directory (no sweep.json and plan.csv)")
        self.spec = json.loads((self.path / "sweep.json").read_text(encoding="utf-8"))

    def __repr__(self):
        return f"Sweep({str(self.path)!r}, name={self.name!r})"

    @property
    def name(self):
        return self.spec.get("name")

    @property
    def plan(self):
        return read_csv(self.path / "plan.csv")

    @property
    def fields(self):
        header = (self.path / "plan.csv").read_text(encoding="utf-8").split("\n", 1)[0]
        return [c for c in header.split(",") if c not in ("run_id", "cell", "seed")]

    @property
    def errors(self):
        f = self.path / "errors.csv"
        return read_csv(f) if f.is_file() else table({"run_id": [], "error": []})

    def run(self, run_id):
        """The run directory of one planned run."""
        d = self.path / "runs" / str(run_id)
        if not d.is_dir():
            raise KeyError(f"{self.path} has no run {run_id}")
        return Run(d)

    @property
    def runs(self):
        plan = _records(self.plan)
        fields = self.fields
        finished = []
        metric_names = []
        for p in plan:
            summary_file = self.path / "runs" / str(p["run_id"]) / "summary.json"
            if not summary_file.is_file():
                continue
            s = json.loads(summary_file.read_text(encoding="utf-8"))
            finals = s.get("final_metrics") or {}
            metric_names += [k for k in finals if k not in metric_names]
            finished.append((p, s, finals))
        columns = {c: [] for c in RUN_COLUMNS}
        columns.update({f"final_{k}": [] for k in metric_names})
        columns.update({"wall_time_seconds": [], "error": []})
        columns.update({f: [] for f in fields})
        for p, s, finals in finished:
            for c in RUN_COLUMNS:
                columns[c].append(p[c] if c in ("run_id", "cell", "seed") else s.get(c))
            for k in metric_names:
                columns[f"final_{k}"].append(finals.get(k))
            columns["wall_time_seconds"].append(s.get("wall_time_seconds"))
            columns["error"].append(s.get("error"))
            for f in fields:
                columns[f].append(p[f])
        return table(columns)


def _records(t):
    if tables.is_dataframe(t):
        return t.to_dict("records")
    return [{k: v[i].item() if hasattr(v[i], "item") else v[i] for k, v in t.items()} for i in range(rows(t))]


def load_sweep(path):
    """Opens a sweep directory (see Sweep)."""
    return Sweep(path)
