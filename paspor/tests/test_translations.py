"""The English catalogues: every Indonesian text has one English meaning across the apps.

Django merges the apps' catalogues into one, and the first app in INSTALLED_APPS wins a msgid
they share. A msgid translated two ways in two apps therefore shows the winner's sense on the
other app's page ("Keluar" of the booklet stock read "Sign out"). Where the senses really
differ, the text takes a context (`pgettext`, `{% translate … context … %}`).
"""

from collections import defaultdict
from pathlib import Path

import polib
from django.utils import translation

APPS = Path(__file__).resolve().parents[1]
# The apps' catalogues and the project's (LOCALE_PATHS: paspor/lib and other shared code).
CATALOGUES = [
    *sorted(APPS.glob("*/locale/en/LC_MESSAGES/django.po")),
    APPS / "locale" / "en" / "LC_MESSAGES" / "django.po",
]


def _entries() -> list[tuple[str, polib.POEntry]]:
    return [
        (path.parts[-5], entry)
        for path in CATALOGUES
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    ]


def test_the_catalogues_are_found():
    assert len(CATALOGUES) >= 10


def test_every_text_is_translated_and_none_is_a_guess():
    missing = [
        (app, entry.msgid)
        for app, entry in _entries()
        if not entry.translated() or "fuzzy" in entry.flags
    ]
    assert missing == []


def test_a_text_shared_by_two_apps_means_the_same_in_both():
    senses: dict[tuple[str | None, str], dict[str, str]] = defaultdict(dict)
    for app, entry in _entries():
        english = entry.msgstr or " | ".join(v for _k, v in sorted(entry.msgstr_plural.items()))
        senses[entry.msgctxt, entry.msgid][app] = english
    differing = {key: by_app for key, by_app in senses.items() if len(set(by_app.values())) > 1}
    assert differing == {}, "give the text a context where its senses differ"


def test_the_stock_columns_and_the_sign_out_button_keep_their_own_words():
    with translation.override("en"):
        assert translation.gettext("Keluar") == "Sign out"
        assert translation.pgettext("booklet stock", "Keluar") == "Left stock"
        assert translation.pgettext("booklet stock", "Diterima") == "Received"
        assert translation.pgettext("payment received", "Diterima") == "Received"
        assert translation.pgettext("number of booklets", "Jumlah") == "Quantity"
        assert translation.gettext("Jumlah") == "Amount"


# English nouns whose plural is their singular, or a list's name standing for its rows.
SAME_IN_ENGLISH = {
    "offices.OpeningHours",
    "queueing.QueuePolicy",
    "cases.CaseEvent",
    "audit.AuditEntry",
}


def test_the_admin_counts_in_english_plurals():
    # An Indonesian plural is its singular; the English one took a "plural" context, or the
    # admin said "11 certification" and listed "Certification" for the table of them.
    from django.contrib import admin

    with translation.override("en"):
        singular_plurals = sorted(
            model._meta.label
            for model in admin.site._registry
            if model.__module__.startswith("paspor")
            and model._meta.label not in SAME_IN_ENGLISH
            and str(model._meta.verbose_name_plural) == str(model._meta.verbose_name)
        )
    assert singular_plurals == []
