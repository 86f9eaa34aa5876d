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
