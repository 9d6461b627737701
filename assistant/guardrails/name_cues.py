"""Phrases that say a person's name comes next ("my name is …", "Dear …", "speak to …"), and how strongly; and
the words around a name in chat ("thank you Hendo", "you and Des", "looks like Smokey")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.guardrails.lexicons import everyday, in_any_dictionary
from assistant.guardrails.places import regions, towns

CUE = re.compile(
    r"""(?:\bmy\s+name\s+is|\bname\s*[:=-]|\bname\s+on\s+(?:the\s+)?(?:account|card)\s*:?|\bi\s+am|\bi'?m|\bthis\s+is|\bcall\s+me|\bcalled|\bsigned|
        \b(?:dear|hi|hello)(?:\s+(?:mr|mrs|ms|mx|miss|dr|prof)\.?)?|\b(?:mr|mrs|ms|mx|miss|dr|prof|sir|madam)\.?|
        # Ranks and offices, only abbreviated with their full stop ("Capt. Chuck Eichner", "Rev. Amos Moore"); not
        # "Rep.", a representative office as often ("Beijing Rep. Office").
        \b(?:capt|rev|sgt|lt|col|gov|sen|hon)\.|
        \bregards,?|\bthanks,?|\bcheers,?|\bsincerely,?|
        # A sign-off alone on its line: the name is on the next ("Regards,\nShona", "Thanks!\nDamien").
        \b(?:(?:kind|best|warm)\s+regards|regards|best\s+wishes|best,|many\s+thanks|thanks|thank\s+you|cheers|
        sincerely|yours\s+(?:truly|sincerely))[,.!]?[ \t]*\n|
        \bcardholder\s*:?|\baccount\s+holder\s*:?|
        \bcontact\s*:?|\bspeak\s+(?:to|with)|\bspoke\s+(?:to|with)|\bon\s+behalf\s+of|\bask\s+for|
        \bmy\s+(?:wife|husband|partner|son|daughter|mother|father|friend|colleague),?|
        # A role in running text is lower case ("her carer Ade"); "Brother Ink" and "Attorney Firm" are not.
        \b(?-i:carer|caregiver|guardian|brother|sister|mum|mom|dad|nephew|niece|grandson|granddaughter|grandmother|
        grandfather|neighbou?r|landlord|landlady|solicitor|attorney|lawyer|executor|tenant|flatmate|roommate|employee)
        (?:,|\s+is|\s+called|\s+named)?|
        \b(?:send|forward|post|mail)\s+(?:it|this|that|them|(?:the|my|your)\s+\w+)\s+to)(?:[ \t]+|(?<=\n)[ \t]*)""",
    re.VERBOSE | re.IGNORECASE,
)
# The first word of every phrase `CUE` knows (lower case): `CUE` is tried only at these words.
_CUE_WORDS = frozenset(
    """my name i i'm im this call called signed dear hi hello mr mrs ms mx miss dr prof sir madam capt rev sgt lt col
    gov sen hon regards thanks
    cheers sincerely kind best warm many thank yours cardholder account contact speak spoke on ask carer caregiver
    guardian brother sister mum mom dad nephew niece grandson granddaughter grandmother grandfather neighbour
    neighbor landlord landlady solicitor attorney lawyer executor tenant flatmate roommate send forward post
    mail employee""".split()
)
# After these a lower-case word may be a name ("my name is emma").
_STRONG = re.compile(r"(?i)name|i\s+am|i'?m|call\s+me")
# After these a business or a page's form follows as often as a person ("Contact Saputo", "Contact Form",
# "please contact Santander", "speak to Customer Services"): the word must be a known given or family name.
_WEAK = re.compile(r"(?i)contact|speak|spoke|behalf|ask")
# "I'm" / "I am" say what the writer is as often as who ("I'm Black", "im young", "I'm Turkish living in Germany",
# "I'm short on money"): there a word the dictionary holds is a name only when it is a known given name.
_SELF = re.compile(r"(?i)i\s+am\s*|i'?m\s*")
# After "my name is" and "name:" a dictionary word is a name when a known given or family name ("my name is Black"),
# not otherwise: "because my name is Indian, do you guess…".
_NAMED = re.compile(r"(?i)my\s+name\s+is\b|name\s*[:=-]")
# After a title or a relation any capitalised word is a name, even one the dictionary holds ("Mrs Blackwood",
# "Dr. Pressman", "my husband Mere").
_SURE = re.compile(
    r"(?i)\b(?:mr|mrs|ms|mx|miss|dr|prof|sir|madam|my)\b|\b(?:capt|rev|sgt|lt|col|gov|sen|hon)\.|^(?:carer|caregiver|guardian|brother|sister|mum|mom|dad|"
    r"nephew|niece|grand\w+|neighbou?r|landl\w+|solicitor|attorney|lawyer|executor|tenant|flatmate|roommate)\b"
)


def cues(
    text: str, tokens: list[re.Match[str]], lows: list[str], given: frozenset[str]
) -> Iterator[tuple[int, bool, str]]:
    """For each cue phrase: the index of the token right after it, whether a lower-case name may follow, and
    which words may start the name: "any", "known" (given or family names only), "rare" (any word that is
    not an everyday one), "named" (a known name or no dictionary word) or "self" (a known given name or no
    dictionary word: "I'm young" is none)."""
    for k in [k for k, low in enumerate(lows) if low in _CUE_WORDS]:
        if (m := CUE.match(text, tokens[k].start())) is None:
            continue
        # The token that starts where the cue ends, if one does: a few tokens on from the cue's first word.
        j = k + 1
        while j < len(tokens) and tokens[j].start() < m.end():
            j += 1
        if j < len(tokens) and tokens[j].start() == m.end():
            cue = m.group()
            which = "known" if _WEAK.search(cue) else "any" if _SURE.search(cue) else "rare"
            if _SELF.fullmatch(cue):
                which = "self"
            elif _NAMED.match(cue):
                which = "named"
            # After any other cue, a message typed in lower case may name someone in lower case too
            # ("thanks, alessandro", "my mum lakshmi şahin"): only a known given name that is no word.
            strong = bool(_STRONG.search(cue))
            lower = lows[j] in given and tokens[j].group().islower() and not everyday(lows[j])
            yield j, strong or lower, which


def cued(lows: list[str], j: int, which: str, first: frozenset[str], last: frozenset[str]) -> bool:
    """Whether the word after a cue may start a name (`which` as name_cues.cues gives it): a known name always;
    after a title or a relation any word; after a weak cue ("contact") nothing else; otherwise any word that is
    not an everyday one ("Dear Friends", "Contact Form"); after "my name is" a known name or no dictionary word;
    after "I'm" a known given name or no dictionary word ("I'm Black", "im young", "I am french" are no names)."""
    if which == "named":  # "my name is Black" is a family name; "my name is Indian" is none
        return lows[j] in first or lows[j] in last or not in_any_dictionary(lows[j])
    if which == "self":  # "I'm Black", "im young": what the writer is
        return lows[j] in first or not in_any_dictionary(lows[j])
    if which == "any" or lows[j] in first or lows[j] in last:
        return True
    return which == "rare" and not everyday(lows[j])


# Said to someone, or of someone pitied: "Thank you Hendo for…", "Bye Capwin !", "Poor Jimmy xD".
_SAID_TO = frozenset(("bye", "poor", "thank"))


def said_to(
    text: str, tokens: list[re.Match[str]], lows: list[str], given: frozenset[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """One word in title case after "thank you", "bye" or "poor": a person's name when it is a known given name
    or no everyday word. Not a word in capitals or with inner capitals ("THANK YOU PARAMORE", "thank you LoL"),
    nor the first of several capitalised words (a firm's or a thing's name: "Thank you Prepress Express")."""
    if _SAID_TO.isdisjoint(lows):  # most texts: one pass in C instead of the loop
        return
    for k in [k for k, low in enumerate(lows) if low in _SAID_TO]:
        j = k + 2 if lows[k] == "thank" else k + 1
        if j >= len(tokens) or (lows[k] == "thank" and lows[k + 1] != "you"):
            continue
        if not all(text[tokens[i].end() : tokens[i + 1].start()] in (" ", ", ") for i in range(k, j)):
            continue
        word, low = tokens[j].group(), lows[j]
        if len(word) < 3 or not word.istitle() or low in not_names or (low not in given and everyday(low)):
            continue
        after = text[tokens[j].end() : tokens[j + 1].start()] if j + 1 < len(tokens) else ""
        if after == " " and tokens[j + 1].group()[0].isupper():
            continue
        yield tokens[j].start(), tokens[j].end(), 0.6


# Someone joined to the writer or the reader by "and" is a person: "you and Desi", "me and Hamish", "Abbey and I".
_YOU_OR_ME = frozenset(("you", "me", "myself", "him", "her"))
_THE_WRITER = frozenset(("I", "me", "myself"))
_BEFORE_THING = frozenset("the a an this that our your my his her their".split())
_AT_PLACE = frozenset("in at near from to visit visiting".split())


def beside_you(
    text: str, tokens: list[re.Match[str]], lows: list[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """A word in title case joined by "and" to "you", "me", "him" or "her" before it, or to "I", "me" or
    "myself" after it: even an everyday word names someone there ("you and Des looked beautiful"). Not in
    capitals, not beside another capitalised word (a longer name) nor after a determiner ("the Mrs and I")."""
    for k in _each(lows, "and"):
        if not 0 < k < len(lows) - 1:
            continue
        if text[tokens[k - 1].end() : tokens[k].start()] != " " or text[tokens[k].end() : tokens[k + 1].start()] != " ":
            continue
        if lows[k - 1] in _YOU_OR_ME:
            j, beside = k + 1, k + 2
        elif tokens[k + 1].group() in _THE_WRITER:
            j, beside = k - 1, k - 2
        else:
            continue
        word = tokens[j].group()
        if len(word) < 3 or not word.istitle() or lows[j] in not_names:
            continue
        # A country or a state, or a town after "in", "from"…: "I live in Colorado and I want to opt out".
        if lows[j] in regions()[0] or (lows[j] in towns() and j and lows[j - 1] in _AT_PLACE):
            continue
        if 0 <= beside < len(tokens):
            left, right = sorted((j, beside))
            if text[tokens[left].end() : tokens[right].start()] == " " and (
                tokens[beside].group()[0].isupper() or lows[beside] in _BEFORE_THING
            ):
                continue
        yield tokens[j].start(), tokens[j].end(), 0.6


def _each(lows: list[str], word: str) -> Iterator[int]:
    """Where `word` stands in `lows`, found by list.index (a search in C, faster than a loop over every word)."""
    k = -1
    try:
        while True:
            k = lows.index(word, k + 1)
            yield k
    except ValueError:
        return


# Whom someone is likened to, is a fan of or proud of: "looks exactly like Cartman", "reminds me of Amos", "no fan
# of Sheeran", "better than Butler", "proud of Bill". Found from the phrase's last word, which str.find reaches
# fastest; the words before it are read from the few characters before.
_LIKENED = {
    " like ": re.compile(r"(?i)\b(?:looks?|looking|looked|sounds?|sounding|sounded)(?:\s+(?:exactly|just))?\Z"),
    " of ": re.compile(r"(?i)(?:\bremind(?:s|ed)?\s+me|\bfans?|\bproud)\Z"),
    " than ": re.compile(r"(?i)\bbetter\Z"),
}
_PARTICLES = frozenset("van von de da del der den di du la le".split())


def likened(
    text: str, tokens: list[re.Match[str]], lows: list[str], names: frozenset[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """One word in title case after `_LIKENED`'s phrases, when it is a known given or family name (`names`) or a
    word no dictionary holds; not a place, not in capitals ("reminds me of BF 4") nor the first of several
    capitalised words or before a particle (a title: "reminds me of La La Land"; a longer name)."""
    starts: dict[int, int] | None = None
    for needle, before in _LIKENED.items():
        at = text.find(needle)
        while at >= 0:
            end = at + len(needle)
            hit = before.search(text, max(0, at - 24), at) is not None and text[end : end + 1].isupper()
            at = text.find(needle, end - 1)
            if not hit:
                continue
            if starts is None:
                starts = {t.start(): i for i, t in enumerate(tokens)}
            if (j := starts.get(end, -1)) >= 0 and _likened_name(text, tokens, lows, j, names, not_names):
                yield tokens[j].start(), tokens[j].end(), 0.6


def _likened_name(
    text: str, tokens: list[re.Match[str]], lows: list[str], j: int, names: frozenset[str], not_names: frozenset[str]
) -> bool:
    """Whether the word at j, after a `_LIKENED` phrase, is a name (`likened` says which)."""
    word, low = tokens[j].group(), lows[j]
    if len(word) < 3 or not word.istitle() or low in not_names or low in regions()[0] or low in towns():
        return False
    if low not in names and in_any_dictionary(low):
        return False
    after = text[tokens[j].end() : tokens[j + 1].start()] if j + 1 < len(tokens) else ""
    # A longer name, whole or not at all ("Demar de Rozan"), or a title ("La La Land").
    return not (after == " " and (tokens[j + 1].group()[0].isupper() or lows[j + 1] in _PARTICLES))
