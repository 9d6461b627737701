"""Addresses written as a block of short lines around a building, ending at a postcode line: East Asian
("10F Sajo Building\\n1001, Daechi-dong, Kangnam-ku\\nSeoul 135-280 Korea"), office parks and business centres
("Business Center Nurly Tau\\nBuilding 4B, office 801\\n050062 Almaty"), Spanish office parks ("PTB Edif. Galileo,
Mod. Rojo, Of.201\\n47151 Valladolid") and Chinese one-line addresses whose parts a comma divides ("1211, Tower A,
…, Guangzhou 510630, China"). Such lines name no street word the street-line rules know, so the block counts only
when its postcode has a known shape and the lines before it hold a building or district word and a number."""

from __future__ import annotations

import re

from assistant.guardrails.rule import Rule
from assistant.guardrails.rule import rx as _rx

# A capitalised town, of up to three words ("Hu Kou Township", "Shizuoka-ken").
_TOWN = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}"
_COUNTRY = r"""(?:P\.?R\.?[ \t]*China|China|Korea|Japan|Taiwan(?:,[ \t]*R\.O\.C\.)?|Singapore|Hong[ \t]Kong|Malaysia|
    Thailand|Vietnam|Philippines|Indonesia|India|Kazakhstan|Ukraine|Russia|Lebanon|Spain|Mexico|Portugal|Italy|
    France|Germany|USA|U\.S\.A\.|United[ \t]States|Canada|UK|United[ \t]Kingdom)(?!\w)"""
# Where a block's line may start: a house or unit number ("1001,", "#823-14", "10F Sajo", "11/F"), "No. 458",
# "C/ ", or a line that names a building or a park ("Horizon Park Business Center", "PTB Edif. Galileo").
_FIRST = r"""(?:\#?\d+(?:st|nd|rd|th|[A-Za-z])?(?![A-Za-z])|(?i:no)\.?[ \t]*\d|C/
    |(?=[^\n,]{0,40}?(?<!\w)(?i:building|bldg|tower|cent(?:re|er)|park|plaza|parque|edificio|edif|ptb)(?!\w))[A-Z])"""
# A line or a comma's part that may lie between: not a phone's, fax's or email's line.
_PART = r"(?!(?i:tel|phone|fax|e-?mail|mobile|www)\b)[^\n,]{1,50}+"
_SEP = r"[ \t]*(?:,[ \t]*\n?|\n)[ \t]*"
# The postcode line: the postcode then the town ("050062 Almaty", "09200 Miranda de Ebro ( Burgos )", "47151
# Boecillo - Valladolid"), or the town then the postcode ("Seoul 135-280", "Seoul, Korea 135-080", "Beirut
# 2020-0908", "Beijing China 100062"; a PO box's number is none, nor two years;
# three digits only before a country: "Taipei 104\nTaiwan"); a country may follow, and then the line ends.
_POSTCODE_LINE = rf"""(?:(?:[A-Z]{{1,2}}-)?\d{{5,6}}(?![\d-]),?[ \t]+{_TOWN}
      (?:[ \t]+(?:de|del|la|di|am|im|sur)[ \t]+{_TOWN})?(?=[ \t]*(?:[\n,(]|-[ \t]|$))
    |{_TOWN}(?<!(?i:box))(?:,?[ \t]+{_COUNTRY})?,?[ \t]+
      (?:\d{{3}}-\d{{3,4}}|(?!(?:19|20)\d\d-(?:19|20)\d\d)\d{{4}}-\d{{4}}|\d{{6}})
      (?![\w-])
    |{_TOWN},?[ \t]+\d{{3}}(?=(?:{_SEP}|[ \t]+){_COUNTRY}))
    (?:{_SEP}{_COUNTRY}|[ \t]+{_COUNTRY})?(?=[ \t]*(?:[\n,.;(]|-[ \t]|$))"""

# What the lines before the postcode must hold: a building, office, floor or district word, and a number.
_SITE = re.compile(
    r"""(?i)(?<!\w)(?:building|bldg|tower|cent(?:re|er)|park|plaza|parque|edificio|edif|ptb|office|oficina|floor|
    fl|business|mansion|square|district|township|sector|block|street|str|road|rd|avenue|ave|c/)(?!\w)
    |(?i:ed|mod|of)\.|\d/?F\b|\w-(?i:dong|gu|ku|si|shi|ken|ri|myeon|do|eup|cho)(?!\w)""",
    re.VERBOSE,
)


# A lower-case word of three letters or more, not a building's ("office 801"), is a sentence's ("City Hall is
# located at …"); it and a firm's suffix
# ("Park, Inc.", "Co. Ltd.") say a line is no part of an address.
_SENTENCE_WORD = re.compile(r"(?<![\w.'’-])[a-z]{3,}(?![\w'’-])")
_FIRM = re.compile(r"(?i)(?<!\w)(?:inc|ltd|llc|llp|corp|co|gmbh|pte|plc|s\.l|s\.a|bv)(?!\w)")
_PART_SEP = re.compile(r"[ \t]*(?:,[ \t]*\n?|\n)[ \t]*")
_LINES_BEFORE = 3  # at most so many lines above the postcode's


def _building_block(value: str) -> bool:
    """Whether the lines before the postcode line hold a building or district word and a number, and no
    sentence and no firm's name; and whether there are at most three of them."""
    lines = value.split("\n")
    if max(i for i, line in enumerate(lines) if any(c.isdigit() for c in line)) > _LINES_BEFORE:
        return False
    parts = _PART_SEP.split(value)
    # The postcode's part is the last one with a digit; a country may follow it.
    last = max(i for i, p in enumerate(parts) if any(c.isdigit() for c in p))
    head = ", ".join(parts[:last])
    if _FIRM.search(head) or any(_SITE.fullmatch(w.group()) is None for w in _SENTENCE_WORD.finditer(head)):
        return False
    return any(c.isdigit() for c in head) and _SITE.search(head) is not None


# Found from the postcode line's digits: five or six at a line's start or after a comma ("050062 Almaty"), six
# after a town ("Singapore 609930"; not a PO box's number), a 3-3, 3-4 or 4-4 pair after a town ("Seoul 135-280"),
# three before a country ("Taipei 104\nTaiwan"); not a US ZIP, whose addresses the street-line rules read. The
# rest of the line joins the gate's match, so that the pattern, tried up to a little past it, sees the town.
_GATE = re.compile(
    # Every branch needs a line break, comma, space, tab or dash before the first digit, or none: checked first,
    # it turns away the digits inside numbers and after letters at once.
    r"\d(?<![^\n, \t-]\d)(?:(?:(?<![^\n,-]\d)|(?<=[\n,][ \t]\d))\d{4,5}(?![\d-])"
    r"|(?<=[A-Za-z][ \t]\d)(?:(?<!(?i:box)[ \t]\d)\d{5}(?![\d-])|\d{2,3}-\d{3,4}(?![\w-])"
    rf"|\d\d(?![\w-])[ \t,]*\n?[ \t]*{_COUNTRY}))[^\n]{{0,40}}",
    re.VERBOSE,
)

BLOCK_RULES: tuple[Rule, ...] = (
    Rule("STREET_ADDRESS", _rx(rf"""(?<![^\n])(?:{_FIRST}[^\n,]{{0,50}}+)(?:{_SEP}{_PART}){{0,6}}?
                                   {_SEP}{_POSTCODE_LINE}"""),
         validator=_building_block, digits=5, score=0.8, gate=_GATE, before=260),
)  # fmt: skip
