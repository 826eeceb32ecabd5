"""Background work: thin wrappers that call a service."""

from django.tasks import task

from paspor.complaints.services import complaints_overdue_check


@task()
def complaints_overdue_check_task() -> int:
    return complaints_overdue_check()
