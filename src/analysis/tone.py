"""Diplomatic tone: VADER's method with a lexicon made for diplomacy.

Plain VADER was built for social media. :func:`score_tone` keeps its method
(negation, boosters, "but", capitals, punctuation) and changes what it reads:

* an **overlay** of diplomatic words VADER lacks ("mistrust", "thawing",
  "sanctions", "rapprochement" …);
* **phrases** scored as one unit ("arms race", "stone wall", "cold war");
* **sense overrides** where diplomacy differs from social media ("cool",
  "warm", "cold", "reset"), applied only in a sentence with a diplomatic
  context word (``resources/diplomatic_context.tsv``);
* an **entity guard**: words inside names of actors, institutions and titles
  ("United States", "Security Council", "national security adviser") carry
  no valence.

All of it lives in ``resources/tone_lexicon.tsv`` (term, valence, kind, note),
which users can edit or extend per call. Phrases and guarded names are joined
into one token ("stone_wall", "united_states") before VADER reads the text.

Events carry tone too (see :mod:`analysis.cues`): each cooperation or conflict
event found (CAMEO code, Goldstein value −10..10) adds ``EVENT_WEIGHT`` ×
Goldstein to the sum of word valences that VADER normalises into ``tone``; a
negated event ("did not threaten") adds nothing, a hedged one ("might impose
sanctions") half. The words of an event count once, as the event
("exchanged prisoners" is a release of prisoners, not a mention of prisoners:
modifier ``event``). A word of the opposite sign inside a relative or purpose
clause that follows an event ("found common ground on an issue *that was
taboo in the Cold War*", "joint efforts *to fight terrorism*") describes the
event's object, not the news, and adds nothing (rule ``scope``).

A verb with its object ("recalled its ambassador") or an idiom ("found common
ground") moves tone in any sentence; a curated cue of one word ("sanctions",
"ceasefire") only in a sentence with a diplomatic context word, as the sense
overrides do; a CAMEO verb alone ("grant", "arrest"), too ambiguous on plain
text without the parser the dictionary was made for, counts in
``cooperation``/``conflict`` but moves no tone. The same events give
``cooperation``, ``conflict``, ``goldstein`` and ``quad_class``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    normalize,
)

from analysis.config import RESOURCES_DIR
from analysis.cues import (
    NULL_CODE,
    PUNCTUATION,
    Cue,
    Event,
    compile_cue,
    event_cues,
    events_in,
    find_events,
    hedge_cues,
    is_hedged,
    word_key,
    word_keys,
)
from analysis.schema import TONE, LexiconError, read_resource, require_columns
from analysis.sentiment import Vader, analyzer

__all__ = [
    "Cue", "Event", "LexiconError", "ToneModel", "compile_cue", "event_cues", "explain",
    "find_events", "hedge_cues", "is_hedged", "read_lexicon", "score_tone", "tone_model",
    "word_contributions",
]  # fmt: skip

LEXICON_PATH = RESOURCES_DIR / "tone_lexicon.tsv"
CONTEXT_PATH = RESOURCES_DIR / "diplomatic_context.tsv"

KINDS = ("word", "phrase", "sense", "entity")
EVENT_WEIGHT = 0.3
"""VADER valence an event adds per Goldstein point (an event of −10 adds −3)."""
HEDGE_FACTOR = 0.5
"""Share of its weight a hedged event keeps ("might impose sanctions")."""
SCOPE_MARKERS = frozenset(
    {"that", "which", "who", "whom", "where", "when", "once", "to", "against", "for", "on"}
)
SCOPE_REACH = 5
"""Words after an event within which its relative or purpose clause can start."""
CLAUSE_BREAKS = tuple(",;:")
TONELESS_ROOTS = frozenset({"01", "02", "04"})
"""CAMEO roots that count as events but carry no tone: statements, appeals,
consultations ("held talks", "met", "visited" are procedure, not news)."""


def read_lexicon(path: str | Path = LEXICON_PATH) -> pd.DataFrame:
    """Read a tone lexicon: ``term``, ``valence`` (VADER's −4..4), ``kind``, ``note``.

    ``kind`` is ``word``, ``phrase``, ``sense`` (applies in diplomatic
    context only) or ``entity`` (a name whose words carry no valence).

    Example:
        >>> lexicon = read_lexicon()
        >>> entry = lexicon.set_index("term").loc["mistrust"]
        >>> float(entry["valence"]), entry["kind"]
        (-1.8, 'word')
    """
    table = read_resource(Path(path), ["term", "valence", "kind"])
    table["valence"] = pd.to_numeric(table["valence"], errors="coerce")
    bad = table[table["valence"].isna() | ~table["kind"].isin(KINDS) | (table["term"] == "")]
    if not bad.empty:
        row = bad.index[0] + 2  # header is line 1
        raise LexiconError(
            f"{path}: line {row}: needs a term, a numeric valence and a kind in {KINDS}"
        )
    return table


def _as_lexicon(additions: Mapping[str, float] | pd.DataFrame | str | Path) -> pd.DataFrame:
    """Turn user additions into lexicon rows (a dict's multi-word terms become phrases)."""
    if isinstance(additions, str | Path):
        return read_lexicon(additions)
    if isinstance(additions, pd.DataFrame):
        require_columns(additions, ["term", "valence"], name="lexicon additions")
        table = additions.copy()
    else:
        table = pd.DataFrame({"term": list(additions), "valence": list(additions.values())})
    if "kind" not in table:
        table["kind"] = ["phrase" if " " in t else "word" for t in table["term"]]
    table["note"] = table.get("note", "user addition")
    return table


def _unit_token(term: str) -> str:
    """The single token a phrase or name becomes: lower case, joined by '_'."""
    return "_".join(term.casefold().split())


@dataclass
class ToneModel:
    """A loaded tone lexicon and the two VADER analyzers built from it.

    Build one with :func:`tone_model`; the default is built once per process.
    """

    lexicon: pd.DataFrame
    context: frozenset[str]
    units: dict[tuple[str, ...], tuple[str, str]] = field(init=False)
    plain: Vader = field(init=False)
    diplomatic: Vader = field(init=False)
    rules: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        base = analyzer().lexicon
        self.rules = {}
        self.units = {}
        overlay: dict[str, float] = {}
        senses: dict[str, float] = {}
        for term, valence, kind in self.lexicon[["term", "valence", "kind"]].itertuples(
            index=False
        ):
            words = tuple(term.casefold().split())
            token = _unit_token(term)
            if kind == "entity" or len(words) > 1:
                rule = "entity guard" if kind == "entity" else "phrase"
                self.units[words] = (token, rule)
                self.rules[token] = rule
            if kind == "sense":
                senses[token] = float(valence)
                self.rules[token] = "sense"
            elif kind != "entity":
                overlay[token] = float(valence)
                self.rules.setdefault(token, "overlay")
        self.plain = Vader({**base, **overlay})
        self.diplomatic = Vader({**base, **overlay, **senses})
        self._longest = max((len(w) for w in self.units), default=1)
        self._unit_starts = frozenset(words[0] for words in self.units)
        self._unit_words = {token: words for words, (token, _) in self.units.items()}

    def rewrite(self, text: str) -> tuple[str, dict[str, str]]:
        """Join phrases and guarded names into single tokens; keep all else.

        Returns:
            The rewritten text, and each joined token with the words as written.

        Example:
            >>> text, surfaces = tone_model().rewrite("The United States hit a stone wall.")
            >>> text
            'The united_states hit a stone_wall.'
            >>> surfaces
            {'united_states': 'United States', 'stone_wall': 'stone wall'}
        """
        tokens = text.split()
        keys = word_keys(tokens)
        out, surfaces, i = [], {}, 0
        while i < len(tokens):
            if keys[i] not in self._unit_starts:
                out.append(tokens[i])
                i += 1
                continue
            for size in range(min(self._longest, len(tokens) - i), 1, -1):
                unit = self.units.get(tuple(keys[i : i + size]))
                if unit:
                    lead = re.match(r"^\W*", tokens[i]).group()  # type: ignore[union-attr]
                    trail = re.search(r"\W*$", tokens[i + size - 1]).group()  # type: ignore[union-attr]
                    out.append(f"{lead}{unit[0]}{trail}")
                    surfaces[unit[0]] = " ".join(t.strip(PUNCTUATION) for t in tokens[i : i + size])
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return " ".join(out), surfaces

    def analyzer_for(self, rewritten: str) -> Vader:
        """The diplomatic-sense analyzer when the text has a context word."""
        words = set(word_keys(rewritten.split()))
        return self.diplomatic if words & self.context else self.plain

    def read(self, text: str) -> Reading:
        """Read one text: per-token valences, the events found, and the tone."""
        rewritten, surfaces = self.rewrite(text)
        chosen = self.analyzer_for(rewritten)
        read = chosen.valences(rewritten)
        scored_text, tokens, traced = read.text, read.words, read.sentiments
        raw = scored_text.split()
        sentiments = [float(v) for v in traced]
        events, owners = self._events(raw)
        in_context = chosen is self.diplomatic
        event_valences = []
        scoped: set[int] = set()
        absorbed: set[int] = set()  # words read as part of an event
        for event in events:
            valence = 0.0
            if _moves_tone(event, in_context=in_context):
                valence = EVENT_WEIGHT * event.cue.goldstein
                valence *= HEDGE_FACTOR if event.hedged else 1.0
            event_valences.append(valence)
            if valence:
                absorbed.update(owners[p] for p in event.positions)
                scoped.update(_scope(raw, sentiments, owners[event.positions[-1]] + 1, valence))
        scoped -= absorbed
        for i in scoped | absorbed:
            sentiments[i] = 0.0
        summed = sum(sentiments) + sum(event_valences)
        emphasis = chosen._punctuation_emphasis(scored_text) if summed else 0.0
        total = summed + math.copysign(emphasis, summed) if summed else 0.0
        return Reading(
            tone=round(normalize(total), 4) if summed else 0.0,
            tokens=tokens,
            traced=[float(v) for v in traced],
            sentiments=sentiments,
            scoped=scoped,
            absorbed=absorbed,
            events=events,
            event_valences=event_valences,
            emphasis=math.copysign(emphasis, summed) if emphasis else 0.0,
            surfaces=surfaces,
            analyzer=chosen,
            cap_diff=read.cap_diff,
        )

    def _events(self, raw: list[str]) -> tuple[list[Event], list[int]]:
        """Events in the rewritten tokens (joined phrases read as their words)."""
        words, owners = [], []
        for i, token in enumerate(raw):
            for word in self._unit_words.get(word_key(token), (token,)):
                words.append(word)
                owners.append(i)
        return events_in(words), owners

    def score(self, text: str) -> float:
        """Return the diplomatic tone (compound, −1..1) of one text."""
        return self.read(text).tone

    def explain(self, text: str) -> pd.DataFrame:
        """Return the tokens and events that moved a text's tone; see :func:`explain`."""
        reading = self.read(text)
        chosen, tokens = reading.analyzer, reading.tokens
        rows = []
        for i, (token, valence) in enumerate(zip(tokens, reading.sentiments, strict=True)):
            key = token.casefold()
            base = chosen.lexicon.get(key, 0.0) if key not in BOOSTER_DICT else 0.0
            rule = self.rules.get(key, "lexicon")
            if not (base or valence or rule == "entity guard"):
                continue
            if i in reading.scoped:
                modifier = "scope"
            elif i in reading.absorbed:
                modifier = "event"
            else:
                modifier = _modifier(tokens, i, base, reading.traced[i], reading.cap_diff)
            rows.append(_row(reading.surfaces.get(key, token), base, valence, rule, modifier))
        for event, valence in zip(reading.events, reading.event_valences, strict=True):
            modifier = "negation" if event.negated else "hedged" if event.hedged else ""
            if not (valence or event.negated and _carries_tone(event.cue)):
                continue
            rows.append(
                _row(event.matched, EVENT_WEIGHT * event.cue.goldstein, valence, "event",
                     modifier, cameo=event.cue.cameo, goldstein=event.cue.goldstein)
            )  # fmt: skip
        if reading.emphasis:
            rows.append(_row("punctuation", 0.0, reading.emphasis, "punctuation", ""))
        frame = pd.DataFrame.from_records(rows, columns=list(EXPLAIN_EMPTY.columns))
        frame = frame.astype(EXPLAIN_EMPTY.dtypes.to_dict())
        summed = frame["valence"].sum()
        assert math.isclose(normalize(summed) if summed else 0.0, reading.tone, abs_tol=1e-4)
        return frame


@dataclass
class Reading:
    """What :meth:`ToneModel.read` found in one text."""

    tone: float
    tokens: list[str]
    traced: list[float]  # VADER's valences
    sentiments: list[float]  # after the scope rule
    scoped: set[int]
    absorbed: set[int]
    events: list[Event]
    event_valences: list[float]
    emphasis: float
    surfaces: dict[str, str]
    analyzer: Vader
    cap_diff: bool


def _moves_tone(event: Event, *, in_context: bool) -> bool:
    """Whether an event moves tone (see the module's docstring)."""
    cue = event.cue
    if event.negated or not _carries_tone(cue):
        return False
    return cue.specific or (in_context and cue.source == "curated")


def _carries_tone(cue: Cue) -> bool:
    return cue.cameo != NULL_CODE and cue.cameo[:2] not in TONELESS_ROOTS


def _row(token, lexicon_valence, valence, rule, modifier, *, cameo="", goldstein=math.nan):
    return {"token": token, "lexicon_valence": float(lexicon_valence), "valence": float(valence),
            "rule": rule, "modifier": modifier, "cameo": cameo, "goldstein": goldstein}  # fmt: skip


def _scope(raw: list[str], sentiments: list[float], after: int, sign: float) -> list[int]:
    """Opposite-sign words in a relative or purpose clause just after an event (``scope``).

    The clause starts at a marker ("that", "which", "to", "against" …) within ``SCOPE_REACH``
    words of the event, with no clause break before it, and ends at a comma,
    semicolon, colon or "but".
    """
    for marker in range(after, min(after + SCOPE_REACH, len(raw))):
        if word_key(raw[marker]) in SCOPE_MARKERS:
            break
        if raw[marker].endswith(CLAUSE_BREAKS):
            return []
    else:
        return []
    scoped = []
    for i in range(marker + 1, len(raw)):
        if word_key(raw[i]) == "but":
            break
        if sentiments[i] and (sentiments[i] > 0) != (sign > 0):
            scoped.append(i)
        if raw[i].endswith(CLAUSE_BREAKS):
            break
    return scoped


def _read_context(path: Path = CONTEXT_PATH) -> frozenset[str]:
    return frozenset(read_resource(path, ["term"])["term"].str.casefold())


def tone_model(
    additions: Mapping[str, float] | pd.DataFrame | str | Path | None = None,
) -> ToneModel:
    """Return a tone model: the shipped lexicon, plus user additions if given.

    Args:
        additions: Extra or replacement entries: a ``{term: valence}`` dict
            (a term of several words is a phrase), a frame with ``term``,
            ``valence`` and optional ``kind``, or a TSV path like the shipped
            lexicon. A term given again replaces the shipped entry.

    Returns:
        The model; without additions, one shared instance per process.
    """
    if additions is None:
        return _default_model()
    extra = _as_lexicon(additions)
    shipped = read_lexicon()
    terms = set(extra["term"].str.casefold())
    merged = pd.concat([shipped[~shipped["term"].str.casefold().isin(terms)], extra])
    return ToneModel(merged.reset_index(drop=True), _read_context())


@functools.cache
def _default_model() -> ToneModel:
    return ToneModel(read_lexicon(), _read_context())


def counted_events(events: list[Event]) -> list[Event]:
    """The events that count in ``cooperation`` and ``conflict``: not negated, coded."""
    return [e for e in events if not e.negated and e.cue.cameo != NULL_CODE]


def event_weight(event: Event) -> float:
    """An event's Goldstein value, halved when it is hedged."""
    return event.cue.goldstein * (HEDGE_FACTOR if event.hedged else 1.0)


def event_weights(events: list[Event]) -> list[float]:
    """The weight of each counted event (see :func:`counted_events`)."""
    return [event_weight(e) for e in counted_events(events)]


def _event_columns(events: list[Event]) -> dict[str, object]:
    counted = counted_events(events)
    weights = [event_weight(e) for e in counted]
    strongest = max(counted, key=lambda e: abs(e.cue.goldstein), default=None)
    return {
        "cooperation": sum(w for w in weights if w > 0),
        "conflict": -sum(w for w in weights if w < 0),
        "goldstein": sum(weights) / len(weights) if weights else 0.0,
        "quad_class": strongest.cue.quad_class if strongest else pd.NA,
    }


TONE_COLUMNS = list(TONE)
EXPLAIN_EMPTY = pd.DataFrame(
    {"token": pd.Series(dtype="object"), "lexicon_valence": pd.Series(dtype="float64"),
     "valence": pd.Series(dtype="float64"), "rule": pd.Series(dtype="object"),
     "modifier": pd.Series(dtype="object"), "cameo": pd.Series(dtype="object"),
     "goldstein": pd.Series(dtype="float64")}
)  # fmt: skip


# Sentences read at once by score_tone: each reading (tokens, valences, cues) holds
# some 10 KB until its relations are scored, so a long chunk is read in batches.
TONE_BATCH = 2_000


def score_tone(
    sentences: pd.DataFrame,
    *,
    lexicon: Mapping[str, float] | pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Add the diplomatic tone columns to a frame of texts.

    Adds ``tone`` (−1..1, VADER's method with the diplomatic lexicon and
    the events), ``cooperation`` and ``conflict`` (sums of the Goldstein
    values of the events found, ≥ 0; negated events left out, hedged ones
    halved), ``goldstein`` (their mean, −10..10, 0 when none),
    ``quad_class`` (GDELT QuadClass of the strongest event, NA when none)
    ``hedged`` (a hedging cue anywhere in the text) and ``relations``
    (good or bad news for the relations of the parties, from the same
    reading: see :mod:`analysis.relations`).

    Args:
        sentences: A frame with a ``text`` column.
        lexicon: Additions to the shipped lexicon (see :func:`tone_model`).

    Returns:
        A copy with the tone columns.

    Example:
        >>> scored = score_tone(pd.DataFrame({"text": ["Relations remained cool."]}))
        >>> float(scored["tone"][0]) < 0
        True
    """
    from analysis.relations import relations_model  # it reads this module's readings

    require_columns(sentences, ["text"], name="sentences")
    model = tone_model(lexicon)
    texts = sentences["text"].astype(str).tolist()
    events, tones, relations = [], [], []
    for start in range(0, len(texts), TONE_BATCH):  # readings are large: a batch at a time
        batch = texts[start : start + TONE_BATCH]
        readings = [model.read(t) for t in batch]
        events += [_event_columns(r.events) for r in readings]
        tones += [r.tone for r in readings]
        relations += relations_model().scores(batch, readings)
    columns = pd.DataFrame.from_records(events, index=sentences.index, columns=TONE_COLUMNS[1:5])
    columns.insert(0, "tone", tones)
    columns["hedged"] = [is_hedged(t) for t in texts]
    columns["relations"] = relations
    columns = columns.astype({column: dtype for column, (dtype, _) in TONE.items()})
    return sentences.drop(columns=TONE_COLUMNS, errors="ignore").join(columns)


def _modifier(tokens: list[str], i: int, base: float, valence: float, cap_diff: bool) -> str:
    """Name the VADER rule that turned a word's lexicon valence into its contribution."""
    if math.isclose(base, valence):
        return ""
    if base and valence and (base > 0) != (valence > 0) or (base and not valence):
        return "negation"
    before = [t.casefold() for t in tokens[max(0, i - 3) : i]]
    if any(b in BOOSTER_DICT for b in before):
        return "booster"
    if cap_diff and tokens[i].isupper():
        return "capitals"
    if "but" in (t.casefold() for t in tokens):
        return "but"
    return "other"  # VADER's rarer rules ("no", "least", "kind of", "never so")


def explain(
    text: str, *, lexicon: Mapping[str, float] | pd.DataFrame | str | Path | None = None
) -> pd.DataFrame:
    """Show which tokens and phrases moved a text's tone, and by which rule.

    Each row is a token that carries valence or was guarded: ``token`` as
    written (a phrase or name in full), ``lexicon_valence`` (its entry),
    ``valence`` (its contribution after VADER's rules), ``rule`` (lexicon,
    overlay, phrase, sense, entity guard) and ``modifier`` (negation,
    booster, capitals, but, other, ``scope`` for a word silenced inside an
    event's relative or purpose clause, or empty). Then a row per event (rule
    ``event``): the words matched, ``cameo`` (its CAMEO code), ``goldstein``
    (its Goldstein value), ``lexicon_valence`` (``EVENT_WEIGHT`` × Goldstein),
    ``valence`` (halved when ``hedged``, 0 under ``negation``). A last row
    ``punctuation`` holds the emphasis of "!" and "?". The valences, summed
    and passed through VADER's normalisation, give :func:`score_tone`'s ``tone``.

    Example:
        >>> explain("Russia threatened the United States.")[
        ...     ["token", "valence", "rule", "modifier", "cameo"]]  # doctest: +NORMALIZE_WHITESPACE
                   token  valence          rule modifier cameo
        0     threatened      0.0       lexicon    event
        1  United States      0.0  entity guard
        2     threatened     -1.8         event            130
    """
    return tone_model(lexicon).explain(text)


def word_contributions(
    texts: Iterable[str],
    *,
    lexicon: Mapping[str, float] | pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Sum :func:`explain` over many texts: total valence per token.

    Args:
        texts: The texts, e.g. an article's sentences.
        lexicon: Additions to the shipped lexicon (see :func:`tone_model`).

    Returns:
        One row per token (case-folded), with ``valence`` (summed
        contribution), ``count`` and ``rule``, most influential first.
    """
    model = tone_model(lexicon)
    frames = [model.explain(t) for t in texts]
    rows = pd.concat([EXPLAIN_EMPTY, *frames], ignore_index=True)
    rows = rows[rows["rule"] != "punctuation"]
    rows = rows.assign(token=rows["token"].str.casefold())
    table = rows.groupby("token").agg(
        valence=("valence", "sum"), count=("valence", "size"), rule=("rule", "first")
    )
    return table.reindex(table["valence"].abs().sort_values(ascending=False).index).reset_index()
