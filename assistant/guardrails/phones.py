"""Phone numbers: candidates by shape, confirmed by the phonenumbers library; plus spaced-out and
spelled-out digit runs ("5 5 5 0 1 9 9", "five five five …") that evade every formatter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import phonenumbers

# Regions whose national formats a retailer's customers use; "+" numbers parse in any of them. A number is a phone
# when it is valid in any one, so the order only decides how soon a parse settles it: the plans that accepted the
# most numbers on the benchmark's texts come first (Germany's, with its many lengths, then Britain's, Ireland's,
# Brazil's), a third fewer parses than the order by market. North American numbers are checked before this list.
REGIONS = ("DE", "GB", "IE", "BR", "IT", "US", "FR", "ES", "NL", "IN", "AU", "JP", "CA", "MX")
# A country code in brackets where a "+" belongs: "(852) 2572 1121", "( 86 ) 0532-8097-1939".
_BRACKET_CC = re.compile(r"^\([ \t]?(\d{2,3})[ \t]?\)[ \t]*")

# One line at most (a postcode on the line above is not the start of a phone); a label glued on by a web page
# ("Telephone0844 800 1500", "1.800.201.7935Mon-Fri") still lets a number start or end; one or two letters
# after the digits are an id's suffix ("78452139K"), not a word; the last digits of the numbers after it, listed
# with slashes, join it ("+91-22-33074700/01/02/03/04").
_CANDIDATE = re.compile(
    r"(?:(?<![\w+/.-])|(?<=[Pp]hone)|(?<=[Tt]el)|(?<=[Ff]ax)|(?<=[Mm]obile))"
    r"(?:\+|00)?(?:\([^\S\n]?)?\d[\d \t().\-/]{5,20}\d(?:/\d{1,4}){0,8}(?![\d_/-]|\.\d|[^\W\d_](?![^\W\d_]{2}))"
)
# An extension after a number stays with it: "530.820.3090 x410", "(212) 555-0100 ext. 12".
_EXTENSION = re.compile(r"[^\S\n]*(?:,\s*)?(?:x|ext\.?|extn\.?|extension)[^\S\n]*\d{1,5}\b", re.IGNORECASE)
# An extension on its own, after a name on a staff list ("Kathy Smith (ext. 207)"): someone's direct line.
_LONE_EXTENSION = re.compile(r"(?<![\w.])(?:ext|extn|extension)\.?[ \t]*\d{2,5}(?:/\d{2,5})*(?!\w)", re.IGNORECASE)
# US-style dotted groups are a phone, not a version number.
_NANP_DOTS = re.compile(r"^(?:1\.)?\d{3}\.\d{3}\.\d{4}$")
_SPACED = re.compile(r"(?<![\w])\+?\d(?:[ .-]{1,3}\d){6,14}(?![\w])")
# Seven digits each after one to three separators: in every spaced-out run, and found fast (it starts at a digit).
_SPACED_GATE = re.compile(r"\d(?:[ .-]{1,3}\d){6}")
_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double\s+\w+|triple\s+\w+)"
_SPELLED = re.compile(rf"(?<![\w-])(?:plus\s+)?{_WORD}(?:[\s,-]+{_WORD}){{6,14}}(?![\w-])", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# Compiled once here: `re.sub(pattern, …)` looks its pattern up in re's cache on every call.
_NOT_DIGIT = re.compile(r"\D")
_DIGIT_RUN = re.compile(r"\d+")
# Ten digits shaped like a North American number, after an optional trunk "1".
_NANP = re.compile(r"^1?([2-9]\d{2}[2-9]\d{6})$")
# Toll-free numbers spelled with letters ("1-888-LUTRON1 (588-7661)", "888.FAX.IOSAFE"), with the digits that
# often follow in brackets.
_VANITY = re.compile(
    r"(?<![\w+])(?:1[-. ]?)?(?:\(8(?:00|33|44|55|66|77|88)\)[ ]?|8(?:00|33|44|55|66|77|88)[-. ]?)"
    r"(?=[A-Z0-9.-]*[A-Z])[A-Z0-9](?:[A-Z0-9]|[-.](?=[A-Z0-9])){5,11}(?!\w)"
    r"(?:[ \t]*\n?[ \t]*\(\d[\d -]{3,15}\))?"
)
# A toll-free code, in every vanity number: a literal "8" the regex engine finds fast.
_TOLL_FREE = re.compile(r"8(?:00|33|44|55|66|77|88)")
# Where a candidate may start: scanning for one of these characters first is several times faster than trying
# `_CANDIDATE`'s look-behinds at every position.
_START = re.compile(r"[+(\d](?:(?<![\w+/.-].)|(?<=[Pp]hone.)|(?<=[Tt]el.)|(?<=[Ff]ax.)|(?<=[Mm]obile.))")
# Every spelled-out number holds seven of these at least (a cheap count before `_SPELLED`'s scan).
_NUMBER_WORDS = tuple("zero oh one two three four five six seven eight nine double triple".split())
_DATEISH = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
# Digit runs with a phone's length that are something else, by shape (chosen on the PII benchmark's dev split):
# a US ZIP+4 (no phone plan groups digits 5-4), a range of postcodes in one area ("48901 - 48956"), a date
# anywhere in the run ("07-12-2010 2010/12/7", "2024-12-01 10"), and two years run together ("20142014").
_NOT_PHONE = (
    re.compile(r"^\d{5}-\d{4}$"),
    re.compile(r"^(\d\d)\d{3}[ \t]*[-–][ \t]*\1\d{3}$"),
    re.compile(r"(?<!\d)(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2})(?!\d)"),
    re.compile(r"^(?:19|20)\d\d(?:19|20)\d\d$"),
)


def _is_phone(candidate: str) -> bool:
    text = candidate.strip()
    digits = _NOT_DIGIT.sub("", text)
    if not 7 <= len(digits) <= 15 or _DATEISH.match(text) or any(p.search(text) for p in _NOT_PHONE):
        return False
    if _counting(text):
        return False
    # Most numbers are North American: checked without the parser (what parse(text, "US") would build).
    if (nanp := _NANP.match(digits)) and _valid_number(phonenumbers.PhoneNumber(1, int(nanp.group(1)))):
        return True
    # A "+" number reads the same in every region: parse it once.
    if any(_valid(text, region) for region in (("ZZ",) if text.startswith("+") else REGIONS)):
        return True
    cc = _BRACKET_CC.match(text)
    return cc is not None and _valid(f"+{cc.group(1)} {text[cc.end() :]}", "ZZ")


def _valid(text: str, region: str) -> bool:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return _valid_number(number)


def _valid_number(number: phonenumbers.PhoneNumber) -> bool:
    # The cheap test first: most numbers in examples and tests are fictional ones.
    return phonenumbers.is_possible_number(number) and (_fictional_ok(number) or phonenumbers.is_valid_number(number))


def _fictional_ok(number: phonenumbers.PhoneNumber) -> bool:
    """Fictional-range numbers (US 555-01xx, UK drama ranges) are still someone's placeholder for a phone."""
    national = str(number.national_number)
    return (number.country_code == 1 and national[3:6] == "555") or (number.country_code == 44 and len(national) >= 9)


