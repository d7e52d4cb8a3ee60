"""Find direct quotes in articles and who said them.

Three kinds of quote, per paragraph of ``articles.text``:

* ``turn``: a transcript turn, ``SPEAKER: words`` ("President of The United
  States Barack Obama: Let me just make a brief statement."; "SECRETARY
  KERRY: …"). In an article with two or more turns, a paragraph without a
  label continues the last speaker's turn.
* ``direct``: words between quotation marks, straight or curly, that make up
  a sentence or more.
* ``partial``: words between quotation marks inside a sentence of the
  reporter's ("an approach that is "consistent with the security needs …"").

The speaker comes from the attribution around the quote: ``"…," Medvedev
said.`` or ``said Medvedev`` after it; a speaker and a speech verb, or a
colon, before it in the same sentence. A quote that follows its speaker's
earlier quote with no attribution of its own (``"…," Medvedev said. "And this
would be …"``) continues it. A pronoun ("he said") is the last person named
before it. Names, titles and metonyms resolve through the gazetteer
(:mod:`analysis.actors`); an unknown name is kept as written, with no country.

Bad input never stops the batch: a quote that never closes runs to the end of
its paragraph (``closed`` is False); a quote with no speaker found has
``speaker`` NA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.actors import PERSON_TYPES, Gazetteer, Mention, gazetteer
from analysis.cleaning import count_words
from analysis.schema import QUOTES, require_columns
from analysis.segment import paragraph_spans, quote_spans
from analysis.sentiment import score_sentiment
from analysis.tone import score_tone

# A quoted term of one or two words ("the "reset"") is not a quote.
MIN_QUOTE_WORDS = 3
SPEECH_VERBS = (
    "said|says|say|saying|told|tells|telling|added|adds|warned|warns|warning|stressed|"
    "stresses|noted|notes|insisted|insists|declared|declares|explained|explains|asked|"
    "asks|replied|replies|continued|argued|argues|suggested|suggests|wrote|writes|stated|"
    "states|admitted|acknowledged|recalled|cautioned|described|describes|announced|"
    "announces|complained|claimed|claims|urged|urges|predicted|promised|vowed|conceded|"
    "remarked|commented|responded|answered|emphasized|emphasised|according to"
)
CUE_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
PRONOUN_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# After a quote: `, Medvedev said.` / `, said Medvedev` / `, he told reporters`.
# Text of one sentence: no end mark or quotation mark, but "Mr." and the like.
CLAUSE_CHAR = r"(?:\b(?:Mr|Ms|Mrs|Dr|Gen|Sen|Rep|Lt|Col|St)\.|[^.!?\"“”])"
AFTER_RE = re.compile(
    rf"^[\s,—–-]*(?P<before>{CLAUSE_CHAR}{{0,80}}?)\s*\b(?P<cue>{SPEECH_VERBS})\b"
    rf"(?P<after>{CLAUSE_CHAR}{{0,80}})",
    re.IGNORECASE,
)
UNKNOWN_NAME_RE = re.compile(r"(?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w'’-]+")
# Capitalised words that start sentences, not names.
NOT_NAMES = frozenset(
    {
        "the", "this", "that", "these", "those", "it", "its", "they", "we", "i", "you", "he",
        "she", "his", "her", "their", "our", "but", "and", "a", "an", "in", "on", "at", "for",
        "now", "so", "yet", "today", "yesterday", "then", "there", "here", "when", "while",
        "after", "before",
    }
)  # fmt: skip
TITLE_RE = re.compile(
    r"^(?:(?:Deputy|Vice|Prime|Foreign|Defen[cs]e|Senior|Chief|State|Secretary|Minister|"
    r"President|Ambassador|Senator|Spokes(?:wo)?man|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|General|Gen\.)\s+)+"
)
TURN_RE = re.compile(
    r"^(?P<label>[A-Z][\w.’' -]{1,70}?)\s*"
    r"(?:\((?:via interpreter|as translated|as interpreted|retranslated)\.?\)\s*)?"
    r":\s+(?:\((?:via interpreter|as translated|as interpreted|retranslated)\.?\)\s*)?"
    r"(?P<text>\S.*)$",
    re.IGNORECASE | re.S,
)
# The American Presidency Project writes "President Obama. I want to welcome …".
PERIOD_TURN_RE = re.compile(
    r"^(?P<label>(?:The\s+)?(?:President|Vice\s+President|Secretary|Prime\s+Minister)"
    r"(?:\s+[A-Z][\w'’-]+){0,2})\.\s+(?P<text>\S.*)$",
    re.S,
)
MAX_LABEL_WORDS = 9
# Outside a transcript, a labelled paragraph is a turn only if this many words follow.
MIN_TURN_WORDS = 8
SENTENCE_ENDS = (".", "!", "?", "…", '"', "”")
LABEL_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on"})


@dataclass
class Quote:
    """One quote being built: offsets into the article, attribution, how found."""

    start: int
    end: int
    kind: str
    closed: bool = True
    mark_end: int = -1  # just past the closing quotation mark
    speaker: str | None = None
    speaker_country: str | None = None
    cue: str | None = None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _sentence_start(text: str, position: int, floor: int) -> int:
    """Where the sentence around ``position`` starts (not before ``floor``)."""
    for match in reversed(list(re.finditer(r"[.!?][\"”’)]*\s+", text[floor:position]))):
        return floor + match.end()
    return floor


def _is_name(words: str) -> bool:
    return words.split()[0].casefold() not in NOT_NAMES


def _is_possessive(text: str, mention: Mention, offset: int) -> bool:
    return text[offset + mention.end : offset + mention.end + 2] in ("'s", "’s")


def _best_speaker(mentions: list[Mention], text: str, offset: int) -> Mention | None:
    """The first person mention not in the possessive, else the first other actor."""
    people = [
        m for m in mentions if m.actor_type in PERSON_TYPES and not _is_possessive(text, m, offset)
    ]
    if people:
        return people[0]
    others = [m for m in mentions if not _is_possessive(text, m, offset)]
    return others[0] if others else None


class _Attributor:
    """Resolve speakers in one article against the gazetteer."""

    def __init__(
        self, text: str, date: pd.Timestamp | None, names: Gazetteer, source: str | None = None
    ) -> None:
        self.text = text
        self.date = date
        self.names = names
        # The country of the source ("The White House" -> USA) names "THE PRESIDENT".
        found = names.find(source, date) if isinstance(source, str) else []
        self.source_country = found[0].country if found else None
        self._labels: dict[str, Mention | None] = {}

    def label_mention(self, label: str) -> Mention | None:
        """The actor a transcript label names ("SECRETARY KERRY" is John Kerry), if any.

        Looked up once per label: a transcript repeats its labels.
        """
        if label not in self._labels:
            shown = _shown(label)
            self._labels[label] = _best_speaker(self.names.find(shown, self.date), shown, 0)
        return self._labels[label]

    def named(self, start: int, end: int, *, nearest_end: bool = True) -> Mention | None:
        """The speaker named in ``text[start:end]``: from the gazetteer, else a capitalised name.

        An unknown name is the one nearest the end of the span (next to the
        speech verb) or, with ``nearest_end=False``, nearest its start.
        """
        span = self.text[start:end]
        found = _best_speaker(self.names.find(span, self.date), self.text, start)
        if found is not None:
            return found._replace(start=start + found.start, end=start + found.end)
        names = [m for m in UNKNOWN_NAME_RE.finditer(span) if _is_name(m.group(0))]
        if not names:
            return None
        match = names[-1] if nearest_end else names[0]
        name = TITLE_RE.sub("", match.group(0))
        return Mention(start + match.start(), start + match.end(), name, name, "", "person")

    def last_person_before(self, position: int) -> Mention | None:
        """The last person named before ``position`` (for "he said")."""
        people = [
            m
            for m in self.names.find(self.text[:position], self.date)
            if m.actor_type in PERSON_TYPES
        ]
        return people[-1] if people else None

    def after(self, quote: Quote, limit: int) -> tuple[Mention | None, str] | None:
        """Attribution right after a quote: ``, Medvedev said`` or ``, said Medvedev``."""
        tail = self.text[quote.mark_end : limit] if quote.closed else ""
        match = AFTER_RE.match(tail)
        if not match:
            return None
        base = quote.mark_end
        cue = match.group("cue").lower()
        if PRONOUN_RE.fullmatch(match.group("before").strip() or "-"):
            return self.last_person_before(quote.start), cue
        speaker = self.named(base + match.start("before"), base + match.end("before"))
        if speaker is None:
            speaker = self.named(base + match.start("after"), base + match.end("after"))
        return speaker, cue

    def before(self, floor: int, position: int) -> tuple[Mention | None, str] | None:
        """Attribution in the sentence that ends at ``position`` (a quote's opening mark).

        The sentence needs a speech verb or must end with a colon; the speaker
        is named before the verb (else after it), or is a pronoun.
        """
        start = _sentence_start(self.text, position, floor)
        lead = self.text[start:position]
        cue = CUE_RE.search(lead)
        if cue is None and not lead.rstrip().endswith(":"):
            return None
        cut = start + cue.start() if cue else position
        speaker = self.named(start, cut)
        if speaker is None and cue is not None:
            if PRONOUN_RE.search(self.text[start:cut]):
                speaker = self.last_person_before(start)
            else:
                speaker = self.named(start + cue.end(), position, nearest_end=False)
        cues = CUE_RE.findall(lead)
        return speaker, (cues[-1].lower() if cues else ":")


def _attribute(quote: Quote, speaker: Mention | None, cue: str | None) -> None:
    quote.cue = cue
    if speaker is not None:
        quote.speaker = speaker.actor
        quote.speaker_country = speaker.country or None


def _paragraph_quotes(
    attributor: _Attributor,
    start: int,
    end: int,
    previous: Quote | None,
    intro: tuple[int, int] | None,
) -> list[Quote]:
    """The direct and partial quotes of one paragraph, attributed.

    ``previous`` is the last quote of the paragraph before; ``intro`` that
    paragraph's span when it ends with a colon ("President Obama said:").
    """
    text = attributor.text
    paragraph = text[start:end]
    quotes: list[Quote] = []
    for q_start, q_end, closed in quote_spans(paragraph):
        if count_words(paragraph[q_start:q_end]) < MIN_QUOTE_WORDS:
            continue
        lo, hi = _trimmed(text, start + q_start, start + q_end)
        lead = paragraph[: q_start - 1].rstrip()
        sentence_opening = not lead or lead.endswith((".", "!", "?", ":", '"', "”"))
        kind = "direct" if sentence_opening else "partial"
        quotes.append(Quote(lo, hi, kind, closed, mark_end=start + q_end + 1))
    for index, quote in enumerate(quotes):
        following = quotes[index + 1].start - 1 if index + 1 < len(quotes) else end
        floor = quotes[index - 1].mark_end if index else start
        found = attributor.after(quote, following) or attributor.before(floor, quote.start - 1)
        if found is None and intro is not None and not text[start : quote.start - 1].strip():
            found = attributor.before(*intro)
        # A quote continues an earlier one in its paragraph, or one left open before it.
        earlier = (
            quotes[index - 1] if index else previous if previous and not previous.closed else None
        )
        if found is None and earlier is not None and earlier.speaker and quote.kind == "direct":
            quote.speaker, quote.speaker_country = earlier.speaker, earlier.speaker_country
            quote.cue = earlier.cue
        elif found is not None:
            _attribute(quote, *found)
    return quotes


def _shown(label: str) -> str:
    return label.title() if label.isupper() else label


def _speaker_label(attributor: _Attributor, paragraph: str) -> re.Match[str] | None:
    """:func:`_turn_label`, less a dateline ("MOSCOW: Russia said …"), whose label is a place."""
    label = _turn_label(paragraph)
    if label is None:
        return None
    found = attributor.label_mention(label.group("label"))
    whole = " ".join(_shown(label.group("label")).split()).casefold()
    is_place = (
        found is not None and found.actor_type == "country" and found.surface.casefold() == whole
    )
    return None if is_place else label


def _opens_turn(attributor: _Attributor, label: re.Match[str]) -> bool:
    """Whether a labelled paragraph outside a transcript still opens a turn.

    It does when the label names a known person and full sentences follow
    ("President of The United States Barack Obama: Let me just make a brief
    statement. …"), as in an excerpt that starts with a summary; a
    subheading such as "Lavrov: no deal yet" does not.
    """
    found = attributor.label_mention(label.group("label"))
    words = label.group("text").split()
    return (
        found is not None
        and found.actor_type in PERSON_TYPES
        and len(words) >= MIN_TURN_WORDS
        and label.group("text").rstrip().endswith(SENTENCE_ENDS)
    )


def _turn_speaker(attributor: _Attributor, label: str) -> tuple[str, str | None]:
    """The speaker of a transcript label ("SECRETARY KERRY", "THE PRESIDENT").

    A name resolves through the gazetteer; a bare title through the source's
    country and the date; anything else is the label without its titles.
    """
    shown = _shown(label)
    found = attributor.label_mention(label)
    if found is not None:
        return found.actor, found.country or None
    country = attributor.source_country
    holder = attributor.names.holder(shown, country, attributor.date) if country else None
    if holder is not None:
        return holder, country
    return TITLE_RE.sub("", " ".join(shown.split())) or shown, None


def _turn_label(paragraph: str) -> re.Match[str] | None:
    """The speaker label opening a transcript paragraph, if any."""
    match = TURN_RE.match(paragraph) or PERIOD_TURN_RE.match(paragraph)
    if match is None:
        return None
    words = match.group("label").split()
    # A label is a name or title: "Medvedev said: …" is not one.
    titled = all(w[:1].isupper() or w.casefold() in LABEL_SMALL_WORDS for w in words)
    return match if titled and len(words) <= MAX_LABEL_WORDS else None


def article_quotes(
    text: str,
    date: pd.Timestamp | None = None,
    names: Gazetteer | None = None,
    source: str | None = None,
) -> list[Quote]:
    """Find and attribute the quotes of one article's text (paragraph 0 is the headline).

    The text is a transcript when its first paragraph after the headline
    opens with a speaker label, or when two paragraphs do. Otherwise a
    labelled paragraph opens a turn when the label names a known person and
    full sentences follow (see :func:`_opens_turn`). Paragraphs after a turn
    without a label of their own continue it.

    Example:
        >>> text = 'Talks\\n\\n"We will keep talking," Lavrov said. "Both sides want it."'
        >>> [(text[q.start:q.end], q.speaker) for q in article_quotes(text)]
        [('We will keep talking', 'Sergey Lavrov'), ('Both sides want it.', 'Sergey Lavrov')]
    """
    attributor = _Attributor(text, date, names or gazetteer(), source)
    spans = list(paragraph_spans(text))[1:]
    labels = [_speaker_label(attributor, text[s:e]) for s, e in spans]
    transcript = bool(labels) and (labels[0] is not None or sum(m is not None for m in labels) >= 2)
    quotes: list[Quote] = []
    turn: Quote | None = None
    previous: Quote | None = None
    intro: tuple[int, int] | None = None
    for (start, end), label in zip(spans, labels, strict=True):
        if label is not None and (transcript or _opens_turn(attributor, label)):
            speaker, country = _turn_speaker(attributor, label.group("label"))
            lo, hi = _trimmed(text, start + label.start("text"), end)
            turn = Quote(lo, hi, "turn", speaker=speaker, speaker_country=country, cue="turn")
            quotes.append(turn)
        elif turn is not None:
            quotes.append(
                Quote(start, end, "turn", speaker=turn.speaker,
                      speaker_country=turn.speaker_country, cue="turn")
            )  # fmt: skip
        else:
            found = _paragraph_quotes(attributor, start, end, previous, intro)
            quotes += found
            previous = found[-1] if found else None
        intro = (start, end) if text[start:end].rstrip().endswith(":") else None
    return quotes


def extract_quotes(articles: pd.DataFrame, *, gazetteer_: Gazetteer | None = None) -> pd.DataFrame:
    """Return the ``quotes`` frame: every quote of every article, attributed and scored.

    Args:
        articles: The ``articles`` frame (``article_id``, ``text``; ``published``
            resolves titles such as "the Russian president", and ``source``
            a transcript's bare "THE PRESIDENT").
        gazetteer_: Another gazetteer; the shipped one by default.

    Returns:
        One row per quote: ``article_id``, ``quote_id``, ``text``, ``start``,
        ``end`` (offsets into ``articles.text``), ``speaker``,
        ``speaker_country``, ``cue``, ``kind``, ``closed``, then the sentiment
        and tone columns of the quote's text.
    """
    require_columns(articles, ["article_id", "text"], name="articles")
    missing = pd.Series([None] * len(articles), index=articles.index)
    dates = articles.get("published", missing)
    sources = articles.get("source", missing)
    records = []
    for article_id, text, date, source in zip(
        articles["article_id"], articles["text"], dates, sources, strict=True
    ):
        if not isinstance(text, str):  # a missing text has no quotes; it does not stop the batch
            continue
        for number, quote in enumerate(article_quotes(text, date, gazetteer_, source)):
            records.append(
                {
                    "article_id": article_id,
                    "quote_id": f"{article_id}#q{number}",
                    "text": text[quote.start : quote.end],
                    "start": quote.start,
                    "end": quote.end,
                    "speaker": quote.speaker,
                    "speaker_country": quote.speaker_country,
                    "cue": quote.cue,
                    "kind": quote.kind,
                    "closed": quote.closed,
                }
            )
    frame = pd.DataFrame.from_records(records, columns=list(QUOTES))
    frame = frame.astype({c: d for c, (d, _) in QUOTES.items()})
    return frame.pipe(score_sentiment).pipe(score_tone)
