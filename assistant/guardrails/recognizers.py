"""Pattern recognizers: each rule is a little data — a pattern, an optional validator and context — and
one generic matcher runs them all (Presidio's idea, written small). Street addresses are in addresses.py."""

from __future__ import annotations

import functools
import re

from assistant.guardrails import validators as v
from assistant.guardrails.address_blocks import BLOCK_RULES
from assistant.guardrails.addresses import ADDRESS_RULES
from assistant.guardrails.rule import Rule
from assistant.guardrails.rule import rx as _rx

_DATE = r"""
    (?:\d{4}-\d{1,2}-\d{1,2}
     | \d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})
     | \d{1,2}[-/ ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[-/ ]\d{4}
     | \d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}
     | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"""
# A spaced or bracketed "at" (which `spoken_email` insists on) then a domain with "dot" or "." in it: what every
# spoken email holds, found far faster than by the full pattern. It starts at the "a" of "at" (in either case) or at
# "@", which the regex engine skips to, and looks behind for the space or bracket: a space is twice as common.
_SPOKEN_AT = re.compile(
    r"[aA@](?:(?<=[\s(\[][aA])[tT](?:(?<=\s..)\s|(?<=\(..)\)|(?<=\[..)\])|(?<=\s@)\s)"
    r"(?i:[\s\])]*[a-z0-9-]+[\s\[(]*(?:dot|\.))"
)
# Cheap tests that start at a digit or a colon, for rules whose patterns start at any letter or hex digit: what
# every match holds (two letters then two digits for an IBAN; three pairs of digits and a letter from A to D for a
# National Insurance number; two colons with at most four hex digits between them for an IPv6 address).
_IBAN_GATE = re.compile(r"\d(?<=[A-Z][A-Z]\d)\d", re.I)
_NINO_GATE = re.compile(r"\d\d\s?\d\d\s?\d\d\s?[A-Da-d]")  # "\d\d", not "\d{2}": no repeat to set up at each digit
_IPV6_GATE = re.compile(r":[0-9A-Fa-f]{0,4}:")
# The id rules below start at their prefix's first letter, and only then look behind it for a word character:
# a pattern that starts with the look-behind is tried at every position of the text.

