"""Names known by what is written beside them on a page: a role ("District Superintendent:\nLes M. Omotani",
"Building Inspector – R.D. Huffines", "Rob Nehring\nOutside Sales Representative") or an initial ("Les M.
Omotani", "J. Smith"). Neither the given nor the family name need be in the lexicon: the role or the initial says
a person is meant, and each word must still be one no dictionary holds as an everyday word (or a known name)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from assistant.guardrails.lexicons import common_words, everyday, more_given_names
from assistant.guardrails.named_after import ROLES, named_place
from assistant.guardrails.places import regions, towns

# Roles a staff list or a caption writes beside a name, beyond named_after.ROLES.
_MORE_ROLES = frozenset(
    """superintendent inspector representative rep receptionist administrator clerk recorder auditor controller
    planner analyst programmer developer scientist researcher economist accountant bookkeeper hygienist
    therapist psychotherapist counselor counsellor pharmacist physician surgeon veterinarian optometrist
    dietitian nutritionist midwife paralegal notary auctioneer appraiser surveyor estimator foreman
    executive vp svp evp cio cmo ciso chairperson trustee treasurer steward marshal""".split()
)
_ROLE_WORDS = (ROLES | _MORE_ROLES) - frozenset(("love", "friend", "patient", "student", "client", "user", "guest"))
# What may stand between a role and the name after it, or a name and the role after it.
_ROLE_GAP = re.compile(r"[ \t]*(?:[:,–—-][ \t]*\n?[ \t]*|\n[ \t]*)|[ \t]+")
# After a role, a comma names the firm ("Associate Director, Nilsson Architects"), not the person.
_AFTER_ROLE = re.compile(r"[ \t]*(?:[:–—-][ \t]*\n?[ \t]*|\n[ \t]*)|[ \t]+")
# Two or more single letters with full stops that are an abbreviation or a degree ("M.D. Ph.D."), no initials.
_ABBREVIATIONS = frozenset(
    "us uk usa dc po la ny nyc eu un am pm bc ad ok nj uae prc sa nv bv ag dba aka md dds dmd dvm rn".split()
)
_COMPASS = frozenset("nsew")
_HOUSE_NUMBER = re.compile(r"\d[ \t]*$")  # a house number right before a compass point ("1723 N. Halsted")
# What every initial holds: a capital letter alone before a full stop. The rule runs only where one stands. The
# pattern starts at the full stop, a literal the regex engine finds as fast as `str.find`, and looks behind it for
# the capital with no word character before it (the initial starts one character before the match).
_INITIAL_GATE = re.compile(r"\.(?<=[A-Z]\.)(?<!\w[A-Z]\.)")
_MAX_WORDS = 3


def _name_word(word: str, low: str, names: tuple[frozenset[str], frozenset[str]], not_names: frozenset[str]) -> bool:
    """A capitalised word that may be part of a name no lexicon knows: a known given or family name, or a word no
    dictionary holds as an everyday word, no place, no role."""
    if not word[0].isupper() or (word.isupper() and len(word) > 1) or len(word) < 2:
        return False
    if low in not_names or low in _ROLE_WORDS or low in regions()[0]:
        return False
    first, last = names
    if low in first or low in last:
        return True
    return not everyday(low) and not inflected(low) and low not in common_words() and low not in towns()


def inflected(low: str) -> bool:
    """Whether a word is an everyday verb with "-ing" or "-ed" ("installing", "replaced", "shipping")."""
    for ending in ("ing", "ed"):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            if everyday(stem) or everyday(stem + "e") or (stem[-1] == stem[-2] and everyday(stem[:-1])):
                return True
    return False


def _given_word(word: str, low: str, not_names: frozenset[str]) -> bool:
    """A capitalised given name that is an everyday word too ("Rob", "Bill"): a name's first word beside a role."""
    return word[0].isupper() and not word.isupper() and low not in not_names and low in more_given_names()


def _initial(text: str, tokens: list[re.Match[str]], k: int) -> bool:
    """Whether token k is one capital letter with its full stop ("M." in "Les M. Omotani")."""
    word = tokens[k].group()
    return len(word) == 1 and word.isupper() and text[tokens[k].end() : tokens[k].end() + 1] == "."


