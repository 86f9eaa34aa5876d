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


# --- the catalogue --------------------------------------------------------------------
# Codes added since the catalogue began live here, each with the hint users see, and are
# raised through it (`NO_STORE.error(f"no store at {path}.")`), so a code and its advice
# are written once. Older codes are still literals at their raise sites.

class Code:
    """One catalogue entry: a stable code, the hint printed after the message, and the
    error class it raises (StoreError for a store problem, HudhudError otherwise)."""

    def __init__(self, code: str, hint: str, kind: type[HudhudError] = HudhudError) -> None:
        self.code, self.hint, self.kind = code, hint, kind

    def error(self, message: str, hint: str | None = None) -> HudhudError:
        """The error to raise: `message` says what happened, the hint what to try."""
        return self.kind(message, hint=hint or self.hint, code=self.code)


#: A command that reads or judges a store was given a path where no file is.
NO_STORE = Code("H031", "create one with `hudhud ingest PATH --db FILE`, or check --db.", StoreError)
#: A DuckDB file that hudhud did not write (no meta table with a schema version).
NOT_A_STORE = Code("H034", "check --db; hudhud adds its tables only to a new file or to a store "
                           "it wrote, never to another program's database.", StoreError)
#: `actors split A ALIAS` where no document of A gives it the name ALIAS.
SPLIT_NOTHING = Code("H055", "list the names documents give the actor with `hudhud show ACTOR`; "
                             "a split takes one of those names.")
#: `actors split A ALIAS` where ALIAS is the name the actor is grouped by.
SPLIT_OWN_NAME = Code("H056", "split off another of its names, or merge the documents you mean "
                              "into a different actor.")
#: A Parquet dataset cannot take a corrected text of a document it holds.
PARQUET_NO_REPLACE = Code("H084", "ingest the corrected file into a store (--db), which replaces "
                                  "the document and its records.")

CATALOGUE = (NO_STORE, NOT_A_STORE, SPLIT_NOTHING, SPLIT_OWN_NAME, PARQUET_NO_REPLACE)
