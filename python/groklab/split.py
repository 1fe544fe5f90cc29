"""split.json of a run, parsed by the kind of its task.

Both kinds have ``labels`` (the true label of every example), ``train`` and ``test`` (indices into the examples),
``noisy_labels`` (rows [index, label trained on] for each training label that label noise replaced),
``train_labels`` (the labels the model was trained on, aligned with ``train``) and ``x`` (every example encoded as
the engine feeds it to its model; see :meth:`Split.inputs`).
"""
import numpy as np

from .kinds import task_settings

WHICH = ("train", "test", "all")


class Split:
    kind = None

    def __init__(self, doc, labels, x):
        self.labels = labels
        self.x = x
        self.train = np.asarray(doc["train"], dtype=np.int64)
        self.test = np.asarray(doc["test"], dtype=np.int64)
        self.noisy_labels = np.asarray(doc.get("noisy_labels") or [], dtype=np.int64).reshape(-1, 2)

    def __len__(self):
        return len(self.labels)

    @property
    def train_labels(self):
        """The labels of the training examples after label noise (what the model was trained on)."""
        trained = self.labels.copy()
        trained[self.noisy_labels[:, 0]] = self.noisy_labels[:, 1]
        return trained[self.train]

    def inputs(self, which="train"):
        """(x, y) as numpy arrays: the examples of ``which`` ("train", "test" or "all") as the model takes them,
        and their labels (for "train" the labels trained on, noise included; otherwise the true labels)."""
        if which == "train":
            return self.x[self.train], self.train_labels
        if which == "test":
            return self.x[self.test], self.labels[self.test]
        if which == "all":
            return self.x, self.labels.copy()
        raise ValueError(f"which must be one of {', '.join(WHICH)}, got {which!r}")


class ModularSplit(Split):
    """Modular arithmetic: ``examples`` is an (N, 3) int64 array of [a, b, label] (a-major order), ``a`` and ``b``
    its columns, ``x`` the (N, 2) token pairs [a, b], ``p`` the modulus."""
    kind = "modular"

    def __init__(self, doc, p):
        self.examples = np.asarray(doc["examples"], dtype=np.int64).reshape(-1, 3)
        self.p = p
        self.a = self.examples[:, 0]
        self.b = self.examples[:, 1]
        super().__init__(doc, self.examples[:, 2].copy(), np.ascontiguousarray(self.examples[:, :2]))


class ParitySplit(Split):
    """(n, k)-parity: ``bits`` holds every input as its bit string ('+'/'-' for +-1 bits, '1'/'0' for 0/1 bits),
    ``x`` the (N, n) float32 inputs (+-1 or 0/1, bit 0 first), ``bits_kind`` "pm1" or "01"; the training inputs
    come first (indices 0..N-1), then the test inputs."""
    kind = "parity"
    SYMBOLS = {"pm1": ("+", "-", 1.0, -1.0), "01": ("1", "0", 1.0, 0.0)}

    def __init__(self, doc, bits_kind):
        examples = doc["examples"]
        self.bits = [e[0] for e in examples]
        self.bits_kind = bits_kind
        labels = np.asarray([e[1] for e in examples], dtype=np.int64)
        one, zero, one_value, zero_value = self.SYMBOLS[bits_kind]
        n = len(self.bits[0]) if self.bits else 0
        chars = np.frombuffer("".join(self.bits).encode("ascii"), dtype=np.uint8).reshape(len(self.bits), n)
        ones = chars == ord(one)
        if not np.all(ones | (chars == ord(zero))):
            raise ValueError(f"split.json: parity inputs with bits {bits_kind} must be written with "
                             f"'{one}' and '{zero}' only")
        x = np.where(ones, np.float32(one_value), np.float32(zero_value)).astype(np.float32)
        super().__init__(doc, labels, x)


def parse_split(doc, config):
    """The split of a run, parsed by its task kind (config.json's task.type)."""
    task = task_settings(config)
    if task["type"] == "modular":
        return ModularSplit(doc, int(task["p"]))
    return ParitySplit(doc, task["bits"])
