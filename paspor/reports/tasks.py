"""Background work of the reports: a thin wrapper that calls the service."""

from django.tasks import task

from paspor.reports.services import daily_summaries_refresh


@task()
def daily_summaries_refresh_task() -> None:
    """Nightly (the scheduler's `reports_summarize` job): the daily summaries of closed days."""
    daily_summaries_refresh()