def person_run(
    text: str,
    tokens: list[re.Match[str]],
    lows: list[str],
    j: int,
    names: tuple[frozenset[str], frozenset[str]],
    not_names: frozenset[str],
) -> tuple[int, int]:
    """From token j, how many tokens read as a person's name written out (name words and initials, one space or
    an initial's full stop between), and how many of them are initials; (0, 0) when none. The run ends on a name
    word, never on an initial."""
    end, initials, words, last_word_end = j, 0, 0, 0
    while end < len(tokens) and words < _MAX_WORDS:
        if end > j:
            gap = text[tokens[end - 1].end() : tokens[end].start()]
            # After an initial: its full stop, and a space unless another initial follows ("R.D. Huffines").
            initial_gap = gap == ". " or (gap == "." and _initial(text, tokens, end))
            if gap != " " and not (_initial(text, tokens, end - 1) and initial_gap):
                break
        word = tokens[end].group()
        if _initial(text, tokens, end):
            initials += 1
        elif _name_word(word, lows[end], names, not_names) or (end == j and _given_word(word, lows[end], not_names)):
            words += 1
            last_word_end = end + 1
        else:
            break
        end += 1
    if not last_word_end:
        return 0, 0
    return last_word_end - j, sum(_initial(text, tokens, k) for k in range(j, last_word_end))


def _acceptable(
    text: str,
    tokens: list[re.Match[str]],
    lows: list[str],
    j: int,
    n: int,
    initials: int,
    names: tuple[frozenset[str], frozenset[str]],
) -> bool:
    """Whether a run of n tokens from j is enough for a name: two name words, or initials and a name word that
    the lexicon knows ("J. Smith"), or two initials ("R.D. Huffines"), or a word before the initial ("Les M.
    Omotani"), so that a list's "A. Installing" is none. Not the start of a longer capitalised name ("Director,
    Nilsson Architects", "Amenta Real Estate"), nor a street, building or firm named after someone."""
    words = n - initials
    first, last = names
    known = any(lows[i] in first or lows[i] in last for i in range(j, j + n) if not _initial(text, tokens, i))
    if words < 2 and not (initials and (known or initials > 1 or not _initial(text, tokens, j))):
        return False
    end = j + n
    gap = text[tokens[end - 1].end() : tokens[end].start()] if end < len(tokens) else ""
    if gap == " " and tokens[end].group()[0].isupper():
        return False
    return not named_place(text, tokens, lows, j, end)


def _role_at(lows: list[str], k: int) -> bool:
    return 0 <= k < len(lows) and lows[k] in _ROLE_WORDS


def beside_role(
    text: str,
    tokens: list[re.Match[str]],
    lows: list[str],
    names: tuple[frozenset[str], frozenset[str]],
    not_names: frozenset[str],
) -> Iterator[tuple[int, int, float]]:
    """A name right after a role ("Coordinator Kasia Kerfont", "Superintendent:\nLes M. Omotani", "Building
    Inspector – R.D. Huffines"), or alone on its line with a role on the next line or after a comma or a dash
    ("Rob Nehring\nOutside Sales Representative", "Tim Hewitt – writer/ director")."""
    if _ROLE_WORDS.isdisjoint(lows):  # most texts name no role: one set operation instead of a loop
        return
    roles = [k for k, low in enumerate(lows) if low in _ROLE_WORDS]
    for k in roles:
        j = k + 1
        if j < len(tokens) and tokens[k].group()[0].isupper():
            gap = _AFTER_ROLE.fullmatch(text, tokens[k].end(), tokens[j].start())
            if gap is not None:
                n, initials = person_run(text, tokens, lows, j, names, not_names)
                if n and _acceptable(text, tokens, lows, j, n, initials, names):
                    yield tokens[j].start(), tokens[j + n - 1].end(), 0.75
    yield from _role_below(text, tokens, lows, roles, names, not_names)


def _line_starts(text: str, tokens: list[re.Match[str]], k: int) -> bool:
    return k == 0 or "\n" in text[tokens[k - 1].end() : tokens[k].start()]


