"""Complaints already past their deadline when the overdue alert arrived are not e-mailed.

The alert tells an office that a complaint has just passed its deadline. An office with a
backlog would otherwise get one e-mail per old complaint, per head and supervisor, at the
first check after the upgrade, and learn to ignore the alert. Those complaints are marked as
alerted at this moment instead; the office sees them on its complaints page and under "Perlu
perhatian" on the staff home, and headquarters on the national page.
"""

import zoneinfo

from django.db import migrations
from django.utils import timezone


def backlog_marked(apps, schema_editor):
    complaint_model = apps.get_model("complaints", "Complaint")
    office_model = apps.get_model("offices", "Office")
    alias = schema_editor.connection.alias
    now = timezone.now()
    for office in office_model.objects.using(alias).all():
        today = timezone.localtime(now, zoneinfo.ZoneInfo(office.time_zone)).date()
        complaint_model.objects.using(alias).filter(
            office=office, status="open", deadline__lt=today, overdue_alerted_at__isnull=True
        ).update(overdue_alerted_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_overdue_alerted_at"),
        ("offices", "0003_calendar_messages"),
    ]

    operations = [migrations.RunPython(backlog_marked, migrations.RunPython.noop)]
