"""An explicit request to change a consent ("stop emailing me", "opt me out"), as distinct from asking how to
change it, what was agreed, or what would happen: only an explicit request proposes a change."""

from __future__ import annotations

import re

EXPLICIT_CHANGE = re.compile(
    r"^\s*((then|ok(ay)?|right|so|yes|fine|and|just)\W+){0,2}(please\s+)?(stop|withdraw|unsub(scribe)?|untick|revoke|cancel|"
    r"opt me|remove me|take (me|my \w+) off|take me out|give|grant|put me back (on|in)|add me back|re-?subscribe me|"
    r"(turn|switch) (it |that |them |this )?(off|on)|(turn|switch) (off|on))\b|"
    r"\b(i want (you )?to|i'?d like (you )?to|please|(can|could|would) you( please)?)\s+(opt|withdraw|stop|give|"
    r"unsubscribe|revoke|turn|switch|remove|cancel|grant|put me back|add me back|sign me|take me off|disconnect)\b|"
    # "would you mind switching off the tailored offers?"
    r"\bwould you mind (switching|turning|taking|putting|opting|signing|removing|stopping|unsubscribing)\b|"
    r"\bi (no longer|do not|don'?t) (want|consent|agree)\b|\bi not want\b|"
    r"\bi (withdraw|revoke|consent|give (my )?consent)\b|"
    r"\b(i'?d like|i want) to (allow|disconnect)\b|^\s*(no more|disconnect|allow)\b|"
    r"\b(sign|opt) me (back )?(up|in|out)\b|"
    r"\bmake sure\b.*\b(off|on|stopped)\b|"
    # "From today I'd like the personalised offers to stop, please."
    # (Not "I want to end my subscription", "I would like to know how to stop the emails".)
    r"\b(i'?d like|i would like|i want) (the |my |your |all |these |those |any )?((?!(to|know|learn|find|understand|"
    r"how|option|able|subscription|membership|account|plan)\b)\w+ ){1,3}to (stop|end|be (switched|turned) off)"
    r"(?=\s*([,.!?]|please|now|from|today|immediately|$))|"
    r"\b(remove|withdraw|revoke|cancel|take back) (all )?(of )?my (consent|permission)s?\b|"
    r"\bi take (it |that |my consent )?back\b|\bwithdrawal of (my |his |her |their )?consent\b|"
    r"^\s*(dont|don'?t|do not) (use|send|show)\b|"
    r"^\s*((then|ok(ay)?|right|so|yes|fine|and|well)\W+)*(turn|switch)( \w+){1,4} (back )?(on|off)\b"
)
# A request after a story ("Enough with the 6am notifications. Turn them off for me."; "ok that's it, no more
# texts"): only the unambiguous verbs, since a later clause is often a question or a report.
LATER_REQUEST = re.compile(
    r"^\s*(ok\s+|okay\s+|so\s+|just\s+|now\s+|then\s+|well\s+)?(please\s+)?(stop|unsub(scribe)?|withdraw|revoke|"
    r"remove me|take (me|my \w+) off|take me out|opt me (out|in)|(turn|switch)( (it|them|that|this|these|those|"
    r"everything|all|of))* (off|on)|no more)\b"
)
# A request reported, not made: "Since I told you in February I don't want personalised offers, what gives you the
# right…"
_TOLD_BEFORE = re.compile(r"\b(told|said to|asked|wrote to|informed|let) (you|u|them|your \w+)( \w+){0,4}( that)?\s*$")
# Between a normalised text's sentences and clauses; a hyphen is none ("non - stop emails").
_SEPARATOR = re.compile(r"\s([.!?,;:\u2014\u2013]+)(?=\s|$)")


def explicit_change(normalized: str) -> bool:
    """An explicit request to change a consent: at the message's start as anywhere in it, or opening a later
    sentence or clause that neither quotes something ("the app says: turn it on") nor asks ("if I unsubscribe,
    no more offers at all?")."""
    if any(not _TOLD_BEFORE.search(normalized[: m.start()]) for m in EXPLICIT_CHANGE.finditer(normalized)):
        return True
    pieces = _SEPARATOR.split(normalized)
    clauses, separators = pieces[0::2], [*pieces[1::2], ""]
    for i in range(1, len(clauses)):
        quoted, asked = ":" in separators[i - 1], "?" in separators[i]
        if not quoted and not asked and LATER_REQUEST.match(clauses[i]):
            return True
    return False
