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
_CITY_TAIL = r"""(?:,\s*(?i:apt\.?|unit|suite|flat)\s*[\w-]+)?(?:,\s*(?!(?i:suite|ste|apt|apartment|unit|flat|floor|room|bp)\b)(?:[A-Z]\.|[A-Z][^\W\d_'.-]*)(?![\w])(?:\s+(?:[A-Z]\.|[A-Z][^\W\d_'.-]*)(?![\w])){0,2}){0,2}
    (?:,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?|,?\s+(?:[A-Z]{1,2}-)?\d{4,5}(?!\d)(?:\s+[A-ZÄÖÜ][\wäöüß'-]+)?|,?\s+\d{3}[ ]\d{2}\s+[A-ZÅÄÖ][\wåäö'-]+|,?\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})?"""

_POSTCODE = r"""(?:\d{5}(?:-\d{4})?|\d{6}|[A-Z]-\d{4}|\d{4}|\d{3}[ ]\d{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2})(?![\w-])"""
# A number that starts the next street line ("…MN 55112\nMedtronic Coronary\n3576 Unocal Place") is no postcode.
_POSTCODE += rf"(?![ \t]+(?:[A-Z][\w'.-]*[ \t]+){{1,4}}(?i:{_STREET_WORDS})(?!\w))"
# A town's name; never a phone's or a fax's label, which a number follows too ("England\nTelephone 0844 800 1500").
_TOWN = r"(?!(?i:tel|telephone|phone|fax|facsimile|mobile|cell|call|toll)\b)[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+){0,2}"
_COUNTRY = r"(?:United[ \t]Kingdom|England|Scotland|Wales|Northern[ \t]Ireland|United[ \t]States(?:[ \t]of[ \t]America)?|USA|U\.S\.A\.|UK|Canada|Australia|New[ \t]Zealand|Ireland|Germany|France|Spain|Italy|Netherlands|India|China|Hong[ \t]Kong|Japan|Brazil|Korea|Taiwan|Singapore|Sweden|Belgium|Switzerland|Austria|Mexico|Portugal|Poland|Denmark|Norway|Finland|Greece|Israel|Turkey|Lebanon|South[ \t]Africa|Argentina|Chile|Colombia)(?!\w)"
# US states and territories by code and name: a "City, ST 12345" line is what makes a street line without a
# street word an address ("1723 North Halsted, Chicago Illinois 60614").
_US_STATE = r"""(?:A[KLRSZ]|C[AOT]|D[CE]|F[LM]|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEINOPST]|N[CDEHJMVY]|O[HKR]|P[AR]|RI|S[CD]|T[NX]|UT|
    V[AIT]|W[AIVY]|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|
    Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|
    Montana|Nebraska|Nevada|New[ \t]Hampshire|New[ \t]Jersey|New[ \t]Mexico|New[ \t]York|North[ \t]Carolina|North[ \t]Dakota|
    Ohio|Oklahoma|Oregon|Pennsylvania|Rhode[ \t]Island|South[ \t]Carolina|South[ \t]Dakota|Tennessee|Texas|Utah|Vermont|
    Virginia|Washington|West[ \t]Virginia|Wisconsin|Wyoming)"""
