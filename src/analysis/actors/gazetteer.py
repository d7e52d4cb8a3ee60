"""The gazetteer: actors and dated roles merged from layers, and the names it finds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.actors.names import (
    BARE_BODIES,
    BARE_ROLES,
    BARE_TITLE_RE,
    DOCTOR_RE,
    GIVEN_NAME_RE,
    GLUED_RE,
    MINISTRIES,
    MINISTRY_RE,
    NATIONAL_BODIES,
    NATIONAL_BODY_RE,
    NOT_GIVEN,
    PERSON_TYPES,
    TITLE_NAME_GAP,
    TOKEN_RE,
    VISITOR_TITLE_RE,
    Mention,
    fold_token,
    name_before,
    name_key,
    relatives,
    title_key,
    title_tokens,
    untitled_names,
    with_titles,
)
from analysis.actors.sources import (
    ACTOR_COLUMNS,
    ACTORS_PATH,
    ROLE_COLUMNS,
    ROLES_PATH,
    ActorsArg,
    Layer,
    read_layer,
    shipped_layers,
    user_layer,
)
from analysis.schema import LexiconError

END = ""  # the trie key that holds what a path of tokens names
# How long a role the lists give no end is taken to last ("Prime Minister Salinas" in
# 1993 is not Bolivia's president of 1969).
OPEN_ROLE_YEARS = 12
# Titles kept after office, and the CAMEO roles (after the country) they were held in: a
# legislator, an officer (not a defence minister, "GOVMIL").
COURTESY_TITLES = {"senator": ("LEG", "GOVLEG"), "sen": ("LEG", "GOVLEG"), "general": ("MIL",),
                   "gen": ("MIL",), "admiral": ("MIL",)}  # fmt: skip
CAMEO_ROLE_RE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})+")
ELITE_SECTOR = "ELI"  # the CAMEO sector of elites: former office holders, not an office


def _owned_key(alias: str) -> tuple[str, ...]:
    return name_key(alias, fold=True)


def _insert(trie: dict, key: tuple[str, ...], value: object) -> None:
    node = trie
    for token in key:
        node = node.setdefault(token, {})
    node.setdefault(END, []).append(value)


def _aliases(cell: object) -> list[str]:
    return [" ".join(a.split()) for a in str(cell).split("|") if a.strip()]


LOWER_PARTICLES = frozenset({"al", "el", "ad", "as"})
# Before a place: "in Moscow", "at the Kremlin" (not "to" or "from": "a message to
# Moscow", "a dictate from Washington" name the state).
LOCATIVE_RE = re.compile(
    r"\b(?:in|at|into|near|outside|inside|around|across|through|throughout)[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
PREVIOUS_NAME_RE = re.compile(r"(?<![.!?:;]\s)\b(?!The\b)[A-Z][a-z]+[ \t]+$")  # "Grand Kremlin"
NEXT_WORD_RE = re.compile(r"[ \t]+([A-Z][a-z]+)\b")  # "Kremlin Palace", "Moscow State"
CALENDAR_WORDS = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
     "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"}
)  # fmt: skip
PLAIN_NAME_RE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*")
# The body a country's adjective names: "the Syrian government", "Russian Armed Forces".
BODY_AFTER_RE = re.compile(
    rf"(?:['’]s(?=[ \t]+[A-Z]))?[ \t]+((?i:{NATIONAL_BODY_RE}|parliament|{MINISTRY_RE}))\b"
)  # "the Syrian government", "Russia’s Foreign Ministry" (not "Russia's parliament")
# Country names written with "the" ("the Czech Republic"), besides "the United …".
THE_NAME_ENDINGS = ("Republic", "Federation", "Kingdom", "Emirates", "Islands", "Netherlands",
                  "Philippines", "Bahamas")  # fmt: skip
# A word before a title that makes it another office or a past holder's.
NOT_HOLDER_RE = re.compile(r"\b(?:[Ff]ormer|[Ee]x|[Uu]nder|[Dd]eputy|[Aa]ssistant)[ \t-]+$")


def _shown_ministry(key: str) -> str:
    """A folded ministry's name as shown: "ministry of energy" -> "Ministry of Energy"."""
    return " ".join(w if w in ("of", "and", "the") else w.capitalize() for w in key.split())


