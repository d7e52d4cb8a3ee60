"""Find the actors a text mentions: countries, leaders, officials, institutions.

The gazetteer is two editable package files:

* ``resources/actors.tsv``: ``actor``, ``country`` (ISO-3 or CAMEO code:
  ``USA``, ``RUS``, ``NATO`` …), ``actor_type`` (country, leader, official,
  government, military, legislature, organization, person) and ``aliases``,
  the surface forms separated by ``|``, matched case-sensitively as whole
  words (``US`` but not ``us``; ``Moscow`` and ``Kremlin`` stand for Russia).
* ``resources/roles.tsv``: ``actor``, ``role``, ``start``, ``end`` (``end``
  empty while in office) and ``titles``, the ways the role is written,
  matched case-insensitively. A title resolves by the article's date: "the
  Russian president" in May 2011 is Dmitry Medvedev, in 2013 Vladimir Putin.

A title directly before a name ("Russian President Dmitry Medvedev") is one
mention of the named person. Overlapping matches keep the longest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.config import RESOURCES_DIR
from analysis.schema import MENTIONS, LexiconError, empty_frame, read_resource, require_columns

ACTORS_PATH = RESOURCES_DIR / "actors.tsv"
ROLES_PATH = RESOURCES_DIR / "roles.tsv"
PERSON_TYPES = frozenset({"leader", "official", "military", "person"})
# A title and the name after it are one mention when only this stands between.
TITLE_NAME_GAP = re.compile(r"^\s+$")


class Mention(NamedTuple):
    """One actor mention in a text: offsets, surface, who, which country, what kind."""

    start: int
    end: int
    surface: str
    actor: str
    country: str
    actor_type: str


def _alternation(forms: Iterable[str]) -> str:
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)


def _bounded(forms: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    if not set(forms):
        return re.compile(r"(?!)")  # no forms: never matches
    return re.compile(rf"(?<![\w-])(?:{_alternation(forms)})(?![\w])", flags)


class Gazetteer:
    """Actors with their surface forms, and date-bounded roles with their titles.

    Args:
        actors: ``actor``, ``country``, ``actor_type``, ``aliases``.
        roles: ``actor``, ``role``, ``start``, ``end`` (dates; NaT while in
            office), ``titles``.
    """

    def __init__(self, actors: pd.DataFrame, roles: pd.DataFrame) -> None:
        self.actors = actors.set_index("actor")
        self.roles = roles.reset_index(drop=True)
        self.alias_actor = {
            " ".join(alias.split()): actor
            for actor, aliases in self.actors["aliases"].items()
            for alias in str(aliases).split("|")
            if alias.strip()
        }
        self.title_rows: dict[str, list[int]] = {}
        for index, titles in self.roles["titles"].items():
            for title in str(titles).split("|"):
                if title.strip():
                    key = " ".join(title.split()).casefold()
                    self.title_rows.setdefault(key, []).append(int(index))
        self.names = _bounded(self.alias_actor)
        self.titles = _bounded(self.title_rows, re.IGNORECASE)
        # Plain tuples for the per-mention lookups; pandas indexing is slow per row.
        self.about = {
            actor: (str(country), str(actor_type))
            for actor, country, actor_type in self.actors[["country", "actor_type"]].itertuples()
        }
        self.terms = [
            (str(actor), str(role), start, end)
            for actor, role, start, end in self.roles[["actor", "role", "start", "end"]].itertuples(
                index=False
            )
        ]

    @classmethod
    def read(
        cls, actors_path: str | Path = ACTORS_PATH, roles_path: str | Path = ROLES_PATH
    ) -> Gazetteer:
        """Read and check the two gazetteer files.

        Raises:
            LexiconError: A column is missing, a role names an unknown actor,
                or a date does not parse; the message names the file and line.
        """
        actors = read_resource(actors_path, ["actor", "country", "actor_type", "aliases"])
        roles = read_resource(roles_path, ["actor", "role", "start", "end", "titles"])
        unknown = sorted(set(roles["actor"]) - set(actors["actor"]))
        if unknown:
            raise LexiconError(f"{roles_path}: actor(s) {unknown} are not in {actors_path}")
        for column in ("start", "end"):
            dates = pd.to_datetime(roles[column].replace("", None), errors="coerce")
            bad = roles[column].ne("") & dates.isna()
            if bad.any():
                line = int(bad.to_numpy().argmax()) + 2
                raise LexiconError(f"{roles_path}: line {line}: {column} is not a date")
            roles[column] = dates
        return cls(actors, roles)

    def resolve(self, title: str, date: pd.Timestamp | None) -> tuple[str, str]:
        """Return who held a titled role on ``date`` (else the role itself), and the country.

        Example:
            >>> gazetteer().resolve("the Russian president", pd.Timestamp("2011-05-27"))
            ('Dmitry Medvedev', 'RUS')
            >>> gazetteer().resolve("the Russian president", pd.Timestamp("2013-06-17"))
            ('Vladimir Putin', 'RUS')
            >>> gazetteer().resolve("the Russian president", None)
            ('president of Russia', 'RUS')
        """
        terms = [self.terms[i] for i in self.title_rows[" ".join(title.split()).casefold()]]
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

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping name and title matches, the longest where they overlap."""
        found = [(m.start(), m.end(), "name") for m in self.names.finditer(text)]
        found += [(m.start(), m.end(), "title") for m in self.titles.finditer(text)]
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        kept: list[tuple[int, int, str]] = []
        for match in found:
            if not kept or match[0] >= kept[-1][1]:
                kept.append(match)
        return kept

    def find(self, text: str, date: pd.Timestamp | None = None) -> list[Mention]:
        """Find actor mentions in one text.

        Args:
            text: Any text.
            date: The text's date, to resolve titles; ``None`` leaves a title
                as its role ("president of Russia").

        Example:
            >>> text = "Russian President Dmitry Medvedev told Washington that the Kremlin"
            >>> [m.actor for m in gazetteer().find(text)]
            ['Dmitry Medvedev', 'United States', 'Russia']
            >>> gazetteer().find(text)[0].surface
            'Russian President Dmitry Medvedev'
        """
        mentions: list[Mention] = []
        for start, end, kind in self._matches(text):
            surface = text[start:end]
            if kind == "title":
                actor, country = self.resolve(surface, date)
                mentions.append(
                    Mention(start, end, surface, actor, country, self.actor_type(actor))
                )
                continue
            actor = self.alias_actor[" ".join(surface.split())]
            country, actor_type = self.about[actor]
            previous = mentions[-1] if mentions else None
            if (
                previous is not None
                and previous.surface.casefold() in self.title_rows
                and actor_type in PERSON_TYPES
                and TITLE_NAME_GAP.match(text[previous.end : start])
            ):
                mentions.pop()  # "Russian President Dmitry Medvedev": one mention of the name
                start = previous.start
            mentions.append(Mention(start, end, text[start:end], actor, country, actor_type))
        return mentions


