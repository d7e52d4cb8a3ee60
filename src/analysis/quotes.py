"""Find direct quotes in articles and who said them.

Three kinds of quote, per paragraph of ``articles.text``:

* ``turn``: a transcript turn, ``SPEAKER: words`` ("President of The United
  States Barack Obama: Let me just make a brief statement."; "SECRETARY
  KERRY: …"). In an article with two or more turns, a paragraph without a
  label continues the last speaker's turn.
* ``direct``: words between quotation marks (straight, curly, ``«…»``,
  ``‘…’``, ````…''`` and ``''…''``) that make up a sentence or more.
* ``partial``: words between quotation marks inside a sentence of the
  reporter's ("an approach that is "consistent with the security needs …"").

The speaker comes from the attribution around the quote: ``"…," Medvedev
said.`` or ``said Medvedev`` after it; a speaker and a speech verb, or a
colon, before it in the same sentence. A quote that follows its speaker's
earlier quote with no attribution of its own (``"…," Medvedev said. "And this
would be …"``) continues it. A pronoun ("he said") is the last person named
before it; "I said" is the voice of the turn or of the document (a speech's
speaker); "we" and "they" are collectives, with no speaker ("we" keeps the
voice's country). A quoted message, letter or statement is its sender's:
"Mr Putin's message to US President George Bush said: …" is Putin's, and
"The message said: …" is the one who "sent a message" before it. Quotes
inside a transcript turn are found as well, attributed by the same rules.
Names, titles and metonyms resolve through the gazetteer
(:mod:`analysis.actors`); a name it does not know is kept as written, with no
country, when it looks like a person's (see :mod:`analysis.attribution`); a
country as subject ("Russia said") gives the country and no speaker.

Bad input never stops the batch: a quote that never closes runs to the end of
its paragraph (``closed`` is False); a quote with no speaker found has
``speaker`` NA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.actors import Gazetteer, Mention, gazetteer
from analysis.attribution import (
    DOMESTIC_TITLES,
    NO_VOICE,
    NOT_NAMES,
    TITLED_NAME_RE,
    DocumentNames,
    Voice,
    label_voice,
    own_name,
    own_place,
    plain_names,
    shown,
    titled_names,
)
from analysis.cleaning import count_words
from analysis.schema import QUOTES, require_columns
from analysis.segment import paragraph_spans, passage_sentences
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
    "remarked|commented|responded|answered|emphasized|emphasised|according to|expressed|"
    "wished|reiterated|reaffirmed|pointed out|assured|proposed|reads|read|contains|"
    "concluded|observed|put it|quoted|quote|conceded|called|congratulated|thanked"
)
# Speech verbs are written in lower case: "United States" holds no "states".
CUE_RE = re.compile(rf"\b(?:{SPEECH_VERBS}|According to)\b")
PRONOUN_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# The subject right before the speech verb: "I said", "we'll say", "they said", and
# "this man said" (the man named last, as "he").
SUBJECT_RE = re.compile(
    r"\b(?P<who>I|we|We|they|They|he|He|she|She|(?:[Tt]his|[Tt]hat) (?:man|woman))"
    r"(?:[’']ll|[’']d|\s+will|\s+would|\s+also|"
    r"\s+then|\s+once|\s+just|\s+have|\s+had|\s+always|\s+immediately|\s+can|\s+could)?\s*$"
)
NEW_SENTENCE_PRONOUN_RE = re.compile(r"(?:He|She|They|We|I)\b")
SPEAKING_PRONOUN_RE = re.compile(r"\b(?:I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey)\b")
# A sentence whose subject is "he" or "she": "He spoke to them and told them all, …".
OPENING_PRONOUN_RE = re.compile(r"\s*(?:(?:And|But|So|Then),?\s+)?(?:He|She)\b")
# One name right before the speech verb: "Melinda later said", "workers like Bryan, who said".
ONE_NAME_SUBJECT_RE = re.compile(
    r"\b(?P<name>[A-Z][a-z]+)(?:,?\s+who)?(?:\s+(?:also|later|once|then|\w+ly))?,?\s*$"
)
# "… a man who said": the speaker is the noun before "who".
RELATIVE_SUBJECT_RE = re.compile(r"(?P<noun>[\w’'-]+),?\s+who(?:\s+\w+ly|\s+once|\s+then)?\s*$")
# An unnamed soldier, legislator or judge: "as one staff sergeant said", "a senator told me".
UNNAMED_TITLE_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[A-Za-z]+\s+){0,2}(?P<title>[a-z]+)\s*$"
)
# A quoted document and its sender: "the message said", "Mr Putin's letter reads".
DOCUMENT_NOUN_RE = re.compile(
    r"\b(?:message|messages|letter|telegram|greetings?|condolences|address|statement|"
    r"note|declaration|communiqu[ée]|appeal)\b",
    re.IGNORECASE,
)
SENT_RE = re.compile(
    r"^[\s,]*(?:has\s+|had\s+|also\s+)?(?:sent|forwarded|addressed|wrote|signed|issued|"
    r"conveyed|delivered|extended|dispatched)\b"
)
POSSESSIVE_RE = re.compile(r"^(?:’s|'s)\b")
# After a quote: `, Medvedev said.` / `, said Medvedev` / `, he told reporters`.
# Text of one sentence: no end mark or quotation mark, but "Mr." and the like.
CLAUSE_CHAR = r"(?:\b(?:Mr|Ms|Mrs|Dr|Gen|Sen|Rep|Lt|Col|St)\.|[^.!?\"“”«»])"
AFTER_RE = re.compile(
    rf"^[\s,—–-]*(?P<before>{CLAUSE_CHAR}{{0,80}}?)\s*\b(?P<cue>{SPEECH_VERBS})\b"
    rf"(?P<after>{CLAUSE_CHAR}{{0,80}})",
)
PARENTHETICALS = r"(?:via interpreter|as translated|as interpreted|retranslated|translated)"
TURN_RE = re.compile(
    r"^(?P<label>[A-Z][\w.’' -]{0,110}?)\s*"
    rf"(?:\({PARENTHETICALS}\.?\)\s*)?"
    rf":\s+(?:\({PARENTHETICALS}\.?\)\s*)?"
    r"(?P<text>\S.*)$",
    re.IGNORECASE | re.S,
)
# Labels that end with a period: the American Presidency Project's "President Obama. I …",
# a debate's "Mr. Lehrer. Okay.", "Governor Clinton.", "Sander Vanocur.", "Q. …".
PERIOD_TURN_RE = re.compile(
    r"^(?P<label>(?:The\s+)?(?:President|Vice\s+President|Secretary|Prime\s+Minister|Governor|"
    r"Senator|Moderator)(?:\s+[A-Z][\w'’-]+){0,2}|(?:Mr|Mrs|Ms|Dr)\.\s+[A-Z][\w'’-]+|"
    r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+|Audience(?:\s+[Mm]embers?)?|Q)\.\s+(?P<text>\S.*)$",
    re.S,
)
MAX_LABEL_WORDS = 14
# A speech's salutation after its label: "Citizens of Russia,", "Colleagues, friends,".
MAX_SALUTATION_WORDS = 12
# Words that open a sentence and also a speaker label ("THE PRESIDENT:", "Mr. Lehrer.").
LABEL_OPENERS = frozenset({"the", "mr", "ms", "mrs"})
# How far back (characters) the sender of a quoted message is looked for.
SENDER_REACH = 3000
# Words between a quote and the speech verb after it ("…," the Russian Foreign Minister said).
MAX_SUBJECT_WORDS = 7
# Outside a transcript, a labelled paragraph is a turn only if this many words follow.
MIN_TURN_WORDS = 8
# The cue of a paragraph that is one unattributed quotation in a speech: its speaker's own
# words set apart.
PULL_QUOTE_CUE = "pull quote"
SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "»")
LABEL_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "on", "de", "da", "von", "van", "der", "al", "bin", "in"}
)
# Quotation marks: each opening mark and the marks that close it.
QUOTE_MARK_RE = re.compile(r"``|''|[\"“”«»‘’]")
CLOSERS = {'"': ('"', "”"), "“": ("”", '"'), "«": ("»",), "‘": ("’",), "``": ("''",),
           "''": ("''",)}  # fmt: skip
NESTING_MARKS = frozenset({"“", "«", "``"})


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


def marked_spans(paragraph: str) -> list[tuple[int, int, bool, int]]:
    """``(start, end, closed, mark_end)`` of the text between quotation marks.

    Straight double marks alternate; “…”, «…», ‘…’ and ````…''`` open and
    close, and so does ``''…''`` when the first pair starts a word. A single
    curly mark inside a word is an apostrophe (“don’t”). Marks inside an open
    quote are part of it. A quote still open at the paragraph's end runs to it.

    Example:
        >>> text = "He said «we agree» and ''they don’t''. ‘Fine by us,’ she said."
        >>> [text[s:e] for s, e, _, _ in marked_spans(text)]
        ['we agree', 'they don’t', 'Fine by us,']
    """
    spans = []
    opened: tuple[str, int] | None = None
    depth = 0  # “a “nested” quotation” closes at its own mark
    for mark in QUOTE_MARK_RE.finditer(paragraph):
        char, at, after = mark.group(), mark.start(), mark.end()
        before_char = paragraph[at - 1] if at else " "
        next_char = paragraph[after] if after < len(paragraph) else " "
        if opened is None:
            starts_word = not before_char.isalnum() and not next_char.isspace()
            if char in ('"', "“", "«", "``") or (char in ("‘", "''") and starts_word):
                opened, depth = (char, after), 0
        elif char == opened[0] and char in NESTING_MARKS:
            depth += 1
        elif char in CLOSERS[opened[0]] and not (char == "’" and next_char.isalpha()):
            if depth:
                depth -= 1
                continue
            spans.append((opened[1], at, True, after))
            opened = None
    if opened is not None and paragraph[opened[1] :].strip():
        spans.append((opened[1], len(paragraph), False, len(paragraph)))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# A sentence's end: not the period of an initial ("George W. Bush") or a title ("Mr.").
SENTENCE_END_RE = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)"
    r"(?<!\bJr)(?<!\bSr)"
    r"[.!?][\"”’»)]*\s+"
)


def _sentence_start(text: str, position: int, floor: int) -> int:
    """Where the sentence around ``position`` starts (not before ``floor``)."""
    window = max(floor, position - 600)
    ends = list(SENTENCE_END_RE.finditer(text[window:position]))
    return window + ends[-1].end() if ends else window


def _is_possessive(text: str, mention: Mention, offset: int) -> bool:
    return text[offset + mention.end : offset + mention.end + 2] in ("'s", "’s")


class _Attributor:
    """Resolve speakers in one article against the gazetteer.

    Attributes:
        voice: Who says "I" where a quote stands: the turn's speaker in a
            turn, else the document's speaker.
    """

    def __init__(
        self,
        text: str,
        date: pd.Timestamp | None,
        names: Gazetteer,
        source: str | None = None,
        speaker: str | None = None,
    ) -> None:
        self.text = text
        self.date = date
        self.names = names
        # The country of the source ("The White House" -> USA) names "THE PRESIDENT".
        found = names.find(source, date) if isinstance(source, str) else []
        self.source_country = found[0].country if found else None
        self.speaker = self._document_voice(speaker)
        home = self.source_country or self.speaker.country
        self.document = DocumentNames(text, date, names, home)
        self.voice = self.speaker
        self.learned: dict[str, str] = {}
        self._labels: dict[str, Voice] = {}

    def _document_voice(self, speaker: str | None) -> Voice:
        if not isinstance(speaker, str) or not speaker.strip():
            return NO_VOICE
        found = [m for m in self.names.find(speaker, self.date) if self.names.is_person(m)]
        whole = [m for m in found if m.surface == " ".join(speaker.split())]
        name = whole[0].actor if whole else " ".join(speaker.split())
        return Voice(name, found[0].country or None if found else None)

    def label_voice(self, label: str) -> Voice:
        """The speaker a transcript label names; looked up once per label."""
        if label not in self._labels:
            self._labels[label] = label_voice(
                label, self.document, speaker=self.speaker, learned=self.learned
            )
        return self._labels[label]

    def label_mention(self, label: str) -> Mention | None:
        """The gazetteer's actor for a whole label, if any ("Moscow" for a dateline)."""
        shown_label = shown(label)
        found = self.names.find(shown_label, self.date)
        return found[0] if found else None

    def named(
        self, start: int, end: int, *, nearest_end: bool = True, strict: bool = False
    ) -> Voice | None:
        """The speaker named in ``text[start:end]``: from the gazetteer, else a person's name.

        A person in the possessive ("Putin's aide") is not the speaker. A
        country as subject gives the country and no speaker. An unknown name
        is the one nearest the end of the span (next to the speech verb) or,
        with ``nearest_end=False``, nearest its start; with ``strict`` only a
        titled name counts.
        """
        span = self.text[start:end]
        listed = self.names.find(span, self.date)
        found = [m for m in listed if not _is_possessive(self.text, m, start)]
        people = [m for m in found if self.names.is_person(m)]
        # An unknown name is none that overlaps a listed one ("North Korea’s Supreme Leader").
        unknown = [
            m
            for m in ([] if strict else plain_names(span)) + titled_names(span)
            if not any(m.start < f.end and f.start < m.end for f in listed)
        ]
        candidates = sorted(people + unknown, key=lambda m: m.start)
        if candidates:
            chosen = candidates[-1] if nearest_end else candidates[0]
            if self.names.is_person(chosen) and chosen.country:
                return Voice(chosen.actor, chosen.country or None)
            return self.document.resolve_name(chosen.actor)
        if found:
            first = found[-1] if nearest_end else found[0]
            if first.actor_type == "country":
                return Voice(None, first.country or None)
            return Voice(first.actor, first.country or None)
        return None

    def with_country(self, voice: Voice) -> Voice:
        """A named speaker with the country the gazetteer or the document gives them.

        An unlisted person takes the country of the office the document names
        them with ("Justice Thurgood Marshall" in a US speech), else none.
        """
        if voice.speaker is None or voice.country is not None:
            return voice
        country = self.learned.get(voice.speaker) or self.document.introduced_country(voice.speaker)
        return Voice(voice.speaker, country)

    def voice_of(self, person: Mention) -> Voice:
        """A person named before, as a speaker: a surname alone ("Mr. Moss") takes the full name.

        The document's own full name comes first, then the one listed person of
        that surname in office ("Senator Dole": Bob Dole; see
        :meth:`Gazetteer.titled_surname`).
        """
        if person.country or " " in person.actor:
            return Voice(person.actor, person.country or None)
        voice = self.document.resolve_name(person.actor)
        if voice.speaker == person.actor:
            listed = self.names.titled_surname(person, self.date, self.document.home)
            if listed.country:
                return Voice(listed.actor, listed.country)
        return voice

    def sender(self, position: int) -> Voice:
        """Who sent the message a quote comes from: the possessor in the lead, else the sender.

        "President Putin's message to Alexei Abrikosov said:" is Putin's; "The
        message said, in part:" is the last person before it who "sent" or
        "forwarded" one, or whose message it is.
        """
        for person in self.document.people_before(position, within=SENDER_REACH):
            tail = self.text[person.end : person.end + 40]
            possessive = POSSESSIVE_RE.match(tail)
            if (possessive and DOCUMENT_NOUN_RE.search(tail[:30])) or SENT_RE.match(tail):
                return Voice(person.actor, person.country or None)
        return NO_VOICE

    def subject(self, start: int, cut: int) -> Voice | None:
        """The speaker given by the words before the speech verb, or None to look further."""
        words = self.text[start:cut]
        document_noun = DOCUMENT_NOUN_RE.search(words)
        # "I make this statement mindful of what King said": the noun is no subject, nor
        # is it in another clause ("After the Declaration … was signed, John Page wrote").
        clause = words.rfind(",")
        if (
            document_noun is not None
            and not SPEAKING_PRONOUN_RE.search(words[: document_noun.start()])
            and not (
                clause > document_noun.end() and self.named(start + clause + 1, cut) is not None
            )
        ):
            possessor = self._possessor(start, start + document_noun.start())
            return possessor or self.sender(start + document_noun.start())
        relative = RELATIVE_SUBJECT_RE.search(words)
        if relative is not None and relative.group("noun")[:1].islower():
            return NO_VOICE  # "a man who said": an unnamed person
        unnamed = UNNAMED_TITLE_RE.search(words)
        if unnamed is not None and unnamed.group("title").casefold() in DOMESTIC_TITLES:
            return Voice(None, self.document.country_in(unnamed.group()) or self.document.home)
        pronoun = SUBJECT_RE.search(words)
        if pronoun is not None:
            who = pronoun.group("who").casefold()
            if who == "i":
                return self.voice
            if who == "we":
                return Voice(None, self.voice.country)
            if who == "they":
                return NO_VOICE
            person = self.document.last_person_before(start + pronoun.start())
            return self.voice_of(person) if person else NO_VOICE
        return self._named_once(start, cut)

    def _named_once(self, start: int, cut: int) -> Voice | None:
        """A person the document named in full, by one name: "Melinda later said".

        The one named last before with that given name or surname, else the
        document's only full name with it.
        """
        words = self.text[start:cut]
        match = ONE_NAME_SUBJECT_RE.search(words)
        if match is None or self.names.find(match.group("name"), self.date):
            return None
        previous = words[: match.start()].split()[-1:]
        if previous and previous[0][:1].isupper() and previous[0].casefold() not in NOT_NAMES:
            return None  # the last word of a longer name ("Foreign Affairs Józef Beck")
        name = match.group("name")
        for person in self.document.people_before(start + match.start(), within=SENDER_REACH):
            parts = person.actor.split()
            if (len(parts) > 1 and name in (parts[0], parts[-1])) or person.actor == name:
                return self.voice_of(person)  # "Prime Minister Rabin ... Rabin said"
        voice = self.document.resolve_name(name)  # the document's only full name with it
        return voice if voice.speaker != name else None

    def _possessor(self, start: int, end: int) -> Voice | None:
        """A person in the possessive right before a document noun ("Mr Putin's message")."""
        for person in self.names.find(self.text[start:end], self.date):
            if self.names.is_person(person) and _is_possessive(self.text, person, start):
                return Voice(person.actor, person.country or None)
        for match in TITLED_NAME_RE.finditer(self.text, start, end):
            if POSSESSIVE_RE.match(self.text[match.end() : match.end() + 2]):
                return self.document.resolve_name(match.group("name"))
        return None

    def after(self, quote: Quote, limit: int) -> tuple[Voice, str] | None:
        """Attribution right after a quote: ``, Medvedev said`` or ``, said Medvedev``."""
        tail = self.text[quote.mark_end : limit] if quote.closed else ""
        match = AFTER_RE.match(tail)
        if not match:
            return None
        base = quote.mark_end
        cue = match.group("cue").lower()
        before = match.group("before").strip()
        # After a quote that ends a sentence, only a short subject attributes it ("he asked").
        ends_sentence = self.text[quote.start : quote.end].rstrip().endswith(("?", "!", "."))
        if len(before.split()) > (3 if ends_sentence else MAX_SUBJECT_WORDS):
            return None
        # “… shutting it down.” He called me racist: a new sentence, not an attribution.
        if ends_sentence and NEW_SENTENCE_PRONOUN_RE.match(before):
            return None
        # “… against you.” I said, “Well then …”: after a whole sentence, an attribution
        # that runs into the next quote introduces that one.
        if ends_sentence and match.end() == len(tail) and not match.group("after").strip(" ,:"):
            return None
        subject = self.subject(base + match.start("before"), base + match.end("before"))
        if subject is not None:
            return subject, cue
        if PRONOUN_RE.fullmatch(before or "-"):
            person = self.document.last_person_before(quote.start)
            return (self.voice_of(person) if person else NO_VOICE), cue
        speaker = self.named(base + match.start("before"), base + match.end("before"))
        if speaker is None:
            speaker = self.named(base + match.start("after"), base + match.end("after"),
                                 nearest_end=False)  # fmt: skip
        return speaker or NO_VOICE, cue

    def before(self, floor: int, position: int) -> tuple[Voice, str] | None:
        """Attribution in the sentence that ends at ``position`` (a quote's opening mark).

        The sentence needs a speech verb or must end with a colon; the speaker
        is named before the verb (else after it), or is a pronoun.
        """
        start = _sentence_start(self.text, position, floor)
        lead = self.text[start:position]
        cues = list(CUE_RE.finditer(lead))
        cue = cues[0] if cues else None
        if cue is None and not lead.rstrip().endswith(":"):
            return None
        cut = start + cue.start() if cue else position
        found_cue = cues[-1].group().lower() if cues else ":"
        # "He called me a racist because I said": a pronoun right before the last verb.
        nearest = cues[-1] if len(cues) > 1 else None
        if nearest is not None and SUBJECT_RE.search(lead[: nearest.start()]):
            subject = self.subject(start, start + nearest.start())
        else:
            subject = self.subject(start, cut)
        if subject is not None:
            return subject, found_cue
        speaker = self.named(start, cut, strict=cue is None)
        if speaker is None and cue is not None and OPENING_PRONOUN_RE.match(lead):
            # "He spoke to … and told them all:" the sentence's subject is a pronoun.
            person = self.document.last_person_before(start)
            speaker = self.voice_of(person) if person else NO_VOICE
        if speaker is None and cue is not None:
            speaker = self.named(start + cue.end(), position, nearest_end=False)
        return speaker or NO_VOICE, found_cue


