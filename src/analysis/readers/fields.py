"""Field names of exports mapped to the ``articles`` contract, and field values read as text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.readers.options import ArticleError

# Our field, then the names it goes by in exports, in order of preference.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "article_id": ("article_id", "id", "doc_id", "guid"),
    "title": ("title", "headline", "heading"),
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "published": (
        "published", "date", "pubdate", "published_at", "date_publish", "datetime",
        "timestamp", "created_at", "date_published", "publish_date", "created",
    ),
    "source": ("source", "outlet", "publisher", "site", "sitename", "source_domain"),
    "url": ("url", "link", "permalink"),
}  # fmt: skip


def field_names(names: Iterable[str], columns: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map an export's field names to the contract's names.

    ``columns`` (export name -> contract name) goes first; then, for each
    contract field still missing, the first alias present in
    :data:`FIELD_ALIASES`. Other names map to themselves.

    Example:
        >>> field_names(["headline", "body", "date", "lang"])
        {'headline': 'title', 'body': 'text', 'date': 'published', 'lang': 'lang'}
        >>> field_names(["story", "title"], {"story": "text"})
        {'story': 'text', 'title': 'title'}
    """
    mapping = {name: (columns or {}).get(name, name) for name in names}
    present = set(mapping.values())
    for field, aliases in FIELD_ALIASES.items():
        if field in present:
            continue
        alias = next((a for a in aliases if a in mapping and mapping[a] == a), None)
        if alias is not None:
            mapping[alias] = field
            present.add(field)
    return mapping


def canonical_fields(
    fields: Mapping[str, object], columns: Mapping[str, str] | None = None
) -> dict[str, object]:
    """Rename a record's fields with :func:`field_names`.

    Example:
        >>> canonical_fields({"headline": "Talks", "date": "2011-05-27"})
        {'title': 'Talks', 'published': '2011-05-27'}
    """
    names = field_names(fields, columns)
    return {names[key]: value for key, value in fields.items()}


def blank(value: object) -> bool:
    """Tell whether a field value is missing: None, NaN, NA or only spaces."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return (isinstance(value, float) and value != value) or str(value).strip() == ""


def text_value(value: object, field: str, where: str) -> str | None:
    """A field's value as text: a list of strings is joined into paragraphs.

    Raises:
        ArticleError: The value is a number, a mapping, or a list of other things.

    Example:
        >>> text_value(["Kerry met Lavrov.", "They agreed."], "text", "a.json")
        'Kerry met Lavrov.\\n\\nThey agreed.'
    """
    if blank(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n\n".join(item for item in value if item.strip()) or None
    kind = type(value).__name__
    article = "an" if kind[:1] in "aeiou" else "a"
    raise ArticleError(
        f"{where}: field {field!r} is {article} {kind} ({str(value)[:40]!r}), not text; "
        "give it as a string or a list of paragraph strings, or map another field to it "
        "with columns= (--columns)"
    )
