"""One ``articles`` record from a body and its metadata, shared by every format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.cleaning import clean_text, count_words
from analysis.readers.dates import date_from_path, parse_date_precision, title_from_name
from analysis.readers.decoding import Decoded
from analysis.readers.fields import blank, canonical_fields, text_value
from analysis.readers.options import ArticleError, Parsed, ReadOptions, Record


def article_record(
    body: str,
    meta: Mapping[str, object],
    where: str,
    *,
    fallback_title: str | None = None,
    headline: bool = True,
) -> Record:
    """Build one ``articles`` record from raw text and metadata.

    The body is cleaned with :func:`~analysis.cleaning.clean_text`. The
    title is ``meta["title"]`` (a first paragraph that repeats it is dropped),
    else the first line when ``headline`` and it looks like one
    (:func:`looks_like_headline`), else ``fallback_title``. The text starts
    with the title as paragraph 0.

    Raises:
        ArticleError: Nothing is left after cleaning, or there is no body.
    """
    title = text_value(meta.get("title"), "title", where)
    title = " ".join(title.split()) if title else None
    cleaned = clean_text(body, headline=headline)
    paragraphs = cleaned.paragraphs
    if title is not None:
        if paragraphs and paragraphs[0].casefold() == title.casefold():
            paragraphs = paragraphs[1:]
    elif cleaned.has_headline:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    else:
        title = fallback_title
    if not paragraphs:
        if cleaned.paragraphs:
            raise ArticleError(
                f"{where}: has a headline ({title!r}) but no body; to read its first line "
                "as body, pass headline=False (--no-headline)"
            )
        raise ArticleError(f"{where}: nothing is left after removing site chrome")
    if title is None:  # no title anywhere: the first paragraph stands as one
        title, paragraphs = paragraphs[0], paragraphs[1:] or paragraphs
    text = "\n\n".join([title, *paragraphs])
    published, precision = parse_date_precision(meta.get("published"))
    extras = {
        key: str(value)
        for key, value in meta.items()
        if key not in ("title", "text", "published") and not blank(value)
    }
    if pd.isna(published) and not blank(meta.get("published")):
        extras["unparsed_date"] = str(meta["published"])
    return {
        **extras,
        "title": title,
        "text": text,
        "published": published,
        "date_precision": precision,
        "n_words": count_words(text),
        "dropped_duplicate_paragraphs": cleaned.dropped_duplicate_paragraphs,
        "dropped_boilerplate_lines": cleaned.dropped_boilerplate_lines,
    }


def finish_record(record: Record, decoded: Decoded, name: str) -> Record:
    """Add the decoding, and a date from the file's name or folders when it has none."""
    finished = {**record, "encoding": decoded.encoding, "replaced_bytes": decoded.replaced_bytes}
    if pd.isna(finished["published"]) and "unparsed_date" not in finished:
        finished["published"], finished["date_precision"] = date_from_path(name)
    return finished


def record_from_fields(
    fields: Mapping[str, object], where: str, name: str, options: ReadOptions
) -> Record:
    """Build a record from an export's fields (JSON object, CSV row) named by the caller's mapping.

    Raises:
        ArticleError: The record has no article text, or its text is not text.
    """
    record = canonical_fields(fields, options.columns)
    text = text_value(record.get("text"), "text", where)
    if text is None:
        raise ArticleError(
            f"{where}: no article text (fields: {sorted(map(str, fields))}); map the field "
            "that holds it with columns={'FIELD': 'text'} (--columns FIELD=text)"
        )
    record["text"] = text
    fallback = title_from_name(name)
    return article_record(text, record, where, fallback_title=fallback, headline=options.headline)


def records_from_items(
    items: Iterable[tuple[str | None, object]], name: str, options: ReadOptions, decoded: Decoded
) -> Parsed:
    """Read ``(label, object)`` items of one file into records; a bad item is its own error."""
    parsed: Parsed = []
    for label, item in items:
        where = f"{name}: {label}" if label else name
        try:
            if not isinstance(item, dict):
                raise ArticleError(
                    f"{where}: expected an object, found {type(item).__name__}; one article each"
                )
            record = record_from_fields(item, where, name, options)
            parsed.append((label, finish_record(record, decoded, name)))
        except ArticleError as error:
            parsed.append((label, error))
    return parsed
