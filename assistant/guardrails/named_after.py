"""Streets, buildings, firms and things named after people: "Omar Daouk Street", "Avenida Juan Luis Peralta",
"John Wayne Airport", "Arthur Rock Center", "the Joe Louis article". The name there names the thing, not someone
the text is about."""

from __future__ import annotations

import re

# Words that make a place, a building or a firm of the name before them ("Erin Clark Web Design", "Bailey
# Fisher Ltd"; Indian localities and roads named after people: "Nehru Nagar", "Anna Salai", "Gandhi Marg"). Not
# "park", "hall" or "law": family names too ("Jin-woo Park", "Paul Wilkinson Law" keeps its person); not a
# department that also begins a job title on a staff line ("Donna Wood Insurance Coordinator").
_PLACE_AFTER = frozenset(
    """street st avenue ave road rd boulevard blvd lane highway hwy parkway pkwy square plaza bridge airport
    stadium arena center centre library school college university hospital station memorial museum theatre
    theater building tower
    company co corporation corp inc incorporated llc llp ltd limited plc gmbh pvt group holdings associates
    partners attorneys lawyers realty properties homes construction roofing plumbing motors automotive
    design designs studio studios gallery restaurant cafe bakery kitchen grill pizza hotel inn resort spa salon
    clinic pharmacy academy institute foundation society club church bank farm ranch winery brewery market
    foods trading supply store shop web project
    island islands county valley river beach bay dealership""".split()
)
# Car makes no family name spells: a dealer named after its owner ("Jerry Rome Nissan").
_MAKES = frozenset(
    """nissan toyota honda chevrolet hyundai kia mazda subaru volkswagen bmw audi lexus acura infiniti buick
    cadillac jeep chrysler mitsubishi volvo porsche""".split()
)
# Place words as a name's own last word ("Victoria Station", "Anna Salai"), where no family name is so spelt.
_PLACE_LAST = _MAKES | frozenset("avenue road boulevard highway parkway plaza airport stadium station bridge".split())
# Words after a name that make it a group's: "Dear Northwind Outfitters team", "the TrailBlaze staff".
_GROUPS = frozenset("team staff crew department dept".split())
# Words before a street named after someone, in the languages the pages use ("Rua Dr. Alberto Seabra").
_STREET_BEFORE = frozenset("avenida avda rua calle via viale rue bul bulevar boulevard ulica ul strada calea".split())
# A title between the street word and the name ("Rua Dr. Alberto Seabra", "Avenida Presidente Vargas").
_TITLES = frozenset("dr doctor prof presidente general gen santa santo st san".split())
# An article before a name, then a word for a thing named after someone: "the Joe Louis article". Only such
# words: "the Priya Raman order", "our Emily Carter" or "this Kathleen Hughes person" are about the person.
_ARTICLES = frozenset("the an".split())
_THINGS = frozenset(
    "article story show film movie book song album award prize trophy cup series collection fund scholarship "
    "lecture festival exhibition".split()
)
# Capitalised words that may stand between the name and the place word ("Joan Pisani Community Center").
_BETWEEN = 2
_NUMBER_AFTER = re.compile(r" \d")  # "the Queen Mary 2"
# A firm named after its founder with its partners: "J. D. Power and Associates", "Ellis & Sons".
_FIRM_AFTER = re.compile(r"[ \t]+(?:and|&)[ \t]+(?:Associates|Partners|Sons|Brothers|Bros|Co|Company)\b")
# A trade before "&" or "and" makes the name after it the rest of a firm's ("Riley Industrial & Marine Sales").
_TRADES = frozenset(
    """industrial industries engineering electrical electric plumbing heating construction supply supplies services
    products manufacturing equipment""".split()
)


