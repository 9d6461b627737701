"""The days a question names, as windows an offer's date must fall in: "on 9 May", "in April", "yesterday",
"three days ago", "last Tuesday", and the forms people use inside a story, which lean on a date said before:
"on the 19th of May and on the 22nd" (the same month), "I opted out on 27 July and two days later…"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from assistant.pack.models import Decision

# (first day, last day, how the answer says it). A first day in year 1 means a month in any year ("in April");
# a label "on the 27th" means that day of any month.
Window = tuple[date, date, str]

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
MONTH_RX = "|".join(sorted([*MONTHS, *[m[:3] for m in MONTHS]], key=len, reverse=True))
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3}  # fmt: skip
_COUNT_RX = r"(\d{1,2}|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
_DAYS = {"day": 1, "week": 7}
_AGO = re.compile(rf"\b{_COUNT_RX}\s+(day|week)s?\s+ago\b")
_LATER = re.compile(
    rf"\b{_COUNT_RX}\s+(day|week)s?\s+(later|after(wards)?)\b|\b(the )?(next|following) day\b|\b(the )?day (after)\b"
)
# "on the 22nd", but not "on the 22nd of May" (a whole date) nor "the 2nd time" or "the 2nd one" (a place).
_NTH = re.compile(
    r"\b(?:on|by|from|until|till|since)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:(?:of\s+)?(?:"
    + MONTH_RX
    + r")|one|offer|ad|email|deal|time|item|thing|try)\b)"
)
_WEEKDAY = re.compile(r"\b(?:last|on|this past)\s+(" + "|".join(_WEEKDAYS) + r")\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RX})\b|\b({MONTH_RX})\s+(\d{{1,2}})\b")


def date_windows(text: str, now: datetime) -> list[Window]:
    """Every date the question names, one per sentence or clause: "I opted out on 9 May. Why the ad on 12 May?"
    names two, and the offer may be on either. `text` is lower case."""
    windows: list[Window] = []
    previous: Window | None = None
    for piece in re.split(r"[.;!?]+\s|,\s|\b(?:and|but|then|so|yet)\b", text):
        window = _window(piece, now, previous)
        if window is not None:
            if previous in windows and _narrows(window, previous):
                windows.remove(previous)  # "in April … on the 28th": the 28th, not all of April
            previous = window
            if window not in windows:
                windows.append(window)
    return windows


# A time of day or a season: "just after midnight" names when, not the offer "Midnight Cinema"; "since summer"
# not "summer seats".
_TIME = re.compile(
    r"\b(just |right )?(after|before|around|past|by|near) (midnight|midday|noon)\b|"
    # A season as a time, not as part of a name ("the winter sale", "summer seats").
    r"\b(since|this|last|over the|during the|in the|all|in|over|during|the whole) (spring|summer|autumn|fall|winter)"
    r"\b(?!\s+(sales?|collection|range|jackets?|deals?|offers?|edition|seats|fares|specials?)\b)|"
    r"\b\d{1,2}([:.]\d\d)? ?(am|pm|a\.m\.|p\.m\.|o'?clock)(?!\w)"
)


def without_dates(text: str) -> str:
    """The text with its date phrases taken out: "two days later" names a day, not the offer "two for one"."""
    for pattern in (_AGO, _LATER, _DAY_MONTH, _NTH, _WEEKDAY, _PART, _TIME):
        text = pattern.sub(" ", text)
    return text


def _narrows(window: Window, previous: Window | None) -> bool:
    """A day within the month said just before it."""
    if previous is None or not previous[2].startswith("in ") or not window[2].startswith("on "):
        return False
    return window[0].month == previous[0].month and not window[2].startswith("on the ")


def in_window(d: Decision, window: Window) -> bool:
    start, end, label = window
    # The day as the record writes it, in its own offset: the day the customer saw it and the answer names
    # (shown "2024-06-05T00:30+02:00" is 5 June, not 4 June in UTC).
    shown = d.shown_at.date()
    if label.startswith("on the "):  # a day of any month
        return shown.day == start.day
    if start.year == 1:  # a month with no year: match the month in any year
        return shown.month == start.month
    if label.startswith("on ") and start != end:  # a day with no year
        return (shown.month, shown.day) == (start.month, start.day)
    return start <= shown <= end


def _window(text: str, now: datetime, previous: Window | None) -> Window | None:
    today = now.astimezone(UTC).date()
    # A date said in full comes first: "on Sunday 13 October" is 13 October whatever the weekday.
    named = _named_day(text, today)
    if (later := _LATER.search(text)) and (shifted := _after(later, named or previous, today)):
        return shifted  # "two days after I opted out on 3 June"
    if named is not None:
        return named
    if "yesterday" in text:
        day = today - timedelta(days=1)
        return day, day, "yesterday"
    if re.search(r"\b(today|this morning|this afternoon|this evening|tonight)\b", text):
        return today, today, "today"
    if "last week" in text:
        return today - timedelta(days=7), today, "in the last week"
    if "last month" in text:
        return today - timedelta(days=31), today, "in the last month"
    if ago := _AGO.search(text):
        back = _COUNT.get(ago[1]) or int(ago[1])
        if ago[2] == "day":
            day = today - timedelta(days=back)
            return day - timedelta(days=1), day + timedelta(days=1), f"about {back} day{'s' * (back > 1)} ago"
        day = today - timedelta(days=7 * back)
        return day - timedelta(days=3), day + timedelta(days=3), f"about {back} week{'s' * (back > 1)} ago"
    if weekday := _WEEKDAY.search(text):
        back = (today.weekday() - _WEEKDAYS.index(weekday[1])) % 7 or 7
        day = today - timedelta(days=back)
        return day, day, f"on {day:%A %d %B}"
    year = int(y[1]) if (y := re.search(r"\b(20\d\d)\b", text)) else None
    nth = _NTH.search(text)
    if since := re.search(rf"\bsince\s+({MONTH_RX})\b", text):
        month = _month(since[1])
        start = date(year or (today.year if month <= today.month else today.year - 1), month, 1)
        return start, today, f"since {start:%B %Y}"
    if part := _PART.search(text):  # "at the end of February", "early March", "mid-April"
        return _month_part(part[1], _month(part[2]), year, today)
    if month_only := re.search(rf"\b(?:in|during|from)\s+({MONTH_RX})\b", text):
        if nth:  # "in April … on the 28th"
            return _month_day(_month(month_only[1]), int(nth[1]), year, today)
        return _month_span(_month(month_only[1]), year, today)
    if nth:
        if previous is not None and not previous[2].startswith("on the "):
            # "on the 19th of May and on the 22nd", "in April. On the 28th": the month (and year) said before.
            start, end, _ = previous
            return _month_day(start.month, int(nth[1]), start.year if start.year == end.year > 1 else None, today)
        number = int(nth[1])
        if not 1 <= number <= 31:
            return None
        any_month = date(2000, 1, number)  # only its day is read (`in_window`)
        return any_month, any_month, f"on the {number}{nth[0].strip()[-2:]}"
    return None


# Part of a month: its first, middle or last ten days or so. Not "end of May 5", a day.
_PART = re.compile(
    rf"\b(early|late|mid|(?:the )?(?:start|beginning|end|middle) of)[\s-]*({MONTH_RX})\b(?!\s+\d{{1,2}}\b)"
)
# (first day, last day or None for the month's last, how the answer says it) per first word of the part.
_PARTS = {
    "early": (1, 10, "in early"),
    "start": (1, 10, "at the start of"),
    "beginning": (1, 10, "at the beginning of"),
    "mid": (10, 20, "in mid"),
    "middle": (10, 20, "in the middle of"),
    "late": (20, None, "in late"),
    "end": (20, None, "at the end of"),
}


def _month_part(part: str, month: int, year: int | None, today: date) -> Window:
    """The days of a month's part, in the year given or the last one in which it has begun."""
    first, last, said = _PARTS[part.removeprefix("the ").split()[0]]
    year = year or (today.year if month <= today.month else today.year - 1)
    last = last or (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, first), date(year, month, last), f"{said} {date(2000, month, 1):%B}"


