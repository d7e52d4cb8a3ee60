"""Find the actors a text mentions: countries, leaders, officials, institutions.

The gazetteer is read in layers, each overriding the one before:

1. ``resources/actors_phoenix.tsv`` and ``resources/roles_phoenix.tsv``,
   derived from the Phoenix actor dictionaries (PETRARCH2, MIT; rebuilt by
   :mod:`analysis.resources.build_gazetteer`): about 200 countries, 20,000
   office holders with dated CAMEO roles, and organisations. Their names are
   matched regardless of case, but only when written as proper names (first
   and last word capitalised; a one-word organisation acronym in capitals).
2. ``resources/actors.tsv``: ``actor``, ``country`` (ISO-3 or CAMEO code:
   ``USA``, ``RUS``, ``NATO`` …), ``actor_type`` (country, leader, official,
   government, military, legislature, organization, person) and ``aliases``,
   the surface forms separated by ``|``, matched case-sensitively as whole
   words (``US`` but not ``us``; ``Moscow`` and ``Kremlin`` stand for Russia).
   ``resources/roles.tsv``: ``actor``, ``role``, ``start``, ``end`` (``end``
   empty while in office) and ``titles``, the ways the role is written,
   matched case-insensitively. A title resolves by the article's date: "the
   Russian president" in May 2011 is Dmitry Medvedev, in 2013 Vladimir Putin.
3. The user's actors (``actors=`` a TSV file or a frame with the same
   columns), matched like the curated ones.

A higher layer wins: an actor it names replaces the lower one, an alias it
claims is dropped from the lower layers, a country it lists absorbs the lower
layers' entry for the same code. A name several actors share ("Bush",
"Clinton", "President Bush") goes to the one whose time in office (any role)
is nearest the text's date: "Bush" in 1991 is George H. W. Bush, in 2003
George W. Bush; without a date, to the first listed.

A title directly before a name ("Russian President Dmitry Medvedev") is one
mention of the named person. Overlapping matches keep the longest. Matching
walks a token trie, so its cost grows with the text, not with the number of
names.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from os import PathLike
from pathlib import Path
from typing import Any, NamedTuple, TypeAlias

import pandas as pd

from analysis.config import RESOURCES_DIR
from analysis.schema import MENTIONS, LexiconError, empty_frame, read_resource, require_columns

ACTORS_PATH = RESOURCES_DIR / "actors.tsv"
ROLES_PATH = RESOURCES_DIR / "roles.tsv"
DERIVED_ACTORS_PATH = RESOURCES_DIR / "actors_phoenix.tsv"
DERIVED_ROLES_PATH = RESOURCES_DIR / "roles_phoenix.tsv"
ACTOR_COLUMNS = ["actor", "country", "actor_type", "aliases"]
ROLE_COLUMNS = ["actor", "role", "start", "end", "titles"]
PERSON_TYPES = frozenset({"leader", "official", "military", "person"})
# A title and the name after it are one mention when only this stands between.
TITLE_NAME_GAP = re.compile(r"^\s+$")
# Words and single punctuation marks: "U.S." is U . S . and "Russia's" Russia ' s.
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# The word a name is glued to by a hyphen ("anti-American"; not "Russian-American").
GLUED_RE = re.compile(r"(\w+)-$")
# A bare office ("the President", "the Government") names the office holder of the
# document's own country (its issuer's or speaker's); "the President of Finland" does not.
BARE_TITLE_RE = re.compile(
    r"\bthe\s+(president|prime\s+minister|vice\s+president|head\s+of\s+state|government|"
    r"armed\s+forces)\b"
    r"(?!\s+of\b)",
    re.IGNORECASE,
)
BARE_ROLES = {"head of state": "president"}
BARE_BODIES_SHOWN = ("Government", "Armed Forces")
BARE_BODIES = frozenset(body.casefold() for body in BARE_BODIES_SHOWN)
# An office written before a name: "Polish President", "President of Syria", "Mr".
OFFICE = (
    r"(?:(?:Federal|Deputy|Vice|Prime|Foreign|Defen[cs]e|First|Acting|Former|former|State|"
    r"Under|Grand|Crown|Supreme|Executive|Assistant)[ \t]+)*"
    r"(?:Secretary[- ]General|Attorney[ \t]+General|Director[- ]General|President|Minister|"
    r"Chancellor|King|Queen|Emir|Premier|Secretary|Ambassador|Governor|Senator|Chairman|"
    r"Chairwoman|Speaker|Prince|Princess|Sheikh|Mayor|Commissioner|Envoy|Pope|Patriarch|"
    r"Admiral|Marshal|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)"
)
OFFICE_OF = (
    r"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*)*?)?"
)
NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ]+)*|[A-Z]\.)"
NAME = rf"{NAME_WORD}(?:[ \t]+(?:(?:de|da|van|von|bin|al-)[ \t]*)?{NAME_WORD})*"
TITLE_BEFORE_RE = re.compile(rf"\b{OFFICE}{OFFICE_OF}[ \t]+$")
TITLED_NAME_RE = re.compile(rf"\b(?P<title>{OFFICE}{OFFICE_OF})[ \t]+(?P<name>{NAME})")
# Words that follow a title but are no name: "Mr President", "Deputy Prime Minister".
NOT_NAMES = frozenset(
    {"President", "Minister", "Prime", "Secretary", "Chairman", "Speaker", "Ambassador"}
    | {"Governor", "Senator", "Chancellor", "Premier", "Vice", "Deputy", "Foreign", "General"}
    | {"The", "And", "In", "On", "At", "Of", "Madam", "Sir"}
)
# A transcript's speaker label ("Minister of Finance Anton Siluanov:", "THE PRESIDENT:")
# is who speaks, not a mention.
LABEL_RE = re.compile(
    r"^\s*(?:[A-Z][\w.'’-]*|of|the|and|for|on|de|da|von|van|al|bin|ibn)"
    r"(?:[ \t]+(?:[A-Z][\w.'’-]*|of|the|and|for|on|de|da|von|van|al|bin|ibn)){0,11}[ \t]*:[ \t]"
)
END = ""  # the trie key that holds what a path of tokens names


class Mention(NamedTuple):
    """One actor mention in a text: offsets, surface, who, which country, what kind."""

    start: int
    end: int
    surface: str
    actor: str
    country: str
    actor_type: str


@dataclass(frozen=True)
class Layer:
    """One level of the gazetteer: its actors, roles and how its names are matched.

    Attributes:
        actors: ``actor``, ``country``, ``actor_type``, ``aliases``.
        roles: ``actor``, ``role``, ``start``, ``end`` (dates; NaT when open),
            ``titles``.
        exact: Match aliases with their case (curated, user); else as proper
            names in any case (derived).
    """

    actors: pd.DataFrame
    roles: pd.DataFrame
    exact: bool = True


def tokens(text: str) -> list[tuple[int, int, str]]:
    """The tokens of a text with their offsets: words and single punctuation marks.

    Example:
        >>> [t for _, _, t in tokens("the U.S. and Russia's")]
        ['the', 'U', '.', 'S', '.', 'and', 'Russia', "'", 's']
    """
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def _key(form: str, *, fold: bool) -> tuple[str, ...]:
    return tuple(TOKEN_RE.findall(form.casefold() if fold else form))


def _owned_key(alias: str) -> tuple[str, ...]:
    return _key(alias, fold=True)


def _title_key(title: str) -> str:
    """A title as looked up: its folded tokens ("U. S. President" is "u . s . president")."""
    return " ".join(_key(title, fold=True))


def _insert(trie: dict, key: tuple[str, ...], value: object) -> None:
    node = trie
    for token in key:
        node = node.setdefault(token, {})
    node.setdefault(END, []).append(value)


def _aliases(cell: object) -> list[str]:
    return [" ".join(a.split()) for a in str(cell).split("|") if a.strip()]


def _role_dates(roles: pd.DataFrame, path: object) -> pd.DataFrame:
    roles = roles.copy()
    for column in ("start", "end"):
        values = roles[column].astype("string").fillna("")
        dates = pd.to_datetime(values.replace("", None), errors="coerce")
        bad = values.ne("") & dates.isna()
        if bad.any():
            line = int(bad.to_numpy().argmax()) + 2
            raise LexiconError(f"{path}: line {line}: {column} is not a date")
        roles[column] = dates
    return roles


def _proper(surface: list[str], single_acronym: bool) -> bool:
    """Whether matched tokens are written as a proper name (derived names only)."""
    words = [t for t in surface if t[:1].isalpha()]
    if not words:
        return False
    if single_acronym:
        return words[0].isupper()
    return words[0][:1].isupper() and words[-1][:1].isupper()


class Gazetteer:
    """Actors with their surface forms, and date-bounded roles with their titles.

    Args:
        actors: ``actor``, ``country``, ``actor_type``, ``aliases``.
        roles: ``actor``, ``role``, ``start``, ``end`` (dates; NaT while in
            office), ``titles``.
        layers: Instead of ``actors`` and ``roles``, the layers to merge,
            lowest first (see :class:`Layer`).
        titled_names: Also find people it does not list, by a title before
            their name ("Minister of Finance Anton Siluanov").
    """

    def __init__(
        self,
        actors: pd.DataFrame | None = None,
        roles: pd.DataFrame | None = None,
        *,
        layers: Sequence[Layer] | None = None,
        titled_names: bool = True,
    ) -> None:
        self.titled_names = titled_names
        if layers is None:
            layers = [Layer(actors, roles)]  # type: ignore[arg-type]
        self.about: dict[str, tuple[str, str]] = {}
        self.order: dict[str, int] = {}
        self.alias_names: dict[str, list[str]] = {}
        self.exact_trie: dict = {}
        self.folded_trie: dict = {}
        self.title_trie: dict = {}
        self.title_rows: dict[str, list[int]] = {}
        self.terms: list[tuple[str, str, Any, Any]] = []
        self.periods: dict[str, list[tuple[Any, Any]]] = {}
        self._merge(layers)
        # "Government of Russia", "Armed Forces of Russia": what "the Government" names.
        self.bodies = {
            (body.casefold(), country): actor
            for actor, (country, _) in reversed(self.about.items())
            for body in BARE_BODIES_SHOWN
            if actor.startswith(f"{body} of ")
        }

    # --- building -------------------------------------------------------------------------

    def _merge(self, layers: Sequence[Layer]) -> None:
        """Merge the layers, the last one winning (see the module's docstring)."""
        claimed: set[tuple[str, ...]] = set()  # folded aliases of the higher layers
        names: dict[str, dict] = {}  # actor -> country, type and rank (0: the highest layer)
        country_actor: dict[str, str] = {}
        owner: dict[tuple[str, ...], str] = {}  # folded alias -> the higher layer's actor
        entries: list[tuple[str, str, tuple, bool, bool]] = []  # actor, alias, key, exact, acronym
        for rank, layer in enumerate(reversed(layers)):
            found: list[tuple[str, str, tuple, bool, bool]] = []
            rows = zip(*(layer.actors[c].astype(str).tolist() for c in ACTOR_COLUMNS), strict=True)
            for actor, country, kind, aliases in rows:
                if actor in names:
                    if names[actor]["rank"] < rank:
                        continue  # a higher layer redefines this actor
                elif not layer.exact and kind == "country" and country in country_actor:
                    actor = country_actor[country]  # "Russian Federation" adds to "Russia"
                elif not layer.exact and _key(actor, fold=True) in claimed:
                    if kind in PERSON_TYPES or kind == "country":
                        continue  # a namesake a higher layer already stands for
                    actor = owner[_key(actor, fold=True)]  # the same body, named higher up
                elif (
                    not layer.exact
                    and kind not in PERSON_TYPES
                    and kind != "country"
                    and (
                        shared := [
                            owner[k] for k in map(_owned_key, _aliases(aliases)) if k in owner
                        ]
                    )
                ):
                    actor = shared[0]  # "United States Congress" (alias "Senate") is "US Congress"
                else:
                    names[actor] = {"country": country, "type": kind, "rank": rank}
                    if kind == "country":
                        country_actor.setdefault(country, actor)
                kind = names[actor]["type"]
                for alias in _aliases(aliases):
                    folded = _key(alias, fold=True)
                    if folded and folded not in claimed:
                        acronym = len(folded) == 1 and kind not in PERSON_TYPES | {"country"}
                        found.append((actor, alias, folded, layer.exact, acronym))
            claimed |= {folded for _, _, folded, _, _ in found}
            for actor, _, folded, _, _ in found:
                owner.setdefault(folded, actor)
            entries += found
        for position, (actor, row) in enumerate(names.items()):
            self.about[actor] = (row["country"], row["type"])
            self.order[actor] = position
        for actor, alias, folded, exact, acronym in entries:
            self.alias_names.setdefault(actor, []).append(alias)
            if exact:
                _insert(self.exact_trie, _key(alias, fold=False), actor)
            else:
                _insert(self.folded_trie, folded, (actor, acronym))
        for rank, layer in enumerate(reversed(layers)):
            # A derived layer's roles only for its own actors: George W. Bush's broad
            # "elite" years in the dictionaries would hide his father's presidency.
            own = None if layer.exact else {a for a, row in names.items() if row["rank"] == rank}
            self._add_roles(layer.roles, own)

    def _add_roles(self, roles: pd.DataFrame, own: set[str] | None = None) -> None:
        columns = [roles[c].tolist() for c in ROLE_COLUMNS]
        for actor, role, start, end, titles in zip(*columns, strict=True):
            if actor not in self.about or (own is not None and actor not in own):
                continue
            self.periods.setdefault(actor, []).append((start, end))
            shown = _aliases(titles)
            if not shown:
                continue
            index = len(self.terms)
            self.terms.append((actor, str(role), start, end))
            for title in shown:
                key = _title_key(title)
                self.title_rows.setdefault(key, []).append(index)
                _insert(self.title_trie, _key(title, fold=True), key)

    @staticmethod
    def read_layer(
        actors_path: str | Path, roles_path: str | Path | None = None, *, exact: bool = True
    ) -> Layer:
        """Read and check one layer's files (the roles file is optional).

        Raises:
            LexiconError: A column is missing, a role names an unknown actor,
                or a date does not parse; the message names the file and line.
        """
        actors = _read_tsv(actors_path, ACTOR_COLUMNS)
        if roles_path is None:
            roles = pd.DataFrame({c: pd.Series(dtype="string") for c in ROLE_COLUMNS})
        else:
            roles = _read_tsv(roles_path, ROLE_COLUMNS)
            unknown = sorted(set(roles["actor"]) - set(actors["actor"]))
            if unknown and exact:
                raise LexiconError(f"{roles_path}: actor(s) {unknown} are not in {actors_path}")
        return Layer(actors, _role_dates(roles, roles_path), exact=exact)

    @classmethod
    def read(
        cls, actors_path: str | Path = ACTORS_PATH, roles_path: str | Path = ROLES_PATH
    ) -> Gazetteer:
        """Read and check a gazetteer of two files alone.

        It has no derived layer and finds only the names the files list (no
        unknown titled names).

        Raises:
            LexiconError: A column is missing, a role names an unknown actor,
                or a date does not parse; the message names the file and line.
        """
        return cls(layers=[cls.read_layer(actors_path, roles_path)], titled_names=False)

    # --- lookups --------------------------------------------------------------------------

    def aliases(self) -> dict[str, list[str]]:
        """Every actor's aliases as matched."""
        return {actor: list(names) for actor, names in self.alias_names.items()}

    def nearest(self, actors: Sequence[str], date: pd.Timestamp | None) -> str:
        """Of namesakes, the one whose time in office is nearest ``date`` (else the first)."""
        ranked = sorted(dict.fromkeys(actors), key=self.order.__getitem__)
        if len(ranked) == 1 or date is None or pd.isna(date):
            return ranked[0]

        def distance(actor: str) -> float:
            gaps = []
            for start, end in self.periods.get(actor, []):
                after = (date - start).days if not pd.isna(start) else 0
                before = (end - date).days if not pd.isna(end) else 0
                gaps.append(max(0, -after, -before))
            return min(gaps) if gaps else float("inf")

        return min(ranked, key=distance)

    def resolve(self, title: str, date: pd.Timestamp | None) -> tuple[str, str]:
        """Return who held a titled role on ``date`` (else the role itself), and the country.

        Example:
            >>> gazetteer().resolve("the Russian president", pd.Timestamp("2011-05-27"))
            ('Dmitry Medvedev', 'RUS')
            >>> gazetteer().resolve("the Russian president", pd.Timestamp("2022-03-01"))
            ('Vladimir Putin', 'RUS')
            >>> gazetteer().resolve("the Russian president", None)
            ('president of Russia', 'RUS')
        """
        terms = [self.terms[i] for i in self.title_rows[_title_key(title)]]
        country = self.about[terms[0][0]][0]
        if date is not None and not pd.isna(date):
            for actor, _, start, end in terms:
                if start <= date and (pd.isna(end) or date < end):
                    return actor, country
        return terms[0][1], country

    def holder(self, title: str, country: str, date: pd.Timestamp | None) -> str | None:
        """Who held the role a bare title names ("The President") in ``country`` on ``date``.

        Example:
            >>> gazetteer().holder("The President", "USA", pd.Timestamp("2009-09-17"))
            'Barack Obama'
            >>> gazetteer().holder("Secretary", "USA", pd.Timestamp("2013-05-07"))
            'John Kerry'
            >>> gazetteer().holder("THE PRESIDENT", "USA", pd.Timestamp("2017-04-05"))
            'Donald Trump'
        """
        if date is None or pd.isna(date):
            return None
        word = re.sub(r"^the\s+", "", " ".join(title.split()).casefold())
        named = re.compile(rf"(?:us\s+)?{re.escape(word)}\b")
        for actor, role, start, end in self.terms:
            if (
                self.about[actor][0] == country
                and named.match(role.casefold())
                and start <= date
                and (pd.isna(end) or date < end)
            ):
                return actor
        return None

    def actor_type(self, actor: str) -> str:
        """The type of an actor, or of the holders of a role."""
        if actor in self.about:
            return self.about[actor][1]
        holders = [holder for holder, role, _, _ in self.terms if role == actor]
        return self.about[holders[0]][1] if holders else "official"

    def _longest(
        self, words: list[str], folded: list[str], i: int
    ) -> tuple[int, str, object] | None:
        """The longest name or title starting at token ``i``: (tokens, kind, value)."""
        best: tuple[int, str, object] | None = None
        for trie, kind, keys in (
            (self.exact_trie, "name", words),
            (self.folded_trie, "derived", folded),
            (self.title_trie, "title", folded),
        ):
            node = trie.get(keys[i])
            j = i
            while node is not None:
                j += 1
                if END in node and (best is None or j - i > best[0]):
                    values = node[END]
                    if kind == "derived":
                        values = [a for a, acronym in values if _proper(words[i:j], acronym)]
                    if values:
                        best = (j - i, kind, values)
                node = node.get(keys[j]) if j < len(keys) else None
        return best

    def _matches(self, text: str) -> list[tuple[int, int, str, object]]:
        """Non-overlapping name and title matches, leftmost and longest."""
        matches = list(TOKEN_RE.finditer(text))
        words = [m.group() for m in matches]
        lowered = text.casefold()
        folded = (
            [m.group().casefold() for m in matches]
            if len(lowered) != len(text)
            else [lowered[m.start() : m.end()] for m in matches]
        )
        firsts = (self.exact_trie, self.folded_trie, self.title_trie)
        kept: list[tuple[int, int, str, object]] = []
        i = 0
        while i < len(matches):
            if (
                words[i] not in firsts[0]
                and folded[i] not in firsts[1]
                and folded[i] not in firsts[2]
            ):
                i += 1  # most tokens start no name: one look-up each
                continue
            best = self._longest(words, folded, i)
            start = matches[i].start()
            # "anti-American": a name glued to a lower-case prefix is not a mention.
            glued = start and text[start - 1] == "-"
            before = GLUED_RE.search(text[max(0, start - 40) : start]) if glued else None
            if best is None or (before is not None and before.group(1).islower()):
                i += 1
                continue
            length, kind, values = best
            kept.append((start, matches[i + length - 1].end(), kind, values))
            i += length
        return kept

    def find(
        self, text: str, date: pd.Timestamp | None = None, *, home: str | None = None
    ) -> list[Mention]:
        """Find actor mentions in one text.

        Args:
            text: Any text.
            date: The text's date, to resolve titles and namesakes; ``None``
                leaves a title as its role ("president of Russia").
            home: The country of the document's issuer or speaker: "the
                President" or "the Government" then name its president or
                government (see :meth:`bare_titles`).

        Example:
            >>> text = "Russian President Dmitry Medvedev told Washington that the Kremlin"
            >>> [m.actor for m in gazetteer().find(text)]
            ['Dmitry Medvedev', 'United States', 'Russia']
            >>> gazetteer().find(text)[0].surface
            'Russian President Dmitry Medvedev'
        """
        mentions: list[Mention] = []
        for start, end, kind, values in self._matches(text):
            surface = text[start:end]
            if kind == "title":
                actor, country = self.resolve(surface, date)
                mentions.append(
                    Mention(start, end, surface, actor, country, self.actor_type(actor))
                )
                continue
            actor = self.nearest(values, date)  # type: ignore[arg-type]
            country, actor_type = self.about[actor]
            previous = mentions[-1] if mentions else None
            if (
                previous is not None
                and _title_key(previous.surface) in self.title_rows
                and actor_type in PERSON_TYPES
                and TITLE_NAME_GAP.match(text[previous.end : start])
            ):
                mentions.pop()  # "Russian President Dmitry Medvedev": one mention of the name
                start = previous.start
            mentions.append(Mention(start, end, text[start:end], actor, country, actor_type))
        if home:
            mentions = sorted(mentions + self.bare_titles(text, date, home, mentions))
        return _with_titles(text, mentions, unknown=self.titled_names)

    def bare_titles(
        self, text: str, date: pd.Timestamp | None, home: str, taken: Sequence[Mention] = ()
    ) -> list[Mention]:
        """Mentions of the home country's office holders by a bare title, outside ``taken``.

        Example:
            >>> date = pd.Timestamp("2019-06-01")
            >>> found = gazetteer().bare_titles("I thank the President.", date, "RUS")
            >>> [(m.surface, m.actor) for m in found]
            [('the President', 'Vladimir Putin')]
        """
        found = []
        for match in BARE_TITLE_RE.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in taken):
                continue
            office = " ".join(match.group(1).casefold().split())
            if office in BARE_BODIES:
                actor = self.bodies.get((office, home))
            else:
                actor = self.holder(BARE_ROLES.get(office, office), home, date)
            if actor is not None:
                country, actor_type = self.about[actor]
                found.append(
                    Mention(match.start(), match.end(), match.group(), actor, country, actor_type)
                )
        return found