def _attribute(quote: Quote, voice: Voice, cue: str | None) -> None:
    quote.cue = cue
    quote.speaker, quote.speaker_country = voice.speaker, voice.country


def _paragraph_quotes(
    attributor: _Attributor,
    start: int,
    end: int,
    previous: Quote | None,
    intro: tuple[int, int] | None,
    *,
    own_words: bool = False,
) -> list[Quote]:
    """The direct and partial quotes of one paragraph, attributed.

    ``previous`` is the last quote of the paragraph before; ``intro`` that
    paragraph's span when it ends with a colon ("President Obama said:").
    With ``own_words`` (in a turn, or in a document that has a speaker), a
    paragraph that is one quotation nobody is said to speak is that
    speaker's own words set apart (a pull quote of a speech's page).
    """
    text = attributor.text
    paragraph = text[start:end]
    quotes: list[Quote] = []
    for q_start, q_end, closed, mark_end in marked_spans(paragraph):
        if count_words(paragraph[q_start:q_end]) < MIN_QUOTE_WORDS:
            continue
        lo, hi = _trimmed(text, start + q_start, start + q_end)
        lead = paragraph[:q_start].rstrip("“\"«‘`' ").rstrip()
        sentence_opening = not lead or lead.endswith((".", "!", "?", ":", '"', "”", "»"))
        kind = "direct" if sentence_opening else "partial"
        quotes.append(Quote(lo, hi, kind, closed, mark_end=start + mark_end))
    for index, quote in enumerate(quotes):
        following = quotes[index + 1].start - 1 if index + 1 < len(quotes) else end
        floor = quotes[index - 1].mark_end if index else start
        found = attributor.after(quote, following) or attributor.before(floor, quote.start - 1)
        if found is None and intro is not None and not text[start : quote.start - 1].strip():
            found = attributor.before(*intro)
        # A quote continues an earlier one in its paragraph, or the quotation of the
        # paragraph before when this one opens with a quotation mark.
        opens = not text[start : quote.start - 1].strip()
        earlier = quotes[index - 1] if index else previous if previous and opens else None
        if found is None and earlier is not None and quote.kind == "direct":
            quote.speaker, quote.speaker_country = earlier.speaker, earlier.speaker_country
            quote.cue = earlier.cue
        elif found is not None:
            _attribute(quote, attributor.with_country(found[0]), found[1])
        elif own_words and opens and quote.closed and not text[quote.mark_end : end].strip():
            _attribute(quote, attributor.voice, PULL_QUOTE_CUE)
    return quotes


