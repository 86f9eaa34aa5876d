"""Fixtures of the reliability tests (see RELIABILITY.md at the repo root).

The tests run with --import-mode=importlib, so helpers.py is loaded here and
registered as the module `reliability_helpers`, which the test files import
(pytest loads this conftest before it collects them).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("reliability_helpers",
                                               Path(__file__).with_name("helpers.py"))
helpers = importlib.util.module_from_spec(_spec)
sys.modules["reliability_helpers"] = helpers
_spec.loader.exec_module(helpers)