def _absorb(mentions: list[Mention], start: int, text: str) -> tuple[list[Mention], int, str]:
    """Drop the mentions inside ``[start, …)`` and a country adjacent before it.

    Returns the mentions kept, the new start and the country absorbed ("" if none).
    """
    inside = [m for m in mentions if m.start >= start]
    country = next((m.country for m in inside if m.actor_type == "country"), "")
    kept = [m for m in mentions if m.start < start]
    if kept and kept[-1].actor_type == "country" and not text[kept[-1].end : start].strip():
        country = country or kept[-1].country
        start = kept.pop().start  # "Polish President …": the adjective is part of the title
    return kept, start, country


def _with_titles(text: str, mentions: list[Mention], *, unknown: bool = True) -> list[Mention]:
    """Titles and names as one mention; titled names the gazetteer does not know.

    "President Putin", "German Federal Chancellor Gerhard Schroeder" and
    "President of Syria Bashar al-Assad" are each one mention of the person
    (a country inside the title is not a mention of its own); "Polish
    President Alexander Kwasniewski", unknown, is a person of Poland.
    """
    out: list[Mention] = []
    for mention in mentions:
        if out and out[-1].end > mention.start:
            continue  # inside a titled name already taken
        if mention.actor_type in PERSON_TYPES:
            title = TITLE_BEFORE_RE.search(text, max(0, mention.start - 120), mention.start)
            inside = [m for m in out if title is not None and m.end > title.start()]
            if title is not None and all(
                m.start >= title.start() and m.actor_type not in PERSON_TYPES for m in inside
            ):
                out, start, _ = _absorb(out, title.start(), text)
                mention = mention._replace(start=start, surface=text[start : mention.end])
        out.append(mention)
    known = [(m.start, m.end) for m in out if m.actor_type in PERSON_TYPES]
    for match in TITLED_NAME_RE.finditer(text) if unknown else ():
        name = match.group("name")
        words = name.split()
        if words[0] in NOT_NAMES or any(a < match.end() and match.start() < b for a, b in known):
            continue
        if len(words) == 1 and len(name) < 3:
            continue
        before = [m for m in out if m.end <= match.start()]
        after = [m for m in out if m.start >= match.end()]
        inside = [m for m in out if m.start >= match.start() and m.end <= match.end()]
        if len(before) + len(after) + len(inside) != len(out):
            continue  # overlaps a mention it does not contain
        kept, start, country = _absorb(before + inside, match.start(), text)
        person = Mention(start, match.end(), text[start : match.end()], name, country, "person")
        out = [*kept, person, *after]
    return out