_CUE = re.compile(
    r"(?i)\b(call|called|phone|tel|telephone|mobile|cell|number|ring|rang|text|sms|whatsapp|contact|reach|fax|"
    r"landline|handy|portable|telefono|teléfono|telefon|tlf|tfno|téléphone|móvil)\b|☎|📞"
)
_VERSION = re.compile(r"^\d+(?:\.\d+){2,}$")
# A firm's tax or registry number is no phone, whatever its length: "P.I. 01601990136", "btw 0453 365 132",
# "Registro Imprese di Lecco 01601990136", "VAT No. GB 123 4567 89". Not a person's tax number ("tax ID",
# "NIF", "codice fiscale"), which is personal data and stays redacted.
_TAX_ID = re.compile(
    r"(?i)(?:\bp\.?[ ]?i(?:va)?\.?|partita[ ]iva|\bvat(?:[ ](?:no|number|reg(?:istration)?(?:[ ]no)?))?\.?|"
    r"\bbtw(?:-nummer)?|\bust-?id(?:nr)?\.?|\btva|\bcif|\bkvk(?:-nummer)?|registro[ ]imprese(?:[ ]di[ ]\w+)?|"
    r"\babn|(?-i:\bEIN))[ \t]*[:.#]?[ \t]*(?:[A-Z]{2}[ ]?)?$"
)

