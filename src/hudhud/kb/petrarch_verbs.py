"""A reader for PETRARCH2's verb dictionary (CAMEO.2.0.txt) and the writer of its index.

The format, as PETRARCH2's `read_verb_dictionary` defines it (the examples are made up)::

    &WEAPON                      a synset: `+` lines; words joined by `_` are one phrase
    +MORTAR
    +MACHINE_GUN
    ---  SHELL_WORDS   [190]  ---    a block: its verbs share the patterns below
    BOMBARD                      a verb; its default code is the block's
    SHELL {SHELLS SHELLED} [194] forms the parser may not lemmatise, and an own code
    +CUT_OFF [1621]              a compound verb: the `+` word is the verb, `OFF` goes with it
    - * &WEAPON (AT +)   [194]   the verb `*`, an object from the synset, "at" + the target
    - $ * +              [042:043]   source, verb, target; after `:` the target's own code
    - PRESS *            [---]   "the press bombarded ...": the null code, no event

In a pattern, words before `*` sit on the subject's side and words after it on the
object's; `(PREP WORDS)` is a preposition and its object, `{MODIFIER HEAD}` one noun
phrase, `$` the source, `+` the target, `%` a compound actor ("X and Y"), `^` any words.
`#` and `;` start comments; `~` lines (PETRARCH2's transformations) are skipped.

The file has quirks, read or skipped here and counted like `kb/tabari.py` counts the
actor files': codes CAMEO lacks (`[176]`, `[080!]`), brackets that never close,
synsets used but never defined, a verb listed in two blocks (the first is kept, as
PETRARCH2 keeps it), and a pattern repeated in a block with another code (the later
code is kept, as PETRARCH2 keeps it).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from hudhud.errors import InputError
from hudhud.kb import cameo
from hudhud.kb.verb_dictionary import (INDEX_DIR, INDEX_FORMAT, INDEX_NAME, Block, Element, Pattern, Verb,
                                       VerbDictionary)
from hudhud.kb.verb_matcher import Prep

_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_BLOCK = re.compile(r"^---\s+(\S+)\s*(?:\[\s*([^\]]*?)\s*\])?")


def read_verb_dictionary(text: str) -> VerbDictionary:
    """Every synset, block, verb and pattern, with counts of what was skipped and why."""
    stats: Counter[str] = Counter()
    synsets: dict[str, list[tuple[str, ...]]] = {}
    blocks: list[Block] = []
    verbs: list[Verb] = []
    seen_verbs: set[tuple] = set()
    current_set: str | None = None
    in_remark = False
    for number, raw in enumerate(text.splitlines(), 1):
        if in_remark or raw.lstrip().startswith("<!--"):  # an XML remark, maybe over lines
            in_remark = "-->" not in raw
            continue
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        block = _BLOCK.match(line)
        if block is not None:
            blocks.append(Block(block.group(1), _code(block.group(2) or "---"), number))
            current_set = None
        elif line.startswith("&") and not blocks:  # "&AUXVERB3_": the "_" only stops plurals
            current_set = line.strip().lower().rstrip("_")
            synsets[current_set] = []
        elif line.startswith("+") and current_set is not None:
            synsets[current_set].append(tuple(w for w in re.split(r"[_\s]+", line[1:].lower()) if w))
        elif line.startswith("~"):
            stats["transformations skipped"] += 1
        elif line.startswith("-") and blocks:
            pattern = _read_pattern(line[1:], number, synsets, stats)
            if pattern is not None:
                _add_pattern(blocks[-1], pattern, stats)
        elif blocks:
            verb = _read_verb(line, len(blocks) - 1, number)
            if verb is None:
                stats["unreadable verb lines"] += 1
                continue
            key = (verb.word, verb.before, verb.after)
            if key in seen_verbs:
                stats["verbs listed twice (first kept)"] += 1
                continue
            seen_verbs.add(key)
            verbs.append(verb)
        else:
            stats["unreadable lines"] += 1
    stats.update({"synsets": len(synsets), "blocks": len(blocks), "verbs": len(verbs),
                  "patterns": sum(len(b.patterns) for b in blocks)})
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return VerbDictionary({k: tuple(v) for k, v in synsets.items()}, blocks, verbs, stats, digest)


def _code(text: str) -> str:
    """"041:041" and "---" as written; "" for a code that is none (the parser checks)."""
    return re.sub(r"\s+", "", text)


def _valid(code: str) -> bool:
    """A null code or one whose parts are CAMEO codes ("0874", "042:043", ":173")."""
    if code == "---":
        return True
    parts = [p for p in code.split(":") if p]
    return bool(parts) and len(code.split(":")) <= 2 and all(p in cameo.codes() for p in parts)


def _read_verb(line: str, block: int, number: int) -> Verb | None:
    """`SHELL {SHELLS SHELLED} [194]`, `+CUT_OFF [1621]`, `+ANGERED_BY {}`."""
    found = _CODE.search(line)
    code = _code(found.group(1)) if found else ""
    body = _CODE.sub(" ", line)
    forms_text = re.search(r"\{([^}]*)\}", body)
    head = re.sub(r"\{[^}]*\}", " ", body).split()
    if len(head) != 1 or (code and not _valid(code)):
        return None
    words = head[0].lower().split("_")
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+") for w in words]
    if not all(re.fullmatch(r"[a-z][a-z'\-]*", w) for w in words):
        return None
    if forms_text is None:  # no braces: PETRARCH2 makes the regular forms
        forms = tuple(regular_forms(words[at]))
    else:
        forms = tuple(f.lower().lstrip("+").split("_")[at] for f in forms_text.group(1).split()
                      if len(f.split("_")) > at)
    return Verb(words[at], block, code, tuple(words[at + 1:]), tuple(words[:at]), forms, number)


def _read_pattern(body: str, number: int, synsets: dict, stats: Counter) -> Pattern | None:
    found = _CODE.search(body)
    if found is None:
        stats["patterns without a code"] += 1
        return None
    code = _code(found.group(1))
    text = " ".join(body[: found.start()].split())
    if not _valid(code):
        stats["patterns with a code CAMEO lacks"] += 1
        return None
    if text.count("*") != 1:
        stats["patterns without exactly one verb"] += 1
        return None
    before, _, after = text.partition("*")
    try:
        sides = _elements(before), _elements(after)
    except ValueError:
        stats["patterns with unbalanced brackets"] += 1
        return None
    words = [w for side in sides for e in side for w in _words_of(e)]
    if any(w.startswith("&") and w not in synsets for w in words):
        stats["patterns naming an undefined synset"] += 1
        return None
    return Pattern(*sides, code, text, number)


def _words_of(element: Element) -> list[str]:
    if isinstance(element, Prep):
        return [element.word, *(w for e in element.objects for w in _words_of(e))]
    return list(element) if isinstance(element, tuple) else []


def _elements(text: str) -> tuple[Element, ...]:
    """"ROCKET (AT +) {TEAR GAS}" -> (("rocket",), Prep("at", ("+",)), ("tear", "gas"))."""
    return _read_elements(re.findall(r"[(){}]|[^\s(){}]+", text.lower()))


def _read_elements(tokens: list[str]) -> tuple[Element, ...]:
    out: list[Element] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "(":
            end = _closing(tokens, i, "(", ")")
            inner = _read_elements(tokens[i + 1:end])
            if not inner or not isinstance(inner[0], tuple) or len(inner[0]) != 1:
                raise ValueError("a prepositional phrase starts with its preposition")
            out.append(Prep(inner[0][0], inner[1:]))
            i = end + 1
        elif tok == "{":
            end = _closing(tokens, i, "{", "}")
            words = tokens[i + 1:end]
            if not words or any(w in "(){}$+%^" for w in words):
                raise ValueError("a noun phrase holds words")
            out.append(tuple(p for w in words for p in w.split("_") if p))
            i = end + 1
        elif tok in ")}":
            raise ValueError("a bracket closes that never opened")
        else:
            out.append(tok if tok in {"$", "+", "%", "^"} else tuple(p for p in tok.split("_") if p))
            i += 1
    return tuple(out)


def _closing(tokens: list[str], start: int, open_: str, close: str) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        depth += (tokens[j] == open_) - (tokens[j] == close)
        if depth == 0:
            return j
    raise ValueError("a bracket never closes")


def _add_pattern(block: Block, pattern: Pattern, stats: Counter) -> None:
    """The same pattern twice in a block: the later code is kept, as PETRARCH2 keeps it
    ("* STRIKE [140]" then "* STRIKE [143]": a strike is 143)."""
    for i, old in enumerate(block.patterns):
        if (old.before, old.after) == (pattern.before, pattern.after):
            stats["repeated patterns (later code kept)"] += 1
            block.patterns[i] = Pattern(old.before, old.after, pattern.code, old.text, pattern.line)
            return
    block.patterns.append(pattern)


def regular_forms(word: str) -> list[str]:
    """The regular forms of a verb, by PETRARCH2's rules, with "-es" after sh/ch and "-s"
    after a vowel and y, where PETRARCH2 writes "pushs" and "deploies":
    "shell" -> shells, shelled, shelling."""
    if len(word) < 2:
        return []
    if word[-1] in "sxz" or word[-2:] in {"sh", "ch"}:
        third = word + "es"
    else:
        third = word[:-1] + "ies" if word[-1] == "y" and word[-2] not in "aeiou" else word + "s"
    past = word + "d" if word.endswith("e") else word + "ed"
    ing = word[:-1] + "ing" if word.endswith("e") and word[-2] not in "aeiou" else word + "ing"
    return [third, past, ing]


def _element_json(element: Element) -> Any:
    if isinstance(element, Prep):
        return {"prep": element.word, "objects": [_element_json(e) for e in element.objects]}
    return list(element) if isinstance(element, tuple) else element


def index_lines(dictionary: VerbDictionary, source: str) -> list[str]:
    """The index as JSON lines: a header, the synsets, then one line per block."""
    def dump(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    verbs_of: dict[int, list[Verb]] = {}
    for verb in dictionary.verbs:
        verbs_of.setdefault(verb.block, []).append(verb)
    lines = [dump({"format": INDEX_FORMAT, "source": source, "sha256": dictionary.source_sha256,
                   "counts": dict(sorted(dictionary.stats.items()))})]
    lines += [dump({"synset": name, "phrases": [list(p) for p in phrases]})
              for name, phrases in dictionary.synsets.items()]
    for number, block in enumerate(dictionary.blocks):
        lines.append(dump({
            "block": block.name, "code": block.code, "line": block.line,
            "verbs": [[v.word, v.code, list(v.after), list(v.before), list(v.forms), v.line]
                      for v in verbs_of.get(number, [])],
            "patterns": [[[_element_json(e) for e in p.before], [_element_json(e) for e in p.after],
                          p.code, p.text, p.line] for p in block.patterns],
        }))
    return lines


def build_index(source: str | Path, out_dir: str | Path | None = None) -> dict[str, Any]:
    """Read the dictionary file and write `index.jsonl` (by default into the package data).

    RETURNS (dict): {path, sha256 of the source, counts of what was read and skipped}.
    """
    path = Path(source)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the verb dictionary ({exc.__class__.__name__}).",
                         hint="pass PETRARCH2's CAMEO.2.0.txt (UTF-8).") from exc
    dictionary = read_verb_dictionary(text)
    out = Path(out_dir) if out_dir else Path(str(resources.files("hudhud").joinpath(*INDEX_DIR)))
    out.mkdir(parents=True, exist_ok=True)
    target = out / INDEX_NAME
    target.write_text("\n".join(index_lines(dictionary, f"openeventdata/petrarch2 {path.name}")) + "\n", "utf-8")
    return {"path": str(target), "sha256": dictionary.source_sha256, "counts": dict(sorted(dictionary.stats.items()))}


