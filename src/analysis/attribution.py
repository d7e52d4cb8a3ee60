"""Who speaks: transcript labels, names as written, the sender of a message, a document's voice.

Rules shared by :mod:`analysis.quotes` (which finds the quotes) and by the
dyads of :mod:`analysis.aggregate`:

* A transcript label names its speaker at its end: "Minister of Finance
  Anton Siluanov" is Anton Siluanov, "Speaker of the Moscow City Duma
  Vladimir Platonov" is Vladimir Platonov, "MS. PSAKI" is Psaki (the full
  name when the gazetteer or the document gives it). The title before the
  name gives the country: the one it names ("President of Austria"), else,
  for an office, the document's own country (a kremlin.ru transcript's
  "Head of the Federal Archive Agency" is Russian).
* A bare office label ("THE PRESIDENT", "The President.") is the document's
  speaker when it has one (a Miller Center file's ``President:`` line), else
  the holder of that office in the document's country on its date.
* "Question:", "Q", "Reply:", "Audience member:" and the like are unnamed
  people: no speaker, unless the turn says "My name is …".
* A name the gazetteer does not know is kept only when it looks like a
  person's: two to four capitalised words, or a title and a surname
  ("Mr. Lehrer", "Justice Thurgood Marshall"); a surname alone resolves to
  the full name the document uses ("Colburn" to "Ron Colburn").
* The speaker of a whole document (:func:`document_speakers`) comes from its
  ``speaker`` column (a ``President: X`` first line or the manifest), else
  its ``issuer`` column.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

import pandas as pd

from analysis.actors import PERSON_TYPES, Gazetteer, Mention, gazetteer, place_countries
from analysis.actors.names import one_per_given_name

# Labels of unnamed people: a journalist's question, an answer, the audience.
ANONYMOUS_LABELS = frozenset(
    {
        "q", "question", "questions", "reply", "answer", "response", "remark", "comment",
        "audience", "audience member", "audience members", "voice", "voices", "participant",
        "participants", "moderator", "journalist", "interviewer", "correspondent", "crowd",
        "unidentified speaker", "unidentified participant", "speaker",
    }
)  # fmt: skip
# Title words that stand before a name in a label or a sentence ("Acting Under Secretary").
TITLE_WORDS = frozenset(
    {
        "mr", "mrs", "ms", "mme", "madame", "miss", "dr", "sir", "madam", "the", "president",
        "vice", "prime",
        "minister", "secretary", "under", "acting", "deputy", "governor", "senator", "sen",
        "representative", "rep", "ambassador", "general", "gen", "admiral", "colonel",
        "captain", "sergeant", "private", "first", "class", "justice", "judge", "reverend",
        "rev", "father", "king", "queen", "prince", "princess", "pope", "chairman",
        "chairwoman", "chair", "mayor", "speaker", "spokesman", "spokeswoman", "spokesperson",
        "press", "chancellor", "commissioner", "director", "head", "chief", "leader", "dame",
        "lord", "lady", "professor", "prof", "foreign", "defence", "defense", "state",
        "attorney", "lieutenant", "lt", "col", "major", "commander",
    }
)  # fmt: skip
# Lower-case words that join a surname to the given name ("Van der Bellen", "bin Laden").
NAME_PARTICLES = frozenset({"van", "der", "de", "da", "von", "al", "bin", "ibn", "el", "la", "le"})
# Capitalised words that start sentences or phrases, not names.
NOT_NAMES = frozenset(
    {
        "the", "this", "that", "these", "those", "it", "its", "they", "we", "i", "you", "he",
        "she", "his", "her", "their", "our", "but", "and", "a", "an", "in", "on", "at", "for",
        "now", "so", "yet", "today", "yesterday", "then", "there", "here", "when", "while",
        "after", "before", "well", "let", "if", "as", "one", "another", "five", "my",
        "your", "mr", "ms", "mrs", "dear", "oh", "yes", "no", "thank", "thanks", "since",
        "because", "although", "though", "every", "each", "some", "many", "all",
        "god", "lord", "almighty", "once", "just", "even", "also", "still",
        "what", "who", "how", "why", "where", "which", "with", "from", "by", "of", "to", "about",
        "earlier", "later", "last", "next", "whereas", "operation", "project", "fort", "camp",
        "hello", "welcome", "goodbye", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
        "may", "june", "july", "august", "september", "october", "november", "december",
    }
)  # fmt: skip
NAME_WORD = r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[’'-][A-Z][a-z]+)?|[A-Z]\.(?: ?[A-Z]\.)?)"
# Last words of places, bodies and events, not of people ("West Point", "Border Patrol").
NOT_SURNAMES = frozenset(
    {
        "point", "york", "patrol", "war", "street", "house", "university", "academy", "party",
        "council", "agency", "ministry", "committee", "company", "times", "day", "city",
        "states", "union", "church", "army", "navy", "force", "forces", "department", "office",
        "court", "congress", "senate", "assembly", "nations", "guard", "service", "bank",
        "fund", "organization", "organisation", "summit", "school", "college", "hall",
        "center", "centre", "square", "island", "islands", "ocean", "sea", "river", "county",
        "state", "republic", "kingdom", "federation", "region", "valley", "corps", "iraqis",
        "americans", "russians", "act", "treaty", "plan", "program", "programme", "road",
        "avenue", "park", "airport", "station", "bay", "coast", "east", "west", "north",
        "south", "america", "europe", "asia", "africa", "eve", "christmas", "easter",
        "god", "lord", "bible", "security", "affairs", "relations", "press", "news", "post",
        "journal", "television", "radio", "group", "institute", "foundation", "association",
        "society", "commission", "board", "administration", "government", "cabinet",
        "memorial", "monument", "museum", "cathedral", "stadium", "bridge", "tower", "deal",
        "prize", "peninsula", "gulf", "strait", "desert", "mountains", "canal",
    }
)  # fmt: skip
# A title and a surname ("Mr. Lehrer", "Reverend Otis Moss"), or two to four name words.
TITLED_NAME_RE = re.compile(
    r"\b(?P<title>(?:(?:Mr|Mrs|Ms|Mme|Dr|Sen|Rep|Gen|Rev|Lt|Col)\.?|Justice|Governor|Senator|"
    r"Madame|Reverend|King|Queen|Pope|Sergeant|Colonel|Captain|Private First Class|Ambassador|"
    r"General|Admiral|Professor|Judge|Mayor) +)(?P<name>(?:[A-Z][\w’'-]+ +){0,2}[A-Z][\w’'-]+)"
)
PLAIN_NAME_RE = re.compile(
    rf"\b(?P<name>{NAME_WORD}(?: +(?:{NAME_WORD}|(?:van|der|de|von|bin|al)\b)){{1,3}})"
    r"(?:,? +Jr\.)?"
)
JUNIOR_RE = re.compile(r",? +(?:Jr|Sr)\.?$")
# "My name is Maria Solovyenko" in a question.
OWN_NAME_RE = re.compile(r"\b(?i:my name is) +(?P<name>[A-Z][\w’'-]+(?: +[A-Z][\w’'-]+){1,2})")
# Where a person says or is said to be from: "I am from Vladivostok", "Kathy Blackwell,
# of Massachusetts", "Virginia statesman John Page".
PLACE = r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}"
FROM_PLACE_RE = re.compile(rf"\b(?:I am|I[’']m|I come) from (?P<place>{PLACE})")
OF_PLACE_RE = re.compile(rf",?[ \t]+(?:of|from)[ \t]+(?P<place>{PLACE})")
PLACE_BEFORE_RE = re.compile(
    rf"(?<!\bto )(?<!\bin )(?<!\bat )(?<!\bfrom )(?<!\bof )(?<!\bfor )(?<!\bon )"
    rf"(?<!\bwith )(?<!\bby )\b(?P<place>{PLACE})[ \t]+"
    r"(?!(?:that|and|or|but|when|where|which|who|whom|as|than|then|said|says|told)\b)"
    r"[a-z]+[ \t]+$"
)  # "Virginia statesman John Page", not "to Moscow that J. Beck"
# A bare office, as a label or a subject: "the President", "THE PRESIDENT".
BARE_OFFICE_RE = re.compile(
    r"^(?:the\s+)?(?P<office>president|vice\s+president|prime\s+minister|secretary|"
    r"chancellor|premier|king|queen|head\s+of\s+state)$",
    re.IGNORECASE,
)
BARE_OFFICE_IN_TEXT_RE = re.compile(
    r"\b[Tt]he\s+(?P<office>President|Prime\s+Minister|Head\s+of\s+State)\b(?!\s+of\b)"
)
BARE_OFFICES = {"head of state": "president"}
# Words of an office that gives its holder a country ("Director of …", "Finance Minister").
OFFICE_WORDS = frozenset(
    {
        "minister", "deputy", "governor", "head", "director", "chairman", "chairwoman",
        "chair", "president", "ambassador", "mayor", "speaker", "secretary", "prosecutor",
        "aide", "advisor", "adviser", "commissioner", "chief", "spokesman", "spokeswoman",
        "envoy", "representative", "senator", "general",
    }
)  # fmt: skip
# The last word of an office before a name in a label: "ISS Commander Oleg Skripochka".
OFFICE_ENDS = OFFICE_WORDS | {"commander"}
# Words that end an office, not a person's name: "the Supreme Leader", "General Prosecutor";
# the office words that are surnames too ("Federico Mayor", "Tris Speaker") are left out.
SURNAME_OFFICES = frozenset({"head", "mayor", "speaker", "chief", "deputy", "chair", "general"})
OFFICE_NAMES = OFFICE_WORDS - SURNAME_OFFICES | {"leader"}
# Titles of a state's own legislators, judges and soldiers: alone before a name
# ("Senator Dole", "Justice Thurgood Marshall", "Sergeant …") they give the home country,
# where "President" or "Minister" alone may be a visitor's.
DOMESTIC_TITLES = frozenset(
    {
        "senator", "sen", "governor", "congressman", "congresswoman", "justice", "judge",
        "private", "corporal", "sergeant", "lieutenant", "captain", "major", "colonel",
        "general", "admiral",
    }
)  # fmt: skip
DEFINITE_RE = re.compile(r"\s*[Tt]he\s")
# A description after a name: ", one of America's great preachers", ", a Russian pilot".
DESCRIPTION_RE = re.compile(r",\s+(?P<words>(?:one of|the|a|an|[A-Z])[^,;:.!?\n]{2,60})")
POSSESSIVE_END_RE = re.compile(r"['’]s$")
APPOSITIVE_RE = re.compile(r",\s+(?P<title>[A-Z][^,;:.!?\n]{2,80})")


class Voice(NamedTuple):
    """A speaker as found: canonical name (None when unnamed) and country (None when unknown)."""

    speaker: str | None
    country: str | None


NO_VOICE = Voice(None, None)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def shown(label: str) -> str:
    """A label as a name is written: "SECRETARY KERRY" -> "Secretary Kerry"."""
    return label.title() if label.isupper() else label


def is_anonymous(label: str) -> bool:
    """Whether a label names an unnamed person ("Question", "Q", "Audience members")."""
    plain = re.sub(r"\(.*?\)", "", _collapsed(label)).strip(" .:").casefold()
    return plain in ANONYMOUS_LABELS or plain.rstrip("s") in ANONYMOUS_LABELS


def split_title(label: str) -> tuple[str, str]:
    """The title part and the name at the end of a label.

    Example:
        >>> split_title("Minister of Finance Anton Siluanov")
        ('Minister of Finance', 'Anton Siluanov')
        >>> split_title("Speaker of the Moscow City Duma Vladimir Platonov")
        ('Speaker of the Moscow City Duma', 'Vladimir Platonov')
        >>> split_title("Ms. Psaki"), split_title("Alexander Van der Bellen")
        (('Ms.', 'Psaki'), ('', 'Alexander Van der Bellen'))
        >>> split_title("Rocket Space Centre General Director Dmitry Baranov")[1]
        'Dmitry Baranov'
    """
    words = _collapsed(label).split(" ")
    # The trailing run of capitalised words and name particles.
    start = len(words)
    while start > 0 and (
        words[start - 1][:1].isupper() or words[start - 1].casefold() in NAME_PARTICLES
    ):
        start -= 1
    run = words[start:]
    while run and run[0].casefold().rstrip(".") in TITLE_WORDS:
        run = run[1:]
    # A capitalised office ends at its last office word: "Rocket Space Centre General
    # Director Dmitry Baranov", "OPEC Secretary General Mohammed Sanusi Barkindo".
    titled = [i for i, w in enumerate(run[:-1]) if w.casefold().rstrip(".") in OFFICE_ENDS]
    if titled:
        run = run[titled[-1] + 1 :]
    elif start > 0 or len(run) < len(words) - start:  # a title or office comes first
        # An office's name ("Federal Archive Agency Andrei Artizov"): the last two
        # words, with the particles and initials that belong to the name.
        keep = 2
        while keep < len(run) and (
            run[-keep].casefold() in NAME_PARTICLES or re.fullmatch(r"[A-Z]\.", run[-keep])
        ):
            keep += 1
        run = run[-keep:]
    name = " ".join(run)
    title = " ".join(words)[: max(0, len(" ".join(words)) - len(name))].strip()
    return title, name


class DocumentNames:
    """The people a document names, found once: gazetteer people, titled and plain names.

    Args:
        text: The document's text.
        date: Its date (resolves titles in the gazetteer).
        names: The gazetteer.
        home: The document's own country, for a bare "the President".
    """

    def __init__(
        self, text: str, date: pd.Timestamp | None, names: Gazetteer, home: str | None
    ) -> None:
        self.text = text
        self.date = date
        self.names = names
        self.home = home
        self._people: list[Mention] | None = None
        self._starts: list[int] = []
        self._full: dict[str, str] | None = None
        self._given: dict[str, str] | None = None
        self._introduced: dict[str, str | None] = {}

    @property
    def people(self) -> list[Mention]:
        """Every person the text names, in order of position."""
        if self._people is None:
            self._people = self._find_people()
            self._starts = [m.start for m in self._people]
        return self._people

    def _find_people(self) -> list[Mention]:
        known = self.names.find(self.text, self.date)
        found = [m for m in known if self.names.is_person(m)]
        taken = [(m.start, m.end) for m in known]
        starts = [s for s, _ in taken]

        def free(start: int, end: int) -> bool:
            i = bisect.bisect_left(starts, end) - 1  # the last match that starts before end
            return i < 0 or taken[i][1] <= start

        for match in BARE_OFFICE_IN_TEXT_RE.finditer(self.text):
            voice = self.office_holder(match.group("office"))
            if voice.speaker and free(match.start(), match.end()):
                found.append(
                    Mention(match.start(), match.end(), match.group(), voice.speaker,
                            voice.country or "", "leader")
                )  # fmt: skip
        for name in self._unknown_names():
            if free(name.start, name.end):
                found.append(name)
        return sorted(found + self._surnames_alone(known + found))

    def _surnames_alone(self, found: list[Mention]) -> list[Mention]:
        """A surname written alone after the full name ("Colburn" once "Ron Colburn" is named)."""
        if not self.full_names:
            return []
        spans = sorted((m.start, m.end) for m in found)
        starts = [start for start, _ in spans]
        reach = list(itertools.accumulate((end for _, end in spans), max))
        words = sorted(self.full_names, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b(?![’'-]\w)")
        alone = []
        voices = {word: self.resolve_name(name) for word, name in self.full_names.items()}
        for match in pattern.finditer(self.text):
            i = bisect.bisect_left(starts, match.end()) - 1
            if i >= 0 and reach[i] > match.start():
                continue  # part of a name found already
            voice = voices[match.group()]
            alone.append(
                Mention(match.start(), match.end(), match.group(), voice.speaker or match.group(),
                        voice.country or "", "person")
            )  # fmt: skip
        return alone

    def _unknown_names(self) -> list[Mention]:
        return titled_names(self.text) + plain_names(self.text)

    @property
    def full_names(self) -> dict[str, str]:
        """Surname -> the longest full name the document gives for it."""
        if self._full is None:
            self._full = {}
            for mention in self._unknown_names():
                name = mention.actor
                words = JUNIOR_RE.sub("", name).split()
                if len(words) < 2 or not looks_like_name(" ".join(words)):
                    continue
                inner = {w.casefold() for w in words[1:-1]}
                if (
                    words[-1].casefold() in NOT_NAMES
                    or inner & (NOT_NAMES | TITLE_WORDS)
                    or words[0].casefold() in NOT_SURNAMES
                ):
                    continue  # "D.C. The", "Marine Corps Sergeant Byron", "East Belfast"
                if len(name) > len(self._full.get(words[-1], "")):
                    self._full[words[-1]] = name
        return self._full

    @property
    def given_names(self) -> dict[str, str]:
        """Given name -> the one full name the document gives it ("Melinda" -> "Melinda Lopez").

        A given name two full names share ("Bill Clinton", "Bill Gates") names neither.
        """
        if self._given is None:
            self._given = one_per_given_name(
                (name.split()[0], name) for name in self.full_names.values()
            )
        return self._given

    def people_before(self, position: int, *, within: int) -> Iterator[Mention]:
        """The people named before ``position``, nearest first, up to ``within`` characters back."""
        people = self.people
        i = bisect.bisect_left(self._starts, position) - 1
        while i >= 0 and position - people[i].end <= within:
            if people[i].end <= position:
                yield people[i]
            i -= 1

    def last_person_before(self, position: int, *, within: int = 1500) -> Mention | None:
        """The last person named before ``position`` (for "he said"), not too far back."""
        return next(self.people_before(position, within=within), None)

    def introduced_country(self, name: str) -> str | None:
        """The country of the office a document gives a name where it names it.

        "Central Bank Chairman Sergei Ignatyev" or "Vladimir Kutyryov, Director
        of the Research Institute" in a kremlin.ru page are Russian officials
        (see :func:`_title_country`), and so is "Senator Dole" in a US speech
        (:data:`DOMESTIC_TITLES`); else a country the description after the
        name gives ("Reverend Otis Moss, one of America's great preachers");
        a name given with neither has none. Each place that names them is
        read, first to last ("Senator and Mrs. Dole", then "Senator Dole").
        """
        if name not in self._introduced:
            country, at = None, self.text.find(name)
            while country is None and at >= 0:
                country = self._country_at(name, at)
                at = self.text.find(name, at + len(name))
            self._introduced[name] = country
        return self._introduced[name]

    def country_in(self, words: str) -> str | None:
        """The country a phrase names ("one of America's great preachers"), if any."""
        for mention in self.names.find(words, self.date):
            if mention.actor_type == "country":
                return mention.country or None
        return None

    def _country_at(self, name: str, at: int) -> str | None:
        """The country the words around one place of ``name`` give it."""
        segments = re.split(r"[,;:.!?\n(]", self.text[max(0, at - 80) : at])
        words = segments[-1].split()
        first = len(words)  # the run of title words right before the name
        while first and (words[first - 1][:1].isupper() or words[first - 1] in ("of", "the")):
            first -= 1
        while first < len(words) and words[first].casefold() in NOT_NAMES - {"the"}:
            first += 1  # "As Prime Minister Allawi said": "As" opens the sentence
        before = " ".join(words[first:])
        if not words and len(segments) > 1 and self.text[at - 2 : at] == ", ":
            # "The governor of Louisiana, John Bel Edwards"; not "Mr President, Alexei …"
            before = segments[-2] if DEFINITE_RE.match(segments[-2]) else ""
        after = APPOSITIVE_RE.match(self.text, at + len(name))
        for title in (before, after.group("title") if after else ""):
            words = {w.casefold().rstrip(".") for w in title.split()}
            if words & (OFFICE_WORDS | DOMESTIC_TITLES):
                return _title_country(title, self)
        # "Reverend Otis Moss, one of America's great preachers"
        described = DESCRIPTION_RE.match(self.text, at + len(name))
        country = self.country_in(described.group("words")) if described else None
        if country:
            return country
        # "Kathy Blackwell, of Massachusetts", "Virginia statesman John Page"
        of_place = OF_PLACE_RE.match(self.text, at + len(name))
        place_before = PLACE_BEFORE_RE.search(self.text, max(0, at - 60), at)
        for place in (of_place, place_before):
            country = place_country(place.group("place")) if place else None
            if country:
                return country
        return None

    def office_holder(self, office: str) -> Voice:
        """Who held a bare office ("President") in the home country on the document's date."""
        if not self.home:
            return NO_VOICE
        key = BARE_OFFICES.get(_collapsed(office).casefold(), office)
        holder = self.names.holder(key, self.home, self.date)
        return Voice(holder, self.home) if holder else NO_VOICE

    def resolve_name(self, name: str) -> Voice:
        """A name as written: the gazetteer's person, else the document's full form of it."""
        name = _collapsed(name)
        people = [m for m in self.names.find(name, self.date) if self.names.is_person(m)]
        if people and people[-1].end == len(name):
            return Voice(people[-1].actor, people[-1].country or None)
        if " " not in name:
            full = self.full_names.get(name) or self.given_names.get(name)
            if full is not None and full != name:
                return self.resolve_name(full)
        return Voice(name, None)


