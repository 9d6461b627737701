"""Text helpers shared by the dataset generator and the scorer: normalising, words, dates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "\u00a0": " "})
_TOKEN = re.compile(r"[a-z0-9]+")

# Words too common to tell one sentence, offer or section from another.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each even ever every few for from further get
    got had has have having he her here hers him his how i if in into is it its itself just let may me might
    more most much must my no nor not now of off on once one only or other our ours out over own per please
    same she should so some such than that the their them then there these they this those through to too
    under until up upon us very via was we were what when where which while who whom why will with would yes
    yet you your yours
    """.split()
)


def normalize(text: str) -> str:
    """Lowercase, straight quotes and dashes, one space between words."""
    return " ".join(text.translate(_QUOTES).lower().split())


def words(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


def stem(word: str) -> str:
    """A light stemmer, enough to match 'offers' with 'offer', 'shoes' with 'shoe' and 'personalised' with
    'personalized'."""
    if len(word) > 6:
        word = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|ch|sh|x|z)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> set[str]:
    """Stemmed words of three or more letters that are not stopwords or bare numbers."""
    return {stem(w) for w in words(text) if len(w) >= 3 and w not in STOPWORDS and not w.isdigit()}


def parse_time(value: str | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def accepted_days(value: str | datetime) -> set[date]:
    """The calendar day of a timestamp as written and in UTC (they differ near midnight off UTC)."""
    when = parse_time(value)
    return {when.date(), when.astimezone(UTC).date()}


def date_phrases(day: date) -> list[str]:
    """Ways an answer may write a date, normalised: '22 april 2022', 'april 22, 2022', '2022-04-22', …"""
    month, short = f"{day:%B}".lower(), f"{day:%b}".lower()
    d, y = day.day, day.year
    return [
        f"{d} {month} {y}",
        f"{d} {short} {y}",
        f"{month} {d}, {y}",
        f"{month} {d} {y}",
        f"{short} {d}, {y}",
        day.isoformat(),
    ]


def mentions_day(text: str, value: str | datetime) -> bool:
    """Whether normalised `text` writes the day of the timestamp `value` in a common format."""
    low = normalize(text)
    return any(p in low for p in (phrase for day in accepted_days(value) for phrase in date_phrases(day)))


def phone_digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)
