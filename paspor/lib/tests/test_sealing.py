"""Identity numbers and personal files are sealed at rest, found by equality, and rotate keys."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from conftest import make_user
from paspor.booking.models import ApplicantProfile, Booking
from paspor.lib.env import ConfigError
from paspor.lib.sealing import SealError, new_key_text, parse_key_ring, unseal
from paspor.lib.storage import SealedStorage
from paspor.notifications.tests.factories import make_booking, make_profile

pytestmark = pytest.mark.django_db

NIK = "6104015708900001"
OLD = "old1:" + "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE="
NEW = new_key_text("new2")


def raw_column(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE id = %s', [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


@pytest.fixture
def profile():
    return make_profile(make_user("pemohon_segel"), nik=NIK)


def test_the_nik_column_holds_a_token_not_the_number(profile):
    stored = raw_column("booking_applicantprofile", "nik", profile.pk)
    assert NIK not in stored and stored.startswith("st1:")
    assert ApplicantProfile.objects.get(pk=profile.pk).nik == NIK
    assert ApplicantProfile.objects.values_list("nik", flat=True).get(pk=profile.pk) == NIK


def test_equal_numbers_are_found_and_the_database_keeps_them_unique(office, profile):
    assert ApplicantProfile.objects.filter(nik=NIK).get() == profile
    assert ApplicantProfile.objects.filter(nik__in=[NIK, "3171010101900001"]).count() == 1
    assert ApplicantProfile.objects.filter(nik__iexact=NIK).count() == 1
    make_booking(office, profile)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_booking(office, profile)  # one active booking per NIK: a constraint on the token
    assert Booking.objects.filter(nik=NIK).count() == 1


def test_a_look_up_that_cannot_work_on_tokens_is_refused(profile):
    with pytest.raises(FieldError, match="sealed identity number"):
        ApplicantProfile.objects.filter(**{"nik__startswith": "6104"}).count()


def test_the_same_number_seals_differently_for_another_purpose():
    from paspor.lib.sealing import seal

    assert seal(NIK, "nik") != seal(NIK, "kk")
    with pytest.raises(SealError):
        unseal(seal(NIK, "nik"), "kk")


def test_rotation_reseals_every_row_and_file_then_the_old_key_can_go(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASPOR_DATA_KEYS = OLD
    profile = make_profile(make_user("pemohon_segel"), nik=NIK)
    second = make_profile(make_user("pemohon_lama"), nik="6104010101900002")
    storage = SealedStorage()
    name = storage.save("scan.pdf", ContentFile(b"%PDF-1.7 data pribadi"))
    assert raw_column("booking_applicantprofile", "nik", second.pk).startswith("sold1:")

    settings.PASPOR_DATA_KEYS = f"{NEW},{OLD}"
    # During the rotation both keys find their rows.
    assert ApplicantProfile.objects.filter(nik="6104010101900002").get() == second
    assert ApplicantProfile.objects.filter(nik__in=["6104010101900002", NIK]).count() == 2
    out = io.StringIO()
    call_command("data_keys_rotate", stdout=out)
    assert "Tersisa dengan kunci lama: 0" in out.getvalue()

    settings.PASPOR_DATA_KEYS = NEW  # the old key is gone; everything still reads
    assert raw_column("booking_applicantprofile", "nik", second.pk).startswith("snew2:")
    assert ApplicantProfile.objects.get(pk=second.pk).nik == "6104010101900002"
    assert ApplicantProfile.objects.get(pk=profile.pk).nik == NIK
    with storage.open(name) as handle:
        assert handle.read() == b"%PDF-1.7 data pribadi"


def test_files_are_sealed_on_disk_and_open_through_the_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    storage = SealedStorage()
    name = storage.save("foto.jpg", ContentFile(b"\xff\xd8\xff wajah pemohon"))
    on_disk = (tmp_path / name).read_bytes()
    assert b"wajah pemohon" not in on_disk
    with storage.open(name) as handle:
        assert handle.read() == b"\xff\xd8\xff wajah pemohon"
    with pytest.raises(NotImplementedError):
        storage.url(name)


@pytest.mark.parametrize(
    "ring, message",
    [
        ("", "at least one key"),
        ("tanpa-titik-dua", "must read id:key"),
        ("a:bukan base64!", "not base64"),
        ("a:c2luZ2thdA==", "32 bytes"),
        (f"{OLD},{OLD}", "must be different"),
    ],
)
def test_a_malformed_key_ring_stops_start_up_naming_the_problem(ring, message):
    with pytest.raises(ConfigError, match=message):
        parse_key_ring(ring)


def test_a_number_written_before_sealing_still_reads_and_is_sealed_by_the_rotation(profile):
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE "booking_applicantprofile" SET "nik" = %s WHERE id = %s', [NIK, profile.pk]
        )
    assert ApplicantProfile.objects.get(pk=profile.pk).nik == NIK
    call_command("data_keys_rotate", stdout=io.StringIO())
    assert raw_column("booking_applicantprofile", "nik", profile.pk).startswith("st1:")
    assert profile.birth_date == dt.date(1990, 8, 17)
