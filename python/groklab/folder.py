"""A folder of run directories (e.g. runs/ after a few `groklab train`), read as a collection, as groklab's
query, sweep table and compare read it: the keys whose values differ between the runs' specs play the part of a
sweep's swept fields (the seed apart), and runs with the same values of them form a cell."""
import json
from pathlib import Path

from .run import Run
from .tables import table

# the columns of the runs table before the final metrics (as groklab query's view "runs" over a folder)
RUN_COLUMNS = ("run_id", "dir", "cell", "seed", "outcome", "still_improving", "memorization_step",
               "generalization_step", "grok_delay", "steps", "steps_done", "diverged_at")


def _flatten(prefix, node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            _flatten(f"{prefix}.{k}" if prefix else k, v, out)
    else:
        out[prefix] = node


def _key(v):
    return json.dumps(v, sort_keys=True)


class RunFolder:
    """A folder whose subdirectories are run directories.

    ``fields``: the dotted keys whose values differ between the runs (seed apart), in spec order; ``plan``: one
    row per run (run_id, dir, cell, seed and the differing keys); ``runs``: one row per finished run with its
    outcome, events, final metrics as final_<name>, wall time, error and the differing keys. Subdirectories
    without config.json and symbolic links are left out, as is a second directory holding a run id already seen.
    """

    def __init__(self, path):
        self.path = Path(path)
        dirs = sorted(p for p in self.path.iterdir()
                      if p.is_dir() and not p.is_symlink() and (p / "config.json").is_file()) \
            if self.path.is_dir() else []
        if not dirs:
            raise FileNotFoundError(f"{self.path} holds no run directories (subdirectories with config.json)")
        self._runs = []
        seen = set()
        flat = []
        for d in dirs:
            run = Run(d)
            if run.run_id in seen:
                continue
            seen.add(run.run_id)
            values = {}
            _flatten("", {k: v for k, v in run.config.items() if k not in ("run_id", "groklab_version")}, values)
            self._runs.append(run)
            flat.append(values)
        keys = []
        for values in flat:
            keys += [k for k in values if k not in keys]
        self.fields = [k for k in keys if k != "seed"
                       and len({_key(values.get(k)) for values in flat}) > 1]
        cells = {}
        self._rows = []
        for run, values in zip(self._runs, flat):
            cell = cells.setdefault(tuple(_key(values.get(f)) for f in self.fields), len(cells))
            self._rows.append((run, cell, values))

    def __repr__(self):
        return f"RunFolder({str(self.path)!r}, runs={len(self._runs)}, fields={self.fields!r})"

    def run(self, name):
        """A run of the folder, by directory name or run id."""
        for run in self._runs:
            if run.path.name == name or run.run_id == name:
                return run
        raise KeyError(f"{self.path} has no run {name}")

    @property
    def plan(self):
        columns = {"run_id": [], "dir": [], "cell": [], "seed": []}
        columns.update({f: [] for f in self.fields})
        for run, cell, values in self._rows:
            columns["run_id"].append(run.run_id)
            columns["dir"].append(run.path.name)
            columns["cell"].append(cell)
            columns["seed"].append(values.get("seed", 0))
            for f in self.fields:
                columns[f].append(values.get(f))
        return table(columns)

    @property
    def runs(self):
        finished = [(run, cell, values, run.summary) for run, cell, values in self._rows if run.complete]
        metric_names = []
        for *_, s in finished:
            metric_names += [k for k in (s.get("final_metrics") or {}) if k not in metric_names]
        columns = {c: [] for c in RUN_COLUMNS}
        columns.update({f"final_{k}": [] for k in metric_names})
        columns.update({"wall_time_seconds": [], "error": []})
        columns.update({f: [] for f in self.fields})
        for run, cell, values, s in finished:
            own = {"run_id": run.run_id, "dir": run.path.name, "cell": cell, "seed": values.get("seed", 0)}
            for c in RUN_COLUMNS:
                columns[c].append(own[c] if c in own else s.get(c))
            finals = s.get("final_metrics") or {}
            for k in metric_names:
                columns[f"final_{k}"].append(finals.get(k))
            columns["wall_time_seconds"].append(s.get("wall_time_seconds"))
            columns["error"].append(s.get("error"))
            for f in self.fields:
                columns[f].append(values.get(f))
        return table(columns)


def load_runs(path):
    """Opens a folder of run directories (see RunFolder)."""
    return RunFolder(path)