def named_place(text: str, tokens: list[re.Match[str]], lows: list[str], start: int, end: int) -> bool:
    """Whether the name in tokens start..end-1 (end exclusive) names a street, a building or a thing: a place
    word as its last, an article before it, a street word before it or at its start, or a place word after it,
    with a title or at most two capitalised words between ("Avenida Juan Luis Peralta" holds "Luis Peralta")."""
    if end - start > 1 and lows[end - 1] in _PLACE_LAST:
        return True
    after = lows[end] if end < len(tokens) and text[tokens[end - 1].end() : tokens[end].start()] == " " else ""
    numbered = _NUMBER_AFTER.match(text, tokens[end - 1].end()) is not None
    if start and lows[start - 1] in _ARTICLES and (after in _THINGS or numbered):  # "the Queen Mary 2"
        return True
    if _FIRM_AFTER.match(text, tokens[end - 1].end()) is not None:
        return True
    if start and text[tokens[start - 1].end() : tokens[start].start()] == " & " and lows[start - 1] in _TRADES:
        return True
    if start > 1 and lows[start - 1] == "and" and lows[start - 2] in _TRADES:
        return True
    for j in range(start, max(start - _BETWEEN - 2, -1), -1):
        if lows[j] in _STREET_BEFORE:
            return True
        if j < start and lows[j] not in _TITLES and not tokens[j].group()[0].isupper():
            break
        if j and text[tokens[j - 1].end() : tokens[j].start()] not in (" ", ".", ". "):
            break
    for j in range(end, min(end + _BETWEEN + 1, len(tokens))):
        if text[tokens[j - 1].end() : tokens[j].start()] != " " or not tokens[j].group()[0].isupper():
            return False
        if lows[j] in _PLACE_AFTER or lows[j] in _MAKES:
            # Not a department before a job title: "Raj Kumar Design lead", "Ananya Sharma Store manager".
            return not department_before_job(text, tokens, lows, j)
    return False


# Job words written after a department ("Design lead", "Web developer").
_JOBS = frozenset("lead developer designer head staff".split())


def department_before_job(text: str, tokens: list[re.Match[str]], lows: list[str], j: int) -> bool:
    """Whether token j is a department with a job or a role after it ("Design lead", "Store manager")."""
    role = j + 1 < len(tokens) and text[tokens[j].end() : tokens[j + 1].start()] == " "
    return role and (lows[j + 1] in ROLES or lows[j + 1] in _JOBS)


# Words for what someone is, written capitalised before the name in titles and captions ("Mayor Susan Rohan",
# "Customer Service Coordinator Kasia Kerfont", "our Friend Mark Healey"), and a sign-off's "Much Love Miccoli".
ROLES = frozenset(
    """president vice mayor councilmember councillor councilman councilwoman council governor senator
    representative director manager coordinator officer chairman chairwoman chair chief ceo cfo coo cto founder
    founders owner owners realtor broker agent assistant secretary treasurer partner associate friend author
    artist psychic photographer designer editor writer producer pastor reverend rev father captain capt coach
    judge professor doctor nurse dentist hygienist technician attorney counsel specialist consultant member
    sheriff commissioner deputy superintendent principal teacher instructor trainer speaker host guest chef
    architect engineer advisor adviser administrator supervisor lieutenant sergeant colonel general
    patient student client cardholder holder user tenant love""".split()
)


def inside_longer_name(
    text: str, tokens: list[re.Match[str]], lows: list[str], start: int, given: frozenset[str], cues: frozenset[str]
) -> bool:
    """Whether the name at `start` continues a longer proper name begun by the capitalised word before it, in the
    middle of a line ("member of Tau Beta Pi", "got from Mattress Clearance House", "Agfa Azura C95"): not
    a given name (the name's own start), a role ("Mayor Susan Rohan"), one of `cues` ("Customer", "Dear") or a
    word capitalised for being first on its line or in its sentence."""
    before = start - 1
    if before < 1 or text[tokens[before].end() : tokens[start].start()] != " ":
        return False
    word = tokens[before].group()
    if not word[0].isupper() or lows[before] in given or lows[before] in ROLES or lows[before] in cues:
        return False
    gap = text[tokens[before - 1].end() : tokens[before].start()]
    return "\n" not in gap and not any(mark in gap for mark in ".!?:|")


def names_a_group(text: str, tokens: list[re.Match[str]], lows: list[str], end: int) -> bool:
    """Whether the word after the name (token `end`) makes it a group's ("Dear TrailBlaze team") or a numbered
    thing's ("House No. 4")."""
    if end >= len(tokens) or text[tokens[end - 1].end() : tokens[end].start()] != " ":
        return False
    numbered = lows[end] in ("no", "nr") and text[tokens[end].end() : tokens[end].end() + 1] == "."
    return lows[end] in _GROUPS or numbered
