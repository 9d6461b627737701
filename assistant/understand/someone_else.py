"""A question about a relative's or friend's records ("my wife says she keeps getting…, can you check her
account"), told from one that only names them to compare or as a policy case. The records are theirs to ask
about, whether or not the directory knows the name; the guard stage catches named and listed customers."""

from __future__ import annotations

import re

# Asking about someone else's records: "my wife says she keeps getting…, can you check her account". Their
# records are theirs to ask about, whether or not the directory knows the name.
# The record words may come before the pronoun too: "my husband also has an account, what offers is he getting?"
_RELATIVES = (
    r"(wife|husband|partner|son|daughter|mum|mom|mother|dad|father|brother|sister|friend|neighbou?r|colleague|boss|"
    r"flatmate|roommate|boyfriend|girlfriend|fianc[eé]e?|ex(?:-(?:wife|husband|partner))?)"
)
_SOMEONE_ELSE = re.compile(
    rf"\bmy {_RELATIVES}\b(?=.*\b(her|his|their|she|he|they|same)\b)(?=.*\b(ac+oun?ts?|data|records?|"
    r"offers?|emails?|groups?|consents?|question|check|look|getting|watch(ed|es|ing)?|listen(ed|s|ing)?)\b)",
    re.I,
)

# A relative named to compare ("my neighbour gets more offers than me", "I'm 68"), data the customer gave about
# them ("I invited my sister"), a child's own account asked about as policy, or their use of the customer's own
# account ("the kids watch on my account"): still the customer's question.
_STILL_ABOUT_ME = re.compile(
    r"\bthan (me|i|mine|us)\b|\b(but|and|while|whereas|yet) (i|me) (get|got|only|never|don'?t)\b|\bi'?m \d\d\b|"
    # "…she keeps getting offers that never come to me. Do you treat men and women differently?"
    r"\b(never|don'?t|doesn'?t|do not) (come|comes|came|reach\w*|go|goes|get sent) to me\b|"
    r"\btreat\w* (\w+ ){0,4}differently\b|"
    r"\bi(?: have|'ve)? (?:not|never) (?:had|get|got|gotten|receive|received|see|seen)\b|\binvit\w*\b|\bdiscriminat\w*|"
    r"\bunfair\b|\b(is|would) (that|it|this) (allowed|legal|ok)\b|\b(on|in|to|with) my (own )?account\b|"
    r"\b(share|sharing) (the|an|one|our|my) (same )?account\b|\bwe share\b|"
    # Asking for the customer's own records through a relative: "can my son ask for my data on my behalf?"
    r"\bon my behalf\b|\bfor my (own )?(data|records?|account|copy|download)\b|"
    # The customer's own records named as theirs: "what happens to my Rewards records once I'm out?"
    rf"\bmy (?!{_RELATIVES}\w*\b)(\w+ ){{0,2}}(account|data|records?|details|info\w*|settings|profile)\b|"
    # "…and I just get the same general offers": the customer's own, named to compare.
    r"\b(but|and|while|whereas) (i|me) (just|only|always|still) (get|got|see)\b|"
    # What the customer did or gets, unless what the relative did is asked too (_THEY_DID).
    r"\b(but|and|while|whereas) (i|me) (just|only|always|still) (get|got|see)\b",
    re.I,
)


# What the customer did or gets themselves ("can my wife see everything I've watched?", "my mum says she never gets
# half the offers i get"): the customer's question, unless it asks what the relative did or gets (_THEY_DID).
_MINE_DONE = re.compile(
    r"\bi(?:'ve| have)? (watched|listened to|bought|searched( for)?|played)\b|"
    r"\b(offers?|deals?|ads?|emails?|discounts?|promos?) (that )?(i|me) (get|got|see|receive)\b",
    re.I,
)
_THEY_DID = re.compile(
    r"\b(what|which)\b[^.?!]{0,30}\b(has|have|did|does|do)\s+(he|she|they)\b|"
    r"\b(he|she|they)\s+(has\s+|have\s+)?(watched|watches|gets|got|saw|sees|bought|buys|listened)\b|"
    r"\bshow me\b[^.?!]{0,40}\b(he|she|they|his|her|their)\b",
    re.I,
)