def titled_names(text: str) -> list[Mention]:
    """A title and a name ("Justice Thurgood Marshall", "Mr. Moss"), the name as the actor.

    A name that is an office is none ("the General Prosecutor").

    Example:
        >>> [m.actor for m in titled_names("Justice Thurgood Marshall and the General Prosecutor")]
        ['Thurgood Marshall']
    """
    return [
        Mention(m.start(), m.end(), m.group(), m.group("name"), "", "person")
        for m in TITLED_NAME_RE.finditer(text)
        if m.group("name").split()[-1].casefold() not in OFFICE_NAMES
    ]


def plain_names(text: str) -> list[Mention]:
    """Capitalised words that look like a person's name, less a title or opening word before.

    Example:
        >>> text = "Secretary of State Colin Powell said it. Here's Jim Burke."
        >>> [m.actor for m in plain_names(text)]
        ['Colin Powell', 'Jim Burke']
    """
    found = []
    for match in PLAIN_NAME_RE.finditer(text):
        words = match.group("name").split(" ")
        start = match.start()
        while len(words) > 2 and (
            words[0].casefold().rstrip(".") in TITLE_WORDS or words[0].casefold() in NOT_NAMES
        ):
            start += len(words.pop(0)) + 1
        name = " ".join(words)
        if looks_like_name(name):
            found.append(Mention(start, match.end(), text[start : match.end()], name, "", "person"))
    return found


