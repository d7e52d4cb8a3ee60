"""Event and hedging cues: the cue tables and the matcher that finds them in a text.

Event cues code what happened, in CAMEO's terms (the event codes of the
event-data field, used by PETRARCH and GDELT), each with its Goldstein value
(−10 conflict … +10 cooperation). Two tables are read, curated cues first:

* ``resources/event_cues.tsv``: curated cues (diplomatic reporting's idioms,
  nouns the verb dictionary lacks);
* ``resources/event_cues_cameo.tsv`` with ``resources/event_sets_cameo.tsv``:
  converted from PETRARCH2's CAMEO verb dictionary (MIT) by
  ``analysis/resources/build_event_cues.py``.

The cue language: words separated by spaces; ``a|b`` gives alternatives for
one word; ``word*`` matches any ending; ``a_b`` is an alternative of several
words; ``&NAME`` stands for the alternatives of a word set; ``...`` allows up
to four words between.

Matching is a token-index lookup, linear in the text: each cue is filed under
the words its first slot can start with, so a text's words are looked up once
and only the cues that can start there are tried. Where cues overlap, the one
with more slots wins, then the curated one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.config import RESOURCES_DIR
from analysis.schema import LexiconError, read_resource
from analysis.sentiment import negates

EVENT_CUES_PATH = RESOURCES_DIR / "event_cues.tsv"
CAMEO_CUES_PATH = RESOURCES_DIR / "event_cues_cameo.tsv"
CAMEO_SETS_PATH = RESOURCES_DIR / "event_sets_cameo.tsv"
HEDGE_CUES_PATH = RESOURCES_DIR / "hedge_cues.tsv"

NEGATION_WINDOW = 3
"""Words before a cue in which a negation ("did not threaten") stops it."""
HEDGE_WINDOW = 3
"""Words before a cue in which a modal ("might impose sanctions") hedges it."""
EVENT_HEDGES = frozenset(
    {"might", "may", "could", "would", "should", "possibly", "perhaps", "probably", "likely",
     "unlikely", "if", "whether", "reportedly", "allegedly", "considering", "consider"}
)  # fmt: skip
"""Words that make the event after them possible rather than done."""
NOUN_MARKERS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
     "my", "your", "of", "new", "any", "no", "each", "every", "some", "such", "one", "two",
     "three", "four", "five", "several", "many", "further", "first"}
)  # fmt: skip
"""Words after which a CAMEO verb is read as a noun ("an issue", "the measures"): a
derived cue of the verb alone does not fire there (the dictionary was made for
parsed text, where the parser tells nouns from verbs)."""
FUNCTION_WORDS = frozenset(
    {"to", "with", "on", "in", "against", "for", "at", "from", "by", "over", "of", "into",
     "onto", "toward", "towards", "about", "as", "up", "down", "out", "off", "the", "a", "an",
     "and", "or", "back", "through", "under", "upon", "across", "after", "before", "between"}
)  # fmt: skip
CUE_GAP_WORDS = 4
CUE_GAP = rf"\W+(?:[\w'’-]+\W+){{0,{CUE_GAP_WORDS}}}"
NULL_CODE = "---"
FILED_WORDS = 200_000  # words whose filed cues an index remembers
# The cues a word can start (their numbers) and the object groups it opens.
Filed = tuple[frozenset[int], tuple[dict[str, list[int]], ...]]
NOTHING_FILED: Filed = (frozenset(), ())
CLAUSE_PUNCTUATION = tuple(",;:.!?")
CONJUNCTIONS = frozenset({"and", "but", "or", "while", "whereas", "although", "though", "yet"})
PUNCTUATION = ".,;:!?\"'“”‘’()[]"


def word_key(word: str) -> str:
    """A token as the cues and lexicons see it: case-folded, outer punctuation stripped."""
    return word.casefold().strip(PUNCTUATION)


def word_keys(tokens: Iterable[str]) -> list[str]:
    """The :func:`word_key` of each token."""
    return [token.casefold().strip(PUNCTUATION) for token in tokens]


@dataclass(frozen=True)
class Slot:
    """One word of a cue: exact alternatives (tuples of words) and prefixes."""

    exact: frozenset[tuple[str, ...]]
    prefixes: tuple[str, ...]
    gap: int  # words that may come before it, after the previous slot
    lengths: tuple[int, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        longest_first = sorted({len(words) for words in self.exact}, reverse=True)
        object.__setattr__(self, "lengths", tuple(longest_first))

    def match(self, keys: Sequence[str], at: int) -> int:
        """The end of the longest alternative matched at ``at``, or -1."""
        best = -1
        for length in self.lengths:
            if at + length <= len(keys) and tuple(keys[at : at + length]) in self.exact:
                best = at + length
                break
        if best < 0 and at < len(keys) and keys[at].startswith(self.prefixes):
            best = at + 1
        return best


@dataclass(frozen=True)
class Cue:
    """One event or hedging cue.

    ``regex`` is set for hedging cues (few, matched as regular expressions);
    event cues are matched by :class:`CueIndex`.
    """

    pattern: str
    regex: re.Pattern[str] | None = None
    goldstein: float = 0.0
    quad_class: str = ""
    cameo: str = ""
    source: str = "curated"
    slots: tuple[Slot, ...] = field(default=(), compare=False, repr=False)

    @functools.cached_property
    def specific(self) -> bool:
        """Two slots or more with a content word: a verb with its object, a phrase."""
        return sum(map(_has_content, self.slots)) >= 2


@dataclass(frozen=True)
class Event:
    """A cue found in a text: its token positions and state."""

    cue: Cue
    positions: tuple[int, ...]  # token positions of the matched words
    matched: str
    negated: bool = False
    hedged: bool = False

    @property
    def start(self) -> int:
        """First token of the event."""
        return self.positions[0]

    @property
    def end(self) -> int:
        """One past the last token of the event."""
        return self.positions[-1] + 1


def _has_content(slot: Slot) -> bool:
    return bool(slot.prefixes) or any(not set(words) <= FUNCTION_WORDS for words in slot.exact)


def parse_cue(
    pattern: str,
    sets: dict[str, list[str]] | None = None,
    *,
    memo: dict[tuple[str, int], Slot] | None = None,
) -> tuple[Slot, ...]:
    """Parse a cue pattern into slots.

    Args:
        pattern: The cue, in the cue language of this module.
        sets: The word sets that ``&NAME`` refers to.
        memo: Slots already built, shared between the cues of a table (a
            verb set is built once, not once per pattern).

    Example:
        >>> [sorted(s.exact) for s in parse_cue("sign|signed ... treaty")]
        [[('sign',), ('signed',)], [('treaty',)]]
    """
    memo = {} if memo is None else memo
    slots: list[Slot] = []
    gap = 0
    for word in pattern.casefold().split():
        if word == "...":
            gap = CUE_GAP_WORDS
            continue
        if (word, gap) not in memo:
            memo[(word, gap)] = _slot(word, gap, pattern, sets)
        slots.append(memo[(word, gap)])
        gap = 0
    if not slots:
        raise LexiconError(f"cue {pattern!r} has no words")
    return tuple(slots)


def _slot(word: str, gap: int, pattern: str, sets: dict[str, list[str]] | None) -> Slot:
    alternatives: list[str] = []
    for alternative in word.split("|"):
        if alternative.startswith("&"):
            name = alternative[1:].upper()
            if sets is None or name not in sets:
                raise LexiconError(f"cue {pattern!r}: unknown word set &{name}")
            alternatives.extend(sets[name])
        else:
            alternatives.append(alternative)
    exact = frozenset(tuple(a.split("_")) for a in alternatives if not a.endswith("*"))
    prefixes = tuple(a[:-1] for a in alternatives if a.endswith("*"))
    return Slot(exact, prefixes, gap)


class CueIndex:
    """Event cues filed under the words they can start with.

    A cue of one slot, or whose second slot holds prefixes, is filed under
    its first word; any other under its first word and the first word of its
    second slot, so that a verb with hundreds of patterns ("say", "make")
    tries only those whose object is near.
    """

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.cues = tuple(cues)
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        # Cues with an object, grouped by their first slot (a verb set is shared by its
        # patterns): group -> object's first word -> cues; a word -> its groups.
        groups: dict[int, dict[str, list[int]]] = {}
        self._groups_of: dict[str, list[dict[str, list[int]]]] = {}
        self._prefix_groups: dict[str, list[dict[str, list[int]]]] = {}
        for number, cue in enumerate(self.cues):
            first = cue.slots[0]
            second = cue.slots[1] if len(cue.slots) > 1 else None
            if second is None or second.prefixes:
                for word in {w[0] for w in first.exact}:
                    self._exact.setdefault(word, []).append(number)
                for prefix in first.prefixes:
                    self._prefix.setdefault(prefix, []).append(number)
                continue
            if id(first) not in groups:
                group: dict[str, list[int]] = {}
                groups[id(first)] = group
                for word in {w[0] for w in first.exact}:
                    self._groups_of.setdefault(word, []).append(group)
                for prefix in first.prefixes:
                    self._prefix_groups.setdefault(prefix, []).append(group)
            for follower in {w[0] for w in second.exact}:
                groups[id(first)].setdefault(follower, []).append(number)
        self._prefix_lengths = sorted({len(p) for p in [*self._prefix, *self._prefix_groups]})
        longest = max((len(w) for c in self.cues for w in c.slots[0].exact), default=1)
        self._reach = longest + CUE_GAP_WORDS + 1
        self._filed: dict[str, Filed] = {}

    def _filed_under(self, key: str) -> Filed:
        """The cues and object groups filed under a word (:data:`NOTHING_FILED` for most).

        Remembered for up to :data:`FILED_WORDS` words: a corpus's vocabulary is unbounded.
        """
        filed = self._filed.get(key)
        if filed is None:
            found = set(self._exact.get(key, ()))
            groups = list(self._groups_of.get(key, ()))
            for length in self._prefix_lengths:
                if length > len(key):
                    break
                found.update(self._prefix.get(key[:length], ()))
                groups.extend(self._prefix_groups.get(key[:length], ()))
            filed = (frozenset(found), tuple(groups)) if found or groups else NOTHING_FILED
            if len(self._filed) < FILED_WORDS:
                self._filed[key] = filed
        return filed

    def _starting_at(self, keys: Sequence[str], at: int, filed: Filed) -> frozenset[int] | set[int]:
        """The cues that can start at word ``at`` (a superset; :meth:`_match` decides)."""
        found, groups = filed
        if not groups:
            return found
        more = set(found)
        window = keys[at + 1 : at + self._reach]
        for group in groups:
            for word in window:
                if word in group:
                    more.update(group[word])
        return more

    @staticmethod
    def _match(
        slots: tuple[Slot, ...], keys: Sequence[str], at: int, stops: Sequence[bool]
    ) -> tuple[int, ...] | None:
        end = slots[0].match(keys, at)
        if end < 0:
            return None
        positions = list(range(at, end))
        for slot in slots[1:]:
            for start in range(end, min(end + slot.gap, len(keys) - 1) + 1):
                if stops[start - 1]:
                    return None
                found = slot.match(keys, start)
                if found >= 0:
                    positions.extend(range(start, found))
                    end = found
                    break
            else:
                return None
        return tuple(positions)

    def find(
        self, keys: Sequence[str], stops: Sequence[bool] | None = None
    ) -> list[tuple[Cue, tuple[int, ...]]]:
        """Every cue found in a list of word keys, overlaps resolved, in text order.

        Args:
            keys: The words' keys (:func:`word_key`).
            stops: For each word, whether a cue may not run on past it (a
                clause ends there); default: none.
        """
        stops = [False] * len(keys) if stops is None else stops
        candidates = []
        for at, key in enumerate(keys):
            filed = self._filed_under(key)
            if filed is NOTHING_FILED:
                continue
            for number in self._starting_at(keys, at, filed):
                cue = self.cues[number]
                positions = self._match(cue.slots, keys, at, stops)
                if positions:
                    candidates.append((-len(cue.slots), cue.source != "curated", number, positions))
        taken: set[int] = set()
        chosen = []
        for *_, number, positions in sorted(candidates):
            if taken.isdisjoint(positions):
                taken.update(positions)
                chosen.append((self.cues[number], positions))
        return sorted(chosen, key=lambda found: found[1])


def compile_cue(pattern: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """Compile a cue pattern (without word sets) to a regular expression.

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


