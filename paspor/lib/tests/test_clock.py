import datetime as dt

from django.template import Context, Template
from django.utils import translation

from paspor.lib.clock import clock, clock_window, moment
from paspor.notifications.templatetags.message_format import jam


def test_indonesian_writes_the_clock_with_a_dot_and_english_with_a_colon():
    at = dt.datetime(2026, 11, 30, 7, 5)
    with translation.override("id"):
        assert clock(dt.time(7, 5)) == "07.05"
        assert clock_window(dt.time(7, 30), dt.time(9)) == "07.30–09.00"
        assert moment(at) == "30 November 2026 07.05"
    with translation.override("en"):
        assert clock(dt.time(7, 5)) == "07:05"
        assert clock_window(dt.time(7, 30), dt.time(9)) == "07:30–09:00"
        assert moment(at) == "30 November 2026 07:05"


def test_templates_use_the_same_formats_by_name():
    page = Template('{{ t|time }} · {{ d|date:"SHORT_DATETIME_FORMAT" }}')
    context = Context({"t": dt.time(13, 0), "d": dt.datetime(2026, 3, 1, 10, 0)})
    with translation.override("id"):
        assert page.render(context) == "13.00 · 1 Mar 2026 10.00"
    with translation.override("en"):
        assert page.render(context) == "13:00 · 1 Mar 2026 10:00"


def test_a_message_reads_stored_times_old_and_new_in_its_own_language():
    with translation.override("en"):
        assert jam("07:30") == "07:30" and jam("07.30") == "07:30"
        assert jam("bukan jam") == "bukan jam"
    with translation.override("id"):
        assert jam("13:00") == "13.00"


def test_to_the_second_for_records_read_as_evidence():
    from paspor.lib.clock import clock_seconds

    page = Template("{% load clock %}{{ t|time_seconds }}")
    with translation.override("id"):
        assert clock_seconds(dt.time(7, 30, 15)) == "07.30.15"
        assert page.render(Context({"t": dt.time(23, 5, 9)})) == "23.05.09"
    with translation.override("en"):
        assert clock_seconds(dt.time(7, 30, 15)) == "07:30:15"
        assert page.render(Context({"t": dt.time(23, 5, 9)})) == "23:05:09"
