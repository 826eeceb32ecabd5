"""Behind the counters: the supervisor's rounds, the bank's payments, printing with the second
officer's quality control, the pickup that follows, and a complaint answered."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from paspor.audit.pii import PiiData
from paspor.cases.adjudication import case_decide, case_defer, case_resume
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_claim
from paspor.complaints.models import ComplaintCategory
from paspor.complaints.services import complaint_respond, complaint_submit
from paspor.issuance.selectors import print_queue, qc_queue
from paspor.issuance.services import passport_mark_ready, print_confirm, print_start, qc_record
from paspor.offices.models import ServiceKind
from paspor.payments.models import PaymentMethod
from paspor.payments.services import billing_code_current
from paspor.payments.simulator import simulator_send
from paspor.portal.demo_history.people import REJECT_REASON, Family, Person, Visit
from paspor.portal.demo_history.walk import Process, Walk, weighted

logger = logging.getLogger(__name__)

METHODS = (
    (55, PaymentMethod.MOBILE_BANKING),
    (20, PaymentMethod.ATM),
    (15, PaymentMethod.TELLER),
    (10, PaymentMethod.POST_OFFICE),
)
DEFER_MISSING = (
    "Surat keterangan sponsor dari keluarga di luar negeri",
    "Surat izin orang tua atau suami yang dilegalisir",
    "Tiket pergi-pulang dan bukti pemesanan penginapan",
)


class BackOffice(Walk):
    """The office's side of the day, after the applicant has left the counter."""

    def supervisor_round(self) -> Process:
        """The supervisor decides the cases waiting for the four-eyes decision, oldest first."""
        rng, by = self.rng, self.staff.supervisor
        waiting = Case.objects.filter(office=self.office, status=CaseStatus.AWAITING_SUPERVISOR)
        for case in list(waiting.order_by("updated_at", "pk")):
            yield from self.pause(rng.uniform(2, 5))
            person, _family = self.people_by_case[case.pk]
            case = case_claim(case=case, by=by)
            self.looked_at(by, case, PiiData.CASE_PAGE)
            if person.outcome == "defer":
                case_defer(case=case, by=by, missing=rng.choice(DEFER_MISSING))
                self.steps["deferred"] += 1
                if rng.random() < 0.7:  # most bring the paper within the deadline
                    day = self.calendar.working_days_after(self.now().date(), rng.randint(1, 3))
                    self.at(self.local(day, dt.time(10, rng.randrange(60))), self.resume, person)
            elif person.outcome == "reject":
                case_decide(case=case, by=by, approve=False, reason=REJECT_REASON)
                self.steps["rejected"] += 1
            else:
                case_decide(case=case, by=by, approve=True)
                self.steps["approved"] += 1
                if person.pays:
                    self.plan_payment(person, express=case.express)

    def resume(self, person: Person) -> None:
        """The applicant brings what was missing; the supervisor takes the case up again."""
        assert person.case is not None
        case_resume(case=Case.objects.get(pk=person.case.pk), by=self.staff.supervisor)
        person.outcome = "approve"
        self.steps["resumed"] += 1

    def plan_payment(self, person: Person, *, express: bool) -> None:
        rng, billed = self.rng, self.now()
        if express:
            at = billed + dt.timedelta(minutes=rng.uniform(20, 50))
        elif rng.random() < 0.65:
            at = billed + dt.timedelta(hours=rng.uniform(0.5, 6))
        else:
            at = billed + dt.timedelta(days=1)
        local = at.astimezone(self.office.tz)
        if not express and not dt.time(6) <= local.time() <= dt.time(21):
            at = self.local(local.date() + dt.timedelta(days=1), dt.time(rng.randint(7, 11)))
        self.at(at, self.pay, person)

    def pay(self, person: Person) -> None:
        """The applicant pays the billing code; the bank notifies the office's endpoint."""
        assert person.case is not None
        case = Case.objects.select_related("bill").get(pk=person.case.pk)
        answer = simulator_send(
            billing_code=billing_code_current(case.bill).code,
            channel=self.channel,
            method=weighted(self.rng, METHODS),
        )
        if answer.status != 200:
            logger.warning("demo payment of %s answered %s", case.code, answer.body)
            return
        self.steps["paid"] += 1

    def print_round(self) -> Process:
        for case in list(print_queue(self.office)):
            yield from self.pause(self.rng.uniform(2, 4))
            self.looked_at(self.staff.printer, case, PiiData.PRINT_PAGE)
            passport = print_start(case=case, by=self.staff.printer)
            yield from self.pause(1.5)
            print_confirm(passport=passport, by=self.staff.printer)
            self.steps["printed"] += 1

    def qc_round(self) -> Process:
        """Quality control by the second print officer (four eyes), then ready for pickup."""
        by = self.staff.checker
        for passport in list(qc_queue(self.office)):
            yield from self.pause(self.rng.uniform(1.5, 3))
            person, family = self.people_by_case[passport.case_id]
            fails = person.qc_fails
            self.looked_at(by, passport.case, PiiData.QUALITY_CHECK)
            person.qc_fails = False  # the reprint passes
            qc_record(
                passport=passport,
                by=by,
                passed=not fails,
                data_matches=True,
                photo_ok=not fails,
                mrz_line1=passport.mrz_line1,
                mrz_line2=passport.mrz_line2,
                notes="Foto pada halaman data tercetak bergaris." if fails else "",
            )
            if fails:
                self.steps["spoiled"] += 1
                continue
            passport_mark_ready(passport=passport, by=by)
            person.ready = True
            self.steps["ready"] += 1
            self.when_ready(family)

    def when_ready(self, family: Family) -> None:
        """Once every passport the family waits for is ready, someone comes to collect."""
        waiting = [p for p in family.people if p.outcome == "approve" and p.pays and not p.ready]
        if waiting or family.pickup_planned:
            return
        family.pickup_planned = True
        rng, now = self.rng, self.now().astimezone(self.office.tz)
        if family.session is None and now.time() < dt.time(15):  # express: the same afternoon
            at = now + dt.timedelta(minutes=rng.uniform(15, 45))
        else:
            later = weighted(rng, ((30, 1), (25, 2), (20, 3), (15, 4), (10, 6)))
            day = self.calendar.working_days_after(now.date(), later)
            at = self.local(day, dt.time(rng.randint(8, 15), rng.randrange(0, 60, 5)))
        self.at(at, self.walk_in, ServiceKind.PICKUP, Visit("pickup", family=family))

    # --- a complaint -------------------------------------------------------------------

    def plan_complaint(self, day: dt.date) -> None:
        def submit() -> None:
            complaint = complaint_submit(
                office=self.office,
                category=ComplaintCategory.WAITING,
                body=(
                    "Saya datang sesi pagi jam 08.00 tetapi baru dipanggil ke loket foto "
                    "hampir jam 10.00. Mohon loket foto ditambah pada jam ramai."
                ),
                name="Hendra Lubis",
                email="hendra.lubis@example.com",
                language="id",
            )
            self.steps["complaints"] += 1
            answer_at = self.local(self.calendar.working_days_after(day, 1), dt.time(10, 30))
            self.at(answer_at, respond, complaint)

        def respond(complaint: Any) -> None:
            complaint_respond(
                complaint=complaint,
                by=self.staff.supervisor,
                response=(
                    "Terima kasih atas masukan Bapak. Mulai pekan ini loket 4 dibuka untuk foto "
                    "dan wawancara pada sesi pagi."
                ),
            )
            self.steps["complaints_answered"] += 1

        self.at(self.local(day, dt.time(19, 40)), submit)
