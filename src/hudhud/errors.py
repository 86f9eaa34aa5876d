"""Errors users see: each has a code and a hint, so the CLI and the API can
print one line that says what happened and what to try."""

from __future__ import annotations


class HudhudError(Exception):
    """An error meant for the user. `code` is stable (H001...), `hint` says what to try."""

    code = "H000"

    def __init__(self, message: str, hint: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code:
            self.code = code

    def __str__(self) -> str:
        text = f"Error [{self.code}]: {self.message}"
        if self.hint:
            text += f" Hint: {self.hint}"
        return text


class InputError(HudhudError):
    """A bad input record. `origin` is ``path`` or ``path:line``; the batch goes on."""

    code = "H010"

    def __init__(self, origin: str, message: str, hint: str | None = None, code: str | None = None):
        super().__init__(f"{origin}: {message}", hint, code)
        self.origin = origin


class ModelError(HudhudError):
    """The language model cannot be loaded (it must come as a package, never a download)."""

    code = "H020"


class StoreError(HudhudError):
    code = "H030"


class GoldFormatError(HudhudError):
    code = "H040"


class KnowledgeBaseError(HudhudError):
    """A knowledge-base file or entry is invalid."""

    code = "H050"


class PhoenixSourceError(HudhudError):
    """`hudhud kb build-base` cannot find a Phoenix dictionary in the source folder."""

    code = "H056"
    default_hint = ("give --source the folder holding Phoenix.Countries.actors.txt, "
                    "Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and "
                    "Phoenix.agents.txt (openeventdata/petrarch2, petrarch2/data/dictionaries).")


class PhoenixIndexError(HudhudError):
    """The committed Phoenix base-layer index is missing, damaged or not what its manifest says."""

    code = "H057"
    default_hint = ("reinstall hudhud, or rebuild the index with `hudhud kb build-base --source DIR`; "
                    "HUDHUD_KB_BASE=0 runs without the base layer.")