def _without_the(name: str) -> str:
    """A name as compared: folded, one space between words, no leading "the"."""
    return re.sub(r"^the ", "", " ".join(name.split()).casefold())


def _speaker_label(attributor: _Attributor, paragraph: str) -> re.Match[str] | None:
    """:func:`_turn_label`, less a label that is a place, or a body that is quoted.

    A dateline ("MOSCOW: Russia said …") names no speaker, nor does a country
    or organisation whose words follow in quotation marks ("The United
    Kingdom: “Secession …”", "The European Union: “…”").
    """
    label = _turn_label(paragraph)
    if label is None:
        return None
    found = attributor.label_mention(label.group("label"))
    if (
        found is None
        or _without_the(found.surface) != _without_the(shown(label.group("label")))
        or attributor.names.is_person(found)
    ):
        return label
    quoted = QUOTE_MARK_RE.match(label.group("text")) is not None
    return None if found.actor_type == "country" or quoted else label


def _opens_turn(attributor: _Attributor, label: re.Match[str]) -> bool:
    """Whether a labelled paragraph outside a transcript still opens a turn.

    It does when the label names a known person and full sentences follow
    ("President of The United States Barack Obama: Let me just make a brief
    statement. …"), as in an excerpt that starts with a summary, or a
    speech's salutation ("President of Russia Vladimir Putin: Citizens of
    Russia,"); a subheading such as "Lavrov: no deal yet" does not.
    """
    found = attributor.label_mention(label.group("label"))
    text = label.group("text").rstrip()
    return (
        found is not None
        and attributor.names.is_person(found)
        and (
            (len(text.split()) >= MIN_TURN_WORDS and text.endswith(SENTENCE_ENDS))
            or (text.endswith(",") and len(text.split()) <= MAX_SALUTATION_WORDS)
        )
    )