def looks_like_name(words: str) -> bool:
    """Whether capitalised words look like a person's name, not a sentence opening or a place."""
    parts = words.split()
    return (
        len(parts) >= 2
        and POSSESSIVE_END_RE.sub("", parts[0].casefold()) not in NOT_NAMES  # "His", "Today's"
        and parts[0].casefold() not in TITLE_WORDS
        and not re.search(r"['’](?:m|s|ll|re|ve|d|t)$", parts[0])
        and not any(p.endswith(("’s", "'s")) for p in parts)
        and parts[-1].casefold() not in NOT_SURNAMES
        and parts[-1].casefold() not in OFFICE_NAMES  # "the Supreme Leader"
        and " ".join(parts).casefold() not in place_countries()  # "New Jersey", "Los Angeles"
    )


def label_voice(
    label: str,
    document: DocumentNames,
    *,
    speaker: Voice = NO_VOICE,
    learned: dict[str, str] | None = None,
) -> Voice:
    """The speaker a transcript label names, resolved to the person.

    Args:
        label: The label without its colon or period ("Minister of Finance
            Anton Siluanov", "THE PRESIDENT", "Q").
        document: The document's names.
        speaker: The document's own speaker, for a bare "THE PRESIDENT".
        learned: Countries found for names earlier in the document (a later
            "Anton Siluanov:" keeps the country of "Minister of Finance Anton
            Siluanov:"); updated.

    Example:
        >>> names = DocumentNames("", pd.Timestamp("2019-05-01"), gazetteer(), "RUS")
        >>> label_voice("Speaker of the Moscow City Duma Vladimir Platonov", names)
        Voice(speaker='Vladimir Platonov', country='RUS')
        >>> label_voice("Question", names)
        Voice(speaker=None, country=None)
    """
    learned = {} if learned is None else learned
    label = re.sub(r"\s*\(.*?\)\s*", " ", shown(label)).strip(" .")
    if not label or is_anonymous(label):
        return NO_VOICE
    office = BARE_OFFICE_RE.match(label)
    if office is not None:
        if speaker.speaker and office.group("office").casefold() == "president":
            return speaker
        return document.office_holder(office.group("office"))
    title, name = split_title(label)
    if not name:
        return NO_VOICE
    voice = document.resolve_name(name)
    if " " not in (voice.speaker or "") and voice.country is None:
        return NO_VOICE  # one word nobody knows ("Subject", "Item", "Europe") names no one
    if voice.country is None:
        country = (
            _title_country(title, document)
            or learned.get(voice.speaker or "")
            or document.introduced_country(voice.speaker or name)
        )
        voice = Voice(voice.speaker, country)
    if voice.speaker and voice.country:
        learned.setdefault(voice.speaker, voice.country)
    return voice


