"""The CAMEO code table: Goldstein values, quad classes and PLOVER types.

Data: `data/ontology/` (CAMEO codes from andybega/icews, MIT; the OEDA
CAMEO→PLOVER table, CC BY-SA 4.0).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

#: FORMAT.md's PLOVER type for each CAMEO root.
PLOVER_OF_ROOT = {
    "01": "CONSULT", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
    "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST",
    "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
    "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}

#: PLOVER types of the older 18-type draft, mapped onto the 16 hudhud uses.
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@functools.lru_cache(maxsize=1)
def codes() -> dict[str, dict]:
    path = resources.files("hudhud").joinpath("data", "ontology", "cameo_codes.jsonl")
    table = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            table[row["code"]] = row
    return table


def root(code: str) -> str:
    return code[:2]


def goldstein(code: str) -> float | None:
    """The Goldstein value of the most specific code the table knows (ICEWS's table)."""
    table = codes()
    for n in range(len(code), 1, -1):
        row = table.get(code[:n])
        if row is not None and row.get("goldstein_icews") is not None:
            return float(row["goldstein_icews"])
    return None


def quad(code: str) -> int:
    """CAMEO quad class: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    r = int(code[:2])
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


def name(code: str) -> str | None:
    row = codes().get(code)
    return row["name"] if row else None
