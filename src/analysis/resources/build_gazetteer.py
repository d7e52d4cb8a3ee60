"""Derive the package's actors and dated roles from the Phoenix actor dictionaries.

Run from the project root (``make gazetteer``)::

    python -m analysis.resources.build_gazetteer ../shared/lexicons/petrarch2

It reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``
and ``Phoenix.MilNonState.actors.txt``
(PETRARCH2, Open Event Data Alliance, MIT licence; see ``PHOENIX-LICENSE.txt``)
and writes ``actors_phoenix.tsv``, ``roles_phoenix.tsv`` and ``places_phoenix.tsv``
beside this file.
The curated ``actors.tsv`` and ``roles.tsv`` are read on top of them and win.

The dictionaries are records of a primary phrase, synonyms (``+``) and codes
(``[RUSGOV 991231-080507]``, ``>date`` from, ``<date`` until); consecutive
primary phrases with no code between them share the codes that follow, as
PETRARCH reads them. What is kept, so that a plain-text matcher stays precise:

* **Countries** (a three-letter code that the countries file gives a state, no
  date; ``MED`` for media or ``ELI`` for elites is no country): the name, its short form
  ("Russia" for "Russian Federation": a prefix of the name's first word, or
  a word it is a prefix of) and demonyms (a word with the name's first two
  letters and a demonym ending: "French", "Ukrainian"; or a word listed with
  its "-man" or "inhabitants": "Dutch" beside "Dutchman"), with the plural of a
  singular one and the singular of a plural one ("Hungarians", "Palestinian"). Cities and regions,
  which the dictionaries list as the country, are no alias of it: a city is a
  place, not the state, and the dictionaries do not mark which one is the
  capital, so capitals come from the curated ``actors.tsv``. They are kept
  apart as **places** ("Vladivostok", "Massachusetts"), each with its
  country when only one country lists it and it names no actor, to tell
  where a person is from ("Kathy Blackwell, of Massachusetts").
* **People** (codes with dates): the full name and the synonyms of two words
  or more ("President Putin", "George H. W. Bush"); a surname alone only when
  the dictionary lists it alone, it has five letters or more and no other
  person has that surname. Each dated code becomes a role
  (``role`` = the CAMEO code, e.g. ``RUSGOV``), which tells namesakes apart
  by date.
* **Non-state armed groups** (the MilNonState file: "al-Qaeda", "Taliban",
  "Hamas", and the few leaders it lists, "Osama bin Laden"): type ``armed
  group``, with no country, since the country a code gives them
  (``AFGREB``) is where they fight, not a state that acts; their names of
  two words or more and acronyms, as for organisations.
* **Organisations** (a code with a sector and no date: ``USAGOVLEG``,
  ``IGOUNO``): the name and synonyms of two words or more, and acronyms of
  three to six letters. Entries that name an office ("PRESIDENT OF THE
  UNITED STATES", "US SECRETARY OF STATE") are dropped: an office is
  written as a title and resolves to its holder through the curated roles.
  A multinational company (``MNCGBR``) has the country its code gives after
  ``MNC`` (BP is British, Eni Italian); one coded ``MNC`` alone has none.

Everywhere, synonyms with brackets, digits, or of fewer than three letters
are dropped, and so are the dictionaries' misspellings of a kept name
("AFGHANSITAN"), which only a parser-era coder needed.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SOURCES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
ARMED_GROUPS = SOURCES[2]  # non-state armed groups and their leaders: no state's country
HEADER = (
    "# Derived by analysis.resources.build_gazetteer from the Phoenix actor dictionaries\n"
    "# of PETRARCH2 (Open Event Data Alliance, github.com/openeventdata/petrarch2),\n"
    "# MIT licence: see PHOENIX-LICENSE.txt. Do not edit; edit actors.tsv/roles.tsv.\n"
)
CODE_RE = re.compile(r"\[([^\]]*)\]")
COMPANY_PREFIX = "MNC"  # a multinational company, then its home state: "MNCUSA" (ExxonMobil)
# "THE FOUNDATION", "THE BASE": a group's by-name that is a common noun in any text.
GENERIC_RE = re.compile(r"^THE [A-Z]+$")
# Demonyms that are also nouns with an -s plural ("a Hungarian", "Hungarians").
NOUN_DEMONYM_ENDINGS = ("IAN", "EAN", "CAN")
DEMONYM_ENDINGS = ("AN", "ANS", "ESE", "ISH", "CH", "I", "IS", "IC", "ER", "ERS", "SS", "OT", "OTS")
# Sectors of a CAMEO code (after the country) that make an organisation a kind.
SECTOR_TYPES = {"MIL": "military", "LEG": "legislature", "GOV": "government"}
# Words that are not a person's name inside a person's synonym.
NOT_A_NAME = re.compile(r"\b(?:ADMINISTRATION|GOVERNMENT|CABINET|REGIME|FAMILY|SUPPORTERS)\b")
SMALL_WORDS = frozenset({"and", "of", "the", "for", "de", "on", "in"})
# An office, not a body: "PRESIDENT OF THE UNITED STATES", "US SECRETARY OF STATE" (titles
# resolve through the curated roles).
OFFICE_RE = re.compile(
    r"\b(?:PRESIDENTS?|PREMIER|PRIME MINISTER|SECRETARY|MINISTERS?|AMBASSADORS?|SPOKES\w*|"
    r"CHAIRMAN|OFFICIALS?|LEADERS?)\b"
)
# CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "GER": "DEU"}


@dataclass
class Record:
    """One dictionary record: its phrases and its codes with optional dates."""

    phrases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # code, start, end


def _date(text: str) -> str:
    """``080507`` -> ``2008-05-07``; ``19240101`` -> ``1924-01-01`` (the files end in 2014)."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year <= 14 else 1900 + year}{digits[2:]}"
    if len(digits) != 8:
        return ""
    stamp = pd.to_datetime(digits, format="%Y%m%d", errors="coerce")
    return "" if pd.isna(stamp) else f"{stamp:%Y-%m-%d}"


