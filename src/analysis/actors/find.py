"""Actor mentions in a corpus's sentences: the ``mentions`` frame."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd

from analysis.actors.gazetteer import Gazetteer, gazetteer_with
from analysis.actors.names import (
    BODY_WORDS,
    DESTINATION_RE,
    LABEL_RE,
    NOT_GIVEN,
    NOT_NAMES,
    OFFICE,
    PERSON_TYPES,
    TITLED_NAME_RE,
    VISITOR_TITLE_RE,
    Mention,
    name_before,
    one_per_given_name,
)
from analysis.actors.sources import ActorsArg
from analysis.schema import MENTIONS, empty_frame, require_columns


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
        >>> from analysis.actors import gazetteer
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


OFFICE_RE = re.compile(OFFICE)  # "Mrs", "Senator": a title, no given name


def full_name_in(texts: Iterable[str], surname: str) -> str | None:
    """The one full name with ``surname`` that the texts write, given name first.

    "Ms Ustinova" is the "Varvara Ustinova" her article names, even when no
    list knows her given name; two given names with it name neither.

    Example:
        >>> full_name_in(["Varvara Ustinova spoke.", "Then Ms Ustinova asked."], "Ustinova")
        'Varvara Ustinova'
    """
    pattern = re.compile(rf"\b([A-Z][a-zà-ÿ]+)[ \t]+{re.escape(surname)}\b")
    given = {
        m.group(1)
        for text in texts
        if surname in text
        for m in pattern.finditer(text)
        if not name_before(text, m.start())  # "Martin Luther King": part of a longer name
    }
    given = {
        g
        for g in given
        if g not in NOT_NAMES | NOT_GIVEN | BODY_WORDS and not OFFICE_RE.fullmatch(g)
    }
    return f"{given.pop()} {surname}" if len(given) == 1 else None


def _sent_to_a_country(title: str, used: Gazetteer) -> bool:
    """Whether a title names a country its holder is sent to ("Special Envoy for Syria")."""
    return any(
        m.actor_type == "country" and DESTINATION_RE.search(title, 0, m.start)
        for m in used.find(title)
    )


def _resolve_unknown_people(
    records: list[dict],
    homes: dict[str, str],
    used: Gazetteer,
    texts: Callable[[str], Iterable[str]],
) -> list[dict]:
    """Resolve titled names the gazetteer does not know, within their article.

    "Mr. Perot" is the Ross Perot the article names elsewhere (as a mention,
    or as a given name and the surname in its text: ``texts(article_id)``,
    see :func:`full_name_in`); else a title
    and a surname the lists do not give alone ("Prime Minister Rabin") is
    the one listed person of that surname in office on the date (see
    :meth:`Gazetteer.titled_surname`); an office holder with no country in
    the title ("Minister of Finance Anton Siluanov") serves the country of
    the document's issuer or speaker, unless the title names a country it is
    sent to ("Special Envoy for Syria Geir Pedersen"); a name without a title ("Richard
    Wagoner") keeps no country, nor does one with a form of address or a
    head of state's title alone ("President Xi Jinping" in a kremlin.ru page).
    """
    by_surname: dict[tuple[str, str], dict] = {}
    for record in records:
        if record["actor_type"] in PERSON_TYPES and " " in record["actor"]:
            key = (record["article_id"], record["actor"].split()[-1])
            by_surname.setdefault(key, record)
    resolved = []
    written_names: dict[tuple[str, str], str | None] = {}  # (article, surname) -> full name
    for record in records:
        if record["actor_type"] == "person" and record["country"] == "":
            full = by_surname.get((record["article_id"], record["actor"].split()[-1]))
            if full is not None and " " not in record["actor"]:
                record = {**record, "actor": full["actor"], "country": full["country"],
                          "actor_type": full["actor_type"]}  # fmt: skip
            else:
                mention = Mention(**{k: record[k] for k in Mention._fields})
                home = homes.get(record["article_id"])
                listed = used.titled_surname(mention, record["_date"], home)
                key = (record["article_id"], record["actor"])
                if key not in written_names and not listed.country and " " not in key[1]:
                    written_names[key] = full_name_in(texts(key[0]), key[1])
                written = written_names.get(key)
                if listed.country:  # "Prime Minister Rabin": the listed person in office
                    record = {**record, **listed._asdict()}
                    resolved.append(record)
                    continue
                if written is not None:  # "Ms Ustinova": the article's Varvara Ustinova
                    record = {**record, "actor": written}
                titled = TITLED_NAME_RE.match(record["surface"])
                if (
                    titled
                    and not VISITOR_TITLE_RE.match(record["surface"])
                    and not _sent_to_a_country(titled.group("title"), used)
                ):
                    record = {**record, "country": home or ""}
        resolved.append(record)
    return resolved


# A word that opens a sentence, a clause after a semicolon or colon, or a quotation.
OPENING_RE = re.compile(r"(?:^|[;:.!?\"“‘(])[ \t\"“‘(]*$")
# A given name that is a word of something else: "the Bill of Rights", "a Grace period".
NOT_A_PERSON_RE = re.compile(r"\b(?:[Tt]he|[Aa]n?)[ \t]+$")
OF_NAME_RE = re.compile(r"[ \t]+of[ \t]+[A-Z]")


def given_name_mentions(
    texts: list[str], starts: list[int], found: list[dict], given_names: frozenset[str]
) -> list[tuple[int, Mention]]:
    """People named by their given name alone, as the article named them in full.

    "Melinda" is the Melinda Lopez the article names, when it names no other
    person with that given name (a person the lists know, or one it names
    with a given name the lists know). The name stands alone (not "Melinda
    Gates", not "Mr Melinda", not "the Bill of Rights", not a speaker
    label); a word that opens a sentence, clause or quotation ("Bill will be
    up", "“Mark my words”") is taken only when the article never writes it in
    lower case ("will", "mark").

    Args:
        texts: The article's sentences.
        starts: Their offsets in the article.
        found: The article's mention records (``actor``, ``country``,
            ``actor_type``, ``surface``, and ``start``, ``end`` in the article).
        given_names: The given names the gazetteer's people carry.

    Returns:
        Each such name: the index of its sentence and its mention (offsets in
        the article).
    """
    unique = one_per_given_name(
        (record["actor"].split()[0], (record["actor"], record["country"], record["actor_type"]))
        for record in found
        if record["actor_type"] in PERSON_TYPES
        and " " in record["actor"]
        and record["actor"].split()[0] in given_names
        and record["surface"].startswith(record["actor"].split()[0])
    )
    if not unique:
        return []
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, unique))})\b(?![ \t]+[A-Z]|[-’'])")
    written = " ".join(texts)
    taken = [(r["start"], r["end"]) for r in found]
    out = []
    for index, (text, offset) in enumerate(zip(texts, starts, strict=True)):
        label = _label_end(text)  # "Tom: Yes I am.": a speaker label is no mention
        for match in pattern.finditer(text):
            start, end = offset + match.start(), offset + match.end()
            given = match.group()
            if (
                match.end() <= label
                or any(a < end and start < b for a, b in taken)
                or name_before(text, match.start())
                or NOT_A_PERSON_RE.search(text, max(0, match.start() - 6), match.start())
                or OF_NAME_RE.match(text, match.end())
            ):
                continue
            if OPENING_RE.search(text, 0, match.start()) and re.search(
                rf"\b{re.escape(given.lower())}\b", written
            ):
                continue  # "Will the Senate act?": the word, not the name
            actor, country, actor_type = unique[given]
            out.append((index, Mention(start, end, given, actor, country, actor_type)))
    return out


def _with_given_names(
    records: list[dict], sentences: pd.DataFrame, rows: dict, given_names: frozenset[str]
) -> list[dict]:
    """The records and the given names alone of each article (:func:`given_name_mentions`)."""
    numbers, starts = sentences["sentence"].to_numpy(), sentences["start"].to_numpy()
    texts = sentences["text"].to_numpy()
    by_article: dict[str, list[dict]] = {}
    for record in records:
        by_article.setdefault(record["article_id"], []).append(record)
    out = []
    for article, found in by_article.items():
        places = [i for i in rows[article] if isinstance(texts[i], str)]
        added = given_name_mentions(
            [texts[i] for i in places], [int(starts[i]) for i in places], found, given_names
        )
        found += [
            {"article_id": article, "sentence": numbers[places[index]], **mention._asdict()}
            for index, mention in added
        ]
        out += sorted(found, key=lambda record: record["start"]) if added else found
    return out


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
                    "_date": date,  # resolves a titled surname; not a column
                }
            )
    if not records:
        return empty_frame(MENTIONS)
    texts = sentences["text"].to_numpy()
    rows = sentences.groupby("article_id", sort=False).indices  # article -> its sentences
    records = _resolve_unknown_people(
        records,
        homes,
        used,
        lambda article: [t for t in texts[rows[article]] if isinstance(t, str)],
    )
    records = _with_given_names(records, sentences, rows, used.given_names)
    frame = pd.DataFrame.from_records(records)[list(MENTIONS)]
    return frame.astype({c: d for c, (d, _) in MENTIONS.items()})
