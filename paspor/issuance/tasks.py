"""Background work: a thin wrapper that calls the service (scheduled daily by the worker)."""

from django.tasks import task

from paspor.issuance.services import pickup_reminders_run


@task()
def pickup_reminders() -> dict[str, int]:
    run = pickup_reminders_run()
    return {"reminded": run.reminded, "cancelled": run.cancelled}
