"""The application log writes no key of a keyed address."""

import io
import logging

import pytest
from django.test import Client

from paspor.lib.log_redact import RedactKeys, RefusalsWithoutTraceback, redact_keys


@pytest.mark.parametrize(
    ("logged", "written"),
    [
        ("Bad Request: /survei/Zx81_kq-Pw/", "Bad Request: /survei/…/"),
        ("Bad Request: /survei/Zx81_kq-Pw/terima-kasih/", "Bad Request: /survei/…/terima-kasih/"),
        ("Not Found: /akun/sandi-baru/MTY/c9k-4f2a1b/", "Not Found: /akun/sandi-baru/MTY/…/"),
        ("Not Found: /booking/verifikasi/abc.def/", "Not Found: /booking/verifikasi/…/"),
        ("Not Found: /antrian/t/XNU_eU1zaVV/status/", "Not Found: /antrian/t/…/status/"),
        ("Not Found: /pengaduan/lacak/PGD7K2/", "Not Found: /pengaduan/lacak/…/"),
        # A complaint's tracking code, wherever it is in the address, in any case.
        ("Not Found: /api/complaints/ADU-7K2M9QXR", "Not Found: /api/complaints/…"),
        ("Not Found: /api/complaints/adu-7k2m9qxr", "Not Found: /api/complaints/…"),
        (
            "Forbidden: /pengaduan/kantor/ketapang/ADU-7K2M9QXR/",
            "Forbidden: /pengaduan/kantor/ketapang/…/",
        ),
        (
            "Not Found: /pengaduan/kantor/ketapang/ADU-7K2M9QXR/lampiran/2/",
            "Not Found: /pengaduan/kantor/ketapang/…/lampiran/2/",
        ),
        # Addresses that are no keys stay as they are.
        ("Forbidden: /survei/kantor/ketapang/ikm/", "Forbidden: /survei/kantor/ketapang/ikm/"),
        ("Conflict: /api/booking/bookings", "Conflict: /api/booking/bookings"),
    ],
)
def test_the_key_of_a_keyed_address_is_not_logged(logged, written):
    assert redact_keys(logged) == written


def test_every_tracking_code_issued_is_redacted():
    from paspor.complaints.models import TRACKING_CODE, new_tracking_code

    code = new_tracking_code()
    assert TRACKING_CODE.fullmatch(code)
    assert redact_keys(f"Not Found: /api/complaints/{code}") == "Not Found: /api/complaints/…"


def test_the_handler_filter_rewrites_the_message_and_keeps_the_record():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Bad Request: %s", ("/survei/Zx81/",), None
    )
    assert RedactKeys().filter(record) is True
    assert record.getMessage() == "Bad Request: /survei/…/"


def _console_written(call) -> str:
    """What the project's console handler (as settings.LOGGING configures it) writes while
    ``call`` runs, at WARNING and above."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactKeys) for f in handler.filters)
    )
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    before, level = handler.setStream(buffer), handler.level
    handler.setLevel(logging.WARNING)
    try:
        call()
    finally:
        handler.setStream(before)
        handler.setLevel(level)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_refused_survey_answer_is_logged_without_its_link():
    def refused() -> None:
        assert Client().get("/survei/Zx81_kq-Pw_unknown/").status_code == 404

    written = _console_written(refused)
    assert "WARNING django.request: Not Found: /survei/…/" in written
    assert "Zx81_kq-Pw_unknown" not in written


@pytest.mark.django_db
def test_an_expected_refusal_is_one_line_without_a_traceback(intake_officer):
    client = Client()
    client.force_login(intake_officer)

    def refused() -> None:  # booking is for applicants
        assert client.get("/booking/pesan/").status_code == 403

    written = _console_written(refused)
    assert written == "WARNING django.request: Forbidden (Permission denied): /booking/pesan/\n"
    assert "Traceback" not in written


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("kaput")
    except RuntimeError:
        import sys

        exc_info = sys.exc_info()
    server_error = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", (), exc_info
    )
    server_error.status_code = 500
    refused = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Forbidden: /", (), exc_info
    )
    refused.status_code = 403
    keep = RefusalsWithoutTraceback()
    assert keep.filter(server_error) and server_error.exc_info is exc_info
    assert keep.filter(refused) and refused.exc_info is None
