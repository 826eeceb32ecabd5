# The review's window of recent bookings (`booking_flags_refresh`). Built without locking the
# bookings table on PostgreSQL, so a release migrates while the office keeps booking.

from django.db import migrations, models

from paspor.lib.migration_ops import AddIndexWithoutLocking


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('booking', '0008_booking_flags'),
    ]

    operations = [
        AddIndexWithoutLocking(
            model_name='booking',
            index=models.Index(fields=['created_at'], name='booking_created_idx'),
        ),
    ]
