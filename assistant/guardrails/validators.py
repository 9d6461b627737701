"""Checks that turn a pattern match into a confident detection: checksums and numbering rules."""

from __future__ import annotations

import ipaddress
import re

# IBAN length per country (ISO 13616); a wrong length is not an IBAN whatever its checksum.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21, "CY": 28,
    "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23,
    "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "KW": 30, "KZ": 20,
    "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "ME": 22, "MK": 19, "MT": 31, "MU": 30,
    "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29,
}  # fmt: skip


# Compiled once here: `re.sub(pattern, …)` looks its pattern up in re's cache on every call.
_NOT_DIGIT = re.compile(r"\D")
_CARD_PREFIX = re.compile(r"4|5[1-5]|2[2-7]|3[47]|3[068]|6(?:011|5|4[4-9]|2)|35")
_SPACE_OR_DASH = re.compile(r"[\s-]")
_SPACE = re.compile(r"\s")
_NINO = re.compile(r"[A-Z]{2}\d{6}[A-D]")
_TLD_SPLIT = re.compile(r"[\s.\])]+")
_SPOKEN_AT = re.compile(r"\s(?:at|@)\s|\(at\)|\[at\]")


def digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


def luhn(number: str) -> bool:
    """The Luhn checksum every payment card number carries."""
    nums = [int(c) for c in digits(number)]
    if not 13 <= len(nums) <= 19:
        return False
    total = 0
    for i, n in enumerate(reversed(nums)):
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def card_prefix(number: str) -> bool:
    """Issuer prefixes of the major networks: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay."""
    d = digits(number)
    return bool(_CARD_PREFIX.match(d))


def iban(candidate: str) -> bool:
    """ISO 13616: known country length, and mod-97 of the rearranged number is 1."""
    text = _SPACE_OR_DASH.sub("", candidate).upper()
    if len(text) < 15 or IBAN_LENGTHS.get(text[:2]) != len(text) or not text.isalnum():
        return False
    rearranged = text[4:] + text[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def iban_shaped(candidate: str) -> bool:
    """An IBAN's country and that country's length, its checksum not asked: for a value its writer calls one."""
    text = _SPACE_OR_DASH.sub("", candidate).upper()
    return IBAN_LENGTHS.get(text[:2]) == len(text) and text.isalnum()


def us_ssn(candidate: str) -> bool:
    """SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000; not a known advertising number."""
    d = digits(candidate)
    if len(d) != 9:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    if area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000":
        return False
    return d not in {"078051120", "219099999", "123456789"}


def named_ssn(candidate: str) -> bool:
    """A number its writer calls an SSN: three digits shown at least, and not a placeholder whose area is
    never issued (000, 666)."""
    d = digits(candidate)
    return len(d) >= 3 and not candidate.startswith(("000", "666"))


_NINO_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def uk_nino(candidate: str) -> bool:
    """HMRC: two prefix letters (not D, F, I, Q, U, V; second not O; some pairs never issued), six digits,
    suffix A-D."""
    text = _SPACE.sub("", candidate).upper()
    if not _NINO.fullmatch(text):
        return False
    first, second = text[0], text[1]
    return not (first in "DFIQUV" or second in "DFIQUVO" or text[:2] in _NINO_BAD_PREFIX)


def ip_address(candidate: str) -> bool:
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


_TLDS = frozenset(
    "com org net edu gov mil int io co uk de fr es it nl be ch at se no dk fi ie pt pl cz ru jp cn kr in au nz br mx "
    "ca us info biz me tv app dev example email online shop store".split()
)


# Words that stand before "at" and a website in prose ("more at example.com", "found at", "soon at"): no mailbox.
_PROSE_BEFORE_AT = frozenset(
    "more soon found online visit us here now available out look check today also only find see read learn live "
    "located shop order buy it them".split()
)


def spoken_email(candidate: str) -> bool:
    """ "jane dot doe at mail dot com": an 'at', and a domain ending in a real top-level domain; not a word of
    prose before "at" and a website ("more at example.com")."""
    text = candidate.lower()
    tld = _TLD_SPLIT.split(text.strip())[-1]
    has_at = bool(_SPOKEN_AT.search(text))
    if text.split(maxsplit=1)[0] in _PROSE_BEFORE_AT:
        return False
    return has_at and tld in _TLDS and ("dot" in text or "." in text.split("at")[-1])