def read_word_sets(path: str | Path = CAMEO_SETS_PATH) -> dict[str, list[str]]:
    """Read word sets: ``set``, ``words`` (``a|b|c``)."""
    table = read_resource(Path(path), ["set", "words"])
    return {row.set.upper(): row.words.split("|") for row in table.itertuples(index=False)}


def _read_event_table(path: Path, sets: dict[str, list[str]], source: str) -> list[Cue]:
    table = read_resource(path, ["cue", "goldstein", "quad_class", "cameo"])
    memo: dict[tuple[str, int], Slot] = {}
    cues = []
    for line, row in enumerate(table.itertuples(index=False), start=2):
        try:
            goldstein = float(row.goldstein)
        except ValueError as error:
            raise LexiconError(f"{path}: line {line}: goldstein must be a number") from error
        slots = parse_cue(row.cue, sets, memo=memo)
        cues.append(Cue(row.cue, None, goldstein, row.quad_class, row.cameo, source, slots))
    return cues


@functools.cache
def event_index(
    curated: str | Path = EVENT_CUES_PATH,
    derived: str | Path | None = CAMEO_CUES_PATH,
    sets: str | Path = CAMEO_SETS_PATH,
) -> CueIndex:
    """The event cues, curated on top of the CAMEO-derived ones, indexed for matching.

    A derived cue with the same pattern as a curated one is left out.

    Args:
        curated: The curated cue table.
        derived: The CAMEO-derived cue table, or None for the curated cues only.
        sets: The word sets the derived cues refer to.
    """
    words = read_word_sets(sets)
    cues = _read_event_table(Path(curated), words, "curated")
    if derived is not None:
        own = {cue.pattern.casefold() for cue in cues}
        cues += [
            cue
            for cue in _read_event_table(Path(derived), words, "CAMEO")
            if cue.pattern.casefold() not in own
        ]
    return CueIndex(cues)


