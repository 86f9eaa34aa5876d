"""Errors users see: each has a code and a hint, so the CLI and the API can
print one line that says what happened and what to try."""

from __future__ import annotations

from dataclasses import dataclass


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


class InvalidLexicon(HudhudError):
    """A file of data/lexicon/ that the rules cannot use: an unknown key, a value of the
    wrong kind, or a header that does not name its source, licence and date. The message
    names the file and the key (followthemoney's `InvalidModel` habit)."""

    code = "H021"

    def __init__(self, message: str, hint: str | None = None, code: str | None = None):
        super().__init__(message, hint or "fix the file (data/lexicon/schema.yml lists the keys each "
                         "file may hold and the kind of each value)", code)


class StoreError(HudhudError):
    code = "H030"


class GoldFormatError(HudhudError):
    code = "H040"


class HostNotAllowed(HudhudError):
    """A request names a host the server does not answer to (a DNS-rebinding page
    sends `Host: attacker.example`); answered with 400 before any route runs."""

    code = "H068"
    status = 400


class UploadTooLarge(HudhudError):
    """An upload that decompresses past the upload limit (1 MB of gzip holding a
    1 GiB line); refused with 413 before it is stored or read."""

    code = "H069"
    status = 413


# -- the catalogue of bad input the readers report (ingest/) ----------------------------
# Each kind of bad input has a stable code and a hint; the reader adds the origin
# ("news.csv:14") and the message saying what it found there.

@dataclass(frozen=True)
class InputCode:
    """A kind of bad input: its stable code and what to try."""

    code: str
    hint: str

    def error(self, origin: str, message: str) -> InputError:
        """The InputError of this kind at `origin` (``path`` or ``path:line``)."""
        return InputError(origin, message, hint=self.hint, code=self.code)


#: A CSV row whose quoted field is still open at the end of the file, or spans more
#: lines or bytes than settings.MAX_FIELD_LINES / MAX_LINE_BYTES allow.
UNCLOSED_QUOTE = InputCode("H011", 'close the quote; a quote inside a quoted field is written twice ("")')
#: A line (JSONL record, CSV row) longer than settings.MAX_LINE_BYTES.
LINE_TOO_LONG = InputCode("H012", "split the record, or raise HUDHUD_MAX_LINE_BYTES if it is real")
#: HTML with more tags or attributes on one tag than settings.MAX_HTML_TAGS / MAX_HTML_ATTRIBUTES.
MARKUP_TOO_LARGE = InputCode("H013", "save the article's own page, or raise HUDHUD_MAX_HTML_TAGS / "
                                     "HUDHUD_MAX_HTML_ATTRIBUTES if it is real")
#: A FIFO, device or socket: reading it could block forever or never end.
NOT_A_FILE = InputCode("H014", "name regular files or folders; FIFOs, devices and sockets are not read")
#: A folder entry or path that cannot be opened (a symbolic link loop, no permission).
UNREADABLE_ENTRY = InputCode("H015", "fix or remove the entry; the rest of the folder is read")
#: A record the file ends inside (a truncated .warc or .gz): the records before it are kept.
CUT_RECORD = InputCode("H016", "the file was cut off; copy or download it again")
#: A line of a UTF-16 or UTF-32 file that does not decode (a lone surrogate unit).
BAD_WIDE_LINE = InputCode("H017", "re-encode the file as UTF-8")
#: A fatal XML error in a feed: the items before it are kept, reading goes on at the next item.
MALFORMED_XML = InputCode("H018", "the feed is not well-formed XML; the other items are read")


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


# -- the catalogue of store, judgement and ingest errors (store/, resolve/, engine/) -----
# Each has a stable code and a hint, written once here; the raise site adds the message
# saying what happened (`NO_STORE.error(f"no store at {path}.")`).

@dataclass(frozen=True)
class ErrorCode:
    """A kind of error: its stable code, what to try, and the class it raises
    (StoreError for a problem with the store file, else HudhudError)."""

    code: str
    hint: str
    kind: type[HudhudError] = HudhudError

    def error(self, message: str) -> HudhudError:
        """The error of this kind, `message` saying what happened."""
        return self.kind(message, hint=self.hint, code=self.code)


#: A command that reads, resolves or judges a store was given a path where no file is.
NO_STORE = ErrorCode("H031", "create one with `hudhud ingest PATH --db FILE`, or check --db.", StoreError)
#: A DuckDB file hudhud did not write (no meta table naming a schema version), or, for a
#: command that needs a store, an empty one.
NOT_A_STORE = ErrorCode("H034", "check --db; hudhud adds its tables only to a new file or to a "
                                "store it wrote, never to another program's database.", StoreError)
#: `actors split A ALIAS` where no document of A gives it the name ALIAS.
SPLIT_NOTHING = ErrorCode("H055", "list the names documents give the actor with `hudhud show "
                                  "ACTOR`; a split takes one of those names.")
#: `actors split A ALIAS` where ALIAS is the name an actor with no KB entry is grouped by.
SPLIT_OWN_NAME = ErrorCode("H058", "split off another of its names, or merge the documents you "
                                   "mean into a different actor.")
#: A Parquet dataset cannot take a corrected text of a document it holds.
PARQUET_NO_REPLACE = ErrorCode("H084", "ingest the corrected file into a store (--db), which "
                                       "replaces the document and its records.")