def _proper(surface: list[str], single_acronym: bool) -> bool:
    """Whether matched tokens are written as a proper name (derived names only)."""
    words = [t for t in surface if t[:1].isalpha()]
    if not words:
        return False
    if single_acronym:
        return words[0].isupper()
    if len(words) > 1 and words[0] in LOWER_PARTICLES:
        words = words[1:]  # "al Qaeda"
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
        self.offices: dict[str, list[tuple[Any, Any]]] = {}  # periods, less elite status
        self.coded: dict[str, list[tuple[str, Any]]] = {}  # CAMEO roles after the country, start
        self._merge(layers)
        self.bodies = self._listed_bodies()

    # --- building -------------------------------------------------------------------------

    def _merge(self, layers: Sequence[Layer]) -> None:
        """Merge the layers, the last one winning (see :mod:`analysis.actors`)."""
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
                elif not layer.exact and name_key(actor, fold=True) in claimed:
                    if kind in PERSON_TYPES or kind == "country":
                        continue  # a namesake a higher layer already stands for
                    actor = owner[name_key(actor, fold=True)]  # the same body, named higher up
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
                    folded = name_key(alias, fold=True)
                    if folded and folded not in claimed:
                        # One word of a body is an acronym, written in capitals ("NATO");
                        # an armed group's own name is a name ("Taliban", "Hezbollah").
                        acronym = (
                            len(folded) == 1
                            and kind not in PERSON_TYPES | {"country"}
                            and (kind != "armed group" or alias.isupper())
                        )
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
                _insert(self.exact_trie, name_key(alias, fold=False), actor)
            else:
                _insert(self.folded_trie, folded, (actor, acronym))
        for rank, layer in enumerate(reversed(layers)):
            # A derived layer's roles only for its own actors: George W. Bush's broad
            # "elite" years in the dictionaries would hide his father's presidency.
            own = None if layer.exact else {a for a, row in names.items() if row["rank"] == rank}
            self._add_roles(layer.roles, own)

    def _listed_bodies(self) -> dict[tuple[str, str], str]:
        """(body, country) -> the listed body ("the Government", "the Russian Central Bank").

        A body is listed as "<Body> of <country>" ("Government of Russia",
        "Central Bank of Russia") or as the country's name or adjective and the
        body ("United States Supreme Court"); the first listed wins.
        """
        bodies: dict[tuple[str, str], str] = {}
        for key, (shown, _) in NATIONAL_BODIES.items():
            for actor, (country, _) in self.about.items():
                if country and actor.startswith(f"{shown} of "):
                    bodies.setdefault((key, country), actor)
            for actor, (country, actor_type) in self.about.items():
                if actor_type != "country":
                    continue
                for name in (actor, *self.alias_names.get(actor, ())):
                    body = f"{name} {key.title()}"  # "United States Supreme Court"
                    if self.about.get(body, ("",))[0] == country:
                        bodies.setdefault((key, country), body)
        return bodies

    def _add_roles(self, roles: pd.DataFrame, own: set[str] | None = None) -> None:
        columns = [roles[c].tolist() for c in ROLE_COLUMNS]
        for actor, role, start, end, titles in zip(*columns, strict=True):
            if actor not in self.about or (own is not None and actor not in own):
                continue
            self.periods.setdefault(actor, []).append((start, end))
            if str(role)[3:6] != ELITE_SECTOR:
                self.offices.setdefault(actor, []).append((start, end))
                if CAMEO_ROLE_RE.fullmatch(str(role)):  # "USAGOVLEG", not a curated role's text
                    self.coded.setdefault(actor, []).append((str(role)[3:], start))
            shown = _aliases(titles)
            if not shown:
                continue
            index = len(self.terms)
            self.terms.append((actor, str(role), start, end))
            for title in shown:
                key = title_key(title)
                self.title_rows.setdefault(key, []).append(index)
                _insert(self.title_trie, title_tokens(title), key)

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
        return cls(layers=[read_layer(actors_path, roles_path)], titled_names=False)

    read_layer = staticmethod(read_layer)  # the name it had before the module was cut

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
        terms = [self.terms[i] for i in self.title_rows[title_key(title)]]
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

    @cached_property
    def _surnames(self) -> dict[str, list[str]]:
        """Surname -> the listed people with a dated role whose name ends with it.

        A word that ends more names of countries, places and bodies than of
        people ("State Duma", "Islamic State") is no surname.
        """
        in_bodies = Counter(
            alias.split()[-1]
            for actor, names in self.alias_names.items()
            if self.about[actor][1] not in PERSON_TYPES
            for alias in set(names)
            if alias.strip()
        )
        people: dict[str, list[str]] = {}
        for actor in self.offices:
            if self.about[actor][1] in PERSON_TYPES and " " in actor:
                people.setdefault(actor.split()[-1], []).append(actor)
        return {name: found for name, found in people.items() if len(found) >= in_bodies[name]}

    def by_surname(self, surname: str, date: pd.Timestamp | None) -> str | None:
        """The one listed person with this surname in a role on ``date`` ("Rabin" in 1993).

        A role with no end counts for :data:`OPEN_ROLE_YEARS` after it began;
        the lists' elite status (``…ELI``, a former office holder) is no role.

        Example:
            >>> gazetteer().by_surname("Rabin", pd.Timestamp("1993-09-13"))
            'Yitzhak Rabin'
        """
        if date is None or pd.isna(date):
            return None
        longest = pd.Timedelta(days=365 * OPEN_ROLE_YEARS)
        serving = [
            actor
            for actor in self._surnames.get(surname, [])
            if any(
                not pd.isna(start)
                and start <= date
                and (date < end if not pd.isna(end) else date - start < longest)
                for start, end in self.offices[actor]
            )
        ]
        return serving[0] if len(serving) == 1 else None

    def former_by_surname(
        self, surname: str, date: pd.Timestamp | None, roles: tuple[str, ...]
    ) -> str | None:
        """The one listed person with this surname who held one of ``roles`` before ``date``.

        A senator or a general keeps the title after leaving office: "Senator
        Dole" in 1998 is Bob Dole, a senator (``GOVLEG``) until 1996. ``roles``
        are the starts of the CAMEO codes after the country (see
        :data:`COURTESY_TITLES`).
        """
        if date is None or pd.isna(date):
            return None
        former = [
            actor
            for actor in self._surnames.get(surname, [])
            if any(
                code.startswith(roles) and not pd.isna(start) and start <= date
                for code, start in self.coded.get(actor, ())
            )
        ]
        return former[0] if len(former) == 1 else None

    @cached_property
    def given_names(self) -> frozenset[str]:
        """Given names of the people listed: the first words that open two names or more.

        Words that open a name as a title (:data:`NOT_GIVEN`), and words that
        are as common in the names of countries, places and bodies ("The",
        "Islamic", "Armed"), are left out.
        """
        opening = Counter(
            words[0]
            for actor, (_, actor_type) in self.about.items()
            if actor_type in PERSON_TYPES and len(words := actor.split()) > 1
        )
        in_bodies = Counter(  # the words of the names of countries, places and bodies
            word
            for actor, names in self.alias_names.items()
            if self.about[actor][1] not in PERSON_TYPES
            for alias in names
            for word in set(alias.split())
        )
        return frozenset(
            word
            for word, count in opening.items()
            if count > max(1, in_bodies[word])
            and GIVEN_NAME_RE.fullmatch(word)
            and word not in NOT_GIVEN
        )

    def is_person(self, mention: Mention) -> bool:
        """Whether a mention names a person: a military one only when they hold a role.

        ``military`` types both officers ("Sergei Shoigu") and forces ("West
        Point", the Pentagon); only people have dated roles.
        """
        if mention.actor_type not in PERSON_TYPES:
            return False
        return mention.actor_type != "military" or mention.actor in self.periods

    def actor_type(self, actor: str) -> str:
        """The type of an actor, or of the holders of a role."""
        if actor in self.about:
            return self.about[actor][1]
        holders = [holder for holder, role, _, _ in self.terms if role == actor]
        return self.about[holders[0]][1] if holders else "official"

    def _longest(
        self, words: list[str], folded: list[str], spelled: list[str], i: int
    ) -> tuple[int, str, object] | None:
        """The longest name or title starting at token ``i``: (tokens, kind, value).

        ``words`` are the tokens as written, ``folded`` in lower case (titles),
        ``spelled`` also in one spelling (names), names' capitals kept in ``words``.
        """
        best: tuple[int, str, object] | None = None
        for trie, kind, keys in (
            (self.exact_trie, "name", words),
            (self.folded_trie, "derived", spelled),
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
        words = [fold_token(m.group()) for m in matches]
        lowered = text.casefold()
        folded = (
            [m.group().casefold() for m in matches]
            if len(lowered) != len(text)
            else [lowered[m.start() : m.end()] for m in matches]
        )
        spelled = [fold_token(token) for token in folded]
        firsts = (self.exact_trie, self.folded_trie, self.title_trie)
        kept: list[tuple[int, int, str, object]] = []
        i = 0
        while i < len(matches):
            if (
                words[i] not in firsts[0]
                and spelled[i] not in firsts[1]
                and folded[i] not in firsts[2]
            ):
                i += 1  # most tokens start no name: one look-up each
                continue
            best = self._longest(words, folded, spelled, i)
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
                if NOT_HOLDER_RE.search(text, max(0, start - 20), start):
                    continue  # "Under Secretary of State", "the former President": not the holder
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
                and title_key(previous.surface) in self.title_rows
                and actor_type in PERSON_TYPES
                and TITLE_NAME_GAP.match(text[previous.end : start])
            ):
                mentions.pop()  # "Russian President Dmitry Medvedev": one mention of the name
                start = previous.start
                before = mentions[-1] if mentions else None
                if (
                    before is not None
                    and before.actor_type == "country"
                    and before.country == country
                    and TITLE_NAME_GAP.match(text[before.end : start])
                ):
                    start = mentions.pop().start  # "US Defence Secretary James Mattis"
            mentions.append(Mention(start, end, text[start:end], actor, country, actor_type))
        mentions = self._national_bodies(text, mentions)
        mentions = [m for m in mentions if not self._as_place(text, m)]
        if home:
            mentions = sorted(mentions + self.bare_titles(text, date, home, mentions))
        mentions = with_titles(text, mentions, unknown=self.titled_names)
        if self.titled_names:
            mentions = relatives(text, mentions, self.given_names)
            mentions = untitled_names(text, mentions, self.given_names)
        return mentions

    def titled_surname(
        self, mention: Mention, date: pd.Timestamp | None, home: str | None
    ) -> Mention:
        """A title and a surname the lists do not give alone ("Prime Minister Rabin").

        It is the one listed person of that surname in a role on the date
        (:meth:`by_surname`), or, for a title kept after office ("Senator",
        "General"), the one who held such a role before it
        (:meth:`former_by_surname`). A doctor's title is no office ("Dr. King"); a
        title other than a form of address or a head's ("Speaker Ryan") is
        an office of the document's own country, when it has one.
        """
        if mention.actor_type != "person" or mention.country or " " in mention.actor:
            return mention
        if DOCTOR_RE.match(mention.surface):
            return mention
        actor = self.by_surname(mention.actor, date)
        kept = COURTESY_TITLES.get(mention.surface.split()[0].casefold().rstrip("."))
        if actor is None and kept is not None:
            actor = self.former_by_surname(mention.actor, date, kept)
        if actor is None:
            return mention
        country, actor_type = self.about[actor]
        if home and country != home and not VISITOR_TITLE_RE.match(mention.surface):
            return mention
        return mention._replace(actor=actor, country=country, actor_type=actor_type)

    @cached_property
    def place_names(self) -> frozenset[str]:
        """A country's aliases that name a place in it: its capital, "Kremlin".

        They are the aliases that are neither its name or a short form of it
        (no word shares its first four letters with a word of its other
        names: "America", "Britain") nor a demonym or an abbreviation (the
        same first two letters as the country's name, or not written as plain
        capitalised words: "French", "USA").
        """
        places = set()
        for actor, names in self.alias_names.items():
            if self.about[actor][1] != "country":
                continue
            for alias in names:
                others = {w[:4].casefold() for a in names if a != alias for w in a.split()}
                if (
                    PLAIN_NAME_RE.fullmatch(alias)
                    and alias[:2].casefold() != actor[:2].casefold()
                    and not any(w[:4].casefold() in others for w in alias.split())
                ):
                    places.add(alias)
        return frozenset(places)

    def _as_place(self, text: str, mention: Mention) -> bool:
        """Whether a capital or "Kremlin" is written as a place, not as its country.

        "in Moscow", "at the Kremlin" (after a preposition of place) and "the
        Grand Kremlin Palace", "the Washington Conference" (inside a longer
        name) are places; "Moscow said", "a dictate from Washington" are not.
        """
        if mention.actor_type != "country" or mention.surface not in self.place_names:
            return False
        before = text[max(0, mention.start - 20) : mention.start]
        after = NEXT_WORD_RE.match(text, mention.end)
        return bool(
            LOCATIVE_RE.search(before)
            or PREVIOUS_NAME_RE.search(before)
            or (after is not None and after.group(1) not in CALENDAR_WORDS)
        )

    def _national_bodies(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A country's name or adjective and "government", "armed forces" or "parliament".

        "the Russian government" is the listed Government of Russia; a body
        the lists lack is named after the country ("the Syrian government"
        is the Government of Syria, "the Austrian Parliament" the Parliament
        of Austria), with the country's code.
        """
        out = []
        for mention in mentions:
            body = (
                BODY_AFTER_RE.match(text, mention.end) if mention.actor_type == "country" else None
            )
            if body is not None:
                key = " ".join(body.group(1).casefold().split())
                actor, country, actor_type = self.national_body(key, mention.country)
                mention = Mention(mention.start, body.end(), text[mention.start : body.end()],
                                  actor, country, actor_type)  # fmt: skip
            out.append(mention)
        return out

    @cached_property
    def country_names(self) -> dict[str, str]:
        """Country code -> the country's name ("RUS" -> "Russia")."""
        names: dict[str, str] = {}
        for actor, (country, actor_type) in self.about.items():
            if actor_type == "country" and country:
                names.setdefault(country, actor)
        return names

    def national_body(self, key: str, country: str) -> tuple[str, str, str]:
        """Actor, country and type of a country's body: a key of ``NATIONAL_BODIES`` or a ministry.

        The listed body when there is one (:meth:`_listed_bodies`), else one
        named after the country ("Supreme Court of the United States").

        Example:
            >>> gazetteer().national_body("central bank", "RUS")
            ('Central Bank of Russia', 'RUS', 'government')
            >>> gazetteer().national_body("ministry of foreign affairs", "AUT")
            ('Ministry of Foreign Affairs of Austria', 'AUT', 'government')
            >>> gazetteer().national_body("ministry of energy", "RUS")
            ('Ministry of Energy of Russia', 'RUS', 'government')
        """
        key = MINISTRIES.get(key, key)
        listed = self.bodies.get((key, country))
        if listed is not None:
            return listed, *self.about[listed]
        shown, actor_type = NATIONAL_BODIES.get(key) or (_shown_ministry(key), "government")
        name = self.country_names.get(country, country)
        article = "the " if name.startswith("United ") or name.endswith(THE_NAME_ENDINGS) else ""
        return f"{shown} of {article}{name}", country, actor_type

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
            if match.group("body") and name_before(text, match.start()):
                continue  # "the European Central Bank": another body's name
            office = " ".join((match.group("office") or match.group("body")).casefold().split())
            if office in BARE_BODIES or office.startswith("ministry of "):
                actor, country, actor_type = self.national_body(office, home)
            else:
                holder = self.holder(BARE_ROLES.get(office, office), home, date)
                if holder is None:
                    continue
                actor, (country, actor_type) = holder, self.about[holder]
            found.append(
                Mention(match.start(), match.end(), match.group(), actor, country, actor_type)
            )
        return found


@cache
def gazetteer() -> Gazetteer:
    """Return the shipped gazetteer (derived and curated layers), read once."""
    return Gazetteer(layers=shipped_layers())


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
