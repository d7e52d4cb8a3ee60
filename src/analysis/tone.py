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

It also codes events: cooperation and conflict cues weighted on the Goldstein
scale used by CAMEO and GDELT, with negation respected, and hedging cues.
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
    SentimentIntensityAnalyzer,
    SentiText,
    negated,
    normalize,
)

from analysis.config import RESOURCES_DIR
from analysis.schema import TONE, LexiconError, read_resource, require_columns
from analysis.sentiment import analyzer

LEXICON_PATH = RESOURCES_DIR / "tone_lexicon.tsv"
CONTEXT_PATH = RESOURCES_DIR / "diplomatic_context.tsv"
EVENT_CUES_PATH = RESOURCES_DIR / "event_cues.tsv"
HEDGE_CUES_PATH = RESOURCES_DIR / "hedge_cues.tsv"

KINDS = ("word", "phrase", "sense", "entity")
NEGATION_WINDOW = 3
CUE_GAP_WORDS = 4
CUE_GAP = rf"\W+(?:[\w'’-]+\W+){{0,{CUE_GAP_WORDS}}}"
WORD = re.compile(r"[\w'’.-]+")


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


PUNCTUATION = ".,;:!?\"'“”‘’()[]"


def _key(word: str) -> str:
    return word.casefold().strip(PUNCTUATION)


@dataclass
class ToneModel:
    """A loaded tone lexicon and the two VADER analyzers built from it.

    Build one with :func:`tone_model`; the default is built once per process.
    """

    lexicon: pd.DataFrame
    context: frozenset[str]
    units: dict[tuple[str, ...], tuple[str, str]] = field(init=False)
    plain: _TracingAnalyzer = field(init=False)
    diplomatic: _TracingAnalyzer = field(init=False)
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
        self.plain = _TracingAnalyzer({**base, **overlay})
        self.diplomatic = _TracingAnalyzer({**base, **overlay, **senses})
        self._longest = max((len(w) for w in self.units), default=1)

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
        keys = [_key(t) for t in tokens]
        out, surfaces, i = [], {}, 0
        while i < len(tokens):
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

    def analyzer_for(self, rewritten: str) -> _TracingAnalyzer:
        """The diplomatic-sense analyzer when the text has a context word."""
        words = {_key(t) for t in rewritten.split()}
        return self.diplomatic if words & self.context else self.plain

    def score(self, text: str) -> float:
        """Return the diplomatic tone (compound, −1..1) of one text."""
        rewritten, _ = self.rewrite(text)
        return self.analyzer_for(rewritten).polarity_scores(rewritten)["compound"]

    def explain(self, text: str) -> pd.DataFrame:
        """Return the tokens that moved a text's tone; see :func:`explain`."""
        rewritten, surfaces = self.rewrite(text)
        chosen = self.analyzer_for(rewritten)
        total = chosen.polarity_scores(rewritten)
        sentiments, scored_text = chosen.trace
        sentitext = SentiText(scored_text)
        tokens = sentitext.words_and_emoticons
        rows = []
        for i, (token, valence) in enumerate(zip(tokens, sentiments, strict=True)):
            key = token.casefold()
            base = chosen.lexicon.get(key, 0.0) if key not in BOOSTER_DICT else 0.0
            rule = self.rules.get(key, "lexicon")
            if not (base or valence or rule == "entity guard"):
                continue
            rows.append(
                {
                    "token": surfaces.get(key, token),
                    "lexicon_valence": base,
                    "valence": float(valence),
                    "rule": rule,
                    "modifier": _modifier(tokens, i, base, valence, sentitext.is_cap_diff),
                }
            )
        summed = sum(sentiments)
        emphasis = chosen._punctuation_emphasis(scored_text) if summed else 0.0
        if emphasis:
            rows.append(
                {
                    "token": "punctuation",
                    "lexicon_valence": 0.0,
                    "valence": math.copysign(emphasis, summed),
                    "rule": "punctuation",
                    "modifier": "",
                }
            )
        frame = pd.DataFrame.from_records(rows, columns=list(EXPLAIN_EMPTY.columns))
        assert math.isclose(normalize(frame["valence"].sum()) if rows else 0.0, total["compound"],
                            abs_tol=1e-4)  # fmt: skip
        return frame


class _TracingAnalyzer(SentimentIntensityAnalyzer):
    """A VADER analyzer that keeps the per-token valences of its last call."""

    def __init__(self, lexicon: dict[str, float]) -> None:
        super().__init__()
        self.lexicon = lexicon
        self.trace: tuple[list[float], str] = ([], "")

    def score_valence(self, sentiments, text):  # noqa: D102 - VADER's hook
        self.trace = (list(sentiments), text)
        return super().score_valence(sentiments, text)


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


@dataclass(frozen=True)
class Cue:
    """One event or hedging cue, compiled from the pattern language of the TSVs.

    Words are separated by spaces; ``a|b`` gives alternatives for one word;
    ``word*`` matches any ending; ``...`` allows up to four words between.
    """

    pattern: str
    regex: re.Pattern[str]
    goldstein: float = 0.0
    quad_class: str = ""
    cameo: str = ""


