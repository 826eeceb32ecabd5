"""Booking.for_child: whether the booking was made for a child, which decides its documents.

Existing rows are filled from what is at hand: a new passport's type says it (new_child or
new_adult); for the other types the profile's birth date on the visit day and the married answer
(as the documents were worked out until now).
"""

from django.db import migrations, models

ADULT_AGE = 17  # paspor.booking.rules.ADULT_AGE when this was written
CHUNK = 1000


def _age_on(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def fill_for_child(apps, schema_editor):
    Booking = apps.get_model("booking", "Booking")
    rows = (
        Booking.objects.exclude(application_type="new_adult")
        .values_list("pk", "application_type", "date", "answers", "profile__birth_date")
        .iterator(chunk_size=CHUNK)
    )
    children = [
        pk
        for pk, kind, day, answers, born in rows
        if kind == "new_child"
        or (_age_on(born, day) < ADULT_AGE and not (answers or {}).get("married"))
    ]
    for start in range(0, len(children), CHUNK):
        Booking.objects.filter(pk__in=children[start : start + CHUNK]).update(for_child=True)


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0012_ballot_void_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="for_child",
            field=models.BooleanField(
                db_default=False, default=False, verbose_name="dipesan sebagai anak"
            ),
        ),
        migrations.RunPython(fill_for_child, migrations.RunPython.noop, elidable=True),
    ]