def _turn_label(paragraph: str) -> re.Match[str] | None:
    """The speaker label opening a transcript paragraph, if any."""
    match = TURN_RE.match(paragraph) or PERIOD_TURN_RE.match(paragraph)
    if match is None:
        return None
    words = match.group("label").split()
    # A label is a name or title: "Medvedev said: …" is not one, nor is a paragraph that
    # opens "And Dr. Fauci …" or "About Syria. Yes, …".
    titled = all(w[:1].isupper() or w.casefold() in LABEL_SMALL_WORDS for w in words)
    opener = words[0].casefold().rstrip(".") in NOT_NAMES - LABEL_OPENERS
    return match if titled and not opener and len(words) <= MAX_LABEL_WORDS else None


def _turn_voice(attributor: _Attributor, label: str, text: str) -> Voice:
    """The speaker of a turn: its label's, or who names themselves in an unnamed one.

    A named speaker of no known country takes the country of the place they say
    they are from ("I am from Vladivostok"); later turns with their name keep it.
    """
    voice = attributor.label_voice(label)
    if voice.speaker is None and voice.country is None:
        voice = own_name(text, attributor.document)
    if voice.speaker is not None and voice.country is None:
        country = attributor.learned.get(voice.speaker) or own_place(text)
        if country:
            attributor.learned[voice.speaker] = country
            voice = Voice(voice.speaker, country)
    return voice