def compile_cue(pattern: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """Compile a cue pattern to a regular expression.

    Example:
        >>> bool(compile_cue("sign* ... treaty|accord").search("they signed the new treaty"))
        True
    """
    pieces: list[str] = []
    separator = r"\W+"
    for word in pattern.split():
        if word == "...":
            separator = CUE_GAP
            continue
        alternatives = [
            re.escape(a[:-1]) + r"[\w'’-]*" if a.endswith("*") else re.escape(a)
            for a in word.split("|")
        ]
        if pieces:
            pieces.append(separator)
        pieces.append("(?:" + "|".join(alternatives) + ")")
        separator = r"\W+"
    body = "".join(pieces)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w'’-]){body}(?![\w'’-])", flags)


@functools.cache
def event_cues(path: str | Path = EVENT_CUES_PATH) -> tuple[Cue, ...]:
    """Read the cooperation/conflict cues: ``cue``, ``goldstein``, ``quad_class``, ``cameo``."""
    table = read_resource(Path(path), ["cue", "goldstein", "quad_class", "cameo"])
    return tuple(
        Cue(row.cue, compile_cue(row.cue), float(row.goldstein), row.quad_class, row.cameo)
        for row in table.itertuples(index=False)
    )


@functools.cache
def hedge_cues(path: str | Path = HEDGE_CUES_PATH) -> tuple[Cue, ...]:
    """Read the hedging cues: ``cue``, ``case_sensitive`` (yes/no)."""
    table = read_resource(Path(path), ["cue", "case_sensitive"])
    return tuple(
        Cue(row.cue, compile_cue(row.cue, case_sensitive=row.case_sensitive == "yes"))
        for row in table.itertuples(index=False)
    )


def _is_negated(text: str, start: int) -> bool:
    before = WORD.findall(text[:start])[-NEGATION_WINDOW:]
    return bool(before) and negated([w.casefold() for w in before])


def find_events(text: str) -> list[tuple[Cue, str]]:
    """Return the event cues that fire in a text, with the words matched.

    A cue preceded within three words by a negation ("did not threaten")
    does not fire.

    Example:
        >>> [(c.cameo, m) for c, m in find_events("Russia did not threaten Georgia.")]
        []
        >>> [(c.cameo, m) for c, m in find_events("They signed the treaty.")]
        [('057', 'signed the treaty')]
    """
    fired = []
    for cue in event_cues():
        for match in cue.regex.finditer(text):
            if not _is_negated(text, match.start()):
                fired.append((cue, match.group()))
    return fired


def is_hedged(text: str) -> bool:
    """Tell whether a text hedges ("might", "remains to be seen" …).

    Example:
        >>> is_hedged("The problem wouldn't be solved anytime soon.")
        True
    """
    return any(cue.regex.search(text) for cue in hedge_cues())


def _event_columns(text: str) -> dict[str, object]:
    events = find_events(text)
    weights = [cue.goldstein for cue, _ in events]
    strongest = max(events, key=lambda e: abs(e[0].goldstein), default=None)
    return {
        "cooperation": sum(w for w in weights if w > 0),
        "conflict": -sum(w for w in weights if w < 0),
        "goldstein": sum(weights) / len(weights) if weights else 0.0,
        "quad_class": strongest[0].quad_class if strongest else pd.NA,
    }


TONE_COLUMNS = list(TONE)
EXPLAIN_EMPTY = pd.DataFrame(
    {"token": pd.Series(dtype="object"), "lexicon_valence": pd.Series(dtype="float64"),
     "valence": pd.Series(dtype="float64"), "rule": pd.Series(dtype="object"),
     "modifier": pd.Series(dtype="object")}
)  # fmt: skip


def score_tone(
    sentences: pd.DataFrame,
    *,
    lexicon: Mapping[str, float] | pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Add the diplomatic tone columns to a frame of texts.

    Adds ``tone`` (−1..1, VADER's method with the diplomatic lexicon),
    ``cooperation`` and ``conflict`` (sums of the Goldstein weights of the
    cues that fired, ≥ 0), ``goldstein`` (their mean, −10..10, 0 when none),
    ``quad_class`` (GDELT QuadClass of the strongest cue, NA when none) and
    ``hedged``.

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
    require_columns(sentences, ["text"], name="sentences")
    model = tone_model(lexicon)
    texts = sentences["text"].astype(str)
    columns = pd.DataFrame.from_records(
        [_event_columns(t) for t in texts], index=sentences.index, columns=TONE_COLUMNS[1:5]
    )
    columns.insert(0, "tone", [model.score(t) for t in texts])
    columns["hedged"] = [is_hedged(t) for t in texts]
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
    booster, capitals, but, other, or empty). A last row ``punctuation`` holds the
    emphasis of "!" and "?". The valences, summed and passed through VADER's
    normalisation, give :func:`score_tone`'s ``tone``.

    Example:
        >>> explain("Russia threatened the United States.")[["token", "valence", "rule"]]
                   token  valence          rule
        0     threatened     -2.0       lexicon
        1  United States      0.0  entity guard
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
