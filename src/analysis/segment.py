"""Split articles into sentences with character offsets.

Paragraphs are the blocks of ``articles.text`` separated by a blank line;
paragraph 0 is the headline. A short paragraph without closing punctuation is
a subheading. Both are kept whole as one ``is_heading`` row. Other paragraphs
are split by `sentencex <https://pypi.org/project/sentencex/>`_, a rule-based
segmenter that knows news abbreviations ("U.S.", "Mr.", "Jan.", "a.m.") and
sentences ending inside a closing quote. sentencex keeps a quotation of
several sentences whole; its inside is segmented again, so each quoted
sentence is its own row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import sentencex

from analysis.cleaning import SENTENCE_END, count_words
from analysis.schema import SENTENCES, require_columns

PARAGRAPH_SEPARATOR = "\n\n"
OPENING_QUOTES = frozenset('"“')
CLOSING_QUOTES = frozenset('"”')
QUOTE_MARK = re.compile('["“”]')
MAX_HEADING_WORDS = 12
MAX_SENTENCE_CHARS = 1000


def is_subheading(paragraph: str) -> bool:
    """Tell whether a paragraph reads as a subheading.

    Example:
        >>> is_subheading("Security needs"), is_subheading("Obama said so.")
        (True, False)
    """
    return (
        count_words(paragraph) <= MAX_HEADING_WORDS
        and not paragraph.endswith((*SENTENCE_END, ","))
        and paragraph[:1].isupper()
    )


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each paragraph of an article's text.

    Example:
        >>> list(paragraph_spans("Title\\n\\nBody one."))
        [(0, 5), (7, 16)]
    """
    start = 0
    while start <= len(text):
        end = text.find(PARAGRAPH_SEPARATOR, start)
        end = len(text) if end < 0 else end
        if end > start:
            yield start, end
        start = end + len(PARAGRAPH_SEPARATOR)


def quote_spans(paragraph: str) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, closed)`` of the text between quotation marks.

    Straight marks alternate; curly marks open and close. A quote still open
    at the end of the paragraph runs to it (``closed`` False).

    Example:
        >>> text = 'He said "we agree" and “they don’t”. "Unclosed'
        >>> [text[s:e] for s, e, _ in quote_spans(text)]
        ['we agree', 'they don’t', 'Unclosed']
    """
    opened: int | None = None
    for mark in QUOTE_MARK.finditer(paragraph):
        char, index = mark.group(), mark.start()
        if opened is None and char in OPENING_QUOTES:
            opened = index + 1
        elif opened is not None and char in CLOSING_QUOTES:
            yield opened, index, True
            opened = None
    if opened is not None and paragraph[opened:].strip():
        yield opened, len(paragraph), False


def _segment(text: str) -> Iterator[tuple[int, int]]:
    """The sentences sentencex finds in ``text``, as offsets, spaces trimmed."""
    cursor = 0
    for chunk in sentencex.segment("en", text):
        stripped = chunk.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # the segmenter must return pieces of its input
            raise RuntimeError(f"sentence not found in its paragraph: {stripped!r}")
        cursor = start + len(stripped)
        yield start, cursor


def _quoted_breaks(sentence: str) -> list[int]:
    """Offsets where a quotation inside ``sentence`` starts a new sentence."""
    breaks: list[int] = []
    if not QUOTE_MARK.search(sentence):
        return breaks
    for start, end, _ in quote_spans(sentence):
        inner = list(_segment(sentence[start:end]))
        breaks += [start + piece_start for piece_start, _ in inner[1:]]
    return breaks


def sentence_spans(paragraph: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence in one paragraph, spaces trimmed.

    Example:
        >>> text = 'McFaul said: "They do not believe us. It is hard." Talks go on.'
        >>> [text[s:e] for s, e in sentence_spans(text)]
        ['McFaul said: "They do not believe us.', 'It is hard."', 'Talks go on.']
    """
    for start, end in _segment(paragraph):
        bounds = [start, *(start + b for b in _quoted_breaks(paragraph[start:end])), end]
        for piece_start, piece_end in zip(bounds, bounds[1:], strict=False):
            piece = paragraph[piece_start:piece_end]
            left = len(piece) - len(piece.lstrip())
            right = len(piece.rstrip())
            if right > left:
                yield piece_start + left, piece_start + right


def bounded_spans(
    text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS
) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` characters.

    Each cut is at the last white space before the limit (at the limit when
    there is none); pieces have no white space at either end.

    Example:
        >>> text = "one two three four"
        >>> [text[s:e] for s, e in bounded_spans(text, 0, len(text), limit=9)]
        ['one two', 'three', 'four']
    """
    while end - start > limit:
        cut = next((i for i in range(start + limit, start, -1) if text[i].isspace()), None)
        piece_end = cut if cut is not None else start + limit
        trimmed = len(text[start:piece_end].rstrip())
        yield start, start + trimmed
        start = piece_end
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _article_rows(article_id: str, text: str) -> Iterator[dict[str, object]]:
    number = 0
    for paragraph_number, (p_start, p_end) in enumerate(paragraph_spans(text)):
        paragraph = text[p_start:p_end]
        heading = paragraph_number == 0 or is_subheading(paragraph)
        sentences = [(0, len(paragraph))] if heading else sentence_spans(paragraph)
        spans = [piece for s, e in sentences for piece in bounded_spans(paragraph, s, e)]
        for s_start, s_end in spans:
            yield {
                "article_id": article_id,
                "paragraph": paragraph_number,
                "sentence": number,
                "text": paragraph[s_start:s_end],
                "start": p_start + s_start,
                "end": p_start + s_end,
                "is_heading": heading,
            }
            number += 1


def passage_sentences(text: str) -> list[str]:
    """The sentences of a passage with no headline (a quote, a transcript turn).

    Each paragraph is split as :func:`split_sentences` splits an article's body.

    Example:
        >>> passage_sentences("Thank you. We agreed.\\n\\nThe U.S. objected.")
        ['Thank you.', 'We agreed.', 'The U.S. objected.']
    """
    found: list[str] = []
    for p_start, p_end in paragraph_spans(text):
        paragraph = text[p_start:p_end]
        for start, end in sentence_spans(paragraph):
            found.extend(paragraph[s:e] for s, e in bounded_spans(paragraph, start, end))
    return found


def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the ``sentences`` frame: one row per sentence of each article.

    Args:
        articles: A frame with ``article_id`` and ``text``.

    Returns:
        Columns ``article_id``, ``paragraph``, ``sentence``, ``text``,
        ``start``, ``end``, ``is_heading``, where
        ``articles.text[start:end] == text``.

    Example:
        >>> articles = pd.DataFrame({"article_id": ["a"],
        ...     "text": ["Talks stall\\n\\nThe U.S. objected. Russia left."]})
        >>> split_sentences(articles)[["sentence", "text", "start", "is_heading"]]
           sentence                text  start  is_heading
        0         0         Talks stall      0        True
        1         1  The U.S. objected.     13       False
        2         2        Russia left.     32       False
    """
    require_columns(articles, ["article_id", "text"], name="articles")
    rows = [
        row
        for article_id, text in zip(articles["article_id"], articles["text"], strict=True)
        for row in _article_rows(str(article_id), str(text))
    ]
    frame = pd.DataFrame.from_records(rows, columns=list(SENTENCES))
    return frame.astype({column: dtype for column, (dtype, _) in SENTENCES.items()})
