"""The front of the office: families book online, check in at the kiosk and are served at the
counters (intake, photo and fingerprints with the interview, handover, information); some answer
the survey afterwards."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import simpy

from paspor.accounts.models import User
from paspor.audit.pii import PiiData
from paspor.booking.demo import DEMO_APPLICANT_PASSWORD
from paspor.booking.models import EmailVerification
from paspor.booking.rules import Answers, OldPassport
from paspor.booking.services import (
    account_register,
    booking_create,
    email_verify_token,
    profile_add,
)
from paspor.cases import biometrics, intake, interview
from paspor.cases import conf as case_conf
from paspor.cases.adjudication import case_defer
from paspor.cases.documents import required_documents
from paspor.cases.models import Case
from paspor.cases.services import ApplicantData, case_claim, case_open
from paspor.cases.types import ApplicationType
from paspor.issuance.models import CollectorBasis, Passport, PassportStatus
from paspor.issuance.services import HandoverInput, handover_record
from paspor.offices.calendar import office_today
from paspor.offices.models import Counter as OfficeCounter
from paspor.offices.models import ServiceKind, StationType
from paspor.portal.demo_history.images import portrait, signature_png
from paspor.portal.demo_history.people import (
    Family,
    Person,
    Visit,
    case_data,
    interview_answers,
    parents_data,
)
from paspor.portal.demo_history.walk import COUNTERS_CLOSE, LAST_PHOTO, Process, Walk
from paspor.queueing.models import CounterSession, Ticket, TicketStatus
from paspor.queueing.services import (
    counter_close,
    counter_open,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_start,
)
from paspor.surveys.models import SurveyInvitation
from paspor.surveys.services import survey_submit

SURVEY_COMMENTS = (
    "Pelayanan cepat dan petugasnya ramah.",
    "Ruang tunggu agak panas, mohon kipas angin ditambah.",
    "Antrean foto cukup lama di sesi pagi.",
    "Petugas menjelaskan persyaratan dengan jelas.",
    "Terima kasih, paspor selesai sesuai janji.",
    "Tempat parkir motor kurang luas.",
    "Booking daring mudah, kuota sesi pagi cepat habis.",
    "Mohon disediakan ruang laktasi.",
)


class FrontOffice(Walk):
    """The applicants' side of the day, from the online booking to the survey."""

    # --- online booking ----------------------------------------------------------------

    def book(self, family: Family) -> Process:
        """Register the family's account, verify its e-mail, add each person and book them."""
        rng = self.rng
        contact = family.contact
        family.account = account_register(
            email=family.email,
            password=DEMO_APPLICANT_PASSWORD,
            full_name=contact.full_name,
            phone=self.applicants.phone(),
            language=family.language,
        )
        verification = EmailVerification.objects.filter(account=family.account).latest("pk")
        yield from self.pause(rng.uniform(1, 4))
        family.account = email_verify_token(token=verification.token)
        self.steps["accounts"] += 1
        for person in family.people:
            yield from self.pause(rng.uniform(1, 2.5))
            person.profile = profile_add(
                account=family.account,
                nik=person.nik,
                full_name=person.full_name,
                sex=person.sex,
                birth_date=person.birth_date,
                birth_place=person.birth_place,
                phone=self.applicants.phone() if person is contact else "",
            )
        for person in family.people:
            yield from self.pause(rng.uniform(0.5, 1.5))
            assert family.session is not None and person.profile is not None
            booking = booking_create(
                account=family.account,
                profile=person.profile,
                office=self.office,
                day=family.day,
                session=family.session,
                pool=person.pool,
                answers=Answers(
                    old_passport=OldPassport.NONE,
                    married=person in (family.father, family.mother),
                    passport_kind=family.passport_kind,
                ),
            )
            person.booking_code = booking.code
            self.steps["bookings"] += 1
            self.steps[f"bookings_{person.pool}"] += 1

    # --- the office day ----------------------------------------------------------------

    def open_counters(self, day: dt.date) -> None:
        """Three officers open their counters; each serves its line until closing time."""
        staff, close = self.staff, self.local(day, COUNTERS_CLOSE)
        for user, number, station_type, closes in (
            (staff.intake, 1, StationType.INTAKE, close),
            (staff.biometrics, 3, StationType.BIOMETRICS, self.local(day, LAST_PHOTO)),
            (staff.handover, 5, StationType.HANDOVER, close),
        ):
            line: simpy.Store = simpy.Store(self.env)
            self.queues[station_type] = line
            if station_type == StationType.HANDOVER:
                self.queues[StationType.INFORMATION] = line  # one counter serves both
            self.env.process(self.officer(user, self.counters[number], station_type, line, closes))

    def officer(
        self, user: User, counter: OfficeCounter, first: str, line: simpy.Store, closes: dt.datetime
    ) -> Process:
        session = counter_open(
            office=self.office, counter=counter, station=self.stations[first], by=user
        )
        while True:
            wanted = line.get()
            fired = yield wanted | self.env.timeout(max(0.0, self.minutes(closes) - self.env.now))
            if wanted not in fired:
                wanted.cancel()
                break
            self.now()
            station = self.stations[str(wanted.value)]
            if session.station_id != station.pk:  # the information desk shares the counter
                counter_close(session=session, by=user)
                session = counter_open(
                    office=self.office, counter=counter, station=station, by=user
                )
            ticket = ticket_call_next(session=session, by=user)
            if ticket is None:
                continue
            self.steps["calls"] += 1
            yield from self.serve(session, user, ticket)
        self.now()
        counter_close(session=session, by=user)

    def arrive(self, family: Family) -> Process:
        """The family scans its booking proofs at the kiosk, one after another."""
        for person in family.people:
            ticket = ticket_check_in(
                office=self.office, code=person.booking_code, by=self.staff.kiosk
            )
            self.visits[ticket.pk] = Visit("booked", person, family)
            self.steps["check_ins"] += 1
            self.queue_for(StationType.INTAKE)
            yield from self.pause(self.rng.uniform(0.5, 1.5))

    def walk_in_express(self, family: Family) -> None:
        self.walk_in(ServiceKind.EXPRESS, Visit("express", family.people[0], family))

    def serve(self, session: CounterSession, user: User, ticket: Ticket) -> Process:
        visit = self.visits[ticket.pk]
        yield from self.pause(self.rng.uniform(0.5, 2))
        ticket_start(session=session, by=user)
        station = session.station.station_type
        if station == StationType.INTAKE:
            yield from self.intake(user, ticket, visit)
        elif station == StationType.BIOMETRICS:
            yield from self.biometrics(user, visit)
        elif station == StationType.HANDOVER:
            yield from self.handover(user, visit)
        else:
            yield from self.pause(self.rng.uniform(2, 6))  # a question answered
        finished = ticket_finish(session=session, by=user)
        if finished.status == TicketStatus.WAITING and finished.station is not None:
            self.queue_for(finished.station.station_type)  # on to the photo counter
        elif finished.status == TicketStatus.DONE:
            self.after_visit(finished, visit)

    def intake(self, user: User, ticket: Ticket, visit: Visit) -> Process:
        person, family = visit.person, visit.family
        assert person is not None and family is not None
        rng = self.rng
        yield from self.pause(rng.uniform(0.5, 1.5))
        typed = None
        if visit.kind == "express":  # a walk-in: the officer types the data from the KTP
            typed = ApplicantData(
                nik=person.nik,
                full_name=person.full_name,
                sex=person.sex,
                birth_date=person.birth_date,
                birth_place=person.birth_place,
                application_type=ApplicationType.NEW_ADULT,
                passport_kind=family.passport_kind,
                phone=self.applicants.phone(),
                email=family.email,
            )
        case = case_open(office=self.office, by=user, ticket=ticket, data=typed)
        self.looked_at(user, case, PiiData.CASE_PAGE)
        person.case = case
        self.people_by_case[case.pk] = (person, family)
        self.steps["cases_opened"] += 1
        yield from self.pause(rng.uniform(1, 2.5))
        child = case.application_type == ApplicationType.NEW_CHILD
        intake.case_data_verify(
            case=case,
            by=user,
            data=case_data(case),
            is_married=person in (family.father, family.mother),
            validity_years=5 if child else 10,
            express=case.express,
        )
        if child:
            intake.case_parents_record(case=case, by=user, parents=parents_data(family))
        yield from self.pause(rng.uniform(2, 4))
        codes = [r.code for r in required_documents(case.application_type, is_child=child)]
        if person.outcome == "sent_home":
            codes = [code for code in codes if code != "kk"]
        intake.case_documents_check(case=case, by=user, seen=codes)
        yield from self.pause(rng.uniform(0.5, 1.5))
        if person.outcome == "sent_home":
            case_defer(case=case, by=user, missing="Kartu Keluarga asli")
            self.steps["deferred_at_intake"] += 1
        else:
            intake.case_intake_complete(case=case, by=user)

    def biometrics(self, user: User, visit: Visit) -> Process:
        person, family = visit.person, visit.family
        assert person is not None and family is not None and person.case is not None
        rng = self.rng
        case = case_claim(case=Case.objects.get(pk=person.case.pk), by=user)
        self.looked_at(user, case, PiiData.CASE_PAGE)
        photo = None
        for attempt in range(3):  # a drawn face the detector misses is taken again
            yield from self.pause(rng.uniform(1, 2))
            data = portrait(person.look + attempt, female=person.sex == "F")
            photo = biometrics.case_photo_add(case=case, by=user, data=data, source="webcam")
            self.steps["photos"] += 1
            if photo.passed:
                break
        assert photo is not None
        reason = "" if photo.passed else "Foto terbaik dari tiga pengambilan"
        biometrics.case_photo_accept(case=case, photo=photo, by=user, reason=reason)
        yield from self.pause(rng.uniform(2, 3))
        biometrics.case_fingerprints_capture(case=case, by=user)
        limit = case_conf.fingerprint_max_nfiq()
        poor = [fp.finger for fp in case.fingerprints.all() if fp.quality > limit]
        if poor:  # a smudged finger is scanned again (in the same minutes: the draws of the
            # history must not depend on the scanner's, or two runs would drift apart)
            biometrics.case_fingerprints_capture(case=case, by=user, fingers=poor)
            poor = [fp.finger for fp in case.fingerprints.all() if fp.quality > limit]
        biometrics.case_signature_add(
            case=case, by=user, data=signature_png(person.full_name), source="pad"
        )
        worn = "Sidik jari aus, sudah diambil ulang" if poor else ""
        biometrics.case_biometrics_complete(case=case, by=user, reason=worn)
        yield from self.pause(rng.uniform(3, 6))
        interview.case_interview_record(
            case=case, by=user, answers=interview_answers(person, family)
        )
        self.steps["interviews"] += 1

    def handover(self, user: User, visit: Visit) -> Process:
        family = visit.family
        assert family is not None
        collector = self.collector(family)
        family.pickup_planned = False  # a passport ready after this visit brings them again
        for person in family.people:
            if not person.ready or person.collected or person.case is None:
                continue
            person.collected = True
            passport = Passport.objects.get(case=person.case, status=PassportStatus.READY)
            yield from self.pause(self.rng.uniform(2, 4))
            self.looked_at(user, person.case, PiiData.HANDOVER)
            handover_record(
                passport=passport,
                by=user,
                data=self.handover_input(family, person, collector),
            )
            self.steps["handed_over"] += 1
            if person is not collector:
                self.steps["handed_over_to_proxy"] += 1

    def collector(self, family: Family) -> Person:
        if family.proxy is not None:
            return family.proxy
        adults = [p for p in family.people if p in (family.mother, family.father)]
        return adults[0] if adults else family.contact

    def handover_input(self, family: Family, person: Person, collector: Person) -> HandoverInput:
        base = HandoverInput(
            basis=CollectorBasis.HOLDER,
            nik_typed=collector.nik,
            collector_name=collector.full_name,
            face_matched=True,
            signature_png=signature_png(collector.full_name),
            documents_seen=frozenset({"ktp", "receipt"}),
        )
        if person is collector:
            return base
        with_kk = frozenset({"ktp", "receipt", "kk"})
        if person not in (family.father, family.mother) and family.proxy is None:
            return replace(
                base,
                basis=CollectorBasis.PARENT,
                documents_seen=with_kk,
                kk_number=family.kk_number,
                relationship="Ayah kandung" if collector is family.father else "Ibu kandung",
            )
        if family.proxy is None:
            spouse = "Suami" if collector is family.father else "Istri"
            return replace(
                base,
                basis=CollectorBasis.FAMILY_SAME_KK,
                documents_seen=with_kk,
                kk_number=family.kk_number,
                relationship=spouse,
            )
        return replace(
            base,
            basis=CollectorBasis.POWER_OF_ATTORNEY,
            documents_seen=frozenset({"ktp", "receipt", "attorney_letter"}),
            attorney_letter_date=office_today(self.office) - dt.timedelta(days=1),
            stamp_duty=True,
        )

    def after_visit(self, ticket: Ticket, visit: Visit) -> None:
        """The visit is over: some answer the survey whose link or QR code they were given."""
        invitation = SurveyInvitation.objects.filter(ticket=ticket).first()
        answers = {"booked": 0.6, "express": 0.6, "pickup": 0.45, "information": 0.3}
        if invitation is None or self.rng.random() > answers[visit.kind]:
            return
        later = self.rng.uniform(2, 8) if visit.kind in ("pickup", "information") else 0
        later = later or self.rng.uniform(20, 300)
        self.at(self.now() + dt.timedelta(minutes=later), self.answer_survey, invitation)

    def answer_survey(self, invitation: SurveyInvitation) -> None:
        rng = self.rng
        mood = rng.random()
        answers = []
        for element in range(9):
            if mood < 0.6:
                answer = 4 if rng.random() < 0.72 else 3
            elif mood < 0.92:
                answer = rng.choices((4, 3, 2), weights=(20, 70, 10))[0]
            else:
                answer = rng.choices((3, 2, 1), weights=(40, 50, 10))[0]
            if element in (2, 8) and answer > 1 and rng.random() < 0.15:
                answer -= 1  # completion time and facilities: the usual weak points
            answers.append(answer)
        comment = rng.choice(SURVEY_COMMENTS) if rng.random() < 0.25 else ""
        survey_submit(invitation=invitation, answers=answers, comment=comment)
        self.steps["survey_answers"] += 1
