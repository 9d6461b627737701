"""Pattern recognizers: each rule is a little data — a pattern, an optional validator and context — and
one generic matcher runs them all (Presidio's idea, written small)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.guardrails import validators as v
from assistant.guardrails.spans import EntityType

Validator = Callable[[str], bool]


@dataclass(frozen=True)
class Rule:
    entity_type: EntityType
    pattern: re.Pattern[str]
    validator: Validator | None = None
    # When set, the rule fires only with one of these words within `window` characters before the match.
    context: re.Pattern[str] | None = None
    window: int = 40
    score: float = 0.9
    group: str = "value"  # the named group holding the value (defaults to the whole match)
    # Try shorter values, a trailing chunk at a time, when the whole match fails its validator
    # ("ES97 0781 … 7843 for" is an IBAN once " for" goes).
    shrink: bool = False
    # When set, text right after the value that matches this pattern joins it (an address's unit, town and
    # postcode lines).
    extend: re.Pattern[str] | None = None
    # When set, the rule runs only on text whose lower-case form holds one of these: a substring test is far
    # cheaper than a scan, and most messages have no "order", no "born", no "@".
    needs: tuple[str, ...] = ()

    # When set, the rule runs only where this cheaper pattern is found.
    gate: re.Pattern[str] | None = None
    # The fewest digits a match holds: most chat messages have none, so most number rules never run on them.
    digits: int = 0

    def may_match(self, text: str, present: frozenset[str], digits: int) -> bool:
        """Whether the rule can match `text`, given which of all rules' `needs` its lower-case form holds and how
        many digits it has."""
        return (
            digits >= self.digits
            and (not self.needs or not present.isdisjoint(self.needs))
            and (self.gate is None or self.gate.search(text) is not None)
        )

    def matches(self, text: str) -> Iterator[tuple[int, int, float]]:
        pos = 0
        while (m := self.pattern.search(text, pos)) is not None:
            start, end = m.span(self.group) if self.group in self.pattern.groupindex else m.span()
            value = text[start:end]
            ok = self.validator is None or self.validator(value)
            while not ok and self.shrink and self.validator is not None and (cut := _CHUNK.search(value)):
                value = value[: cut.start()]
                end = start + len(value)
                ok = len(value) >= 8 and self.validator(value)
            if ok and self.context is not None:
                ok = bool(self.context.search(text[max(0, start - self.window) : start]))
            if ok and self.extend is not None and (more := self.extend.match(text, end)):
                end = more.end()
            if ok:
                yield start, end, self.score
                pos = max(m.end(), pos + 1)
            else:
                # A failed candidate may hide a valid one that starts inside it ("me at jane dot doe at …").
                pos = m.start() + 1


_CHUNK = re.compile(r"[ -]?[A-Za-z0-9]{1,4}$")


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.VERBOSE)


_DATE = r"""
    (?:\d{4}-\d{1,2}-\d{1,2}
     | \d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})
     | \d{1,2}[-/ ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[-/ ]\d{4}
     | \d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}
     | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"""
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

# A spaced or bracketed "at" (which `spoken_email` insists on) then a domain with "dot" or "." in it: what every
# spoken email holds, found far faster than by the full pattern.
_SPOKEN_AT = re.compile(r"(?i)(?:\s(?:at|@)\s|\(at\)|\[at\])[\s\])]*[a-z0-9-]+[\s\[(]*(?:dot|\.)")

RULES: tuple[Rule, ...] = (
    Rule("EMAIL", _rx(r"(?<![\w.+-])[\w.+-]+[ ]?@[ ]?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"), score=1.0,
         needs=("@",)),
    Rule("EMAIL", _rx(r"""[a-z0-9._+-](?<!\w.)[a-z0-9._+-]*(?:\s*[\[(]?\s*dot\s*[\])]?\s*[a-z0-9_+-]+)*
                          \s*[\[(]?\s*(?:at|@)\s*[\])]?\s*
                          [a-z0-9-]+(?:(?:\s*[\[(]?\s*dot\s*[\])]?\s*|\.)[a-z]{2,})+(?!\w)""", re.I),
         validator=v.spoken_email, score=0.85, gate=_SPOKEN_AT),
    Rule("CREDIT_CARD", _rx(r"\d(?<![\w.+-]\d)(?<![A-Za-z]{2}\d{2}[ ]\d)(?:[ .-]?\d){12,18}(?![\w-]|\.\d)"),
         validator=lambda s: v.luhn(s) and v.card_prefix(s), score=1.0, digits=13),
    Rule("IBAN", _rx(r"[A-Z](?<![A-Za-z0-9].)[A-Z]\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", re.I),
         validator=v.iban, score=1.0, shrink=True, digits=2),
    Rule("IBAN", _rx(r"[A-Z](?<![A-Za-z0-9].)[A-Z]\d{2}[A-Z0-9]{11,30}(?![A-Za-z0-9])"), validator=v.iban, score=1.0, digits=2),
    Rule("US_SSN", _rx(r"\d(?<![\d-].)\d{2}([- ])\d{2}\1\d{4}(?![\d-])"), validator=v.us_ssn, score=0.9, digits=9),
    Rule("US_SSN", _rx(r"\d(?<![\d-].)\d{8}(?![\d-])"), validator=v.us_ssn, needs=("ssn", "social"),
         context=re.compile(r"(?i)\b(ssn|social security|social sec)\b"), score=0.85),
    Rule("UK_NINO", _rx(r"[A-Za-z](?<![A-Za-z0-9].)[A-Za-z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d](?![A-Za-z0-9])"),
         validator=v.uk_nino, score=0.95, digits=6),
    Rule("IP_ADDRESS", _rx(r"\d(?<![\d.].)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?!\d|\.\d)"), validator=v.ip_address, score=0.95, digits=4),
    Rule("IP_ADDRESS", _rx(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:\.\d{1,3}){0,3}(?![\w:])"),
         validator=lambda s: s.count(":") >= 2 and v.ip_address(s), score=0.95, needs=(":",)),
    Rule("DATE_OF_BIRTH", _rx(rf"(?P<value>{_DATE})", re.I),
         context=re.compile(r"(?i)\b(born|birth\w*|dob|d\.o\.b|geboren|née?|nacido|nacimiento|naissance)\b"),
         window=45, score=0.9, digits=4, needs=("born", "birth", "dob", "d.o.b", "geboren", "né", "nacido", "nacimiento", "naissance")),
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
    Rule("ORDER_ID", _rx(r"(?<![\w-])ORD-?\d{4}-?\d{4,8}(?![\w-])|(?<![\w-])ORD-?\d{5,10}(?![\w-])", re.I),
         score=0.95, needs=("ord",)),
    Rule("ORDER_ID", _rx(r"(?i:order)(?:\s+(?i:number|no\.?|nr\.?|num|id|ref|reference|was|is|code))*\s*:?\s*(?P<value>\#?[A-Z0-9]*\d[A-Z0-9-]{4,})"),
         score=0.85, needs=("order",)),
    Rule("ACCOUNT_ID", _rx(r"(?<![\w-])ACC-?\d{6,12}(?![\w-])", re.I), score=0.95, needs=("acc",)),
    Rule("ACCOUNT_ID", _rx(r"(?i:account|acct|membership|member|rewards|loyalty)\s*(?:number|no\.?|num|id|card)\s*[:#]?\s*"
                           r"(?P<value>[A-Z0-9]*\d[A-Z0-9-]{5,})"), score=0.85,
         needs=("account", "acct", "member", "rewards", "loyalty")),
    Rule("CUSTOMER_ID", _rx(r"(?<![\w-])(?:NW|CU|CUST)-?\d{4,8}(?![\w-])", re.I), score=0.95, needs=("nw", "cu")),
    Rule("CUSTOMER_ID", _rx(r"[A-Z](?<![\w-].)[A-Z]-\d{4}(?![\w-])"), score=0.8, needs=("-",)),
    Rule("CUSTOMER_ID", _rx(r"(?i:customer|client)\s*(?:number|no\.?|num|id|ref)\s*[:#]?\s*(?P<value>[A-Z0-9]*\d[A-Z0-9-]{3,})"),
         score=0.85, needs=("customer", "client")),
)  # fmt: skip
_NEEDLES = frozenset(n for rule in RULES for n in rule.needs)


def present_needles(lower: str) -> frozenset[str]:
    """Which of the rules' `needs` a lower-case text holds: each looked for once per text, not once per rule."""
    return frozenset(n for n in _NEEDLES if n in lower)
