"""The event tests' shared helpers (event_checks.py), loaded once for the whole folder.

Tests are not a package (--import-mode=importlib), so the helpers are registered as the
module `hudhud_event_checks`; a test file imports from it:
`from hudhud_event_checks import has_event, triples`.
"""

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("hudhud_event_checks", Path(__file__).with_name("event_checks.py"))
_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_checks)
sys.modules.setdefault("hudhud_event_checks", _checks)
