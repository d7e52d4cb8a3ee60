"""Clean raw article text: paragraphs, without site chrome or repeats.

A raw text has paragraphs: one per line, or blocks separated by blank lines
(a block's lines are joined). Its first line is the headline, its own
paragraph, when it looks like one (:func:`looks_like_headline`). Site chrome
goes by its *shape*, not by one site's strings:

* separator lines with no letters or digits (``- |``, ``-``, ``***``);
* copyright, licence-number and hotline lines (``© 1999- …``,
  ``Tip-off hotline: 52920043``, ``沪ICP证:沪ICP备05050403号-1``);
* inline menus (``Home | World | Business``) and common site-menu entries
  (``About Us``, ``Terms of Use``, ``Privacy Policy``, ``Contact Us``, ``RSS``);
* short lines that stand in a run of such lines (a navigation list).

Paragraphs printed more than once (scraped pages often repeat the body) are
kept once. Both removals are counted per article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
SENTENCE_END = tuple('.!?:;"”’)')
# A repeated paragraph this long is a duplicate wherever it stands; a shorter
# one only next to a long duplicate (so "Thank you." in a transcript stays).
MIN_WORDS_DUPLICATE = 8
MIN_NAV_RUN = 3
MAX_SHORT_LINE_WORDS = 5

COPYRIGHT_RE = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
# "label: value" where the value is a number or registration code.
CODE_LINE_RE = re.compile(r"^[^:：]{1,40}[:：]\s*[\w./#()+-]*\d{4,}[\w./#()+-]*$")
# A contact label followed by its number ("Tip-off hotline: 52920043", "Tel. +7 495 …"),
# not a sentence that mentions a phone and, later, a year.
CONTACT_RE = re.compile(
    r"\b(?:hotline|call cent(?:er|re)|tel|phone|fax)\b\.?(?:\s*(?:number|no\.?))?"
    r"\s*[:：]?\s*\+?\(?\d[\d\s().-]{3,}",
    re.I,
)
MENU_ENTRIES = frozenset(
    {
        "about us", "terms of use", "terms of service", "terms and conditions",
        "privacy policy", "privacy", "cookie policy", "contact us", "contact", "rss",
        "sitemap", "site map", "advertise", "advertise with us", "subscribe",
        "newsletter", "home", "back to top", "share", "print", "email", "follow us",
        "careers", "faq", "help", "login", "log in", "sign in", "register",
    }
)  # fmt: skip
BULLET_RE = re.compile(r"^[-–—•*·>|]+\s*")
# A headline is short and does not end like a sentence (an abbreviation may).
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 200
SENTENCE_BREAK_RE = re.compile(r"[a-z]{2}[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")  # "… warm welcome. Thanks"
ABBREVIATION_END_RE = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|Inc|Co|Ltd|St|Mr|Dr)\.)$")


@dataclass(frozen=True)
class CleanText:
    """Paragraphs left after cleaning, with what was removed."""

    paragraphs: list[str]
    dropped_boilerplate_lines: int
    dropped_duplicate_paragraphs: int
    has_headline: bool = False


def count_words(text: str) -> int:
    """Count words (runs of letters or digits, with inner apostrophes).

    Example:
        >>> count_words("Russia hasn't let go of the fear.")
        7
    """
    return len(WORD_RE.findall(text))


def looks_like_headline(line: str) -> bool:
    """Tell whether a first line reads as a headline.

    A headline has at most ``MAX_HEADLINE_WORDS`` words and
    ``MAX_HEADLINE_CHARS`` characters, holds no sentence break (``… welcome.
    Thanks …``), and does not end like a sentence (``.``, ``,``, ``;``,
    ``:``), unless with an abbreviation (``U.S.``).

    Example:
        >>> looks_like_headline("US, Russia G8 missile talks hit stone wall")
        True
        >>> looks_like_headline("Evan, thank you so much. And welcome to every one of you.")
        False
    """
    line = line.strip()
    if not line or len(line) > MAX_HEADLINE_CHARS or count_words(line) > MAX_HEADLINE_WORDS:
        return False
    if SENTENCE_BREAK_RE.search(line):
        return False
    return not line.endswith((".", ",", ";", ":")) or bool(ABBREVIATION_END_RE.search(line))


def _normalise(line: str) -> str:
    return " ".join(line.split())


def _is_separator(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)


def _is_chrome(line: str) -> bool:
    bare = BULLET_RE.sub("", line).strip()
    return bool(
        COPYRIGHT_RE.search(bare)
        or CODE_LINE_RE.match(bare)
        or CONTACT_RE.search(bare)
        or bare.casefold() in MENU_ENTRIES
        or line.count("|") >= 2
    )


def _is_short(line: str) -> bool:
    return not line.endswith(SENTENCE_END) and count_words(line) <= MAX_SHORT_LINE_WORDS


def _boilerplate_mask(lines: Sequence[str]) -> list[bool]:
    """Mark the non-empty lines that are site chrome.

    Separator and chrome lines always go; a short line goes when it stands in a
    run of at least ``MIN_NAV_RUN`` non-text lines that has a separator or chrome
    line in it (a navigation list), so a lone subheading stays.
    """
    kinds = [
        "sep" if _is_separator(line) else "chrome" if _is_chrome(line)
        else "short" if _is_short(line) else "text"
        for line in lines
    ]  # fmt: skip
    drop = [kind in ("sep", "chrome") for kind in kinds]
    run: list[int] = []
    for index, kind in enumerate([*kinds, "text"]):
        if kind != "text":
            run.append(index)
            continue
        if len(run) >= MIN_NAV_RUN and any(kinds[i] != "short" for i in run):
            for i in run:
                drop[i] = True
        run = []
    return drop


def _join_blocks(
    lines: Sequence[str], block_ids: Sequence[int], blocky: bool, headline: bool = False
) -> list[str]:
    """Join kept lines into paragraphs.

    In a file with blank-line blocks a block is a paragraph; otherwise each line
    is one, except a line starting in lower case, which continues the last.
    A ``headline`` (the first line) is never joined with the next.
    """
    paragraphs: list[str] = []
    last_block = None
    for number, (line, block) in enumerate(zip(lines, block_ids, strict=True)):
        continues = block == last_block if blocky else line[:1].islower()
        if paragraphs and continues and not (headline and number == 1):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        last_block = block
    return paragraphs


def _drop_duplicates(paragraphs: Sequence[str]) -> list[bool]:
    """Mark paragraphs that repeat an earlier one (compared case- and space-blind)."""
    seen: set[str] = set()
    repeated = []
    for paragraph in paragraphs:
        key = paragraph.casefold()
        repeated.append(key in seen)
        seen.add(key)
    long_repeat = [
        rep and count_words(p) >= MIN_WORDS_DUPLICATE
        for rep, p in zip(repeated, paragraphs, strict=True)
    ]
    padded = [False, *long_repeat, False]
    return [
        long_repeat[i] or (repeated[i] and (padded[i] or padded[i + 2]))
        for i in range(len(paragraphs))
    ]


def clean_text(raw: str, *, headline: bool = True) -> CleanText:
    """Split raw article text into paragraphs, without site chrome or repeats.

    When ``headline`` is true and the first line left after removing site
    chrome looks like a headline, it is the first paragraph on its own
    (``has_headline``), never joined with the lines after it.

    Args:
        raw: The file's text.
        headline: ``False`` to read every line as body.

    Returns:
        The paragraphs and the counts of removed lines and paragraphs.

    Example:
        >>> body = "The two presidents met for ninety minutes in Deauville."
        >>> raw = f"Talks stall\\n{body}\\n{body}\\n- About Us\\n- |\\n- Contact Us\\n"
        >>> cleaned = clean_text(raw)
        >>> cleaned.paragraphs
        ['Talks stall', 'The two presidents met for ninety minutes in Deauville.']
        >>> cleaned.dropped_boilerplate_lines, cleaned.dropped_duplicate_paragraphs
        (3, 1)
    """
    lines, block_ids = [], []
    block = 0
    for raw_line in raw.splitlines():
        line = _normalise(raw_line)
        if not line:
            block += 1
            continue
        lines.append(line)
        block_ids.append(block)
    blocky = len(set(block_ids)) > 1
    drop = _boilerplate_mask(lines)
    kept = [(line, b) for line, b, d in zip(lines, block_ids, drop, strict=True) if not d]
    has_headline = headline and bool(kept) and looks_like_headline(kept[0][0])
    paragraphs = _join_blocks([k[0] for k in kept], [k[1] for k in kept], blocky, has_headline)
    duplicate = _drop_duplicates(paragraphs)
    return CleanText(
        paragraphs=[p for p, d in zip(paragraphs, duplicate, strict=True) if not d],
        dropped_boilerplate_lines=sum(drop),
        dropped_duplicate_paragraphs=sum(duplicate),
        has_headline=has_headline and not duplicate[0],
    )