def event_cues() -> tuple[Cue, ...]:
    """All event cues: curated first, then those from the CAMEO dictionary."""
    return event_index().cues


@functools.cache
def hedge_cues(path: str | Path = HEDGE_CUES_PATH) -> tuple[Cue, ...]:
    """Read the hedging cues: ``cue``, ``case_sensitive`` (yes/no)."""
    table = read_resource(Path(path), ["cue", "case_sensitive"])
    return tuple(
        Cue(row.cue, compile_cue(row.cue, case_sensitive=row.case_sensitive == "yes"))
        for row in table.itertuples(index=False)
    )


def _is_hedged_at(tokens: Sequence[str], keys: Sequence[str], start: int) -> bool:
    window = range(max(0, start - HEDGE_WINDOW), start)
    # "May" with a capital is usually the month.
    return any(keys[i] in EVENT_HEDGES and tokens[i] != "May" for i in window)


def clause_stops(tokens: Sequence[str], keys: Sequence[str]) -> list[bool]:
    """For each word, whether a clause ends after it: a cue does not run on past it.

    A clause ends at a word followed by punctuation (``,;:.!?``) or before a
    conjunction ("and", "but", "or" …): "passed and talks" is no event.
    """
    following = [*keys[1:], ""][: len(keys)]
    return [
        token.endswith(CLAUSE_PUNCTUATION) or after in CONJUNCTIONS
        for token, after in zip(tokens, following, strict=True)
    ]