def _role_below(
    text: str,
    tokens: list[re.Match[str]],
    lows: list[str],
    roles: list[int],
    names: tuple[frozenset[str], frozenset[str]],
    not_names: frozenset[str],
) -> Iterator[tuple[int, int, float]]:
    """A line that starts with a name, then a role: on the next line, or after a comma or a dash on the same
    line, the role among the first three words there ("Rob Nehring\nOutside Sales Representative")."""
    for k in roles:
        for p in range(max(1, k - 2), k + 1):
            gap = text[tokens[p - 1].end() : tokens[p].start()]
            if (gap.strip(" \t") in ("", ":") and "\n" not in gap) or _ROLE_GAP.fullmatch(gap) is None:
                continue
            for j in range(max(0, p - 5), p):
                if not _line_starts(text, tokens, j):
                    continue
                n, initials = person_run(text, tokens, lows, j, names, not_names)
                if j + n == p and _acceptable(text, tokens, lows, j, n, initials, names):
                    yield tokens[j].start(), tokens[p - 1].end(), 0.75
            break


def initialled(
    text: str,
    tokens: list[re.Match[str]],
    lows: list[str],
    names: tuple[frozenset[str], frozenset[str]],
    not_names: frozenset[str],
) -> Iterator[tuple[int, int, float]]:
    """A name written with an initial: "Les M. Omotani", "R.D. Huffines", "J. Smith". The initials are no
    abbreviation ("U.S.", "P.O."), no compass point after a house number ("1723 N. Halsted"), and the name is
    no street's ("J. Smith Road")."""
    starts = [t.start() - 1 for t in _INITIAL_GATE.finditer(text)]
    if not starts:
        return
    # Only the tokens at an initial, and the word before each, can start such a name.
    found = [
        i for p in starts if (i := bisect_left(tokens, p, key=re.Match.start)) < len(tokens) and tokens[i].start() == p
    ]
    candidates = sorted({c for i in found for c in (i - 1, i)})
    done = 0  # tokens before this one are inside a name already found
    for k in candidates:
        if k < done or k < 0:
            continue
        if not _initial(text, tokens, k) and not (
            k + 1 < len(tokens) and _initial(text, tokens, k + 1) and tokens[k].group()[0].isupper()
        ):
            continue
        # The run may start one word before the initial ("Les M. Omotani") when that word could be a name.
        lead = not _initial(text, tokens, k)
        if lead and (lows[k] in not_names or lows[k] in _ROLE_WORDS or (k and _joined(text, tokens, k))):
            continue
        n, initials = _with_lead(text, tokens, lows, k, names, not_names)
        if n and initials and n > initials and _acceptable(text, tokens, lows, k, n, initials, names):
            letters = "".join(lows[i] for i in range(k, k + n) if _initial(text, tokens, i))
            # "1723 N. Halsted": a compass point after a house number.
            house = _HOUSE_NUMBER.search(text[max(0, tokens[k].start() - 8) : tokens[k].start()]) is not None
            if letters not in _ABBREVIATIONS and not (house and letters[:1] in _COMPASS):
                yield tokens[k].start(), tokens[k + n - 1].end(), 0.7
            done = k + n


def _joined(text: str, tokens: list[re.Match[str]], k: int) -> bool:
    """Whether token k continues the capitalised word before it on the same line ("Washington D.C.")."""
    gap = text[tokens[k - 1].end() : tokens[k].start()]
    return gap == " " and tokens[k - 1].group()[0].isupper()


def _with_lead(
    text: str,
    tokens: list[re.Match[str]],
    lows: list[str],
    j: int,
    names: tuple[frozenset[str], frozenset[str]],
    not_names: frozenset[str],
) -> tuple[int, int]:
    """person_run from j, where the first word may be an everyday word when an initial follows it ("Les M.")."""
    word = tokens[j].group()
    if _initial(text, tokens, j) or _name_word(word, lows[j], names, not_names):
        return person_run(text, tokens, lows, j, names, not_names)
    if not word[0].isupper() or word.isupper() or lows[j] in not_names or j + 1 >= len(tokens):
        return 0, 0
    if text[tokens[j].end() : tokens[j + 1].start()] != " ":
        return 0, 0
    n, initials = person_run(text, tokens, lows, j + 1, names, not_names)
    return (n + 1, initials) if n and initials else (0, 0)
