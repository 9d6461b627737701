"""Street-address rules: a street line (house number, name, street word; or the continental and Japanese
forms), then the unit, town, postcode and country lines that follow it. Each rule is data for rule.Rule."""

from __future__ import annotations

import re

from assistant.guardrails.rule import Rule
from assistant.guardrails.rule import rx as _rx

_STREET_WORDS = (
    r"street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|way|court|ct|place|pl|terrace|gardens|close|"
    r"crescent|cres|parkway|pkwy|square|sq|highway|hwy|row|mews|walk|hill|grove|circle|cir|trail|view|rise|"
    r"plaza|parade|esplanade|broadway|turnpike|pike|expressway|expy|freeway|fwy|loop|alley|crossing|centre|center"
)
_CITY_TAIL = r"""(?:,\s*(?:apt\.?|unit|suite|flat)\s*[\w-]+)?(?:,\s*[A-Z][^\W\d_'.-]*(?![\w])(?:\s+[A-Z][^\W\d_'.-]*(?![\w])){0,2}){0,2}
    (?:,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?|,?\s+(?:[A-Z]{1,2}-)?\d{4,5}(?:\s+[A-ZÄÖÜ][\wäöüß'-]+)?|,?\s+\d{3}[ ]\d{2}\s+[A-ZÅÄÖ][\wåäö'-]+|,?\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})?"""

_POSTCODE = r"""(?:\d{5}(?:-\d{4})?|\d{6}|[A-Z]-\d{4}|\d{4}|\d{3}[ ]\d{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2})(?![\w-])"""
_TOWN = r"[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+){0,2}"
_COUNTRY = r"(?:United[ \t]Kingdom|United[ \t]States(?:[ \t]of[ \t]America)?|USA|U\.S\.A\.|UK|Canada|Australia|New[ \t]Zealand|Ireland|Germany|France|Spain|Italy|Netherlands|India|China|Hong[ \t]Kong|Japan|Brazil|Korea|Taiwan|Singapore|Sweden|Belgium|Switzerland|Austria|Mexico)(?!\w)"
# What may follow a street line, on the same line or the next ones: a unit, then towns ending in a postcode, a
# "City, ST 12345" line, a country. Towns alone never extend an address: without the postcode they are just places.
_ADDRESS_TAIL = re.compile(
    rf"""(?:
        (?:[ \t]*[,|][ \t]*|[ \t]*\n[ \t]*|[ \t]+)
        (?:(?:(?i:suite|ste|apt|apartment|unit|flat|floor|fl|room|rm)\b\.?|\#)[ \t]*[\w-]+
          |\d{{1,3}}(?i:st|nd|rd|th)[ \t]+(?i:floor|fl)\b\.?
          |(?:{_TOWN}(?:[ \t]*[,|][ \t]*|[ \t]*\n[ \t]*|[ \t]+)){{0,3}}(?:[A-Z]{{2,3}}\.?,?[ \t]+)?{_POSTCODE}
          |{_COUNTRY})
    )+""",
    re.VERBOSE,
)
# A word of a street's name: capitalised, an ordinal ("41st", "82ND"), a number before "St" ("E 57 St"), or a
# lower-case compass letter before a number ("188 e 64 Street").
_STREET_NAME = r"(?:[A-Z][\w'.-]*|\d{1,3}(?i:st|nd|rd|th)|\d{1,3}(?=\s+(?i:st|street)\b)|[nsew]\.?(?=\s+\d))"
# A Brazilian address after the street and number: district, city, "- UF", CEP, country.
_BR_TAIL = r"""(?:,[ \t]*[A-Z][\w'’-]+(?:[ \t]+(?:(?:de|do|da|dos|das)[ \t]+)?[A-Z][\w'’-]+){0,3}){1,2}[ \t]*-[ \t]*[A-Z]{2},[ \t]*
    \d{5}-\d{3}(?:,[ \t]*Bra[sz]il)?"""
_UNIT_PREFIX = r"(?:(?i:unit|units|suite|flat|apt|apartment)\b\.?[ \t]+[\w-]+(?:[ \t]*&[ \t]*\d+)?,?\s+)"
# After the house number: the street's name and kind, then what may follow on the line.
_STREET_LINE = rf"""[A-Za-z]?(?:-\d{{1,5}})?,?\s+
    (?:{_STREET_NAME}\s+(?:(?:{_STREET_NAME}|of|the|de|la)\s+){{0,3}}(?i:{_STREET_WORDS})|(?i:broadway|kingsway))
    \.?(?!\w){_CITY_TAIL}"""

