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


def test_a_label_in_a_phrase_is_shown_in_the_readers_language_too():
    at_risk = reason_record(reasons.SLA_AT_RISK, due="2026-11-18", step="menunggu cetak")
    assert at_risk == "Berisiko terlambat: janji selesai 2026-11-18, masih menunggu cetak."
    handed_over = reasons.HANDED_OVER % {"basis": "Pemilik paspor sendiri", "name": "Siti Aminah"}
    with translation.override("en"):
        assert reason_shown(at_risk) == (
            "At risk: promised for 2026-11-18, still waiting for printing."
        )
        assert reason_shown(handed_over) == "The holder in person: Siti Aminah"
        # A word that is no label stays as it was recorded.
        assert reason_shown(
            reason_record(reasons.SLA_BREACH, due="2026-11-18", step="diperiksa ulang")
        ) == ("Past the promised date 2026-11-18, still diperiksa ulang.")
    with translation.override("id"):
        assert reason_shown(handed_over) == handed_over


def test_an_officers_text_with_a_colon_is_not_taken_for_a_handover():
    with translation.override("en"):
        assert reason_shown("Dokumen kurang: akta lahir") == "Dokumen kurang: akta lahir"
        assert reason_shown("Siti: pemohon minta ditunda") == "Siti: pemohon minta ditunda"


def test_the_payment_quality_control_and_uncollected_reasons_are_shown_in_english():
    paid = reason_record(reasons.PAYMENT_RECEIVED, channel="Bank Simulasi")
    failed = reason_record(reasons.QC_FAILED, findings="Foto buram.")
    cancelled = reason_record(
        reasons.UNCOLLECTED_CANCELLED, number="E1000037", days=30, ready="30-11-2026"
    )
    assert paid == "Pembayaran diterima melalui Bank Simulasi"
    assert failed == "Gagal kendali mutu. Foto buram."
    with translation.override("en"):
        assert reason_shown(paid) == "Payment received through Bank Simulasi"
        assert reason_shown(failed) == "Quality control failed. Foto buram."
        assert reason_shown(cancelled) == (
            "Passport E1000037 was not collected within 30 days of being ready (30-11-2026) "
            "and has been cancelled. Please apply again."
        )


def test_a_message_writes_the_dates_of_a_reason_in_words_in_its_language():
    expired = reason_record(
        reasons.DEFERRAL_EXPIRED, until="09-12-2026", missing="Akta kelahiran asli"
    )
    at_risk = reason_record(reasons.SLA_AT_RISK, due="2026-11-18", step="menunggu cetak")
    with translation.override("en"):
        assert reason_shown(expired, dates="j F Y") == (
            "Documents not completed by the deadline of 9 December 2026: Akta kelahiran asli"
        )
        assert reason_shown(at_risk, dates="j F Y") == (
            "At risk: promised for 18 November 2026, still waiting for printing."
        )
        # Without a format the record's digits are kept (the case history writes dates so).
        assert "09-12-2026" in reason_shown(expired)
    with translation.override("id"):
        assert reason_shown(expired, dates="j F Y") == (
            "Berkas tidak dilengkapi sampai batas waktu 9 Desember 2026: Akta kelahiran asli"
        )
        # What an officer typed is no phrase: nothing in it is taken for a date.
        assert reason_shown("Batal 09-12-2026", dates="j F Y") == "Batal 09-12-2026"