RULES: tuple[Rule, ...] = (
    Rule("EMAIL", _rx(r"(?<![\w.+-])[\w.+-]+[ ]?@[ ]?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"), score=1.0,
         needs=("@",)),
    Rule("EMAIL", _rx(r"""[a-z0-9._+-](?<!\w.)[a-z0-9._+-]*(?:\s*[\[(]?\s*dot\s*[\])]?\s*[a-z0-9_+-]+)*
                          \s*[\[(]?\s*(?:at|@)\s*[\])]?\s*
                          [a-z0-9-]+(?:(?:\s*[\[(]?\s*dot\s*[\])]?\s*|\.)[a-z]{2,})+(?!\w)""", re.I),
         validator=v.spoken_email, score=0.85, gate=_SPOKEN_AT),
    Rule("CREDIT_CARD", _rx(r"\d(?<![\w.+-]\d)(?<![A-Za-z]{2}\d{2}[ ]\d)(?:[ .-]?\d){12,18}(?![\w-]|\.\d)"),
         validator=lambda s: v.luhn(s) and v.card_prefix(s), score=1.0, digits=13),
    # After "credit card" or "card number": a mistyped number (no Luhn), or one masked in the middle only
    # ("4532************7890"). A number masked but for its last four is what receipts print, and is left.
    Rule("CREDIT_CARD", _rx(r"""(?<!(?i:gift)[ ])(?i:credit[ ]card|debit[ ]card|card[ ](?:number|no\.?|num))
                                (?:[ ](?i:number|no\.?|num|is|was))*[ ]?:?[ ]?['"]?
                                (?P<value>\d(?:[ -]?[\dXx*•]){12,22})(?<=\d)(?![\w*-])"""),
         validator=lambda s: 8 <= len(v.digits(s)) <= 19, needs=("card",), digits=8, score=0.9),
    # After "IBAN" or "bank account": a country's IBAN of the right length, even when its checksum fails.
    Rule("IBAN", _rx(r"""(?i:\biban|bank[ ]account|account[ ]number|account[ ]no\.?)(?:[ ](?i:number|no\.?|num|is|was))*
                         [ ]?:?[ ]?['"]?(?P<value>[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30})(?![A-Za-z0-9])"""),
         validator=v.iban_shaped, needs=("iban", "account"), digits=2, score=0.9),
    Rule("IBAN", _rx(r"[A-Z](?<![A-Za-z0-9].)[A-Z]\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", re.I),
         validator=v.iban, score=1.0, shrink=True, digits=2, gate=_IBAN_GATE),
    Rule("IBAN", _rx(r"[A-Z](?<![A-Za-z0-9].)[A-Z]\d{2}[A-Z0-9]{11,30}(?![A-Za-z0-9])"), validator=v.iban, score=1.0, digits=2,
         gate=_IBAN_GATE),
    Rule("US_SSN", _rx(r"\d(?<![\d-].)\d{2}([- ])\d{2}\1\d{4}(?![\d-])"), validator=v.us_ssn, score=0.9, digits=9),
    Rule("US_SSN", _rx(r"\d(?<![\d-].)\d{8}(?![\d-])"), validator=v.us_ssn, needs=("ssn", "social"), digits=9,
         context=re.compile(r"(?i)\b(ssn|social security|social sec)\b"), score=0.85),
    # A value its writer names: the number after "SSN" or "social security" is one even outside the issuing
    # rules ("SSN 900-12-3456") or partly masked ("XXX-XX-2409").
    Rule("US_SSN", _rx(r"""(?i:\bssn|\bsocial[ ]security)(?:[ ](?i:number|no\.?|num|card|details|is|was))*[ ]?[:#(]?[ ]?
                           (?P<value>[\dXx*]{3}(?P<sep>[ -])[\dXx*]{2}(?P=sep)[\dXx*]{4}|\d{9})(?![\w*-])"""),
         validator=v.named_ssn, needs=("ssn", "social"), digits=3, score=0.9),
    Rule("UK_NINO", _rx(r"[A-Za-z](?<![A-Za-z0-9].)[A-Za-z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d](?![A-Za-z0-9])"),
         validator=v.uk_nino, score=0.95, digits=6, gate=_NINO_GATE),
    Rule("IP_ADDRESS", _rx(r"\d(?<![\d.].)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?!\d|\.\d)"), validator=v.ip_address, score=0.95, digits=4),
    Rule("IP_ADDRESS", _rx(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:\.\d{1,3}){0,3}(?![\w:])"),
         validator=lambda s: s.count(":") >= 2 and v.ip_address(s), score=0.95, needs=(":",), gate=_IPV6_GATE),
    Rule("DATE_OF_BIRTH", _rx(rf"(?P<value>{_DATE})", re.I),
         context=re.compile(r"(?i)\b(born|birth\w*|dob|d\.o\.b|geboren|née?|nacido|nacimiento|naissance)\b"),
         window=45, score=0.9, digits=4, needs=("born", "birth", "dob", "d.o.b", "geboren", "né", "nacido", "nacimiento", "naissance")),
    *ADDRESS_RULES,
    *BLOCK_RULES,
    Rule("ORDER_ID", _rx(r"O(?<![\w-].)RD-?\d{4}-?\d{4,8}(?![\w-])|O(?<![\w-].)RD-?\d{5,10}(?![\w-])", re.I),
         score=0.95, needs=("ord",), digits=5),
    Rule("ORDER_ID", _rx(r"(?i:order)(?:\s+(?i:number|no\.?|nr\.?|num|id|ref|reference|was|is|code))*\s*:?\s*(?P<value>\#?[A-Z0-9]*\d[A-Z0-9-]{4,})"),
         score=0.85, needs=("order",), digits=1),
    Rule("ACCOUNT_ID", _rx(r"A(?<![\w-].)CC-?\d{6,12}(?![\w-])", re.I), score=0.95, needs=("acc",), digits=6),
    Rule("ACCOUNT_ID", _rx(r"(?i:account|acct|membership|member|rewards|loyalty)\s*(?:number|no\.?|num|id|card)\s*[:#]?\s*"
                           r"(?P<value>[A-Z0-9]*\d[A-Z0-9-]{5,})"), score=0.85,
         needs=("account", "acct", "member", "rewards", "loyalty"), digits=1),
    Rule("CUSTOMER_ID", _rx(r"[NC](?<![\w-].)(?:(?<=N)W|(?<=C)U(?:ST)?)-?\d{4,8}(?![\w-])", re.I), score=0.95, needs=("nw", "cu"), digits=4),
    Rule("CUSTOMER_ID", _rx(r"[A-Z](?<![\w-].)[A-Z]-\d{4}(?![\w-])"), score=0.8, needs=("-",), digits=4),
    Rule("CUSTOMER_ID", _rx(r"(?i:customer|client)\s*(?:number|no\.?|num|id|ref)\s*[:#]?\s*(?P<value>[A-Z0-9]*\d[A-Z0-9-]{3,})"),
         score=0.85, needs=("customer", "client"), digits=1),
)  # fmt: skip
_MOST_DIGITS = max(rule.digits for rule in RULES)


@functools.lru_cache(maxsize=32)
def _digits_allow(digits: int) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """The rules a text with this many digits may match, and all their `needs`."""
    rules = tuple(rule for rule in RULES if rule.digits <= digits)
    return rules, tuple(sorted({n for rule in rules for n in rule.needs}))


@functools.lru_cache(maxsize=4096)
def _needs_allow(digits: int, present: frozenset[str]) -> tuple[Rule, ...]:
    return tuple(rule for rule in _digits_allow(digits)[0] if not rule.needs or not present.isdisjoint(rule.needs))


def rules_for(lower: str, digits: int) -> tuple[Rule, ...]:
    """The rules that may match a text, in order, given its lower-case form and how many digits it has: those
    whose fewest digits it holds and one of whose `needs` (if any) it contains. Each needle is looked for once per
    text, and only those of rules its digits allow (most messages have no digit, and so few rules to try)."""
    digits = min(digits, _MOST_DIGITS)
    return _needs_allow(digits, frozenset(n for n in _digits_allow(digits)[1] if n in lower))
