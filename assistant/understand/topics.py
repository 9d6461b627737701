"""Common privacy topics a policy answers in a section of its own: security, cookies, children, automated
decisions, transfers abroad, getting a copy of one's data, deletion, correction, restriction, disclosure to
authorities, rights.

Each topic is two small patterns: how people ask about it ("what if you get hacked?") and how policies title
it ("How we protect your data", "Keeping accounts safe"). A question about a topic is answered from the
pack's sections with such a title (and their subsections), found by title so that any pack's policy works,
rather than from the sentences whole-policy scoring ranks first: on short, informal questions ("is my data
safe?") that scoring is pulled by everyday words ("keep my data safe" reads as retention).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.pack.models import Section


@dataclass(frozen=True)
class Topic:
    name: str
    asked: re.Pattern[str]  # the question asks about it
    titled: re.Pattern[str]  # a policy section is about it


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


TOPICS = (
    Topic(
        "security",
        _re(
            # A leak of data, not of a rain jacket.
            r"\b(safe|safely|secure|security|securely|hack|hacks|hacked|hacker\w*|breach\w*|(data|details|info\w*|"
            r"stuff|passwords?|accounts?) (\w+ )?leak\w*|leak\w* (my|your|our|the|customer|personal)|data leaks?|"
            r"stolen|"
            r"steal\w*|encrypt\w*|cyber\w*|protect (my|our) (data|info\w*|details))\b"
        ),
        _re(r"\b(protect|protecting|security|secure|safe|safeguard\w*)\b"),
    ),
    Topic(
        "cookies",
        # Not "track my order".
        _re(r"\b(cookies?|pixels?|web beacons?|tracking pixels?)\b|\btrack(s|ed|ing)? (me|what i|where i)\b"),
        _re(r"\b(cookies?|tracking technolog\w*)\b"),
    ),
    Topic(
        "children",
        # Not "kids" alone: a product may be called "kids' gear".
        _re(
            r"\b(children|childrens|child's|children's|teen|teens|teenager\w*|minor|minors|under (the age of )?1[0-8]"
            r"( ?s| years?| year olds?| yo)\b|(kids?|children|child) under 1[0-8]|how old (do|must|should|does|have)|"
            r"age limit|minimum age|my (son|daughter|kids?|child|children)"
            r"(?! (says?|said|told|tells|thinks?|thought|reckons?|mentioned|showed|helps?|helped|does|did|"
            r"handles?|sends?|makes?|files?|writes?|asks?|calls?|deals with)\b))\b|"
            r"\b(kids?|child)'?s? (data|info\w*|account|profile|privacy)\b"
        ),
        _re(r"\b(child|children|minors?|teen\w*|under 1[0-8])\b"),
    ),
    Topic(
        "automated_decisions",
        _re(
            r"\bautomat\w* (decision\w*|decid\w*)|\b(computer|machine|algorithm|ai|robot)s? (that |which )?"
            r"(decid\w*\b(?! (that )?(i|we)\b)|decision\w*|judg\w*)|"
            r"\b(computer|machine|algorithm|ai|robot)s? (is |are )?(making|makes?|made|taking|takes?) (\w+ )?"
            r"decisions?|\bdecid\w* (things |everything |anything )?about me automatically|\barticle 22\b|\bhuman "
            r"(review|look|check)|\b(real |actual )?(human|person|people) (ever )?(involv\w*|checks?|looks? at|"
            r"reviews?)"
        ),
        _re(r"\bautomat\w* (decision|individual)"),
    ),
    Topic(
        "transfers",
        _re(
            r"\b((data|info\w*|details) (\w+ )?(transfer\w*|sent|goes?|leaves?)|"
            r"transfer\w* (of )?(my |your |our |personal )?(data|info\w*|details)|abroad|overseas|"
            r"outside (of )?(the )?(eu|eea|europe|uk|united kingdom)|to (the )?(usa|u\.s\.|united states|america)|"
            r"which countr\w*|what countr\w*|servers? (are )?(located|based|in)|"
            r"where .{0,30}(stored|processed)|"
            # "Is my account data kept inside the European Union, or could it be transferred to other countries?"
            r"(transferred|sent|moved|go|goes) to (other|another|different|third|foreign) countr\w*|"
            r"(kept|stored|held|processed|stays?) (inside|within|in) (the )?(eu|european union|eea|europe))\b"
        ),
        _re(r"\b(international|transfers?|outside (the )?(eu|eea|europe))\b"),
    ),
    Topic(
        "getting_a_copy",
        # Not "download the app".
        _re(
            r"\b(download\w* (my|all|a copy|your)|(data|the) download|download link|export\w*|copy of (my|all|the|"
            r"your)|portab\w*|(take|move|transfer) my (data|info\w*) to)\b"
        ),
        _re(r"\b(download\w*|export\w*|copy|portab\w*)\b"),
    ),
    Topic(
        "deletion",
        _re(r"\b(delet\w*|eras\w*|forget me|close my account|remove (all )?my (data|account|info\w*))\b"),
        _re(r"\b(delet\w*|eras\w*|clos\w* (your|an) account)\b"),
    ),
    Topic(
        "correction",
        _re(
            r"\b(wrong|incorrect|inaccurate|out of date|outdated|mistakes?|rectif\w*)\b.{0,40}\b("
            r"data|info\w*|details|address|name|record\w*)\b|\b(correct|correcting|amend|update) (my|the|your) ("
            r"data|info\w*|details|address|name|record\w*)\b|\b(data|info\w*|details|address|name|record\w*)\b"
            r".{0,30}\b(is|are|was|were) (wrong|incorrect|inaccurate|out of date|outdated)\b|\bfix (my|the) (data|"
            r"info\w*|details)"
        ),
        _re(r"\b(correct\w*|rectif\w*)\b"),
    ),
    Topic(
        "restriction",
        _re(r"\b(pause|freeze|restrict\w*|suspend\w*)\b.{0,40}\b(using|use|processing|data)\b"),
        _re(r"\brestrict\w*\b"),
    ),
    Topic(
        "authorities",
        # Not the data protection authority one complains to.
        # Nor reporting the company to them ("can I report you to the authorities?"): that is a complaint.
        _re(
            r"^(?!.*\b(report|complain\w*|sue|take (you|them|the company) to)\b).*\b(police|government|governments|"
            r"(?<!protection )(?<!supervisory )authorit(y|ies)|law enforcement|courts?|subpoena\w*|warrants?|"
            r"intelligence services?|tax (office|authorit\w*))\b"
        ),
        _re(
            r"\b(who (else )?(receives|gets)|who we share|shar\w* (your |personal )?data|disclos\w*|recipients?|"
            r"authorities|law enforcement)\b"
        ),
    ),
    Topic(
        "policy_changes",
        # Changes to the policy itself, not to a setting or a model ("what changed in recs-ranker-4.2").
        _re(
            r"\b(chang\w*|updat\w*|amend\w*|revis\w*)\b.{0,25}\b(privacy )?(policy|policies|notice|terms)\b|"
            r"\b(policy|notice|terms)\b.{0,15}\b(chang\w*|updat\w*|amend\w*|revis\w*)\b"
        ),
        _re(
            r"\b(changes?|updates?) (to|in|of) (this|our|the) (privacy )?(policy|notice|statement)\b|"
            r"\bpolicy (changes|updates)\b"
        ),
    ),
    Topic(
        "rights",
        # "What am I actually entitled to ask you for when it comes to my information?"
        _re(
            r"\brights\b(?! (holders?|owners?))|"
            r"\b(am i|are we) (\w+ )?entitled to\b(?! (a |an |the )?(refund|discount))"
        ),
        _re(r"^(your |my |individual |privacy |data subject )*(data protection )?rights\b|\byour \w* ?rights\b"),
    ),
)


def topic_sections(question: str, sections: Mapping[str, Section]) -> tuple[str | None, tuple[str, ...]]:
    """The topic the question asks about and the policy sections about it, each with its subsections, in policy
    order; (None, ()) when the question asks about no common topic or the policy has no section titled for it."""
    ordered = sorted(sections.values(), key=lambda s: (s.doc_id, s.line))
    # The topic the question says most about leads ("what protects my data when it goes to the USA? which country
    # are your servers in?" is about transfers, not security); on a tie, the first in TOPICS.
    hits = {topic.name: sum(1 for _ in topic.asked.finditer(question)) for topic in TOPICS}
    for topic in sorted(TOPICS, key=lambda t: -hits[t.name]):
        if not hits[topic.name]:
            break
        if chosen := _titled(topic, ordered):
            return topic.name, chosen
    return None, ()


def sections_on(name: str, sections: Mapping[str, Section]) -> tuple[str, ...]:
    """The policy sections about a topic named before ("security"), in policy order; () if none."""
    ordered = sorted(sections.values(), key=lambda s: (s.doc_id, s.line))
    return next((_titled(t, ordered) for t in TOPICS if t.name == name), ())


def _titled(topic: Topic, ordered: list[Section]) -> tuple[str, ...]:
    """The sections titled for the topic, each with its subsections."""
    chosen: list[str] = []
    for i, section in enumerate(ordered):
        if section.section_id in chosen or not topic.titled.search(section.title):
            continue
        chosen.append(section.section_id)
        for below in ordered[i + 1 :]:
            if below.doc_id != section.doc_id or below.level <= section.level:
                break
            chosen.append(below.section_id)
    return tuple(dict.fromkeys(chosen))
