"""A new office's staff accounts, made in the admin (docs/onboarding.md, step 7).

Headquarters officers an administrator lets manage accounts create the office's kiosk, board
and officers with their roles and certifications. Roles and certifications go through the
accounts services (audited there); what reaches beyond one office — the superuser and staff
flags, groups and permissions, the national roles, the accounts of administrators — stays
with superusers, so the permission to make an office's staff cannot be turned into more.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Certification, Role, StaffAssignment, User
from paspor.accounts.services import staff_assign
from paspor.audit.models import AuditEntry
from paspor.offices.models import StationType
from paspor.offices.tests.conftest import grant_setup_permissions, inline_forms

pytestmark = pytest.mark.django_db

PASSWORD = "Uji-Kantor-Baru-2026!"


@pytest.fixture
def setup_client(client_for, hq_user):
    return client_for(grant_setup_permissions(hq_user))


def new_account(username: str, **inlines: list[dict[str, object]]) -> dict[str, object]:
    return {
        "username": username,
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **inline_forms("assignments", inlines.get("assignments", [])),
        **inline_forms("certifications", inlines.get("certifications", [])),
    }


def change_post(user: User, **fields: object) -> dict[str, object]:
    return {
        "username": user.username,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        **inline_forms("assignments", []),
        **inline_forms("certifications", []),
        **fields,
    }


def test_an_officer_is_made_with_role_and_certification_through_the_services(
    setup_client, office, hq_user
):
    response = setup_client.post(
        reverse("admin:accounts_user_add"),
        new_account(
            "ktp.loket2",
            assignments=[{"office": office.pk, "role": "intake", "is_active": "on"}],
            certifications=[
                {
                    "station_type": "intake",
                    "certificate_number": "PUSDIKLAT-1",
                    "issued_on": "2026-01-05",
                    "expires_on": "2028-12-31",
                    "issuer": "Pusdiklat Imigrasi",
                }
            ],
        ),
    )
    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]
    officer = User.objects.get(username="ktp.loket2")
    assert StaffAssignment.objects.filter(user=officer, office=office, role="intake").exists()
    assert Certification.objects.filter(user=officer, station_type="intake").exists()
    assert AuditEntry.objects.filter(event="staff.assigned", actor=hq_user).exists()
    # In the office's own chain, where its head reads who may work its stations.
    granted = AuditEntry.objects.get(event="certification.granted", actor=hq_user)
    assert granted.office == office
    page = html.unescape(
        setup_client.get(reverse("admin:accounts_user_change", args=[officer.pk])).content.decode()
    )
    # Where the new officer may open a counter today: role and certificate together.
    assert f"{office.name}: Pemeriksaan berkas" in page


def test_the_assignment_names_its_office_in_the_pages_language(setup_client, intake_officer):
    page = setup_client.get(
        reverse("admin:accounts_user_change", args=[intake_officer.pk])
    ).content.decode()
    assert "Kantor" in page.split('id="assignments-group"')[1].split("</thead>")[0]


def test_headquarters_hands_out_no_flags_groups_or_permissions(setup_client, intake_officer):
    page = setup_client.get(
        reverse("admin:accounts_user_change", args=[intake_officer.pk])
    ).content.decode()
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in page
    response = setup_client.post(
        reverse("admin:accounts_user_change", args=[intake_officer.pk]),
        change_post(intake_officer, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == 302
    intake_officer.refresh_from_db()
    assert not intake_officer.is_superuser and not intake_officer.is_staff


def test_headquarters_may_not_give_a_national_role(setup_client, intake_officer):
    response = setup_client.post(
        reverse("admin:accounts_user_change", args=[intake_officer.pk]),
        change_post(
            intake_officer,
            **inline_forms("assignments", [{"office": "", "role": "hq", "is_active": "on"}]),
        ),
    )
    assert response.status_code == 200
    assert "Peran nasional hanya dapat diberikan oleh administrator sistem." in html.unescape(
        response.content.decode()
    )
    assert not StaffAssignment.objects.filter(user=intake_officer, role=Role.HQ).exists()


def test_headquarters_does_not_change_an_administrators_account(setup_client, admin_user):
    change = reverse("admin:accounts_user_change", args=[admin_user.pk])
    assert 'name="_save"' not in setup_client.get(change).content.decode()  # read only
    assert setup_client.post(change, change_post(admin_user)).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[admin_user.pk])
    assert setup_client.get(password).status_code == 403


def test_headquarters_does_not_change_an_applicants_account(setup_client, applicant):
    import datetime as dt

    from paspor.booking.models import ApplicantProfile

    ApplicantProfile.objects.create(
        account=applicant,
        nik="6104014101900001",
        full_name="Siti Rahmawati",
        sex="F",
        birth_date=dt.date(1990, 1, 1),
        birth_place="Ketapang",
    )
    change = reverse("admin:accounts_user_change", args=[applicant.pk])
    assert setup_client.post(change, change_post(applicant)).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[applicant.pk])
    assert setup_client.get(password).status_code == 403


def test_a_superuser_still_hands_out_flags(client_for, admin_user, intake_officer):
    page = client_for(admin_user).get(
        reverse("admin:accounts_user_change", args=[intake_officer.pk])
    )
    assert 'name="is_superuser"' in page.content.decode()


def test_a_certification_is_not_edited_after_it_is_granted(setup_client, intake_officer):
    cert = Certification.objects.filter(user=intake_officer).first()
    assert cert is not None
    change = reverse("admin:accounts_certification_change", args=[cert.pk])
    assert 'name="_save"' not in setup_client.get(change).content.decode()
    response = setup_client.post(
        change,
        {
            "user": intake_officer.pk,
            "station_type": "biometrics",
            "certificate_number": cert.certificate_number,
            "issued_on": "2020-01-01",
            "expires_on": "2040-01-01",
        },
    )
    assert response.status_code == 403
    assert Certification.objects.get(pk=cert.pk).station_type == cert.station_type


def test_a_certification_and_a_counter_read_in_words_in_the_readers_language(intake_officer):
    from django.utils import translation

    from paspor.offices.models import Counter

    certification = intake_officer.certifications.get(station_type="intake")
    certification.expires_on = dt.date(2035, 12, 31)
    counter = Counter.objects.create(office=intake_officer.assignments.first().office, number=7)
    assert (
        str(certification)
        == f"{intake_officer}: Pemeriksaan berkas, berlaku sampai 31 Desember 2035"
    )
    assert str(counter) == "ketapang: loket 7"
    with translation.override("en"):
        assert (
            str(certification) == f"{intake_officer}: Document check, valid until 31 December 2035"
        )
        assert str(counter) == "ketapang: counter 7"


def test_a_certification_deleted_in_the_admin_is_revoked_through_the_service(
    setup_client, hq_user, intake_officer
):
    cert = intake_officer.certifications.get(station_type="intake")
    delete = reverse("admin:accounts_certification_delete", args=[cert.pk])
    assert setup_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Certification.objects.filter(pk=cert.pk).exists()
    entry = AuditEntry.objects.get(event="certification.revoked")
    assert entry.actor == hq_user
    assert entry.old["station_type"] == "intake"
    assert entry.old["number"] == cert.certificate_number
    assert entry.office == intake_officer.assignments.get().office
    assert not AuditEntry.objects.filter(event="admin.deleted").exists()


@pytest.mark.django_db
def test_the_certificate_of_someone_of_two_offices_is_in_the_national_chain(
    intake_officer, other_office
):
    from paspor.accounts.services import certification_grant

    staff_assign(user=intake_officer, office=other_office, role=Role.INTAKE, by=None)
    certification_grant(
        user=intake_officer,
        station_type=StationType.HANDOVER,
        certificate_number="PUSDIKLAT-9",
        issued_on=dt.date(2026, 1, 5),
        expires_on=dt.date(2028, 12, 31),
        by=None,
    )
    entry = AuditEntry.objects.get(event="certification.granted", new__number="PUSDIKLAT-9")
    assert entry.office is None


def test_the_users_page_lists_the_stations_they_may_open_today(client_for, admin_user, office):
    officer = make_user(
        "petugas_dua_peran",
        role=Role.INTAKE,
        office=office,
        stations=(StationType.INTAKE, StationType.HANDOVER),
    )

    def stations_block() -> str:
        url = reverse("admin:accounts_user_change", args=[officer.pk])
        return html.unescape(client_for(admin_user).get(url).content.decode())

    # Intake works document check, information and payment help; certified for the first only.
    assert f"<div>{office.name}: Pemeriksaan berkas</div>" in stations_block()
    staff_assign(user=officer, office=office, role=Role.HANDOVER, by=None)
    # One line per office: the handover role adds the station its certificate covers.
    assert f"<div>{office.name}: Pemeriksaan berkas, Penyerahan paspor</div>" in stations_block()


def test_a_new_account_always_gets_a_first_password(setup_client, office):
    add = reverse("admin:accounts_user_add")
    assert 'name="usable_password"' not in setup_client.get(add).content.decode()
    data = new_account(
        "ktp.kios2", assignments=[{"office": office.pk, "role": "kiosk", "is_active": "on"}]
    )
    data |= {"usable_password": "false", "password1": "", "password2": ""}
    response = setup_client.post(add, data)
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong." in html.unescape(response.content.decode())
    assert not User.objects.filter(username="ktp.kios2").exists()


def test_a_weak_first_password_is_refused_in_words(setup_client, office):
    data = new_account("ktp.loket3")
    data |= {"password1": "12345678", "password2": "12345678"}
    response = setup_client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "sepenuhnya numerik" in page
    assert not User.objects.filter(username="ktp.loket3").exists()


def test_a_kiosk_account_is_not_also_an_officer(setup_client, office):
    response = setup_client.post(
        reverse("admin:accounts_user_add"),
        new_account(
            "ktp.kios3",
            assignments=[
                {"office": office.pk, "role": "kiosk", "is_active": "on"},
                {"office": office.pk, "role": "intake", "is_active": "on"},
            ],
        ),
    )
    assert response.status_code == 200
    assert "akun perangkat satu kantor" in html.unescape(response.content.decode())
    assert not User.objects.filter(username="ktp.kios3").exists()


def save_officer_roles(client, officer, office, *, keep_intake: bool, add: str):
    """The officer's admin page saved with their intake role kept (or withdrawn) and `add`
    given at the same office."""
    kept = officer.assignments.get()
    current = {"id": kept.pk, "user": officer.pk, "office": office.pk, "role": "intake"}
    if keep_intake:
        current["is_active"] = "on"
    added = {"office": office.pk, "role": add, "is_active": "on"}
    return client.post(
        reverse("admin:accounts_user_change", args=[officer.pk]),
        change_post(officer, **inline_forms("assignments", [current, added], initial=1)),
    )


def test_an_officer_is_not_given_a_device_role_later(setup_client, intake_officer, office):
    response = save_officer_roles(
        setup_client, intake_officer, office, keep_intake=True, add="display"
    )
    assert response.status_code == 200
    assert "akun perangkat satu kantor" in html.unescape(response.content.decode())
    assert not StaffAssignment.objects.filter(user=intake_officer, role=Role.DISPLAY).exists()


def test_an_officers_role_replaced_by_a_device_role_in_one_save(
    setup_client, intake_officer, office
):
    """Withdrawing the officer's role and giving the kiosk role in the same save is a device
    account afterwards: accepted, the withdrawal written before the new role."""
    response = save_officer_roles(
        setup_client, intake_officer, office, keep_intake=False, add="kiosk"
    )
    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]
    active = StaffAssignment.objects.filter(user=intake_officer, is_active=True)
    assert list(active.values_list("role", flat=True)) == ["kiosk"]


def test_a_device_account_stays_a_device_of_one_office(kiosk, office, other_office):
    from conftest import refusal
    from paspor.accounts.services import staff_assign as assign

    for where, role in ((office, Role.INTAKE), (other_office, Role.KIOSK)):
        refused = refusal(assign, user=kiosk, office=where, role=role, by=None)
        assert refused.code == "device_account_mixed" and refused.status == 409
    # The board of the same office on the same screen is still one office's device.
    assign(user=kiosk, office=office, role=Role.DISPLAY, by=None)
    assert set(kiosk.assignments.values_list("role", flat=True)) == {"kiosk", "display"}


@pytest.mark.parametrize("persona", ["anonymous", "officer_of_other_office", "head_of_other"])
def test_only_the_setup_team_reaches_an_offices_staff_accounts(
    persona, client_for, office, other_office, intake_officer
):
    """Pontianak's officers and head — even given the setup group by mistake — and anyone not
    signed in never see or change Ketapang's staff accounts: the admin lets in administrators
    and headquarters only."""
    from paspor.offices.tests.conftest import grant_setup_permissions

    user = None
    if persona == "officer_of_other_office":
        user = make_user("pnk.loket", role=Role.INTAKE, office=other_office)
    elif persona == "head_of_other":
        user = grant_setup_permissions(
            make_user("pnk.kakanim", role=Role.HEAD, office=other_office)
        )
    client = client_for(user)
    change = reverse("admin:accounts_user_change", args=[intake_officer.pk])
    for url in (reverse("admin:accounts_user_changelist"), change):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(change, change_post(intake_officer, is_active=""))
    assert response.status_code == 302 and "/login/" in response["Location"]
    intake_officer.refresh_from_db()
    assert intake_officer.is_active


# --- National roles and applicants stay a superuser's (docs/roles.md) --------------------------


def withdrawn_national(role: Role, office) -> tuple[User, StaffAssignment, StaffAssignment]:
    """A former headquarters officer (or administrator) now working at `office`: the national
    row stays on their list, inactive."""
    from paspor.accounts.services import staff_unassign

    former = make_user(f"mantan_{role.value}", role=role)
    national = StaffAssignment.objects.get(user=former, role=role)
    staff_unassign(assignment=national, by=None, reason="pindah")
    staff_assign(user=former, office=office, role=Role.INTAKE, by=None)
    return former, national, StaffAssignment.objects.get(user=former, role=Role.INTAKE)


def ticked_again(former: User, national: StaffAssignment, at_office: StaffAssignment):
    rows: list[dict[str, object]] = [
        {"id": national.pk, "office": "", "role": national.role},
        {"id": at_office.pk, "office": at_office.office_id, "role": "intake"},
    ]
    rows = [row | {"user": former.pk, "is_active": "on"} for row in rows]
    return change_post(former, **inline_forms("assignments", rows, initial=2))


@pytest.mark.parametrize("role", [Role.HQ, Role.ADMIN])
def test_headquarters_may_not_give_back_a_withdrawn_national_role(setup_client, office, role):
    former, national, at_office = withdrawn_national(role, office)
    audited = AuditEntry.objects.filter(subject_id=str(national.pk), event="staff.assigned")
    given_before = audited.count()
    change = reverse("admin:accounts_user_change", args=[former.pk])
    response = setup_client.post(change, ticked_again(former, national, at_office))
    assert response.status_code == 200
    assert "Peran nasional hanya dapat diberikan oleh administrator sistem." in html.unescape(
        response.content.decode()
    )
    national.refresh_from_db()
    assert not national.is_active
    assert audited.count() == given_before


def test_the_save_refuses_a_national_role_whatever_the_form_let_through(
    setup_client, office, monkeypatch
):
    """The second guard: were the form's check ever skipped, the save still gives no national
    role, and nothing of the page is saved."""
    from paspor.accounts.admin import AssignmentForm

    monkeypatch.setattr(AssignmentForm, "_grants", lambda self, data: False)
    former, national, at_office = withdrawn_national(Role.HQ, office)
    change = reverse("admin:accounts_user_change", args=[former.pk])
    data = ticked_again(former, national, at_office) | {"first_name": "Diganti"}
    assert setup_client.post(change, data).status_code == 403
    national.refresh_from_db()
    former.refresh_from_db()
    assert not national.is_active and former.first_name != "Diganti"


def test_the_service_gives_a_national_role_only_for_a_superuser(hq_user, admin_user, office):
    from conftest import refusal

    officer = make_user("calon_pusat", role=Role.INTAKE, office=office)
    refused = refusal(staff_assign, user=officer, office=None, role=Role.HQ, by=hq_user)
    assert refused.code == "national_role" and refused.status == 403
    assert not StaffAssignment.objects.filter(user=officer, role=Role.HQ).exists()
    staff_assign(user=officer, office=None, role=Role.HQ, by=admin_user)
    assert StaffAssignment.objects.get(user=officer, role=Role.HQ).is_active


def test_a_superuser_gives_back_a_withdrawn_national_role(client_for, admin_user, office):
    former, national, at_office = withdrawn_national(Role.HQ, office)
    change = reverse("admin:accounts_user_change", args=[former.pk])
    response = client_for(admin_user).post(change, ticked_again(former, national, at_office))
    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]
    national.refresh_from_db()
    assert national.is_active


def test_headquarters_still_manages_a_former_national_officer_now_at_an_office(
    setup_client, office
):
    former, _national, _at_office = withdrawn_national(Role.HQ, office)
    password = reverse("admin:auth_user_password_change", args=[former.pk])
    assert setup_client.get(password).status_code == 200


def just_registered() -> User:
    from paspor.booking import services

    return services.account_register(
        email="siti@example.com", password="rahasia-siti-2026", full_name="Siti"
    )


def profiles_all_removed() -> User:
    from paspor.booking import services

    account = just_registered()
    profile = services.profile_add(
        account=account,
        nik="6104014101900001",
        full_name="Siti Rahmawati",
        sex="F",
        birth_date=dt.date(1990, 1, 1),
        birth_place="Ketapang",
    )
    services.profile_delete(profile=profile)  # never booked: deleted, not kept
    return account


def made_without_a_role() -> User:
    return User.objects.create_user("tanpa.peran", password=PASSWORD)


@pytest.mark.parametrize("account", [just_registered, profiles_all_removed, made_without_a_role])
def test_headquarters_does_not_change_an_account_that_is_no_offices_staff(setup_client, account):
    """An applicant's account is theirs whether or not it has a profile: one just registered,
    or whose profiles were all deleted, has none. Nor is an account with no role at an office
    an office's staff: a superuser gives it a role, or the setup team gives one as it makes
    the account."""
    user = account()
    change = reverse("admin:accounts_user_change", args=[user.pk])
    assert 'name="_save"' not in setup_client.get(change).content.decode()  # read only
    assert setup_client.post(change, change_post(user, email="calo@example.com")).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[user.pk])
    assert setup_client.get(password).status_code == 403
    new = {"password1": "Baru-Sekali-2026!", "password2": "Baru-Sekali-2026!"}
    assert setup_client.post(password, new | {"usable_password": "true"}).status_code == 403
    user.refresh_from_db()
    assert not user.check_password("Baru-Sekali-2026!") and user.email != "calo@example.com"
