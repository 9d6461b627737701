"""The days a question names, including those that lean on a date said before in the same message."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assistant.understand.dates import date_windows

NOW = datetime(2024, 10, 31, 12, tzinfo=UTC)  # a Thursday


@pytest.mark.parametrize(
    ("question", "labels"),
    [
        ("why did i get the email on 8th of may", ["on 8 May"]),
        ("i turned offers off on the 19th of may and on the 22nd the app offered me shoes", ["on 19 May", "on 22 May"]),
        ("i switched it off on 27 july and two days later the website showed wetsuits", ["on 27 July", "on 29 July"]),
        ("i opted out on 2024-05-09 and the next day got an email", ["2024-05-09", "on 10 May 2024"]),
        ("i turned off personalised offers in april, so why the boot email on the 28th??", ["on 28 April"]),
        ("and the one on the 27th, on the tv?", ["on the 27th"]),
        ("the email three days ago", ["about 3 days ago"]),
        ("why the ad a couple of weeks ago", ["about 2 weeks ago"]),
        ("what did you send me last tuesday", ["on Tuesday 29 October"]),
        ("clicked unsubscribe yesterday and still got a marketing email this morning", ["yesterday", "today"]),
        ("why did i get the crash pads email on sunday 13 october 2024?", ["on 2024-10-13"]),  # the date, not the day
        ("i opted out on 27 july, two days later you emailed me", ["on 27 July", "on 29 July"]),
        ("two days after i opted out on 3 june", ["on 5 June"]),
        ("the day after 3 june", ["on 4 June"]),
        ("crash pads offer since august?", ["since August 2024"]),
        ("offer on 2024-02-30", []),  # no such day
        ("why the crash pads offer the 2nd time?", []),
        ("why the 2nd one", []),  # a place in a list, not a day
        ("why did i get this", []),
        # Part of a month: its first, middle or last days, in the last year it has begun.
        ("the double points i got in the app at the end of february", ["at the end of February"]),
        ("that email in early march", ["in early March"]),
        ("the mid-april push", ["in mid April"]),
        ("the start of may 2023 one", ["at the start of May"]),
        ("the one at the end of may 5", ["on 5 May"]),  # a day, not a part
    ],
)
def test_a_question_names_these_days(question: str, labels: list[str]) -> None:
    assert [w[2] for w in date_windows(question, NOW)] == labels


def test_a_day_counted_from_a_dated_day_is_that_many_days_on() -> None:
    [_, later] = date_windows("i opted out on 2024-05-09 and two days later got an email", NOW)
    assert later[0] == later[1] == date(2024, 5, 11)


def test_days_later_with_no_day_before_name_no_day() -> None:
    assert date_windows("two days later i got an email", NOW) == []


def test_part_of_a_month_is_its_first_middle_or_last_days() -> None:
    assert date_windows("at the end of february", NOW)[0][:2] == (date(2024, 2, 20), date(2024, 2, 29))
    assert date_windows("early march", NOW)[0][:2] == (date(2024, 3, 1), date(2024, 3, 10))
    assert date_windows("late december", NOW)[0][:2] == (date(2023, 12, 20), date(2023, 12, 31))
