"""The sample analyses and profile checks of tests/store, for the resolve tests.

Loaded by path, under the names tests/conftest.py gives them, so both folders share
one copy of each module.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_STORE_TESTS = Path(__file__).parents[1] / "store"


def _load(name: str, path: Path) -> ModuleType:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


samples = _load("hudhud_test_samples", _STORE_TESTS / "samples.py")
checks = _load("hudhud_test_checks", _STORE_TESTS / "checks.py")
