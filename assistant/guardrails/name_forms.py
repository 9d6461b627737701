"""How a name may be written beyond capitalised words in a row: "SURNAME, Given", a lower-case family name after
a lower-case given name, a nickname in quotes or brackets inside the name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.guardrails.lexicons import CHAT_WORDS, common_words, everyday, in_any_dictionary
from assistant.guardrails.name_roles import inflected


def surname_first(text: str, tokens: list[re.Match[str]], words: list[str], k: int) -> bool:
    """Whether token k is a family name in capitals followed by ", " and a given name ("VASSEUR, Mathis")."""
    return (
        k + 1 < len(tokens)
        and len(words[k]) > 1
        and words[k].isupper()
        and text[tokens[k].end() : tokens[k + 1].start()] == ", "
        and words[k + 1][0].isupper()
        and not words[k + 1].isupper()
    )


def lower_family(text: str, tokens: list[re.Match[str]], lows: list[str], k: int, not_names: frozenset[str]) -> bool:
    """Whether token k is a lower-case given name and the next word, lower case too and no word the
    dictionary knows, its family name ("account holder karthik georgiou")."""
    return (
        k + 1 < len(tokens)
        and tokens[k].group().islower()
        and tokens[k + 1].group().islower()
        and text[tokens[k].end() : tokens[k + 1].start()] == " "
        and len(lows[k + 1]) > 2
        and lows[k + 1] not in not_names
        and lows[k + 1] not in common_words()
        and not everyday(lows[k + 1])
    )


def lower_family_at_end(text: str, tokens: list[re.Match[str]], k: int, last: frozenset[str]) -> bool:
    """Whether the word after a lone given name is its family name typed in lower case, ending the line."""
    if k + 1 >= len(tokens) or text[tokens[k].end() : tokens[k + 1].start()] != " ":
        return False
    after = text[tokens[k + 1].end() : tokens[k + 1].end() + 1]
    family = tokens[k + 1].group()
    return family.islower() and family in last and after in ("", "\n") and family not in common_words()


_LAUGH = re.compile(r"(?:h+[aeiou]+|[aeiou]+h+){2,}h*")  # "hahahaha", "hehe", "ahahah"


def lower_family_unknown(text: str, tokens: list[re.Match[str]], k: int, last: frozenset[str]) -> bool:
    """Whether the word after a capitalised lone given name is its family name typed in lower case, anywhere in
    the line ("Kylie minogue feel", "is that Mauro renallo ?"): a known family name that is no everyday word,
    or a word of four letters or more that neither dictionary holds nor chat uses ("Kylie feel" is no name)."""
    if k + 1 >= len(tokens) or text[tokens[k].end() : tokens[k + 1].start()] != " ":
        return False
    family = tokens[k + 1].group()
    if not family.isalpha() or not family.islower() or family in common_words() or everyday(family):
        return False
    if family in last:
        return len(family) > 2
    if len(family) < 4 or in_any_dictionary(family) or family in CHAT_WORDS or _LAUGH.fullmatch(family):
        return False
    return not inflected(family)  # "Kathleen exceeded", "Mauro started": a verb the dictionary holds


# A nickname in quotes or brackets inside a name: "Shaun 'Gilly' Gilligan", "Walter (Bill) Babb".
# What every nickname inside a name holds, found with one cheap search before the full pattern runs.
_NICKNAME_GATE = re.compile(r"[ ][('\"‘“][A-Z][^\W\d_]+[)'\"’”][ ][A-Z]")
_NICKNAMED = re.compile(
    r"\b([A-Z][^\W\d_]+) (?:'|‘|\"|“|\()([A-Z][^\W\d_]+)(?:'|’|\"|”|\)) ([A-Z][^\W\d_'’]+(?:-[A-Z][^\W\d_]+)?)"
)


def nicknamed(
    text: str, first: frozenset[str], last: frozenset[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """A known given name, a nickname in quotes or brackets, and a family name: one name. The family name must
    be a known one or no everyday word ("Dave 'The Rock' Johnson" still needs "Johnson")."""
    if _NICKNAME_GATE.search(text) is None:
        return
    for m in _NICKNAMED.finditer(text):
        given, family = m.group(1).lower(), m.group(3).lower()
        if given in first and (family in last or not everyday(family)) and family not in not_names:
            yield m.start(), m.end(), 0.8


_WORD = r"[^\W\d_](?:[^\W\d_]|['’-])*"  # letters, with apostrophes and hyphens inside ("O'Neill", "Min-seo")
# A name said by its bearer: "Kenji here.", "Hi! Małgorzata Horvat here", "hello, mingyu h. wang speaking".
_NAME_HERE = re.compile(rf"(?:^|(?<=[.!?,:;\n])[ \t]*)((?:{_WORD}\.?[ \t]){{0,2}}{_WORD})[ \t]+(?:here|speaking)\b")
# A name alone after the last sentence: the writer's signature ("… from your records. Jarrah Sutherland"). The
# sentence's mark is part of the match, not looked behind for: the search then skips to such marks.
_SIGNATURE = re.compile(rf"[.!?\n][ \t]*((?:(?=[A-Z]){_WORD}\.?[ \t]){{1,2}}(?=[A-Z]){_WORD})\.?[ \t]*\Z")
_TAIL = 60  # characters at a message's end looked at for a signature (the search starts at the mark before them)


def self_named(
    text: str, first: frozenset[str], last: frozenset[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """Names their bearer gives: before "here" or "speaking", and alone at the end of a message. Every word is
    capitalised (not in capitals) or an initial, or every word is lower case and the first a known given name;
    one word at least is a known given or family name, and none an everyday word unless it is a known given
    name ("Click here", "Tracking here", "All Rights Reserved" are not names)."""
    found = []
    if " here" in text or " speaking" in text:
        found += [m.span(1) for m in _NAME_HERE.finditer(text)]
    # The signature pattern runs only on a message that ends with a capitalised word (and perhaps a full stop).
    tail = text.rstrip(" \t.")
    if tail[-1:].isalpha() and (m := _SIGNATURE.search(text, max(0, len(text) - _TAIL - 1))) is not None:
        found.append(m.span(1))
    for start, end in found:
        words = [w.rstrip(".") for w in text[start:end].split()]
        lows = [w.lower() for w in words]
        if all(w.islower() for w in words):
            if lows[0] not in first:
                continue
        elif not all(w[0].isupper() and (len(w) == 1 or not w.isupper()) for w in words):
            continue
        if not any(low in first or low in last for low in lows):
            continue
        if any(low in not_names or (len(low) > 1 and low not in first and everyday(low)) for low in lows):
            continue
        yield start, end, 0.8
