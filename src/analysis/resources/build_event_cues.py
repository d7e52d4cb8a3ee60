"""Build the CAMEO event cues from PETRARCH2's verb dictionary.

Reads ``CAMEO.2.0.txt`` (PETRARCH2's CAMEO verb dictionary, MIT) and
``CAMEO.goldsteinscale.txt`` (GDELT's Goldstein value per CAMEO code) from a
folder, and writes three files beside this script:

* ``event_sets_cameo.tsv``: ``set``, ``words``: each verb synonym set of the
  dictionary (``V_THREATEN``: every verb of the block with its inflections)
  and each noun synonym set (``CEASEFIRE``), as ``a|b|c`` alternatives; a
  phrase of several words is joined by ``_``;
* ``event_cues_cameo.tsv``: ``cue``, ``goldstein``, ``quad_class``, ``cameo``,
  ``note``: a row per verb set with a code of its own (the verbs alone), and a
  row per phrase pattern (``- * SANCTIONS (AGAINST) [163]`` becomes
  ``&V_IMPOSE ... sanctions ... against``), in the cue language of
  :func:`analysis.tone.compile_cue` plus ``&SET`` references;
* ``event_cues_cameo.NOTICE.txt``: the source and the MIT notice.

The curated ``event_cues.tsv`` is not touched: it sits on top of the derived
cues when they are read. Rerun after the dictionary changes::

    python -m analysis.resources.build_event_cues ../shared/lexicons/petrarch2
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.cues import FUNCTION_WORDS

HERE = Path(__file__).resolve().parent
SETS_FILE = "event_sets_cameo.tsv"
CUES_FILE = "event_cues_cameo.tsv"
NOTICE_FILE = "event_cues_cameo.NOTICE.txt"
DICTIONARY = "CAMEO.2.0.txt"
GOLDSTEIN = "CAMEO.goldsteinscale.txt"
SOURCE = (
    "PETRARCH2 CAMEO verb dictionary (CAMEO.2.0.txt), Open Event Data Alliance, repository "
    "openeventdata/petrarch2, folder petrarch2/data/dictionaries/, commit "
    "676801cd9cb2924bbbad09f86d15c9323e7097bf; Goldstein values per CAMEO code from GDELT's "
    "published lookup (CAMEO.goldsteinscale.txt)"
)
NULL_CODE = "---"
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")
ACTOR_MARKS = {"+", "$", "%", "^", "*_"}


@dataclass
class VerbBlock:
    """One ``---  NAME  [code]  ---`` block: its verbs, their codes, its patterns."""

    name: str
    code: str
    verbs: list[tuple[list[str], str]] = field(default_factory=list)  # (forms, own code)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # (pattern, code, verb)


def quad_class(code: str) -> str:
    """GDELT's QuadClass of a CAMEO code, from its two-digit root.

    Example:
        >>> quad_class("057"), quad_class("130"), quad_class("1831")
        ('material cooperation', 'verbal conflict', 'material conflict')
    """
    root = int(code[:2])
    if root <= 4:
        return "verbal cooperation"
    if root <= 8:
        return "material cooperation"
    return "verbal conflict" if root <= 13 else "material conflict"


def read_goldstein(path: Path) -> dict[str, float]:
    """CAMEO code -> Goldstein value, from GDELT's lookup."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return {code.strip(): float(value) for code, value in rows[1:] if code.strip()}


def goldstein_of(code: str, scale: dict[str, float]) -> float | None:
    """The Goldstein value of a code, else of its three- or two-digit parent."""
    for length in (len(code), 3, 2):
        if code[:length] in scale:
            return scale[code[:length]]
    return None


def _words(entry: str) -> str:
    """A dictionary entry (``+PEACE_TALKS``, ``CASH_``) as lower-case words."""
    return " ".join(entry.strip("+").casefold().replace("_", " ").split())


