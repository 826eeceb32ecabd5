"""Reasons the system writes: kept in Indonesian, shown in the reader's language."""

from django.utils import translation

from paspor.lib import reasons
from paspor.lib.reasons import reason_record, reason_shown


def test_the_record_is_indonesian_whatever_language_is_active():
    with translation.override("en"):
        assert reason_record(reasons.APPROVED) == "Disetujui."
        assert reason_record(reasons.PICKUP_REMINDER, day=25) == "Pengingat pengambilan hari ke-25"


def test_a_system_phrase_is_shown_in_the_readers_language_with_its_words_kept():
    record = reason_record(
        reasons.DEFERRED, missing="Akta kelahiran asli. Kartu Keluarga", until="09-12-2026"
    )
    with translation.override("en"):
        assert reason_shown(record) == (
            "To be completed: Akta kelahiran asli. Kartu Keluarga. Deadline: 09-12-2026."
        )
        assert reason_shown("Disetujui.") == "Approved."
        assert reason_shown("Termasuk daftar cegah tangkal: DPO Polda") == (
            "On the travel-ban list: DPO Polda"
        )
    with translation.override("id"):
        assert reason_shown(record) == record
        # A row written in English by an earlier version reads in Indonesian too.
        assert reason_shown("PNBP bill issued") == "Tagihan PNBP diterbitkan"


def test_what_an_officer_typed_is_shown_as_typed():
    with translation.override("en"):
        assert reason_shown("Pemohon minta dibatalkan") == "Pemohon minta dibatalkan"
        assert reason_shown("Disetujui. Dokumen lengkap") == "Disetujui. Dokumen lengkap"
        assert reason_shown("") == ""


def test_every_phrase_reads_back_from_its_record():
    for phrase in reasons.PHRASES:
        names = reasons._PLACEHOLDER.findall(str(phrase))
        record = reason_record(phrase, **{name: f"<{name}>" for name in names})
        with translation.override("en"):
            shown = reason_shown(record)
        assert shown != record, phrase
        assert all(f"<{name}>" in shown for name in names)