def _read_tsv(path: str | PathLike[str], columns: list[str]) -> pd.DataFrame:
    """A gazetteer file; lines starting with ``#`` (a derived file's header) are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError as error:
        raise LexiconError(f"{path}: cannot be read ({error})") from error
    if lines and lines[0].startswith("#"):
        from io import StringIO

        body = "".join(line for line in lines if not line.startswith("#"))
        try:
            table = pd.read_csv(StringIO(body), sep="\t", dtype="string", keep_default_na=False)
        except pd.errors.ParserError as error:
            raise LexiconError(f"{path}: cannot be read as TSV ({error})") from error
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise LexiconError(f"{path}: missing column(s) {missing}; it has {list(table.columns)}")
        return table
    return read_resource(Path(path), columns)


ActorsArg: TypeAlias = str | PathLike[str] | pd.DataFrame | None


def shipped_layers() -> tuple[Layer, ...]:
    """The package's layers: derived from Phoenix, then curated.

    Read each time a gazetteer is built (once for the shipped one, once per
    user's file), not kept: their frames would cost every worker 40 MB.
    """
    derived = Gazetteer.read_layer(DERIVED_ACTORS_PATH, DERIVED_ROLES_PATH, exact=False)
    return derived, Gazetteer.read_layer(ACTORS_PATH, ROLES_PATH)


@cache
def gazetteer() -> Gazetteer:
    """Return the shipped gazetteer (derived and curated layers), read once."""
    return Gazetteer(layers=shipped_layers())


def user_layer(actors: str | PathLike[str] | pd.DataFrame) -> Layer:
    """The user's actors as a layer, matched like the curated ones.

    Args:
        actors: A TSV file or a frame with ``actor``, ``country``,
            ``actor_type`` and ``aliases`` (``|``-separated).

    Raises:
        LexiconError: A column is missing; the message names the file.
    """
    if isinstance(actors, pd.DataFrame):
        require_columns(actors, ACTOR_COLUMNS, name="actors")
        frame = actors[ACTOR_COLUMNS].astype("string").fillna("")
    else:
        frame = _read_tsv(actors, ACTOR_COLUMNS)
    empty = pd.DataFrame({c: pd.Series(dtype="string") for c in ROLE_COLUMNS})
    return Layer(frame, _role_dates(empty, actors))


@cache
def _with_file(path: str, stamp: tuple[int, int]) -> Gazetteer:
    return Gazetteer(layers=[*shipped_layers(), user_layer(path)])


def gazetteer_with(actors: ActorsArg = None) -> Gazetteer:
    """The shipped gazetteer with the user's actors on top (the shipped one when None).

    Example:
        >>> mine = pd.DataFrame({"actor": ["Rosatom"], "country": ["RUS"],
        ...                      "actor_type": ["organization"], "aliases": ["Rosatom"]})
        >>> [m.actor for m in gazetteer_with(mine).find("Rosatom and Moscow")]
        ['Rosatom', 'Russia']
    """
    if actors is None:
        return gazetteer()
    if isinstance(actors, pd.DataFrame):
        return Gazetteer(layers=[*shipped_layers(), user_layer(actors)])
    path = Path(actors).resolve()
    try:
        stat = path.stat()
    except OSError as error:
        raise LexiconError(f"{actors}: cannot be read ({error})") from error
    return _with_file(str(path), (stat.st_size, stat.st_mtime_ns))


def actors_fingerprint(actors: ActorsArg = None) -> str:
    """A fingerprint of the user's actors (empty when None), for cache keys.

    Example:
        >>> actors_fingerprint(None)
        ''
    """
    if actors is None:
        return ""
    if isinstance(actors, pd.DataFrame):
        content = actors.to_csv(sep="\t", index=False).encode()
    else:
        content = Path(actors).read_bytes()
    return hashlib.sha256(content).hexdigest()


def _dates(sentences: pd.DataFrame, articles: pd.DataFrame | None) -> pd.Series:
    if "published" in sentences:
        return sentences["published"]
    if articles is not None and not sentences.empty:
        require_columns(articles, ["article_id", "published"], name="articles")
        return sentences["article_id"].map(articles.set_index("article_id")["published"])
    return pd.Series(pd.NaT, index=sentences.index)


def home_countries(gazetteer_: Gazetteer, articles: pd.DataFrame) -> dict[str, str]:
    """Each article's own country, from its ``source``, else its ``speaker``.

    "President of Russia" (kremlin.ru's source) is Russia, a speech's
    president his country; articles with neither are left out.

    Example:
        >>> articles = pd.DataFrame({"article_id": ["a", "b"], "source": ["kremlin.ru", None],
        ...                          "speaker": [None, "Bill Clinton"]})
        >>> home_countries(gazetteer(), articles)
        {'b': 'USA'}
    """
    homes: dict[str, str] = {}
    for column in ("speaker", "source"):  # the source, read last, wins
        if column not in articles:
            continue
        for article_id, value in zip(articles["article_id"], articles[column], strict=True):
            if not isinstance(value, str):
                continue
            found = [m.country for m in gazetteer_.find(value, None) if m.country]
            if found:
                homes[article_id] = found[0]
    return homes


ADDRESS_RE = re.compile(r"^(?:Mr|Mrs|Ms|Dr)\b")


def _resolve_unknown_people(records: list[dict], homes: dict[str, str]) -> list[dict]:
    """Resolve titled names the gazetteer does not know, within their article.

    "Mr. Perot" is the Ross Perot the article names elsewhere; an office
    holder with no country in the title ("Minister of Finance Anton
    Siluanov") serves the country of the document's issuer or speaker.
    """
    by_surname: dict[tuple[str, str], dict] = {}
    for record in records:
        if record["actor_type"] in PERSON_TYPES and " " in record["actor"]:
            key = (record["article_id"], record["actor"].split()[-1])
            by_surname.setdefault(key, record)
    resolved = []
    for record in records:
        if record["actor_type"] == "person" and record["country"] == "":
            full = by_surname.get((record["article_id"], record["actor"].split()[-1]))
            if full is not None and " " not in record["actor"]:
                record = {**record, "actor": full["actor"], "country": full["country"],
                          "actor_type": full["actor_type"]}  # fmt: skip
            elif not ADDRESS_RE.match(record["surface"]):
                record = {**record, "country": homes.get(record["article_id"], "")}
        resolved.append(record)
    return resolved


def _label_end(text: str) -> int:
    """Where a sentence's opening speaker label ends (0 when there is none)."""
    match = LABEL_RE.match(text)
    return match.end() if match else 0


def find_actors(
    sentences: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    gazetteer_: Gazetteer | None = None,
    actors: ActorsArg = None,
) -> pd.DataFrame:
    """Return the ``mentions`` frame: one row per actor mention in each sentence.

    Args:
        sentences: The ``sentences`` frame (``article_id``, ``sentence``,
            ``text``, ``start``); a ``published`` column, or ``articles``,
            gives the dates that resolve titles.
        articles: The ``articles`` frame, for ``published``, and for
            ``source`` and ``speaker``, which give a document's own country:
            "the President" in a kremlin.ru page is Russia's; optional.
        gazetteer_: Another gazetteer (see :class:`Gazetteer`); the shipped
            one by default.
        actors: Your own actors on top of the shipped gazetteer: a TSV file
            or a frame with ``actor``, ``country``, ``actor_type`` and
            ``aliases`` (forms separated by ``|``). An actor or alias you list
            replaces the shipped one.

    Returns:
        ``article_id``, ``sentence``, ``start``, ``end`` (offsets into the
        article's text), ``surface``, ``actor``, ``country``, ``actor_type``.
    """
    require_columns(sentences, ["article_id", "sentence", "text", "start"], name="sentences")
    used = gazetteer_ or gazetteer_with(actors)
    homes = home_countries(used, articles) if articles is not None else {}
    records = []
    for row, date in zip(
        sentences[["article_id", "sentence", "text", "start"]].itertuples(index=False),
        _dates(sentences, articles),
        strict=True,
    ):
        if not isinstance(row.text, str):  # a missing text has no mentions
            continue
        label = _label_end(row.text)  # a speaker label is no mention
        for mention in used.find(row.text, date, home=homes.get(row.article_id)):
            if mention.end <= label:
                continue
            records.append(
                {
                    "article_id": row.article_id,
                    "sentence": row.sentence,
                    **mention._asdict(),
                    "start": row.start + mention.start,
                    "end": row.start + mention.end,
                }
            )
    if not records:
        return empty_frame(MENTIONS)
    records = _resolve_unknown_people(records, homes)
    frame = pd.DataFrame.from_records(records)[list(MENTIONS)]
    return frame.astype({c: d for c, (d, _) in MENTIONS.items()})