# Asking to see or check the relative's own records: refused whatever else the message says ("…can you check
# her account? Is that allowed?"), but not what they get on their account, named to compare ("I never get the deals
# my daughter gets on her account").
_COMPARED = re.compile(r"\b(gets?|got|getting|sees?|saw|seeing|receives?|received)\b(\s+\w+){0,3}\s+on\s+$", re.I)
_THEIRS = re.compile(
    r"\b(her|his|their) (account|data|records?|profile|details|info\w*|consents?)\b|"
    # "…can you check what she gets?", "can you look at her offers?"
    r"\b(check|look at|tell me)\b[^.?!]{0,20}\b(what|which)\b[^.?!]{0,20}\b(she|he|they) (gets?|got|receives?|"
    r"received|sees?|saw)\b|\b(check|look at|show me)\b[^.?!]{0,10}\b(her|his|their) (offers?|emails?|deals?|ads?)\b|"
    # "…what emails has he been sent?"
    r"\b(what|which)\b[^.?!]{0,30}\b(has|have|did|does|do) (he|she|they) (been )?(sent|shown|gets?|got|receiv\w*|sees?|"
    r"seen)\b",
    re.I,
)


# What the rules are for a child of an age: "my daughter is 15, can she make her own account?", "my son is 17, does
# he get personalised offers?", "…will your model profile him?". A question of policy; the child's own records
# stay theirs (see _THEIRS).
# A child of an age, in figures or words: "my daughter is 15", "my son is fourteen".
_OF_AN_AGE = (
    r"\b(son|daughter|kids?|child|teen\w*)\b.{0,12}\b(is|turns|turned|aged?|has) (\d{1,2}|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen)\b"
)
_CHILD_RULES = re.compile(
    rf"{_OF_AN_AGE}.*\b(can|could|may|does|do|will|would|is|are)\b.{{0,30}}\b(he|she|they|him|them)\b|"
    # "My daughter she has 15 years, she can make an account for her own?"
    rf"{_OF_AN_AGE}.*\b(he|she|they) (can|could|may|will|would)\b|"
    r"\b(son|daughter|kids?|child|teen\w*)\b.*\b(old enough|at what age|minimum age)\b|"
    # "can my son have his own account? he is 15"
    r"\b(can|could|may|is|are)\b.{0,12}\b(son|daughter|kids?|child|children|teen\w*)\b.{0,12}\b(have|get|open|make|"
    r"create|set up)\b (his|her|their|an?) (own )?accounts?\b|"
    # "what about my 16 year old, he uses the app too"
    r"\bmy (\w+ )?1[0-7][- ]?(years?[- ]old|yo|y/o)\b(?=\s*([,.;!?]|$|(son|daughter|kid|child|boy|girl|he|she|they|"
    r"uses|has|is|wants|can|does|also|too)\b))",
    re.I,
)


# Someone else's account or details without a relative named: "what name is on that other account?", "who else
# got the bikepacking offer?", "which other customers in Denver got it?".
_OTHERS = re.compile(
    r"\b(that|the) other (person'?s )?account\b|\bsomeone else'?s (account|data|details|info\w*|records?)\b|"
    r"\bwhich other (people|ppl|customers|users|members|subscribers|households)\b|"
    # "how many other customers are in the kids group with me?", "how many customers are in the trail runners
    # group?", not "how many other people can use my account?" nor "how many people are on my plan?"
    r"\bhow many other (\w+ )?(people|ppl|customers|users|members|subscribers|households)\b.{0,20}\b(got|get|gets|"
    r"getting|received|saw|are in|are on|were sent|share)\b(?! (my|our) (own )?(account|plan|household|family|"
    r"profile|subscription)\b)|"
    # Without "other", only a group or an offer they are in or got ("how many people share my data?" is mine).
    r"\bhow many (people|ppl|customers|users|members|subscribers|households)\b.{0,20}\b(got|get|gets|getting|"
    r"received|are in|are on|were sent)\b (the|that|this) (\w+ ){0,3}(group|segment|list|offer|discount|deal|email|"
    r"push|ad)s?\b|"
    r"\bwho else (got|gets|received|was sent|saw|sees) (the|this|that) (\w+ ){0,3}"
    r"(offer|email|deal|discount|push|ad)\b",
    re.I,
)


def asks_child_rules(question: str) -> bool:
    return bool(_CHILD_RULES.search(question)) and not _THEIRS.search(question)


def asks_about_someone_else(question: str) -> bool:
    if _OTHERS.search(question):
        return True
    if not _SOMEONE_ELSE.search(question) or asks_child_rules(question):
        return False
    theirs = any(not _COMPARED.search(question[: m.start()]) for m in _THEIRS.finditer(question))
    mine = bool(_STILL_ABOUT_ME.search(question)) or (
        bool(_MINE_DONE.search(question)) and not _THEY_DID.search(question)
    )
    return theirs or not mine
