"""The Python examples of docs/python.md and the README run, in order, on the fixture runs."""
import contextlib
import io
import os
import re
import tempfile
import unittest
from pathlib import Path

from tests import fixtures

DOCS = [fixtures.REPO / "docs" / "python.md", fixtures.REPO / "README.md"]
# the directories the examples name, and the fixture each stands for
PLACES = {"runs/quick-modadd": "runs/gromov-quadratic-1", "runs/quick-parity": "runs/parity-thesis",
          "runs/my-sweep": "sweep", "runs/mine": "runs"}


def python_blocks(path):
    return re.findall(r"^```python\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.S | re.M)


class DocumentedExamples(unittest.TestCase):

    def test_every_python_example_runs(self):
        try:
            import torch  # noqa: F401
        except ImportError:
            fixtures.skip_or_fail(self, "the examples use PyTorch")
        ran = 0
        with tempfile.TemporaryDirectory() as tmp:
            for place, fixture in PLACES.items():
                (Path(tmp) / place).parent.mkdir(parents=True, exist_ok=True)
                os.symlink(fixtures.root() / fixture, Path(tmp) / place)
            cwd = os.getcwd()
            os.chdir(tmp)
            try:
                for doc in DOCS:
                    namespace = {}
                    for i, block in enumerate(python_blocks(doc)):
                        with self.subTest(doc=doc.name, block=i), contextlib.redirect_stdout(io.StringIO()) as out:
                            exec(compile(block, f"{doc.name} example {i + 1}", "exec"), namespace)
                        self.assertTrue(out.getvalue(), f"{doc.name} example {i + 1} printed nothing")
                        ran += 1
            finally:
                os.chdir(cwd)
        self.assertGreaterEqual(ran, 7)


if __name__ == "__main__":
    unittest.main()