def article_quotes(
    text: str,
    date: pd.Timestamp | None = None,
    names: Gazetteer | None = None,
    source: str | None = None,
    speaker: str | None = None,
) -> list[Quote]:
    """Find and attribute the quotes of one article's text (paragraph 0 is the headline).

    The text is a transcript when its first paragraph after the headline
    opens with a speaker label, or when two paragraphs do. Otherwise a
    labelled paragraph opens a turn when the label names a known person and
    full sentences follow (see :func:`_opens_turn`). Paragraphs after a turn
    without a label of their own continue it; quotation marks inside a turn
    give quotes of their own. ``speaker`` is the document's own speaker (a
    speech's), who says "I" outside turns and is "THE PRESIDENT" in them.

    Example:
        >>> text = 'Talks\\n\\n"We will keep talking," Lavrov said. "Both sides want it."'
        >>> [(text[q.start:q.end], q.speaker) for q in article_quotes(text)]
        [('We will keep talking', 'Sergey Lavrov'), ('Both sides want it.', 'Sergey Lavrov')]
    """
    attributor = _Attributor(text, date, names or gazetteer(), source, speaker)
    spans = list(paragraph_spans(text))[1:]
    labels = [_speaker_label(attributor, text[s:e]) for s, e in spans]
    transcript = bool(labels) and (labels[0] is not None or sum(m is not None for m in labels) >= 2)
    quotes: list[Quote] = []
    headline = next(iter(paragraph_spans(text)), None)
    if headline is not None:  # a long headline (a kremlin.ru lead) may quote too
        quotes += _paragraph_quotes(attributor, *headline, None, None)
    turn: Quote | None = None
    previous: Quote | None = None
    intro: tuple[int, int] | None = None
    for (start, end), label in zip(spans, labels, strict=True):
        body = start
        if label is not None and (transcript or _opens_turn(attributor, label)):
            voice = _turn_voice(attributor, label.group("label"), label.group("text"))
            lo, hi = _trimmed(text, start + label.start("text"), end)
            turn = Quote(lo, hi, "turn", speaker=voice.speaker, speaker_country=voice.country,
                         cue="turn")  # fmt: skip
            quotes.append(turn)
            body = lo
        elif turn is not None:
            quotes.append(
                Quote(start, end, "turn", speaker=turn.speaker,
                      speaker_country=turn.speaker_country, cue="turn")
            )  # fmt: skip
        attributor.voice = (
            Voice(turn.speaker, turn.speaker_country) if turn is not None else attributor.speaker
        )
        found = _paragraph_quotes(
            attributor, body, end, previous, intro,
            own_words=attributor.voice.speaker is not None,
        )  # fmt: skip
        quotes += found
        # A paragraph that ends in a quote hands it on: the next one may go on quoting.
        ends_quoted = found and found[-1].mark_end >= len(text[:end].rstrip()) - 1
        previous = found[-1] if ends_quoted else None
        intro = (start, end) if text[start:end].rstrip().endswith(":") else None
    return quotes