def _title_country(title: str, document: DocumentNames) -> str | None:
    """The country an office title names ("President of Austria"), else the home country.

    The office of an international organisation ("Secretary General of OPEC") gives none.
    """
    plain = title.casefold().rstrip(".")
    if not title or (plain in TITLE_WORDS and plain not in DOMESTIC_TITLES):
        return None  # "Mr.", "Ms.": a form of address; "President": maybe a visitor's
    if BARE_OFFICE_RE.match(_collapsed(title)):
        return None  # "Prime Minister Allawi": the home's holder is listed, so a visitor
    found = document.names.find(title, document.date)
    # A state or its body before a party or company: "Leader of the Liberal Democrats in the
    # State Duma" is Russian, whatever the US party "Democrats" is.
    stated = [m for m in found if m.country and len(m.country) == 3]
    public = [m for m in stated if m.actor_type != "organization"]
    if stated:
        return (public or stated)[0].country
    if any(m.actor_type == "organization" for m in found):
        return None  # "Secretary General of OPEC": an international official
    return document.home


def own_name(text: str, document: DocumentNames) -> Voice:
    """A speaker who names themselves in an unnamed turn ("My name is Maria Solovyenko")."""
    match = OWN_NAME_RE.search(text[:400])
    return document.resolve_name(match.group("name")) if match else NO_VOICE