ADDRESS_RULES: tuple[Rule, ...] = (
    # The street line, then again with a unit before it ("Apt. 4B, 221 Baker Street"): two rules, so that the
    # common one starts with a digit and is scanned fast.
    Rule("STREET_ADDRESS", _rx(rf"""\d(?<!\w.)\d{{0,4}}{_STREET_LINE}"""), digits=1, score=0.85, extend=_ADDRESS_TAIL),
    Rule("STREET_ADDRESS", _rx(rf"""(?<!\w){_UNIT_PREFIX}\d{{1,5}}{_STREET_LINE}"""), digits=1, score=0.85, extend=_ADDRESS_TAIL,
         needs=("unit", "suite", "flat", "apt", "apartment")),
    Rule("STREET_ADDRESS", _rx(r"(?<!\w)(?i:p\.?[ ]?o\.?[ ]?box|post[ ]office[ ]box)[ ]*\d{1,6}(?!\w)"), digits=1, score=0.85, needs=("box",),
         extend=_ADDRESS_TAIL),
    Rule("STREET_ADDRESS", _rx(rf"""(?<!\w)[A-ZÄÖÜ][\wäöüß-]*(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|gatan|vägen|gade|vej|straat|laan|gracht)
                                   \s+\d{{1,4}}[a-z]?{_CITY_TAIL}"""), digits=1, score=0.85,
         needs=("stra", "str.", "weg", "platz", "allee", "gasse", "ring", "damm", "gatan", "vägen", "gade", "vej", "laan", "gracht")),
    Rule("STREET_ADDRESS", _rx(r"""\d(?<!\w.)\d{0,3}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|place|chemin|
                                   allée|impasse|quai|calle|avenida|paseo|plaza)\s+
                                   (?:d[eu']\s?|de\s+la\s+|des\s+|del\s+|da\s+|do\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}
                                   (?:,\s*\d{5}\s+[A-Z][\w'-]+)?"""), digits=1, score=0.85,
         needs=("rue", "av", "bd", "boulevard", "place", "chemin", "allée", "impasse", "quai", "calle", "paseo", "plaza")),
    Rule("STREET_ADDRESS", _rx(rf"""(?<!\w)(?i:calle|avenida|paseo|plaza|via|viale|rua)\s+(?:de\s+(?:la\s+)?|del\s+)?
                                   [A-Z][\w'’-]+(?:\s+(?:(?:de|do|da|dos|das|del|la)\s+)?[A-Z][\w'’-]+){{0,3}},?\s+\d{{1,4}}
                                   (?:,\s*\d{{1,2}}[ºo°]\s?[A-Z]?)?(?:,\s*\d{{4,5}}\s+[A-Z][\w'-]+|{_BR_TAIL})?"""),
         digits=1, score=0.85, needs=("calle", "avenida", "paseo", "plaza", "via", "rua")),
    # Lower case, as typed in a hurry: only with the postcode that makes it an address ("22 victoria terrace,
    # nottingham ng7 5jq", "17 rue des acacias, 31000 toulouse", "eichenstraße 195a, 80323 münchen").
    Rule("STREET_ADDRESS", _rx(rf"""\d(?<!\w.)\d{{0,4}}[a-z]?,?[ \t]+(?:[a-z][a-z'-]*[ \t]+){{1,3}}(?:{_STREET_WORDS})\.?,?
                                   [ \t]+(?:[a-z][a-z'-]*[ \t]+){{0,2}}[a-z]+,?[ \t]+(?:[a-z]{{1,2}}\d[a-z\d]?[ \t]?\d[a-z]{{2}}|\d{{5}})
                                   (?:,[ \t]*(?:united[ \t]kingdom|uk|usa))?(?!\w)"""), digits=1, score=0.8),
    Rule("STREET_ADDRESS", _rx(r"""\d(?<!\w.)\d{0,3}(?:[ ]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|boulevard|place|allée|chemin|impasse|quai|
                                   calle|avenida|paseo|plaza)[ \t]+(?:d[eu'][ \t]?|de[ \t]+la[ \t]+|des[ \t]+|del[ \t]+)?[a-zà-ÿ][\w'’-]+
                                   (?:[ \t]+[a-zà-ÿ][\w'’-]+){0,3},[ \t]*\d{5}[ \t]+[a-zà-ÿ][\w'-]+"""), digits=1, score=0.8,
         needs=("rue", "avenue", "boulevard", "place", "allée", "chemin", "impasse", "quai", "calle", "avenida", "paseo", "plaza")),
    Rule("STREET_ADDRESS", _rx(r"""[a-zäöü](?<!\w.)[\wäöüß-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm)[ \t]+\d{1,4}[a-z]?,
                                   [ \t]*\d{5}[ \t]+[a-zäöü][\wäöüß-]+"""), digits=1, score=0.8,
         needs=("stra", "str.", "weg", "platz", "allee", "gasse", "ring", "damm")),
)  # fmt: skip
