"""The overview's charts stay inside their drawing: the last date label and the theme names."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from hoering.web.charts import WIDTH, progress, received_per_day


def test_the_last_date_label_ends_inside_the_chart() -> None:
    # The OGP-høring: 3 July to two days past the 20 August deadline; "22. aug" was cut off.
    days = [(date(2017, 7, 3) + timedelta(n), 1, 0) for n in range(51)]

    svg = str(received_per_day(days, date(2017, 8, 20)))

    dates = re.findall(r'x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">\d+\. (?:jul|aug)<', svg)
    x, anchor = dates[-1]
    assert (anchor, float(x)) == ("end", WIDTH - 2)
    assert all(anchor == "middle" for _, anchor in dates[:-1])


def test_the_codebooks_longest_theme_name_is_shown_whole() -> None:
    svg = str(progress([("demokrati og beslutningsprocesser", Counter(ny=3))], "Fremdrift"))

    assert ">demokrati og beslutningsprocesser<" in svg