def place_country(words: str) -> str | None:
    """The country of a place named by ``words`` or by their first words ("Vladivostok").

    Example:
        >>> place_country("Massachusetts"), place_country("Vladivostok Times")
        ('USA', 'RUS')
        >>> place_country("Reuters") is None
        True
    """
    parts = words.split()
    while parts:
        country = place_countries().get(" ".join(parts).casefold())
        if country:
            return country
        parts.pop()
    return None


def own_place(text: str) -> str | None:
    """The country a speaker says they are from at the start of a turn ("I am from Vladivostok")."""
    match = FROM_PLACE_RE.search(text[:400])
    return place_country(match.group("place")) if match else None


def document_speakers(
    articles: pd.DataFrame, *, gazetteer_: Gazetteer | None = None
) -> pd.DataFrame:
    """The speaker of each whole document that has one: a speech, statement or release.

    The speaker comes from the ``speaker`` column (a ``President: X`` first
    line, or the manifest), else from the ``issuer`` column; the country is
    the gazetteer's for that name (an issuer such as "US government" gives
    its country). Documents with neither are left out.

    Args:
        articles: The ``articles`` frame.
        gazetteer_: Another gazetteer; the shipped one by default.

    Returns:
        ``article_id``, ``speaker``, ``speaker_country`` and ``from``
        (``speaker`` or ``issuer``).

    Example:
        >>> articles = pd.DataFrame({"article_id": ["a", "b"],
        ...                          "speaker": ["Barack Obama", None]})
        >>> document_speakers(articles)[["speaker", "speaker_country", "from"]].values.tolist()
        [['Barack Obama', 'USA', 'speaker']]
    """
    names = gazetteer_ or gazetteer()
    missing = pd.Series([None] * len(articles), index=articles.index, dtype="object")
    records = []
    for article_id, speaker, issuer, date in zip(
        articles["article_id"],
        articles.get("speaker", missing),
        articles.get("issuer", missing),
        articles.get("published", missing),
        strict=True,
    ):
        for column, value in (("speaker", speaker), ("issuer", issuer)):
            if isinstance(value, str) and value.strip():
                found = names.find(value, None if pd.isna(date) else date)
                country = next((m.country for m in found if m.country), None)
                whole = [
                    m for m in found
                    if m.actor_type in PERSON_TYPES and m.surface == _collapsed(value)
                ]  # fmt: skip
                name = whole[0].actor if whole else _collapsed(value)
                records.append(
                    {"article_id": article_id, "speaker": name, "speaker_country": country,
                     "from": column}
                )  # fmt: skip
                break
    columns = ["article_id", "speaker", "speaker_country", "from"]
    return pd.DataFrame.from_records(records, columns=columns).astype("string")