# What may follow a street line, on the same line or the next ones: a unit, then towns ending in a postcode, a
# "City, ST 12345" line, a country, a "City, State" line that ends its line, or an Indian "City-PIN" ("Andheri
# (E) Mumbai-400093"). Towns alone never extend an address: without a postcode, a state or a country they are
# just places.
_ADDRESS_TAIL = re.compile(
    rf"""(?:
        (?:[ \t]*[,|][ \t]*|[ \t]*\n[ \t]*|[ \t]+)
        (?:(?:(?i:suite|ste|apt|apartment|unit|flat|floor|fl|room|rm)\b\.?|\#)[ \t]*[\w-]+
          |(?i:bp|office|building|bldg)\b\.?[ \t]*[A-Z]?\d[\w-]*
          |(?:Route|Rte\.?|Highway|Hwy\.?)[ \t]+\d{{1,4}}(?!\w)
          |(?<=[ \t])\((?=[^()\n]*[A-Za-z]{{3}})[^()\n]{{3,40}}\)
          |\d{{1,3}}(?i:st|nd|rd|th)[ \t]+(?i:floor|fl)\b\.?
          |(?:[A-Z]{{1,2}}-)?\d{{4,5}}(?:-\d{{3}})?(?:[ \t]+[A-Z]{{2}})?[ \t]+(?![^\n,]*(?<!\w)(?i:{_STREET_WORDS})(?!\w)){_TOWN}(?=[ \t]*(?:[\n,]|$))
          |(?:{_TOWN}(?:[ \t]*[,|][ \t]*|[ \t]*\n[ \t]*|[ \t]+)){{0,3}}(?:[A-Z]{{2,3}}\.?,?[ \t]+)?{_POSTCODE}
          |(?:{_TOWN}(?:[ \t]*[,|][ \t]*|[ \t]*\n[ \t]*|[ \t]+)){{0,3}}{_COUNTRY}
          |{_TOWN}[ \t]*,[ \t]*{_US_STATE}(?=[ \t]*(?:\n|$))
          |(?:{_TOWN}[ \t]+\([A-Z]\)[ \t]+)?{_TOWN}[ \t]*-[ \t]*\d{{3}}[ ]?\d{{3}}(?![\d-]))
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
_STREET_LINE = rf"""[A-Za-z]?(?:-\d{{1,5}})?(?:[ \t]+-)?,?[ \t]+
    (?:{_STREET_NAME}[ \t]+(?:(?:{_STREET_NAME}|of|the|de|la)[ \t]+){{0,3}}(?i:{_STREET_WORDS})|(?i:broadway|kingsway))
    \.?(?!\w){_CITY_TAIL}"""

_LINE_BREAK = r"(?:[ \t]*[,|][ \t]*\n?[ \t]*|[ \t]*\n[ \t]*)"
# A postcode that alone says "address": a UK or Canadian one, or a state and ZIP.
_STRONG_POSTCODE = rf"""(?:[A-Z]{{1,2}}\d[A-Z\d]?[ \t]*\d[A-Z]{{2}}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|{_US_STATE},?[ \t]+\d{{5}}(?:-\d{{4}})?)(?![\w-])"""
# Cheap tests for the two rules below, which start at any capital or number: most text has no such postcode.
# Every branch starts with a digit, which the regex engine skips to fast.
# A ZIP after its state as people write it: "IL 62704", "IL, 62704", "IL  62704".
_STRONG_GATE = re.compile(
    r"\d(?:[A-Z]{2}(?![\w-])|[A-Z]\d(?!\w)"
    # A space or tab before the digit, checked first, is what the three look-behinds share.
    r"|(?<=[ \t]\d)(?:(?<=[A-Za-z][ \t]\d)|(?<=[A-Za-z],[ \t]\d)|(?<=[A-Za-z][ \t][ \t]\d))\d{4}(?:-\d{4})?(?![\d-]))"
)

# What the lower-case rule's postcode holds, starting at a digit: a UK postcode's digits after its letters, or five
# digits after a lower-case word and a space; then no word character.
_LOWER_POSTCODE_GATE = re.compile(r"\d(?:(?<=[a-z]\d)[a-z\d]?[ \t]?\d[a-z]{2}|(?<=[a-z, \t][ \t]\d)\d{4})(?!\w)")

# The German, Nordic and Dutch street words of the two rules below, one of which stands right before the house
# number's first digit (or two spaces or tabs do): found from the digit, far faster than from the words.
_NORTH_WORDS = "straße strasse str. weg platz allee gasse ring damm gatan vägen gade vej straat laan gracht".split()
_NORTH_GATE = re.compile(
    r"\d(?:" + "|".join(rf"(?<=(?i:{re.escape(w)})[ \t]\d)" for w in _NORTH_WORDS) + r"|(?<=[ \t][ \t]\d))"
)

# An Indian PIN after its city, found from its first digit: six digits, perhaps split 3 and 3.
_PIN_GATE = re.compile(r"\d(?<=[A-Za-z][ ]\d)\d{2}[ ]?\d{3}(?![\d-])")

# A Japanese ward, city or prefecture ("Chuo-ku", "Kakegawa-shi"): what tells a block number from a date.
_JP_DIVISION = re.compile(r"(?i)\w-(?:ku|shi|ken|cho|gun|machi)\b")

ADDRESS_RULES: tuple[Rule, ...] = (
    # Japanese block addresses: chome-ban-go, district, ward, city, postcode ("5-23-8 Tenjin, Chuo-ku, Fukuoka
    # 810-4288"), on one line or several. Block numbers have no leading zero, which keeps dates out ("12-05-24").
    Rule("STREET_ADDRESS", _rx(r"""[1-9](?<![\w-].)\d?-(?!0)\d{1,3}-(?!0)\d{1,3}(?![\w-])(?:[ \t]*,?[ \t]*\n?[ \t]*[A-Za-z][\w'-]*(?:[ \t]+[A-Za-z][\w'-]*)?){1,3}
                                   (?:,?[ \t]*\n?[ \t]*\d{3}-\d{4}(?![\w-]))?"""),
         validator=lambda s: _JP_DIVISION.search(s) is not None, digits=3, score=0.8, extend=_ADDRESS_TAIL,
         needs=("-ku", "-shi", "-ken", "-cho", "-gun", "-machi")),
    # A street line without a house number counts only with its towns and a strong postcode after it
    # ("Cowley Road,\nCambridge,\nCB4 0WS"). Its words are taken whole ("*+"): a space or tab follows each, which
    # a word's last letters given back could never be.
    Rule("STREET_ADDRESS", _rx(rf"""[A-Z](?<!\w.)[\w'’-]*+(?:[ \t]+[A-Z][\w'’-]*+){{0,2}}[ \t]+(?i:{_STREET_WORDS})\.?(?!\w)
                                   (?:{_LINE_BREAK}{_TOWN}){{1,3}}(?:{_LINE_BREAK}|[ \t]+|\.[ \t]+){_STRONG_POSTCODE}"""),
         digits=2, score=0.8, gate=_STRONG_GATE, before=120, extend=_ADDRESS_TAIL),
    # A house number and a street name without a street word ("5 N. Be echRd.", "1723 North Halsted"), when a
    # "City ST 12345" line follows on the same line or the next.
    Rule("STREET_ADDRESS", _rx(rf"""\d(?<!\w.)(?<!\d[.-].)\d{{0,4}}[A-Za-z]?[ \t]+(?!(?i:days?|hours?|weeks?|months?|years?|minutes?|am|pm|items?|people|miles?|percent)\b)[A-Z][\w'’.-]*(?:[ \t]+[A-Za-z][\w'’.-]*){{0,3}}
                                   (?:,?[ \t]+(?i:suite|ste|apt|unit|\#)\.?[ \t]*[\w-]+)?{_LINE_BREAK}?(?:[ \t]*{_TOWN}[ \t]*,?[ \t]*){_STRONG_POSTCODE}"""),
         digits=6, score=0.8, gate=_STRONG_GATE, before=120, extend=_ADDRESS_TAIL),
    # The street line, then again with a unit before it ("Apt. 4B, 221 Baker Street"): two rules, so that the
    # common one starts with a digit and is scanned fast. The house number may be glued to a capitalised word of
    # four or five letters, as scraped pages join a town and the street ("Perth493 Charles Street"); it is not the
    # tail of a dotted or dashed number ("212.672.6350\nColumbus Circle") nor of a product code ("STD-6 Panel").
    # The house number's digits are taken whole ("\d{0,4}+"): what follows them never starts with a digit, so giving
    # some back could only fail again, once per digit.
    Rule("STREET_ADDRESS", _rx(rf"""\d(?:(?<!\w.)|(?<=[A-Z][a-z]{{3}}.)|(?<=[A-Z][a-z]{{4}}.))(?<!\d[.-].)(?<![A-Za-z]{{2}}-.)\d{{0,4}}+{_STREET_LINE}"""), digits=1, score=0.85, extend=_ADDRESS_TAIL),
    Rule("STREET_ADDRESS", _rx(rf"""(?<!\w){_UNIT_PREFIX}\d{{1,5}}{_STREET_LINE}"""), digits=1, score=0.85, extend=_ADDRESS_TAIL,
         needs=("unit", "suite", "flat", "apt", "apartment")),
    # Indian addresses: a flat, house or plot number (or "B-180"), localities after commas, the city and its
    # six-digit PIN ("Flat 5B, Anna Salai, Banjara Hills, Kolkata 700655, India", "house no. 4, sector 18, …").
    Rule("STREET_ADDRESS", _rx(r"""(?<![\w-])(?:(?i:flat|house[ ]no\.?|plot(?:[ ]no\.?)?|door[ ]no\.?)[ ]?[\w/-]{1,6}|[A-Z]-\d{1,4}),[ ]
                                   (?:[A-Za-z][\w .'’-]{1,30},[ ]){1,4}[A-Za-z][\w .'’-]{1,25}?[ ]\d{3}[ ]?\d{3}(?!\d)
                                   (?:,[ ](?i:india))?"""), digits=6, score=0.8,
         needs=("flat", "house", "plot", "door", "-"), gate=_PIN_GATE, before=150),
    # PO boxes, also Dutch, German and "POB" ones, and Lebanese "13-6572" numbers.
    Rule("STREET_ADDRESS", _rx(r"(?<!\w)(?i:p\.?[ ]?o\.?[ ]?box|post[ ]office[ ]box|pob|postbus|postfach)[ ]*\d{1,6}(?:-\d{1,6})?(?![\w-])"), digits=1, score=0.85,
         needs=("box", "pob", "postbus", "postfach"),
         extend=_ADDRESS_TAIL),
    Rule("STREET_ADDRESS", _rx(rf"""(?<!\w)[A-ZÄÖÜ][\wäöüß-]*(?:(?i:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|gatan|vägen|gade|vej|straat|laan|gracht)|[ \t](?i:str\.|straße|strasse))
                                   [ \t]+\d{{1,4}}[a-z]?(?:-\d{{1,4}})?{_CITY_TAIL}"""), digits=1, score=0.85, extend=_ADDRESS_TAIL,
         needs=("stra", "str.", "weg", "platz", "allee", "gasse", "ring", "damm", "gatan", "vägen", "gade", "vej", "laan", "gracht"),
         gate=_NORTH_GATE),
    Rule("STREET_ADDRESS", _rx(r"""\d(?<!\w.)\d{0,3}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|place|chemin|
                                   allée|impasse|quai|calle|avenida|paseo|plaza)\s+
                                   (?:d[eu']\s?|de\s+la\s+|des\s+|del\s+|da\s+|do\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}
                                   (?:,\s*\d{5}\s+[A-Z][\w'-]+)?"""), digits=1, score=0.85, extend=_ADDRESS_TAIL,
         needs=("rue", "av", "bd", "boulevard", "place", "chemin", "allée", "impasse", "quai", "calle", "paseo", "plaza")),
    # Street word first, number after ("Calle Mayor 12", "Route du Lac 31", "via I Maggio, 2", "Rua Dr.Alberto
    # Seabra, 648 / cj 2", "Avenida del Sol s/n": no number); not a count ("via UPS 2 days") nor a road's number ("via Route 66").
    Rule("STREET_ADDRESS", _rx(rf"""(?<!\w)(?:(?i:calle|avenida|avda\.|paseo|plaza|via|viale|rua|route|chemin|corso|piazza)\s+|(?i:c/)\s*)
                                   (?:de\s+(?:la\s+)?|del\s+|d[aeou]s?\s+)?(?:(?:Dr|Prof|Gen|Pres)\.[ \t]?)?(?!(?:Route|Highway|Interstate)\b)
                                   (?:[A-Z][\w'’-]+|[IVX]{{1,4}}(?=\s+[A-Z]))(?:\s+(?:(?:de|do|da|dos|das|del|la)\s+)?[A-Z][\w'’-]+){{0,3}}(?:,\s*|\s+)(?:(?:N[ºo°.][ \t]*)?\d{{1,4}}|s/n)(?!\s+(?i:days?|hours?|weeks?|months?|times?|items?)\b)
                                   (?:[ \t]*[-,/][ \t]*(?i:apto|apt|sala|cj|conj)\.?[ \t]*\d+\w*)?(?:,\s*\d{{1,2}}[ºo°](?:[ \t]?[A-Za-z]+\.?)?)?
                                   (?:(?:,\s*|[ \t]+-[ \t]+)\d{{4,5}}\s+[A-Z][\w'-]+|{_BR_TAIL})?"""),
         digits=1, score=0.85, extend=_ADDRESS_TAIL, needs=("calle", "c/", "avenida", "avda", "paseo", "plaza", "via", "rua", "route", "chemin", "corso", "piazza")),
    # Lower case, as typed in a hurry: only with the postcode that makes it an address ("22 victoria terrace,
    # nottingham ng7 5jq", "17 rue des acacias, 31000 toulouse", "eichenstraße 195a, 80323 münchen").
    Rule("STREET_ADDRESS", _rx(rf"""\d(?<!\w.)\d{{0,4}}[a-z]?,?[ \t]+(?:[a-z][a-z'-]*[ \t]+){{1,3}}(?:{_STREET_WORDS})\.?,?
                                   [ \t]+(?:[a-z][a-z'-]*[ \t]+){{0,2}}[a-z]+,?[ \t]+(?:[a-z]{{1,2}}\d[a-z\d]?[ \t]?\d[a-z]{{2}}|\d{{5}})
                                   (?:,[ \t]*(?:united[ \t]kingdom|uk|usa))?(?!\w)"""), digits=3, score=0.8, gate=_LOWER_POSTCODE_GATE),
    Rule("STREET_ADDRESS", _rx(r"""\d(?<!\w.)\d{0,3}(?:[ ]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|boulevard|place|allée|chemin|impasse|quai|
                                   calle|avenida|paseo|plaza)[ \t]+(?:d[eu'][ \t]?|de[ \t]+la[ \t]+|des[ \t]+|del[ \t]+)?[a-zà-ÿ][\w'’-]+
                                   (?:[ \t]+[a-zà-ÿ][\w'’-]+){0,3},[ \t]*\d{5}[ \t]+[a-zà-ÿ][\w'-]+"""), digits=1, score=0.8,
         needs=("rue", "avenue", "boulevard", "place", "allée", "chemin", "impasse", "quai", "calle", "avenida", "paseo", "plaza")),
    Rule("STREET_ADDRESS", _rx(r"""[a-zäöü](?<!\w.)[\wäöüß-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm)[ \t]+\d{1,4}[a-z]?,
                                   [ \t]*\d{5}[ \t]+[a-zäöü][\wäöüß-]+"""), digits=1, score=0.8,
         needs=("stra", "str.", "weg", "platz", "allee", "gasse", "ring", "damm"), gate=_NORTH_GATE),
)  # fmt: skip