def inflections(verb: str) -> list[str]:
    """Regular forms of a verb (of its first word, for a phrasal verb), as PETRARCH makes them.

    Example:
        >>> inflections("threaten")
        ['threaten', 'threatens', 'threatened', 'threatening']
        >>> inflections("impose")[1:]
        ['imposes', 'imposed', 'imposing']
        >>> inflections("stop")[-2:]
        ['stopping', 'stopped']
    """
    head, _, rest = verb.partition(" ")
    if head.endswith("e"):
        forms = [head, head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
        forms = [head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith(("s", "x", "z", "ch", "sh")):
        forms = [head, head + "es", head + "ed", head + "ing"]
    else:
        forms = [head, head + "s", head + "ed", head + "ing"]
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", head):  # stop -> stopping, stopped
        forms += [head + head[-1] + "ing", head + head[-1] + "ed"]
    return [f"{form} {rest}".strip() for form in forms]


def _plural(noun: str) -> str:
    if noun.endswith("s"):  # already plural, or a mass noun
        return noun
    if noun.endswith(("x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _noun_forms(entry: str) -> list[str]:
    """A noun entry and its plural (none for entries ending in ``_``, as in PETRARCH)."""
    words = _words(entry)
    last = words.split()[-1] if words else ""
    if entry.endswith("_") or len(last) < 4 or last in FUNCTION_WORDS:
        return [words]
    return [words, _plural(words)]


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[VerbBlock]]:
    """Read the noun synonym sets and the verb blocks of ``CAMEO.2.0.txt``."""
    nouns: dict[str, list[str]] = {}
    blocks: list[VerbBlock] = []
    current_set: list[str] | None = None
    section = ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("#######"):
            section = raw.strip("# ").split()[0]  # SYNONYM, VERB or TRANSFORMATIONS
            continue
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if section == "SYNONYM":
            if line.startswith("&"):
                current_set = nouns.setdefault(line[1:].rstrip("_"), [])
            elif line.startswith("+") and current_set is not None:
                current_set.extend(_noun_forms(line))
        elif section == "VERB":
            header = BLOCK.match(line)
            if header:
                blocks.append(VerbBlock(header.group(1), header.group(2).strip()))
            elif blocks and line.startswith("-"):
                found = CODE.search(line)
                if found:
                    verb = raw.split("#", 1)[1].strip() if "#" in raw else ""
                    blocks[-1].patterns.append((line[1 : found.start()].strip(), found.group(1),
                                                verb))  # fmt: skip
            elif blocks:
                blocks[-1].verbs.append(_verb_line(line))
    return nouns, blocks


def _verb_line(line: str) -> tuple[list[str], str]:
    """``GROW {GROWS GREW} [030]`` -> (every form, own code or '')."""
    code = CODE.search(line)
    own = code.group(1).strip() if code else ""
    line = CODE.sub("", line)
    base, _, irregular = line.partition("{")
    forms = inflections(_words(base))
    forms += [_words(form) for form in irregular.strip("} ").split()]
    return list(dict.fromkeys(f for f in forms if f)), own


def _code(text: str) -> str:
    """``160:160`` -> ``160``; empty or ``---`` -> ``---``."""
    code = text.split(":")[0].strip()
    return code if code and code != NULL_CODE and code.isdigit() else NULL_CODE


def _as_alternatives(words: Iterable[str]) -> str:
    return "|".join(dict.fromkeys(w.replace(" ", "_") for w in words))


def _pattern_cue(pattern: str, verb_set: str, nouns: dict[str, list[str]]) -> str | None:
    """A dictionary pattern in the cue language, or None when it cannot be read."""
    pieces: list[str] = []
    for token in pattern.replace("{", " ").replace("}", " ").replace("(", " ").split():
        token = token.strip(")")
        if not token:
            continue
        if token == "*":
            pieces.append(f"&{verb_set}")
        elif token in ACTOR_MARKS or not re.search(r"\w", token):
            pieces.append("...")
        elif token.startswith("&"):
            name = token[1:].rstrip("_")
            if name not in nouns:
                return None
            pieces.append(f"&{name}")
        else:
            pieces.append(_as_alternatives(_noun_forms(token)))
    while pieces and pieces[0] == "...":
        pieces.pop(0)
    while pieces and pieces[-1] == "...":
        pieces.pop()
    if f"&{verb_set}" not in pieces:
        return None
    # Words of a pattern are heads of phrases: allow a few words between them.
    joined: list[str] = []
    for piece in pieces:
        if piece == "..." or (joined and joined[-1] != "..."):
            joined.append("...")
        if piece != "...":
            joined.append(piece)
    return " ".join(joined).replace("... ...", "...")


def build(
    folder: Path,
) -> tuple[list[tuple[str, str]], list[tuple[str, float, str, str, str]]]:
    """The set rows and the cue rows built from the dictionary folder."""
    scale = read_goldstein(folder / GOLDSTEIN)
    nouns, blocks = read_dictionary(folder / DICTIONARY)
    sets = {name: words for name, words in nouns.items() if words}
    cues: list[tuple[str, float, str, str, str]] = []

    def add(cue: str, code: str, note: str) -> None:
        value = goldstein_of(code, scale) if code != NULL_CODE else 0.0
        if value is not None:
            kind = quad_class(code) if code != NULL_CODE else ""
            cues.append((cue, value, kind, code, note))

    for block in blocks:
        name = "V_" + re.sub(r"\W", "_", block.name.upper())
        forms = [form for verb_forms, _ in block.verbs for form in verb_forms]
        if not forms:
            continue
        sets[name] = forms
        if _code(block.code) != NULL_CODE:
            add(f"&{name}", _code(block.code), f"CAMEO verbs {block.name}")
        for verb_forms, own in block.verbs:
            if own and _code(own) != NULL_CODE:
                add(_as_alternatives(verb_forms), _code(own), f"CAMEO verb in {block.name}")
        for pattern, code, verb in block.patterns:
            cue = _pattern_cue(pattern, name, sets)
            if cue:
                note = " ".join(
                    f"CAMEO {block.name}: - {pattern} ({verb})".replace('"', "").split()
                )
                add(cue, _code(code), note)
    unique = list(dict.fromkeys((c[0], c[3]) for c in cues))
    first = {(c[0], c[3]): c for c in reversed(cues)}
    kept = [first[key] for key in unique]
    return [(n, _as_alternatives(w)) for n, w in sorted(sets.items())], kept


def _notice(folder: Path) -> str:
    licence = (folder / "LICENSE").read_text(encoding="utf-8").strip()
    return (
        f"{CUES_FILE} and {SETS_FILE} are derived from the {SOURCE}.\n"
        f"Built by analysis/resources/build_event_cues.py.\n\n{licence}\n"
    )


def _tsv(rows: Iterable[Iterable[object]]) -> str:
    return "".join("\t".join(str(value) for value in row) + "\n" for row in rows)


def write(folder: Path, out: Path = HERE) -> tuple[int, int, int]:
    """Write the three files; return the numbers of cue rows, sets and CAMEO codes."""
    sets, cues = build(folder)
    (out / SETS_FILE).write_text(_tsv([("set", "words"), *sets]), encoding="utf-8")
    header = ("cue", "goldstein", "quad_class", "cameo", "note")
    (out / CUES_FILE).write_text(_tsv([header, *cues]), encoding="utf-8")
    (out / NOTICE_FILE).write_text(_notice(folder), encoding="utf-8")
    codes = {cue[3] for cue in cues if cue[3] != NULL_CODE}
    return len(cues), len(sets), len(codes)


def main(argv: list[str] | None = None) -> None:
    """Build the files from the dictionary folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder holding CAMEO.2.0.txt (petrarch2/)")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write (default: here)")
    args = parser.parse_args(argv)
    n_cues, n_sets, n_codes = write(args.folder, args.out)
    print(f"wrote {n_cues} cues, {n_sets} word sets, {n_codes} CAMEO codes to {args.out}")


if __name__ == "__main__":
    main()
