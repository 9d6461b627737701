"""The fields of the customer's own record a question asks for by name ("what address do you have for me?",
"which email is on my account?", "what age do you have on file?"), so the answer can give the value itself."""

from __future__ import annotations

import re

# Field → the words that ask for it. Words another data question also uses are held to a narrower form: an
# "email" is asked for as an address, not as the emails sent; an "address" is not an email or IP address.
_FIELDS = {
    "postal_address": r"(?<!e-mail )(?<!email )(?<!ip )(?<!web )\b(postal |home |delivery |street )?address\b"
    r"|\bpost ?code\b|\bzip ?code\b",
    # "my phone" alone is often the device ("what do you record about my phone?").
    "phone": r"\b(phone|mobile|telephone|cell) ?(number|no\b|#)",
    "email": r"\be-?mail address\b|\b(which|what|what'?s the) e-?mail\b",
    "name": r"\b(what|which) name\b|\bmy (full |last |first )?name\b",
}


# Asks what the record says, not what is done with it: "what address do you have for me", "is my phone number
# up to date?", "which email is on my account?".
_OWN_VALUE = re.compile(
    r"\b(what|which|what'?s)\b[^.?!]{0,40}\b(do you have|have you got|(do )?we (still )?(have|hold)|"
    r"you(?: have|'ve| have got|'ve got| got) (for|on) me|on file|is on my account|"
    r"you hold|you have me (in|as|down))\b|\bis (my|the)\b[^.?!]{0,30}\b(you have )?(up to date|correct|right|"
    r"current|still right)\b|\bdo you (have|hold) my\b[^.?!]{0,40}\b(on file|in your (system|records))\b|"
    r"\b(do|did) you (know|have) (how old i am|my (exact )?(age|birthday|date of birth))\b",
    re.I,
)

# Not the customer's own value: data in general ("what data do you hold, including my address?", "how old is
# the data you have on me?") or the company's contact details ("what email do you have for privacy questions?").
_NOT_A_FIELD = re.compile(
    # ("age info" names a field: "what age info we hold on her")
    r"\b(?<!age )(data|information|info|everything|all you)\b|"
    r"\bfor (privacy|questions|complaints|customer service|support|"
    r"the dpo|data requests|requests)\b|\bto (contact|reach|write|email|call)\b|\byour (company|office|headquarters|"
    r"support|privacy team|dpo|head office)\b",
    re.I,
)
_MINE = re.compile(
    # A support agent speaks of the customer in the third person: "what contact details do we still have for her?"
    r"\b(my|me|mine|i)\b|\bwe\b[^.?!]*\b(her|him|his|them|their|he|she)\b|"
    r"\b(her|him|his|them|their)\b[^.?!]*\bwe\b",
    re.I,
)
# "Contact details" are the ways to reach the customer: address, phone and email.
_CONTACT = re.compile(r"\bcontact (details|info\w*|data)\b", re.I)


def record_fields(question: str, attributes: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The record fields asked for, and the company's declared customer attributes (`age_band` from "my age"),
    when the question asks what the customer's own record says."""
    if not (_OWN_VALUE.search(question) and _MINE.search(question)) or _NOT_A_FIELD.search(question):
        return ()
    text = question.lower()
    asked = [
        name for name, words in _FIELDS.items() if re.search(words, text) or (_CONTACT.search(text) and name != "name")
    ]
    return (*asked, *attributes_named(question, attributes))


def names_a_field(question: str) -> bool:
    """Whether the question names a field of the customer's own record ("my home address"), whatever it asks
    of it: its words are the field's, not an offer's ("home")."""
    return bool(_MINE.search(question)) and bool(_fields_in(question.lower()))


def attributes_named(question: str, attributes: tuple[str, ...]) -> tuple[str, ...]:
    """The company's declared customer attributes a question names: an attribute by its first word ("age_band":
    "my age", "age group"), and an age by its everyday words ("how old", "year of birth", "birthday")."""
    text = question.lower()
    named = []
    for attribute in attributes:
        first = attribute.replace("_", " ").split()[0]
        if re.search(rf"\b{re.escape(first)}\b", text) or (first == "age" and _AGE.search(text)):
            named.append(attribute)
    return tuple(named)


_AGE = re.compile(r"\bhow old\b|\b(year|date) of birth\b|\bbirth ?(day|date|year)\b|\bborn\b")


def fields_named(question: str) -> tuple[str, ...]:
    """The customer's own record fields a question names, however it asks about them ("why have you got my phone
    number??", "why does a streaming app need my home address?"): for answers on why the data is held."""
    if not _MINE.search(question) or _NOT_A_FIELD.search(question):
        return ()
    return tuple(name for name in _fields_in(question.lower()) if name != "name")


def _fields_in(text: str) -> list[str]:
    return [name for name, words in _FIELDS.items() if re.search(words, text)]
