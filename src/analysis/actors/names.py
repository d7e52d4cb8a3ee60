"""How names and titles are written: tokens, keys, titled names, speaker labels."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from typing import NamedTuple, TypeVar

PERSON_TYPES = frozenset({"leader", "official", "military", "person"})
# A title and the name after it are one mention when only this stands between.
TITLE_NAME_GAP = re.compile(r"^\s+$")
# Words and single punctuation marks: "U.S." is U . S . and "Russia's" Russia ' s.
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# The word a name is glued to by a hyphen ("anti-American"; not "Russian-American").
GLUED_RE = re.compile(r"(\w+)-$")
# A country's own bodies, as written after its adjective or alone after "the" (folded),
# with the name of the body and its type: "the Russian Central Bank" is the Central
# Bank of Russia.
NATIONAL_BODIES = {
    "government": ("Government", "government"),
    "federal government": ("Government", "government"),
    "armed forces": ("Armed Forces", "military"),
    "parliament": ("Parliament", "legislature"),
    "central bank": ("Central Bank", "government"),
    "supreme court": ("Supreme Court", "government"),
    "foreign ministry": ("Ministry of Foreign Affairs", "government"),
    "defence ministry": ("Ministry of Defence", "government"),
    "defense ministry": ("Ministry of Defence", "government"),
}
# The bodies as written after an adjective or "the" (a parliament only after an adjective),
# and their names of two words, which need neither when capitalised ("Defence Ministry").
NATIONAL_BODY_RE = "(?:{})".format(
    "|".join(
        key.replace(" ", r"[ \t]+")
        for key in sorted(NATIONAL_BODIES, key=len, reverse=True)
        if key != "parliament"
    )
)
CAPITALISED_BODY_RE = "(?:{})".format(
    "|".join(key.title().replace(" ", r"\s+") for key in NATIONAL_BODIES if " " in key)
)
# A ministry by its portfolio: "the Ministry of Energy", "Ministry of Foreign Affairs".
MINISTRY_RE = (
    r"(?-i:Ministry[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][a-z]+(?:[ \t]+(?:and[ \t]+)?[A-Z][a-z]+){0,3})"
)
# The portfolios that are bodies of NATIONAL_BODIES.
MINISTRIES = {
    "ministry of foreign affairs": "foreign ministry",
    "ministry of defence": "defence ministry",
    "ministry of defense": "defence ministry",
}
# A bare office or body ("the President", "the Government") names the office holder or
# body of the document's own country (its issuer's or speaker's); "the President of
# Finland" does not, and a parliament alone may be any country's.
BARE_TITLE_RE = re.compile(
    r"(?:\bthe\s+(?:entire\s+|whole\s+)?(?P<office>president|prime\s+minister|vice\s+president|"
    rf"head\s+of\s+state|{NATIONAL_BODY_RE}|{MINISTRY_RE})"
    # a body's capitalised name needs no "the": "Defence Ministry Board meeting"
    rf"|\b(?-i:(?P<body>{CAPITALISED_BODY_RE})))\b"
    r"(?!\s+of\b)",
    re.IGNORECASE,
)
BARE_ROLES = {"head of state": "president"}
BARE_BODIES = frozenset(NATIONAL_BODIES) - {"parliament"}  # and every "ministry of …"
# An office written before a name: "Polish President", "President of Syria", "Mr".
OFFICE = (
    r"(?:(?:Federal|Deputy|Vice|Prime|Foreign|Defen[cs]e|First|Acting|Former|former|State|"
    r"Under|Grand|Crown|Supreme|Executive|Assistant|Special)[ \t]+)*"
    r"(?:Secretary[- ]General|Attorney[ \t]+General|Director[- ]General|President|Minister|"
    r"Chancellor|King|Queen|Emir|Premier|Secretary|Ambassador|Governor|Senator|Chairman|"
    r"Chairwoman|Speaker|Prince|Princess|Sheikh|Mayor|Commissioner|Envoy|Pope|Patriarch|"
    r"Admiral|Marshal|Mr\.?|Mrs\.?|Ms\.?|Mme\.?|Madame|Dr\.?)"
)
# "President of the United States of America"; "and" joins no second office ("Chancellor
# of Austria Christian Kern and President of Moldova Igor Dodon" is two people).
OFFICE_OF = (
    r"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*"
    rf"(?:[ \t]+(?:(?:of|the)[ \t]+|and[ \t]+(?!(?:the[ \t]+)?{OFFICE}))*[A-Z][\w'’-]*)*?)?"
)
NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’]+(?:[A-Z][a-zà-ÿ]+)?(?:-[A-Z]?[a-zà-ÿ]+)*|[A-Z]\.)"
# Words that end a state's name, never open a person's ("President of the Argentine Republic").
STATE_NAME_ENDS = r"(?:Republic|Federation|Kingdom|Emirates|Islands|States|Union|Confederation)"
NAME = (
    rf"(?!{STATE_NAME_ENDS}\b){NAME_WORD}"
    rf"(?:[ \t]+(?:(?:de|da|di|du|van|von|der|den|del|bin|al-)[ \t]*)*{NAME_WORD})*"
)
TITLE_BEFORE_RE = re.compile(rf"\b{OFFICE}{OFFICE_OF}[ \t]+$")
TITLED_NAME_RE = re.compile(rf"\b(?P<title>{OFFICE}{OFFICE_OF})[ \t]+(?P<name>{NAME})")
# Words that follow a title but are no name: "Mr President", "Deputy Prime Minister".
NOT_NAMES = frozenset(
    {"President", "Minister", "Prime", "Secretary", "Chairman", "Speaker", "Ambassador"}
    | {"Governor", "Senator", "Chancellor", "Premier", "Vice", "Deputy", "Foreign", "General"}
    | {"Prince", "Princess", "Crown", "Emir", "Sheikh"}
    | {"The", "And", "In", "On", "At", "Of", "Madam", "Sir"}
)
# A transcript's speaker label ("Minister of Finance Anton Siluanov:", "THE PRESIDENT:")
# is who speaks, not a mention.
LABEL_RE = re.compile(
    r"^\s*(?:[A-Z][\w.'’-]*|of|the|and|for|on|de|da|von|van|al|bin|ibn)"
    r"(?:[ \t]+(?:[A-Z][\w.'’-]*|of|the|and|for|on|de|da|von|van|al|bin|ibn)){0,11}[ \t]*:[ \t]"
)


# Words that open a name in the lists without being a given name ("Sir Winston
# Churchill", "General Motors").
NOT_GIVEN = frozenset(
    {"Sir", "Lord", "Lady", "Dame", "Saint", "General", "Colonel", "Major", "Captain"}
    | {"Father", "Sister", "Brother", "Mother", "Bishop", "Archbishop", "Cardinal", "Imam"}
    | {"Rabbi", "Judge", "Justice", "Doctor", "Professor", "United", "New", "North", "South"}
    | {"East", "West", "Great", "Royal", "National", "People", "Grand", "Saint", "San"}
)
# Words that end a place, a body, a work or a day, not a person's name ("Christian
# Democrats", "Victoria Falls", "Lincoln Memorial", "Martin Luther King Day").
NOT_SURNAMES = frozenset(
    {"Street", "Square", "Avenue", "Road", "Bridge", "Garden", "Gardens", "Park", "River"}
    | {"Lake", "Falls", "Valley", "Island", "Islands", "Bay", "Mountains", "Airport", "Port"}
    | {"Station", "Memorial", "Monument", "Center", "Centre", "Hall", "Hotel", "House"}
    | {"Palace", "Tower", "Church", "Cathedral", "Museum", "Library", "Stadium", "Theatre"}
    | {"Theater", "University", "College", "School", "Academy", "Institute", "Foundation"}
    | {"Fund", "Prize", "Award", "Medal", "Doctrine", "Plan", "Act", "Treaty", "Day"}
    | {"Company", "Corporation", "Group", "Bank", "Party", "Democrats", "Democratic"}
    | {"Republicans", "Republican", "Council", "Committee", "Commission", "Agency"}
    | {"Ministry", "Department", "Forum", "Club", "Channel", "Times", "Post", "News"}
    | {"Review", "Journal", "Herald", "Tribune", "Motors", "Airlines", "Oil", "Gas"}
    | {"Energy", "Holdings", "Studios", "Records", "Festival", "Games", "Cup", "Era"}
    | {"Television", "Radio", "Broadcasting", "Network", "Press", "Media", "Magazine"}
)
# Last words of bodies, which end no name after a title ("President of the Latino
# Coalition"), though a run of names may hold them ("Army Sergeant Michael Tolbert").
BODY_WORDS = NOT_SURNAMES | {
    "Coalition", "Alliance", "Union", "Front", "Movement", "League", "Federation",
    "Organization", "Organisation", "Association", "Society", "Conference", "Congress",
    "Assembly", "Parliament", "Senate", "Government", "Administration", "Service", "Board",
    "Office", "Directorate", "Authority", "Corps", "Forces", "Army", "Navy",
}  # fmt: skip
GIVEN_NAME_RE = re.compile(r"[A-Z][a-zà-ÿ]{2,}")
# A whole word of a name ("McCain", "Jong-un", "O’Neill"), or an initial; a word with
# letters beyond these ("Wałęsa") ends no name rather than give a piece of one.
FULL_WORD = (
    r"[A-Z](?:[a-zà-ÿ]|['’][A-Z])[a-zà-ÿ]*(?:[A-Z][a-zà-ÿ]+)?(?:-[A-Z]?[a-zà-ÿ]+)*"
    r"(?!\w|-|['’](?!s\b))"
)
NAME_PIECE = rf"(?:{FULL_WORD}|[A-Z]\.)"
PARTICLE = r"(?:de|da|di|du|van|von|der|den|del|la|le|bin|ibn|al)"  # "Van der Bellen"
# A run of name words not followed by another capitalised word it could not take.
NAME_RUN_RE = re.compile(
    rf"{NAME_PIECE}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAME_PIECE})+(?![ \t]+[A-ZÀ-Þ])"
)
FULL_WORD_RE = re.compile(FULL_WORD)
# A form of address, or an office a visitor holds as often as a native ("President Xi
# Jinping", "King Salman" in a kremlin.ru page): it says nothing of the country.
VISITOR_TITLE_RE = re.compile(
    r"^(?:Mr|Mrs|Ms|Mme|Madame|Dr|(?:Crown\s+)?Prince|Princess|President|Prime\s+Minister|King|Queen|"
    r"Emir|Premier|Chancellor|Sheikh|Pope)\b(?!\s+of\b)"
)
DOCTOR_RE = re.compile(r"^(?:Dr|Doctor|Professor|Prof)\b")
GIVEN_BEFORE_RE = re.compile(r"\b([A-Z][a-zà-ÿ]+)[ \t]+$")


class Mention(NamedTuple):
    """One actor mention in a text: offsets, surface, who, which country, what kind."""

    start: int
    end: int
    surface: str
    actor: str
    country: str
    actor_type: str


Person = TypeVar("Person", bound=Hashable)


def one_per_given_name(people: Iterable[tuple[str, Person]]) -> dict[str, Person]:
    """Given name -> the one person a text names with it; one two people share names neither.

    Example:
        >>> one_per_given_name([("Bill", "Bill Clinton"), ("Bill", "Bill Gates"),
        ...                     ("Melinda", "Melinda Lopez")])
        {'Melinda': 'Melinda Lopez'}
    """
    found: dict[str, set[Person]] = {}
    for given, person in people:
        found.setdefault(given, set()).add(person)
    return {given: next(iter(named)) for given, named in found.items() if len(named) == 1}


def tokens(text: str) -> list[tuple[int, int, str]]:
    """The tokens of a text with their offsets: words and single punctuation marks.

    Example:
        >>> [t for _, _, t in tokens("the U.S. and Russia's")]
        ['the', 'U', '.', 'S', '.', 'and', 'Russia', "'", 's']
    """
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


# British spellings folded to the American ones the lists mostly use: "World Health
# Organisation", "Secretary of Defence", "Carnegie Moscow Centre". ("Labour" is not
# "Labor": the British and the Australian parties are two.)
BRITISH_SPELLINGS = {"organisation": "organization", "organisations": "organizations",
                     "defence": "defense", "centre": "center", "centres": "centers"}  # fmt: skip
SPELLINGS = {
    written(british): written(american)
    for british, american in BRITISH_SPELLINGS.items()
    for written in (str.lower, str.title, str.upper)
}


def fold_token(token: str) -> str:
    """A token as looked up: a British spelling as the American one, in the same case."""
    return SPELLINGS.get(token, token)


def name_key(form: str, *, fold: bool) -> tuple[str, ...]:
    """A name as looked up: its tokens in one spelling, folded to lower case when ``fold``.

    Example:
        >>> name_key("World Health Organisation", fold=True)
        ('world', 'health', 'organization')
    """
    return tuple(fold_token(token) for token in TOKEN_RE.findall(form.casefold() if fold else form))


def title_tokens(title: str) -> tuple[str, ...]:
    """A title's tokens in lower case, in its own spelling.

    A title's spelling is not folded as a name's is: "Defence Secretary" is
    Britain's office, "Defense Secretary" the United States'.
    """
    return tuple(TOKEN_RE.findall(title.casefold()))


def title_key(title: str) -> str:
    """A title as looked up: its folded tokens ("U. S. President" is "u . s . president")."""
    return " ".join(title_tokens(title))


# A capitalised word right before a name or body: the name goes on ("Martin Luther King",
# "European Central Bank").
NAME_BEFORE_RE = re.compile(r"[A-Z][\w.'’-]*[ \t]+$")


def name_before(text: str, start: int) -> bool:
    """Whether a capitalised word stands right before ``text[start:]``."""
    return NAME_BEFORE_RE.search(text, max(0, start - 40), start) is not None


# A country a title is for or to: where the office holder is sent, not their own.
DESTINATION_RE = re.compile(r"\b(?:to|for)[ \t]+(?:the[ \t]+)?$")


def _absorb(mentions: list[Mention], start: int, text: str) -> tuple[list[Mention], int, str]:
    """Drop the mentions inside ``[start, …)`` and a country adjacent before it.

    Returns the mentions kept, the new start and the country absorbed ("" if none).
    """
    inside = [m for m in mentions if m.start >= start]
    country = next(
        (
            m.country
            for m in inside
            if m.actor_type == "country" and not DESTINATION_RE.search(text, start, m.start)
        ),
        "",
    )  # "Special Envoy for Syria Geir Pedersen" is no Syrian
    kept = [m for m in mentions if m.start < start]
    if kept and kept[-1].actor_type == "country" and not text[kept[-1].end : start].strip():
        country = country or kept[-1].country
        start = kept.pop().start  # "Polish President …": the adjective is part of the title
    return kept, start, country


def with_titles(text: str, mentions: list[Mention], *, unknown: bool = True) -> list[Mention]:
    """Titles and names as one mention; titled names the gazetteer does not know.

    "President Putin", "German Federal Chancellor Gerhard Schroeder" and
    "President of Syria Bashar al-Assad" are each one mention of the person
    (a country inside the title is not a mention of its own); "Polish
    President Alexander Kwasniewski", unknown, is a person of Poland.
    """
    out: list[Mention] = []
    for mention in mentions:
        if out and out[-1].end > mention.start:
            continue  # inside a titled name already taken
        if mention.actor_type in PERSON_TYPES:
            title = TITLE_BEFORE_RE.search(text, max(0, mention.start - 120), mention.start)
            inside = [m for m in out if title is not None and m.end > title.start()]
            if title is not None and all(
                m.start >= title.start()
                and (m.actor_type not in PERSON_TYPES or m.actor == mention.actor)
                for m in inside
            ):  # "President of the United States of America Barack Obama": one mention
                out, start, _ = _absorb(out, title.start(), text)
                mention = mention._replace(start=start, surface=text[start : mention.end])
        out.append(mention)
    known = [(m.start, m.end) for m in out if m.actor_type in PERSON_TYPES]
    for match in TITLED_NAME_RE.finditer(text) if unknown else ():
        name, end = _titled_name(text, match, out)
        if not name:
            continue
        words = name.split()
        if words[0] in NOT_NAMES or any(a < match.end() and match.start() < b for a, b in known):
            continue
        if words[-1] in BODY_WORDS:
            continue  # "President of the Latino Coalition": a body, not a name
        if len(words) == 1 and len(name) < 3:
            continue
        before = [m for m in out if m.end <= match.start()]
        after = [m for m in out if m.start >= match.end()]
        inside = [m for m in out if m.start >= match.start() and m.end <= match.end()]
        if len(before) + len(after) + len(inside) != len(out):
            continue  # overlaps a mention it does not contain
        kept, start, country = _absorb(before + inside, match.start(), text)
        person = Mention(start, end, text[start:end], name, country, "person")
        out = [*kept, person, *after]
    return out


def _titled_name(text: str, match: re.Match[str], found: list[Mention]) -> tuple[str, int]:
    """The name of a titled match and where it ends, without a possessive "'s".

    A country the title names runs into the name when the title is matched
    short ("King of Saudi Arabia Salman bin Abdulaziz"): the name then starts
    after the country.
    """
    start, end = match.span("name")
    for mention in found:
        if mention.actor_type == "country" and mention.start < start < mention.end:
            start = mention.end
    name = text[start:end].strip()
    while " " in name and name.split()[0] in BODY_WORDS:
        name = name.split(" ", 1)[1]  # "… of the Valdai Foundation Andrei Bystritsky"
    if name.endswith(("'s", "’s")):
        name, end = name[:-2], end - 2
    return name, end


def relatives(text: str, mentions: list[Mention], given_names: frozenset[str]) -> list[Mention]:
    """A given name before a listed person's surname names a relative of theirs.

    "Laura Bush" is not George W. Bush: the surname alone matched him, the
    given name before it makes another person. They share his country when
    the text names him too ("President George Bush and Laura Bush"); else
    their country is unknown ("Pat Schroeder" is no German).

    Example:
        >>> bush = Mention(11, 15, "Bush", "George W. Bush", "USA", "leader")
        >>> relatives("with Laura Bush", [bush], frozenset({"Laura"}))[0][2:]
        ('Laura Bush', 'Laura Bush', '', 'person')
    """
    out = []
    named = {m.actor for m in mentions if " " in m.surface}
    for mention in mentions:
        given = GIVEN_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start)
        if (
            given is not None
            and mention.actor_type in PERSON_TYPES
            and " " not in mention.surface
            and given.group(1) in given_names
            and given.group(1) not in mention.actor.split()
        ):
            surface = text[given.start() : mention.end]
            country = mention.country if mention.actor in named else ""
            mention = Mention(given.start(), mention.end, surface, surface, country, "person")
        out.append(mention)
    return out


def untitled_names(
    text: str, mentions: list[Mention], given_names: frozenset[str]
) -> list[Mention]:
    """Add people no list names, written with a given name the lists know.

    "Richard Wagoner" is a person of no known country: a run of capitalised
    words from a given name that the gazetteer's people carry, two to four
    words, the last a whole word. A run that overlaps a mention, or holds a
    word that ends a place or a body ("Christian Democrats", "Rose Garden"),
    is left alone.

    Example:
        >>> found = untitled_names("Then Richard Wagoner spoke.", [], frozenset({"Richard"}))
        >>> [(m.actor, m.country, m.actor_type) for m in found]
        [('Richard Wagoner', '', 'person')]
    """
    found = []
    taken = sorted((m.start, m.end) for m in mentions)
    j = 0
    for run in NAME_RUN_RE.finditer(text):
        while j < len(taken) and taken[j][1] <= run.start():
            j += 1  # runs come in text order: the mentions before it are done with
        if j < len(taken) and taken[j][0] < run.end():
            continue
        words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", run.group())]
        if any(word in NOT_SURNAMES for _, _, word in words):
            continue
        first = next((i for i, (_, _, word) in enumerate(words) if word in given_names), None)
        if first is None:
            continue
        name = words[first : first + 4]
        while len(name) > 1 and not FULL_WORD_RE.fullmatch(name[-1][2]):
            name.pop()  # "George C." is no whole name
        if len(name) < 2:
            continue
        start, end = run.start() + name[0][0], run.start() + name[-1][1]
        found.append(Mention(start, end, text[start:end], text[start:end], "", "person"))
    return sorted(mentions + found) if found else mentions
