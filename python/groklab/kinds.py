"""The kinds of task and model this version of the package knows, and the settings it reads from config.json.

A run's config.json may hold only the keys its kind uses; a key it lacks takes the engine's default, listed here
for the keys the package reads (the engine's defaults.yaml documents every key; a test checks that the values
below equal it).
"""

TASK_DEFAULTS = {
    "modular": {"p": 97, "operation": "add", "pairs": "all", "train_fraction": 0.5, "label_noise": 0.0},
    "parity": {"n": 50, "k": 2, "train_size": 300, "test_size": 100, "test_seed": 2023, "bits": "pm1",
               "label_noise": 0.0},
}

MODEL_DEFAULTS = {
    "pair-mlp": {"d_embed": 500, "width": 500, "tied_embedding": True, "collapsed_hidden": False,
                 "collapsed_output": False},
    "gromov-mlp": {"width": 500, "activation": "quadratic", "layers": 1},
    "parity-mlp": {"width": 500, "hidden_bias": True, "input_one": False},
}

# the task each model reads its inputs from
MODEL_TASK = {"pair-mlp": "modular", "gromov-mlp": "modular", "parity-mlp": "parity"}

LOSS_DEFAULTS = {"type": "mse", "reduction": "elements"}
LOSS_KINDS = ("cross_entropy", "mse", "hinge")

DEFAULT_TASK_TYPE = "modular"
DEFAULT_MODEL_TYPE = "gromov-mlp"


class UnsupportedKindError(ValueError):
    """A run of a kind (task, model or loss type) that this version of the package cannot read."""


def _unsupported(what, kind, known):
    return UnsupportedKindError(f"{what} kind {kind} is not supported by this version of the Python package "
                                f"(supported: {', '.join(known)})")


def task_settings(config):
    """The task section with defaults filled in: a dict with 'type' and the keys the package reads."""
    section = config.get("task") or {}
    kind = section.get("type", DEFAULT_TASK_TYPE)
    if kind not in TASK_DEFAULTS:
        raise _unsupported("task", kind, TASK_DEFAULTS)
    return {"type": kind, **TASK_DEFAULTS[kind], **{k: v for k, v in section.items() if k in TASK_DEFAULTS[kind]}}


def model_settings(config):
    """The model section with defaults filled in; checks that the model reads the run's task."""
    section = config.get("model") or {}
    kind = section.get("type", DEFAULT_MODEL_TYPE)
    if kind not in MODEL_DEFAULTS:
        raise _unsupported("model", kind, MODEL_DEFAULTS)
    task = task_settings(config)["type"]
    if MODEL_TASK[kind] != task:
        raise UnsupportedKindError(f"model kind {kind} on a {task} task is not supported by this version of the "
                                   f"Python package ({kind} reads {MODEL_TASK[kind]} inputs)")
    return {"type": kind, **MODEL_DEFAULTS[kind], **{k: v for k, v in section.items() if k in MODEL_DEFAULTS[kind]}}


def loss_settings(config):
    """The loss section with defaults filled in."""
    section = {**LOSS_DEFAULTS, **(config.get("loss") or {})}
    if section["type"] not in LOSS_KINDS:
        raise _unsupported("loss", section["type"], LOSS_KINDS)
    if section["reduction"] not in ("examples", "elements"):
        raise _unsupported("loss reduction", section["reduction"], ("examples", "elements"))
    return section
