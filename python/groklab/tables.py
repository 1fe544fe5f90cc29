"""Tables: a pandas DataFrame when pandas is installed, else a dict of numpy columns (name -> array).

CSV files are read by their header, so columns are found by name whatever their order. A last line without its
newline (a run still writing) is left out. Numbers are parsed exactly (Python's float), so a value read here equals
the double the engine wrote.
"""
import csv
import io
from pathlib import Path

import numpy as np

USE_PANDAS = True  # False: always dicts of numpy columns
_pandas_module = None


def pandas():
    """The pandas module, imported on first use; None when it is not installed or USE_PANDAS is False."""
    global _pandas_module
    if not USE_PANDAS:
        return None
    if _pandas_module is None:
        try:
            import pandas as module
        except ImportError:  # pragma: no cover - depends on the machine
            return None
        _pandas_module = module
    return _pandas_module


def is_dataframe(t):
    return _pandas_module is not None and isinstance(t, _pandas_module.DataFrame)


def _number(text):
    try:
        return int(text)
    except ValueError:
        return float(text)


def column(values):
    """A numpy column for a list of values: int64, float64 (None as NaN), bool, or object (strings)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present) and len(present) == len(values):
        return np.asarray(values, dtype=bool)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        if len(present) == len(values) and all(isinstance(v, int) for v in values):
            return np.asarray(values, dtype=np.int64)
        return np.asarray([np.nan if v is None else v for v in values], dtype=np.float64)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def table(columns):
    """A table from {name: list of values}, columns in the given order."""
    data = {name: column(list(values)) for name, values in columns.items()}
    pd = pandas()
    return pd.DataFrame(data) if pd is not None else data


def parse_cell(text):
    """A CSV cell as int, float, bool or string ("" as None)."""
    if text == "":
        return None
    if text in ("true", "false"):
        return text == "true"
    try:
        return _number(text)
    except ValueError:
        return text


def read_csv(path):
    """A CSV file with a header row as a table; rows with the wrong number of cells and a torn last line are
    left out."""
    text = Path(path).read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text = text[:text.rfind("\n") + 1]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValueError(f"{path}: no header row")
    header = rows[0]
    body = [r for r in rows[1:] if len(r) == len(header)]
    return table({name: [parse_cell(r[i]) for r in body] for i, name in enumerate(header)})


def rows(t):
    """The number of rows of a table (either form)."""
    if is_dataframe(t):
        return len(t)
    return len(next(iter(t.values()))) if t else 0