def parse_code(inside: str) -> tuple[str, str, str] | None:
    """``RUSGOV 991231-080507`` -> ``("RUSGOV", "1999-12-31", "2008-05-07")``."""
    parts = inside.split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    if not rest:
        return code, "", ""
    if rest.startswith(">"):
        return code, _date(rest[1:]), ""
    if rest.startswith("<"):
        return code, "", _date(rest[1:])
    start, _, end = rest.partition("-")
    return code, _date(start), _date(end)


def _phrase(text: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN``."""
    return " ".join(text.replace("_", " ").split())


def read_records(lines: Iterable[str]) -> Iterator[Record]:
    """The records of a Phoenix actor dictionary, as PETRARCH groups them."""
    record = Record()
    for raw in lines:
        line = re.sub(r"<!--.*?-->", "", raw.rstrip("\n"))
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        codes = [c for c in map(parse_code, CODE_RE.findall(body)) if c is not None]
        text = CODE_RE.sub("", body)
        if line[:1].isspace():  # a date restriction line
            record.codes += codes
            continue
        if line.startswith("+"):
            record.phrases.append(_phrase(text[1:]))
            record.codes += codes
            continue
        if record.codes:  # a primary phrase after codes starts a new record
            yield record
            record = Record()
        record.phrases.append(_phrase(text))
        record.codes += codes
    if record.phrases and record.codes:
        yield record


def display_name(phrase: str) -> str:
    """``BASHAR AL-ASSAD`` -> ``Bashar al-Assad``; ``GEORGE H. W. BUSH`` kept in initials."""
    words: list[str] = []
    for word in phrase.split():
        parts = [p[:1].upper() + p[1:].lower() for p in word.split("-")]
        joined = "-".join(parts)
        if joined.lower().startswith(("al-", "el-", "ad-", "as-")):
            joined = joined[:3].lower() + joined[3:]
        words.append(joined.lower() if joined.lower() in SMALL_WORDS and words else joined)
    return " ".join(words)


def _usable(phrase: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", phrase)
    return len(letters) >= 3 and not re.search(r"[()\[\],:;/\d]", phrase) and phrase.isascii()


def country_codes(records: Iterable[Record]) -> frozenset[str]:
    """The bare three-letter codes of the countries file: the codes that are states.

    The international file also has bare codes that are sectors, not states
    (``MED`` for media, ``ELI`` for elites): they give no country.
    """
    return frozenset(c for r in records for c, _, _ in r.codes if re.fullmatch("[A-Z]{3}", c))


def _kind(record: Record, countries: frozenset[str]) -> str | None:
    last = max(record.codes, key=lambda c: c[2] or "9999")[0]
    if last in countries:
        return "country"  # the code in force last is a bare country code ("UKR" after "USR")
    dated = [c for c in record.codes if c[1] or c[2]]
    if dated:
        return "person"
    if record.codes[0][0] in countries:
        return "country"
    return "organisation"


def _country(code: str, countries: frozenset[str]) -> str:
    """The state a code names: its first three letters, or a company's next three (``MNCGBR``)."""
    state = code[3:6] if code.startswith(COMPANY_PREFIX) else code[:3]
    if state not in countries:
        return ""
    return CAMEO_TO_ISO.get(state, state)


def country_aliases(phrases: list[str]) -> list[str]:
    """The name, its short form and its demonyms, without the dictionary's misspellings."""
    name = phrases[0]
    first = name.split()[0]
    listed = set(phrases)
    kept = [name]
    for phrase in phrases[1:]:
        if not _usable(phrase):
            continue
        single = " " not in phrase
        short = (
            single
            and phrase[:4] == first[:4]
            and (first.startswith(phrase) or phrase.startswith(first))
        ) or (not single and name.startswith(phrase + " "))
        demonym = " " not in phrase and (
            (phrase[:2] == name[:2] and phrase.endswith(DEMONYM_ENDINGS))
            or bool(listed & {f"{phrase}MAN", f"{phrase}WOMAN", f"{phrase} INHABITANTS"})
        )  # "DUTCH", listed beside "DUTCHMAN" and "DUTCH INHABITANTS"
        misspelt = SequenceMatcher(None, phrase, name).ratio() >= 0.8 and not short
        if (short or demonym) and not misspelt:
            kept.append(phrase)
            kept += other_number(phrase) if demonym else []
    return kept


def country_places(phrases: list[str], aliases: list[str]) -> list[str]:
    """The dictionary's other phrases for a country: its cities, regions, states.

    What is not the name, a short form, a demonym or a misspelling of the
    name or an alias ("MOSCOW", "VLADIVOSTOK", "MASSACHUSETTS"; not "RUSIA"
    or "RUSSLAND").
    """
    return [
        phrase
        for phrase in phrases[1:]
        if _usable(phrase)
        and phrase not in aliases
        and not phrase.endswith(("MAN", "WOMAN", "INHABITANTS"))  # "DUTCHMAN": a people
        and all(SequenceMatcher(None, phrase, alias).ratio() < 0.8 for alias in aliases)
    ]


def other_number(demonym: str) -> list[str]:
    """The plural of a singular demonym, or the singular of a plural one, as English forms them.

    Example:
        >>> other_number("HUNGARIAN"), other_number("PALESTINIANS"), other_number("FRENCH")
        (['HUNGARIANS'], ['PALESTINIAN'], [])
    """
    if demonym.endswith(NOUN_DEMONYM_ENDINGS):
        return [demonym + "S"]
    if demonym.endswith(tuple(e + "S" for e in NOUN_DEMONYM_ENDINGS)):
        return [demonym[:-1]]
    return []


def person_aliases(phrases: list[str], surnames: Counter) -> list[str]:
    """Full names and titled names; a listed surname alone when it is unambiguous."""
    kept = []
    for phrase in phrases:
        if not _usable(phrase) or NOT_A_NAME.search(phrase):
            continue
        words = phrase.split()
        if len(words) >= 2 or (len(phrase) >= 5 and surnames[phrase] == 1):
            kept.append(phrase)
    return kept


def organisation_aliases(phrases: list[str]) -> list[str]:
    """Names of two words or more, and acronyms of three letters or more."""
    return [p for p in phrases if _usable(p) and (" " in p or p.isalpha() and len(p) <= 6)]


def group_aliases(phrases: list[str]) -> list[str]:
    """An armed group's names as written: names, one-word names and acronyms.

    Names of two words or more, and its own one-word name ("HEZBOLLAH",
    "TALIBAN") or a hyphenated one ("AL-QAEDA"), are written as names
    ("Taliban"); other one-word synonyms of up to six letters are acronyms,
    kept in capitals ("FARC", and "YOUTH", which then matches only "YOUTH").
    """
    kept = []
    for i, phrase in enumerate(phrases):
        if not _usable(phrase):
            continue
        if " " in phrase or (len(phrase) >= 5 and (i == 0 or "-" in phrase)):
            kept.append(display_name(phrase))
        elif phrase.isalpha() and len(phrase) <= 6:
            kept.append(phrase)
    return list(dict.fromkeys(kept))


def derive(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read the dictionaries in ``folder``; return the derived actors, roles and places."""
    by_file = {}
    for name in SOURCES:
        with (folder / name).open(encoding="utf-8", errors="replace") as lines:
            by_file[name] = list(read_records(lines))
    countries = country_codes(by_file[SOURCES[0]])
    records = [r for name in SOURCES[:2] for r in by_file[name]]
    armed = by_file[ARMED_GROUPS]
    people = [r for r in records if _kind(r, countries) == "person"]
    surnames = Counter(p.split()[-1] for r in people for p in {r.phrases[0]} if p.split())
    actors, roles, seen = [], [], set()
    places: dict[str, set[str]] = {}
    for record in records:
        kind = _kind(record, countries)
        if kind == "country":  # the code in force last ("UKR" after "USR")
            code = max(record.codes, key=lambda c: c[2] or "9999")[0]
        else:
            code = next((c for c, s, e in record.codes if s or e), record.codes[0][0])
        if kind == "country":
            aliases = country_aliases(record.phrases)
            actor_type = "country"
            for place in country_places(record.phrases, aliases):
                places.setdefault(display_name(place), set()).add(_country(code, countries))
        elif kind == "person":
            aliases = person_aliases(record.phrases, surnames)
            actor_type = "military" if code[3:6] == "MIL" else "official"
        else:
            if OFFICE_RE.search(record.phrases[0]):
                continue
            aliases = organisation_aliases(record.phrases)
            actor_type = SECTOR_TYPES.get(code[3:6], "organization")
        actor = display_name(record.phrases[0])
        if not aliases or actor in seen or not _usable(record.phrases[0]):
            continue
        seen.add(actor)
        actors.append(
            {
                "actor": actor,
                "country": _country(code, countries),
                "actor_type": actor_type,
                "aliases": "|".join(dict.fromkeys(display_name(a) for a in aliases)),
            }
        )
        if kind == "person":
            for role, start, end in record.codes:
                if start or end:
                    roles.append(
                        {"actor": actor, "role": role, "start": start, "end": end, "titles": ""}
                    )
    for record in armed:
        primary = record.phrases[0]
        actor = primary if primary.isalpha() and len(primary) <= 4 else display_name(primary)
        aliases = [a for a in group_aliases(record.phrases) if not GENERIC_RE.match(a.upper())]
        if aliases and actor not in seen and _usable(record.phrases[0]):
            seen.add(actor)
            actors.append(
                {"actor": actor, "country": "", "actor_type": "armed group",
                 "aliases": "|".join(aliases)}
            )  # fmt: skip
    return pd.DataFrame(actors), pd.DataFrame(roles), place_table(places, actors)


def place_table(places: dict[str, set[str]], actors: list[dict]) -> pd.DataFrame:
    """One row per place and its country.

    A place listed under two countries, or that is itself an actor's name or
    alias ("Georgia" the state and the country), is left out.
    """
    named = {a.casefold() for row in actors for a in [row["actor"], *row["aliases"].split("|")]}
    rows = [
        {"place": place, "country": next(iter(countries))}
        for place, countries in sorted(places.items())
        if len(countries) == 1 and "" not in countries and place.casefold() not in named
    ]
    return pd.DataFrame(rows, columns=["place", "country"])


def write_tsv(frame: pd.DataFrame, path: Path) -> None:
    """Write a derived file with its source and licence header."""
    path.write_text(HEADER + frame.to_csv(sep="\t", index=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build ``actors_phoenix.tsv`` and ``roles_phoenix.tsv`` from a dictionaries folder."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m analysis.resources.build_gazetteer PETRARCH2_DIR", file=sys.stderr)
        return 2
    actors, roles, places = derive(Path(args[0]))
    write_tsv(actors, HERE / "actors_phoenix.tsv")
    write_tsv(roles, HERE / "roles_phoenix.tsv")
    write_tsv(places, HERE / "places_phoenix.tsv")
    print(
        f"wrote {len(actors)} actors, {len(roles)} dated roles and {len(places)} places "
        f"to {HERE.name}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
