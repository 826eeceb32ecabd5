"""The admin in Indonesian says Django's own words in Indonesian too, and in English stays English.

Django's bundled Indonesian catalogue lags behind its English texts: "- Select an option -" on
every list, "Filter by …" over a date list, the calendar's labels and the time-zone note were
shown in English on Indonesian pages. The project's Indonesian catalogue (LOCALE_PATHS) gives
them; the project's own texts are Indonesian already and the English pages never fall back to
Indonesian.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from conftest import make_user
from paspor.accounts.models import Role
from paspor.booking.models import QuotaException
from paspor.offices.models import StationType

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent
# Django's texts a page of the admin shows: the admin's own, and the model fields and forms'.
PACKAGES = [
    DJANGO / "contrib" / "admin" / "locale",
    DJANGO / "conf" / "locale",
    DJANGO / "contrib" / "auth" / "locale",
    DJANGO / "contrib" / "contenttypes" / "locale",
]


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _untranslated_by_django(domain: str) -> list[str]:
    """Django's English texts of `domain` its own Indonesian catalogue leaves untranslated."""
    missing = []
    for locale in PACKAGES:
        english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        indonesian = locale / "id" / "LC_MESSAGES" / f"{domain}.mo"
        if not english.exists():
            continue
        catalogue = gettext.GNUTranslations(indonesian.open("rb"))._catalog  # type: ignore[attr-defined]
        for entry in polib.pofile(str(english)):
            key = _key(entry)
            if entry.obsolete or catalogue.get((key, 0) if entry.msgid_plural else key):
                continue
            missing.append(key)
    return missing


def _entries(locale: Path, domain: str) -> list[polib.POEntry]:
    path = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
    return list(polib.pofile(str(path))) if path.exists() else []


def _has(catalogue: object, key: str, *, plural: bool) -> bool:
    return bool(catalogue.get((key, 0) if plural else key))  # type: ignore[attr-defined]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_admin_text_django_leaves_in_english_has_its_indonesian(domain):
    missing = _untranslated_by_django(domain)
    assert missing, "Django translates everything now: the project's catalogue can go"
    if domain == "django":
        catalogue = getattr(DjangoTranslation("id"), "_catalog")  # noqa: B009 - no public reader
    else:
        scripts = DjangoTranslation(
            "id", domain="djangojs", localedirs=[str(DJANGO / "contrib" / "admin" / "locale")]
        )
        catalogue = getattr(scripts, "_catalog")  # noqa: B009 - no public reader
    plural = {_key(e) for p in PACKAGES for e in _entries(p, domain) if e.msgid_plural}
    assert [key for key in missing if not _has(catalogue, key, plural=key in plural)] == []


def test_indonesian_words_for_django_do_not_reach_the_english_pages():
    with translation.override("id"):
        assert translation.gettext("- Select an option -") == "- Pilih salah satu -"
    with translation.override("en"):
        assert translation.gettext("- Select an option -") == "- Select an option -"
        assert translation.gettext("Filter by %(field_name)s") == "Filter by %(field_name)s"
        # The project's own Indonesian texts keep their English.
        assert translation.gettext("Bahasa Indonesia") == "Bahasa Indonesia"
        assert str(translation.gettext_lazy("berlaku sampai")) == "valid until"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("language", "blank", "filter_by"),
    [
        ("id", "- Pilih salah satu -", "Saring berdasarkan berlaku sampai"),
        ("en", "- Select an option -", "Filter by valid until"),
    ],
)
def test_the_certificate_list_and_form_speak_the_reader_language(
    client_for, admin_user, office, language, blank, filter_by
):
    make_user("petugas_loket", role=Role.INTAKE, office=office, stations=(StationType.INTAKE,))
    client = client_for(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    listing = _text(client.get("/admin/accounts/certification/").content.decode())
    assert filter_by in listing
    form = client.get("/admin/accounts/certification/add/").content.decode()
    assert re.search(rf'<option value="" selected>{re.escape(blank)}</option>', form)


def test_the_admin_calendar_and_clock_speak_the_reader_language(client_for, admin_user):
    """The scripts' catalogue: the time-zone note and the calendar's labels in Indonesian on an
    Indonesian page; an English page has no catalogue and shows the scripts' own English."""
    client = client_for(admin_user)
    indonesian = client.get("/admin/jsi18n/").content.decode("unicode_escape")
    assert "Catatan: isikan jam menurut zona waktu %(timezone)s." in indonesian
    assert "%(day)s %(month)s %(year)s" in indonesian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/admin/jsi18n/").content.decode("unicode_escape")
    assert "Catatan" not in english
    assert "Hari ini" not in english


def test_a_row_that_already_exists_is_said_to_exist():
    """Django's Indonesian says "… ini tidak ada" (does not exist) for a duplicate row: an
    administrator adding a quota exception twice was told it was missing."""
    fields = ("office", "date", "session", "pool")
    with translation.override("id"):
        error = QuotaException().unique_error_message(QuotaException, fields)
        said = error.messages[0]
    assert said.endswith("ini sudah ada.") and "tidak ada" not in said
