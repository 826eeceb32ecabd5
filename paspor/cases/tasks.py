"""Background work: thin wrappers that call a service."""

from django.tasks import task

from paspor.cases.adjudication import cases_expire_deferred


@task()
def cases_expire_deferred_task() -> int:
    return cases_expire_deferred()
