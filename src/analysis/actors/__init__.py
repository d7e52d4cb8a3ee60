"""Find the actors a text mentions: countries, leaders, officials, institutions.

The gazetteer is read in layers, each overriding the one before:

1. ``resources/actors_phoenix.tsv`` and ``resources/roles_phoenix.tsv``,
   derived from the Phoenix actor dictionaries (PETRARCH2, MIT; rebuilt by
   :mod:`analysis.resources.build_gazetteer`): about 200 countries, 20,000
   office holders with dated CAMEO roles, and organisations. Their names are
   matched regardless of case, but only when written as proper names (first
   and last word capitalised; a one-word organisation acronym in capitals).
2. ``resources/actors.tsv``: ``actor``, ``country`` (ISO-3 or CAMEO code:
   ``USA``, ``RUS``, ``NATO`` …), ``actor_type`` (country, leader, official,
   government, military, legislature, organization, person) and ``aliases``,
   the surface forms separated by ``|``, matched case-sensitively as whole
   words (``US`` but not ``us``; ``Moscow`` and ``Kremlin`` stand for Russia).
   ``resources/roles.tsv``: ``actor``, ``role``, ``start``, ``end`` (``end``
   empty while in office) and ``titles``, the ways the role is written,
   matched case-insensitively. A title resolves by the article's date: "the
   Russian president" in May 2011 is Dmitry Medvedev, in 2013 Vladimir Putin.
3. The user's actors (``actors=`` a TSV file or a frame with the same
   columns), matched like the curated ones.

A higher layer wins: an actor it names replaces the lower one, an alias it
claims is dropped from the lower layers, a country it lists absorbs the lower
layers' entry for the same code. A name several actors share ("Bush",
"Clinton", "President Bush") goes to the one whose time in office (any role)
is nearest the text's date: "Bush" in 1991 is George H. W. Bush, in 2003
George W. Bush; without a date, to the first listed.

A title directly before a name ("Russian President Dmitry Medvedev") is one
mention of the named person. Overlapping matches keep the longest. Matching
walks a token trie, so its cost grows with the text, not with the number of
names.
"""

from analysis.actors.find import find_actors, home_countries
from analysis.actors.gazetteer import Gazetteer, gazetteer, gazetteer_with
from analysis.actors.names import PERSON_TYPES, Mention, tokens
from analysis.actors.sources import (
    ACTOR_COLUMNS,
    ACTORS_PATH,
    DERIVED_ACTORS_PATH,
    DERIVED_PLACES_PATH,
    DERIVED_ROLES_PATH,
    ROLE_COLUMNS,
    ROLES_PATH,
    ActorsArg,
    Layer,
    actors_fingerprint,
    place_countries,
    read_layer,
    shipped_layers,
    user_layer,
)

__all__ = [
    "ACTORS_PATH",
    "ACTOR_COLUMNS",
    "DERIVED_ACTORS_PATH",
    "DERIVED_PLACES_PATH",
    "DERIVED_ROLES_PATH",
    "PERSON_TYPES",
    "ROLES_PATH",
    "ROLE_COLUMNS",
    "ActorsArg",
    "Gazetteer",
    "Layer",
    "Mention",
    "actors_fingerprint",
    "find_actors",
    "gazetteer",
    "gazetteer_with",
    "home_countries",
    "place_countries",
    "read_layer",
    "shipped_layers",
    "tokens",
    "user_layer",
]
