"""Background work: thin wrappers that call a service."""

from django.tasks import task

from paspor.payments.services import billing_codes_expire
from paspor.payments.sla_alerts import sla_check


@task()
def sla_check_task() -> dict[str, int]:
    result = sla_check()
    return {"at_risk": result.at_risk, "breaches": result.breaches, "expired": result.codes_expired}


@task()
def billing_codes_expire_task() -> int:
    return billing_codes_expire()