@cache
def gazetteer() -> Gazetteer:
    """Return the shipped gazetteer, read once."""
    return Gazetteer.read()


def _dates(sentences: pd.DataFrame, articles: pd.DataFrame | None) -> pd.Series:
    if "published" in sentences:
        return sentences["published"]
    if articles is not None and not sentences.empty:
        require_columns(articles, ["article_id", "published"], name="articles")
        return sentences["article_id"].map(articles.set_index("article_id")["published"])
    return pd.Series(pd.NaT, index=sentences.index)


def find_actors(
    sentences: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    gazetteer_: Gazetteer | None = None,
) -> pd.DataFrame:
    """Return the ``mentions`` frame: one row per actor mention in each sentence.

    Args:
        sentences: The ``sentences`` frame (``article_id``, ``sentence``,
            ``text``, ``start``); a ``published`` column, or ``articles``,
            gives the dates that resolve titles.
        articles: The ``articles`` frame, for ``published``; optional.
        gazetteer_: Another gazetteer (see :class:`Gazetteer`); the shipped
            one by default.

    Returns:
        ``article_id``, ``sentence``, ``start``, ``end`` (offsets into the
        article's text), ``surface``, ``actor``, ``country``, ``actor_type``.
    """
    require_columns(sentences, ["article_id", "sentence", "text", "start"], name="sentences")
    used = gazetteer_ or gazetteer()
    records = []
    for row, date in zip(
        sentences[["article_id", "sentence", "text", "start"]].itertuples(index=False),
        _dates(sentences, articles),
        strict=True,
    ):
        if not isinstance(row.text, str):  # a missing text has no mentions
            continue
        for mention in used.find(row.text, date):
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
    frame = pd.DataFrame.from_records(records)[list(MENTIONS)]
    return frame.astype({c: d for c, (d, _) in MENTIONS.items()})
