"""Indexes the period dashboard needs on other apps' tables (docs/performance.md, bench/reports.py).

Kept here, next to the queries that need them, rather than in each app's models: they serve the
reports only. Plain and partial B-tree indexes, valid on PostgreSQL and SQLite.
"""

from django.db import migrations

INDEXES = {
    # Applications opened in a period, per office and nationally.
    "rep_case_office_created": "cases_case (office_id, created_at)",
    "rep_case_created": "cases_case (created_at)",
    # Cases due in a period, nationally (per office: case_office_due_idx).
    "rep_case_due": "cases_case (due_date)",
    # Outcomes: events reaching issued, deferred or rejected in a period.
    "rep_caseevent_outcome": "cases_caseevent (to_status, at) "
    "WHERE to_status IN ('handed_over', 'deferred', 'rejected')",
    # Tickets of a period nationally (per office: ticket_queue_idx).
    "rep_ticket_day": "queueing_ticket (day)",
    # Applied payments of a period, per office and nationally.
    "rep_payment_office_paid": "payments_payment (office_id, paid_at) WHERE status = 'applied'",
    "rep_payment_paid": "payments_payment (paid_at) WHERE status = 'applied'",
    "rep_slaalert_due": "payments_slaalert (due_date, office_id)",
    "rep_booking_date": "booking_booking (date, status)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_simkim_steps"),
        ("queueing", "0002_journey_counters_boards"),
        ("payments", "0003_default_fees"),
        ("booking", "0002_sessions_quotas_ballots"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {target}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, target in INDEXES.items()
    ]