def _reads_as_noun(cue: Cue, keys: Sequence[str], start: int) -> bool:
    if cue.source == "curated" or len(cue.slots) > 1 or start == 0:
        return False
    before = keys[start - 1]
    return before in NOUN_MARKERS or before.isdigit()


def events_in(tokens: Sequence[str], keys: Sequence[str] | None = None) -> list[Event]:
    """The events in a text split into tokens, with negation and hedging marked.

    Args:
        tokens: The words as written (e.g. ``text.split()``).
        keys: Their lookup keys (default: :func:`word_key` of each token).
    """
    keys = word_keys(tokens) if keys is None else keys
    found = []
    for cue, positions in event_index().find(keys, clause_stops(tokens, keys)):
        start = positions[0]
        if _reads_as_noun(cue, keys, start):
            continue
        before = [k for k in keys[max(0, start - NEGATION_WINDOW) : start] if k]
        found.append(
            Event(
                cue,
                positions,
                " ".join(tokens[i].strip(PUNCTUATION) for i in range(start, positions[-1] + 1)),
                negated=any(negates(word) for word in before),
                hedged=_is_hedged_at(tokens, keys, start),
            )
        )
    return found


def find_events(text: str) -> list[Event]:
    """Return the event cues that fire in a text (not negated), with the words matched.

    A cue preceded within three words by a negation ("did not threaten")
    does not fire; one preceded by a modal ("might impose sanctions") fires
    with ``hedged`` set.

    Example:
        >>> [e.cue.cameo for e in find_events("Russia did not threaten Georgia.")]
        []
        >>> [(e.cue.cameo, e.matched) for e in find_events("They signed the treaty.")]
        [('057', 'signed the treaty')]
    """
    return [event for event in events_in(text.split()) if not event.negated]


def is_hedged(text: str) -> bool:
    """Tell whether a text hedges ("might", "remains to be seen" …).

    Example:
        >>> is_hedged("The problem wouldn't be solved anytime soon.")
        True
    """
    folded = text.casefold()
    return any(
        any(word in folded for word in first) and regex.search(text) is not None
        for first, regex in _hedge_checks()
    )


@functools.cache
def _hedge_checks() -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    """Each hedging cue's regex beside the first words it needs (a fast test before it)."""
    return tuple(
        (tuple(a.rstrip("*").casefold() for a in cue.pattern.split()[0].split("|")), cue.regex)
        for cue in hedge_cues()
        if cue.regex is not None
    )