# What every such label holds, looked for before the pattern runs (most numbers have none before them).
_TAX_WORDS = ("iva", "p.i", "p. i", "pi ", "vat", "btw", "ust", "tva", "cif", "kvk", "imprese", "abn", "ein")


def _tax_id(before: str) -> bool:
    """Whether a firm's tax or registry label ends the text before a number."""
    tail = before[-40:].lower()
    return any(w in tail for w in _TAX_WORDS) and _TAX_ID.search(before) is not None


def _plausible(value: str, before: str, after: str) -> bool:
    """Short or bare digit runs are phones only where the text says so; '+', '(' or 10+ digits speak for
    themselves. Keeps order numbers, postcodes, SKUs and versions out."""
    digits = len(_NOT_DIGIT.sub("", value))
    if _VERSION.match(value) and not _NANP_DOTS.match(value):
        return False
    if value.startswith(("+", "00", "(")) or digits >= 10:
        return True
    return bool(_CUE.search(before) or _CUE.search(after))


def _first_of_several(run: str) -> bool:
    """Numbers listed with slashes ("+86 21 6475 3203 / 6475 3206", "+91-22-33074700/01/02"): a phone when the
    first one is."""
    head = run.split("/", 1)[0].rstrip(" \t-")
    return head != run and _is_phone(head)


def _counting(run: str) -> bool:
    """A page's pagination ("1 2 3 4 5 6 7 8 9 10"): numbers counting up by one, not a phone spelled out."""
    numbers = [int(n) for n in _DIGIT_RUN.findall(run)]
    return len(numbers) >= 4 and all(b == a + 1 for a, b in pairwise(numbers))


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """`_CANDIDATE.finditer(text)`, tried only where `_START` says a candidate may begin."""
    pos = 0
    while (start := _START.search(text, pos)) is not None:
        m = _CANDIDATE.match(text, start.start())
        if m is None:
            pos = start.start() + 1
            continue
        yield m
        pos = max(m.end(), start.start() + 1)


def find_phones(text: str, digits: int | None = None) -> Iterator[tuple[int, int, float]]:
    """Phone numbers in `text`; `digits`: how many digits it has, when the caller has counted them already."""
    if (len(_DIGIT.findall(text)) if digits is None else digits) >= 7:
        for m in _candidates(text):
            value = m.group().rstrip(" .-/(")
            before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
            if (
                _plausible(value, before, after)
                and (_is_phone(value) or _first_of_several(value))
                and not _tax_id(before)
            ):
                end = m.start() + len(value)
                ext = _EXTENSION.match(text, end)
                yield m.start(), ext.end() if ext else end, 0.9
        for m in _SPACED.finditer(text) if _SPACED_GATE.search(text) else ():
            if not _counting(m.group()):
                yield m.start(), m.end(), 0.8
    if _TOLL_FREE.search(text):
        for m in _VANITY.finditer(text):
            yield m.start(), m.end(), 0.85
    lower = text.lower()
    if "ext" in lower:
        for m in _LONE_EXTENSION.finditer(text):
            yield m.start(), m.end(), 0.7
    if sum(map(lower.count, _NUMBER_WORDS)) >= 7:
        for m in _SPELLED.finditer(text):
            yield m.start(), m.end(), 0.8
