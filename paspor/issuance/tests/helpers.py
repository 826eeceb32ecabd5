"""Moving a case through printing and quality control in one call, for later-stage tests."""

from paspor.issuance.services import passport_mark_ready, print_confirm, print_start, qc_record


def ready_passport(case, printer, checker):
    passport = print_confirm(passport=print_start(case=case, by=printer), by=printer)
    qc_record(
        passport=passport,
        by=checker,
        passed=True,
        data_matches=True,
        photo_ok=True,
        mrz_line1=passport.mrz_line1,
        mrz_line2=passport.mrz_line2,
    )
    passport.refresh_from_db()
    return passport_mark_ready(passport=passport, by=checker)