def _named_day(text: str, today: date) -> Window | None:
    """A day said in full: "2024-05-09", "9 May", "the 19th of May", "May 9"."""
    if iso := re.search(r"\b(20\d\d)-(\d\d)-(\d\d)\b", text):
        try:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
        return day, day, day.isoformat()
    if "leap day" in text:
        year = int(y[1]) if (y := re.search(r"\b(20\d\d)\b", text)) else None
        return _month_day(2, 29, year, today)
    if day_month := _DAY_MONTH.search(text):
        year = int(y[1]) if (y := re.search(r"\b(20\d\d)\b", text)) else None
        d_txt, m_txt = (day_month[1], day_month[2]) if day_month[1] else (day_month[4], day_month[3])
        return _month_day(_month(m_txt), int(d_txt), year, today)
    return None


def _after(later: re.Match[str], previous: Window | None, today: date) -> Window | None:
    """ "two days later": counted from the day said before ("on 27 July", in whichever year), if one was."""
    if previous is None or previous[2].startswith("on the "):
        return None
    start, end, label = previous
    if not (start == end or (label.startswith("on ") and start.year > 1)):
        return None  # a month or a span: no day to count from
    ahead = 1 if later[6] or later[8] else (_COUNT.get(later[1]) or int(later[1])) * _DAYS[later[2]]
    day = start + timedelta(days=ahead)
    if start != end:  # a day named without a year
        return _month_day(day.month, day.day, None, today)
    return day, day, f"on {day:%d %B %Y}"


def _month(text: str) -> int:
    return next(v for k, v in MONTHS.items() if k.startswith(text))


def _month_day(month: int, day: int, year: int | None, today: date) -> Window | None:
    # Without a year, any year the log covers in which the day exists (29 February): the decision dates narrow it.
    years = [year] if year else list(range(today.year, today.year - 5, -1))
    valid = [y for y in years if _exists(y, month, day)]
    if not valid:
        return None
    start, end = date(valid[-1], month, day), date(valid[0], month, day)
    return start, end, f"on {day} {date(2000, month, 1):%B}" if not year else f"on {date(year, month, day)}"


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _month_span(month: int, year: int | None, today: date) -> Window:
    if year:
        end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return date(year, month, 1), end, f"in {date(year, month, 1):%B %Y}"
    return date(1, month, 1), date(1, month, 28), f"in {date(2000, month, 1):%B}"