def extract_quotes(
    articles: pd.DataFrame,
    *,
    gazetteer_: Gazetteer | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the ``quotes`` frame: every quote of every article, attributed and scored.

    Args:
        articles: The ``articles`` frame (``article_id``, ``text``; ``published``
            resolves titles such as "the Russian president", ``source`` a
            transcript's bare "THE PRESIDENT", and ``speaker``, the
            document's own speaker, says "I" and is its "THE PRESIDENT").
        gazetteer_: Another gazetteer; the shipped one by default.
        sentences: Sentences already scored (``text`` and the score
            columns), whose scores a turn's sentences of the same text take
            instead of being scored again (see :func:`score_quotes`).

    Returns:
        One row per quote: ``article_id``, ``quote_id``, ``text``, ``start``,
        ``end`` (offsets into ``articles.text``), ``speaker``,
        ``speaker_country``, ``cue``, ``kind``, ``closed``, then the sentiment
        and tone columns (:func:`score_quotes`).
    """
    require_columns(articles, ["article_id", "text"], name="articles")
    missing = pd.Series([None] * len(articles), index=articles.index)
    dates = articles.get("published", missing)
    sources = articles.get("source", missing)
    speakers = articles.get("speaker", missing)
    records = []
    for article_id, text, date, source, speaker in zip(
        articles["article_id"], articles["text"], dates, sources, speakers, strict=True
    ):
        if not isinstance(text, str):  # a missing text has no quotes; it does not stop the batch
            continue
        date = None if pd.isna(date) else date
        speaker = speaker if isinstance(speaker, str) else None
        for number, quote in enumerate(article_quotes(text, date, gazetteer_, source, speaker)):
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
    return score_quotes(frame, sentences)


MEANS = ["neg", "neu", "pos", "compound", "tone", "relations"]  # weighted by words
SUMS = ["cooperation", "conflict"]


def score_quotes(quotes: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the sentiment and tone columns to quotes.

    A direct or partial quote is scored as one text. A transcript turn, often
    a paragraph of several sentences, is scored as its sentences
    (:func:`analysis.segment.passage_sentences`), as an article is
    summarised: VADER's shares, ``compound``, ``tone`` and ``relations`` are
    their means weighted by each sentence's words, ``cooperation`` and
    ``conflict`` their sums, ``goldstein`` the mean over the sentences with
    an event, ``quad_class`` that of the sentence whose ``goldstein`` is
    strongest, ``hedged`` whether any is. VADER's compound is made for a
    sentence: over a paragraph its sum grows with the length, and a long
    turn would read as extreme.

    Args:
        quotes: Quotes with ``quote_id``, ``text`` and ``kind``.
        sentences: Scored sentences whose scores a turn's sentence of the
            same text reuses (the article's own, in a corpus build).

    Returns:
        A copy of ``quotes`` with the columns of :func:`analysis.score_sentiment`
        and :func:`analysis.score_tone`.
    """
    require_columns(quotes, ["quote_id", "text", "kind"], name="quotes")
    turns = quotes[quotes["kind"] == "turn"]
    parts = pd.DataFrame.from_records(
        [
            (quote_id, sentence)
            for quote_id, text in zip(turns["quote_id"], turns["text"], strict=True)
            for sentence in passage_sentences(str(text))
        ],
        columns=["article_id", "text"],
    )
    in_parts = quotes["quote_id"].isin(parts["article_id"]).to_numpy()
    own = quotes[~in_parts].pipe(score_sentiment).pipe(score_tone)
    columns = [c for c in own.columns if c not in quotes.columns]
    parts = _scored(parts, sentences, columns)
    summary = _summarised(parts.rename(columns={"article_id": "quote_id"}), columns)
    summed = quotes[in_parts].merge(summary, on="quote_id", how="left")
    summed.index = quotes.index[in_parts]
    scored = pd.concat([own, summed]).loc[quotes.index]
    return scored.astype({**quotes.dtypes.to_dict(), **own[columns].dtypes.to_dict()})


def _scored(parts: pd.DataFrame, known: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """Sentences with their scores: those of ``known`` by text, the others scored now."""
    if known is not None and set(columns) <= set(known.columns):
        scores = known[["text", *columns]].drop_duplicates("text")
        found = parts.merge(scores, on="text", how="left", indicator=True)
        new = found["_merge"] == "left_only"
        fresh = found.loc[new, ["article_id", "text"]].pipe(score_sentiment).pipe(score_tone)
        found = found.drop(columns="_merge")
        found.loc[new, columns] = fresh[columns]
        return found
    return parts.pipe(score_sentiment).pipe(score_tone)


def _summarised(parts: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One row per quote from its sentences' scores (see :func:`score_quotes`)."""
    words = parts["text"].map(count_words).clip(lower=1).astype("float64")
    weighted = parts[MEANS].mul(words, axis=0).assign(_words=words, quote_id=parts["quote_id"])
    grouped = weighted.groupby("quote_id", sort=False)
    summary = grouped[MEANS].sum().div(grouped["_words"].sum(), axis=0)
    summary[SUMS] = parts.groupby("quote_id", sort=False)[SUMS].sum()
    with_events = parts[parts["quad_class"].notna()]
    summary["goldstein"] = with_events.groupby("quote_id")["goldstein"].mean()
    summary["goldstein"] = summary["goldstein"].fillna(0.0)
    strongest = with_events.loc[with_events["goldstein"].abs().groupby(
        with_events["quote_id"]).idxmax()]  # fmt: skip
    summary["quad_class"] = strongest.set_index("quote_id")["quad_class"]
    summary["hedged"] = parts.groupby("quote_id", sort=False)["hedged"].any()
    return summary[columns].reset_index()


def label_spans(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The speaker labels of transcript turns ("Vladimir Putin:", "THE PRESIDENT:"), as spans.

    A label is metadata about who speaks, not a mention of that speaker in
    the text: :func:`analysis.pipeline.score_articles` drops the mentions
    inside these spans.

    Args:
        quotes: The ``quotes`` frame (``article_id``, ``start``, ``kind``).
        articles: The ``articles`` frame (``article_id``, ``text``).

    Returns:
        ``article_id``, ``start``, ``end``: from the start of a turn's
        paragraph to the start of its words (turns that go on in a paragraph
        without a label of their own have none).

    Example:
        >>> articles = pd.DataFrame({"article_id": ["a"],
        ...     "text": ["Talks\\n\\nVladimir Putin: We agree with Washington."]})
        >>> label_spans(extract_quotes(articles), articles).to_dict("records")
        [{'article_id': 'a', 'start': 7, 'end': 23}]
    """
    require_columns(quotes, ["article_id", "start", "kind"], name="quotes")
    require_columns(articles, ["article_id", "text"], name="articles")
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    records = []
    turns = quotes[quotes["kind"] == "turn"]
    for article_id, start in zip(turns["article_id"], turns["start"], strict=True):
        text = texts.get(article_id)
        if not isinstance(text, str):
            continue
        separator = text.rfind("\n\n", 0, start)
        paragraph = 0 if separator < 0 else separator + 2
        if text[paragraph:start].strip():
            records.append({"article_id": article_id, "start": paragraph, "end": int(start)})
    frame = pd.DataFrame.from_records(records, columns=["article_id", "start", "end"])
    return frame.astype({"article_id": "string", "start": "int64", "end": "int64"})
