"""Inviting to the survey and answering it: one response per ticket, anonymous."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from paspor.lib.errors import Conflict
from paspor.notifications.models import Message
from paspor.notifications.tests.factories import make_booking, make_case, make_profile, make_ticket
from paspor.surveys.models import SurveyInvitation, SurveyResponse
from paspor.surveys.services import survey_invite, survey_submit

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def ticket(office, applicant):
    booking = make_booking(office, make_profile(applicant), day=DAY)
    return make_ticket(office, number=1, day=DAY, booking=booking, status="done")


def test_a_finished_visit_gets_one_invitation_and_one_link(
    ticket, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = survey_invite(ticket=ticket)
        again = survey_invite(ticket=ticket)
    assert first == again and SurveyInvitation.objects.count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [applicant.email]
    assert reverse("surveys:answer", kwargs={"token": first.token}) in mail.outbox[0].body


def test_handover_invites_through_the_case_and_its_ticket(
    office, intake_officer, ticket, django_capture_on_commit_callbacks
):
    case = make_case(office, intake_officer, ticket=ticket, email="siti@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = survey_invite(case=case)
    assert invitation.ticket == ticket and invitation.case == case
    assert mail.outbox[0].to == ["siti@example.com"]
    assert survey_invite(ticket=ticket) == invitation  # the visit is the same: no second survey


def test_a_walk_in_whose_visit_ends_is_invited_at_the_contact_given_at_intake_in_its_language(
    office, intake_officer, django_capture_on_commit_callbacks
):
    walk_in = make_ticket(office, number=2, day=DAY, status="done")
    case = make_case(
        office, intake_officer, ticket=walk_in, email="budi@example.com", language="en"
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation = survey_invite(ticket=walk_in)  # the last counter finished the ticket
    assert invitation.case == case
    message = Message.objects.get(template="survey_invite")
    assert message.to_address == "budi@example.com" and message.language == "en"
    # The handover later finds the same visit's invitation: no second survey, no second link.
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_invite(case=case) == invitation
    assert Message.objects.filter(template="survey_invite").count() == 1


def test_a_walk_in_without_an_application_gets_its_survey_on_the_slip_only(office):
    walk_in = make_ticket(office, number=3, day=DAY, status="done")
    assert survey_invite(ticket=walk_in).case is None
    assert not Message.objects.filter(template="survey_invite").exists()


def test_a_case_without_a_ticket_is_invited_once(office, intake_officer):
    case = make_case(office, intake_officer)
    assert survey_invite(case=case) == survey_invite(case=case)
    assert Message.objects.filter(template="survey_invite").count() == 1


def test_one_response_per_ticket_is_enforced_by_the_service_and_the_database(ticket):
    invitation = survey_invite(ticket=ticket)
    survey_submit(invitation=invitation, answers=[4] * 9, comment="Cepat")
    with pytest.raises(Conflict):
        survey_submit(invitation=invitation, answers=[1] * 9)
    with pytest.raises(IntegrityError):
        SurveyResponse.objects.create(
            invitation=invitation,
            office=invitation.office,
            answered_on=DAY,
            **{f"u{n}": 2 for n in range(1, 10)},
        )


def test_answers_outside_one_to_four_are_refused_by_the_database(ticket):
    invitation = survey_invite(ticket=ticket)
    with pytest.raises(IntegrityError):
        SurveyResponse.objects.create(
            invitation=invitation,
            office=invitation.office,
            answered_on=DAY,
            **{f"u{n}": 5 for n in range(1, 10)},
        )


def test_the_survey_page_records_answers_and_thanks(client, ticket):
    invitation = survey_invite(ticket=ticket)
    url = reverse("surveys:answer", kwargs={"token": invitation.token})
    page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count("<fieldset") == 9
    incomplete = client.post(url, {"u1": "4"})
    assert (
        incomplete.status_code == 400 and "Pilih salah satu jawaban." in incomplete.content.decode()
    )
    answers = {f"u{n}": str(1 + n % 4) for n in range(1, 10)}
    response = client.post(url, {**answers, "comment": "Petugas ramah"})
    assert response.status_code == 302 and response["Location"].endswith("/terima-kasih/")
    stored = SurveyResponse.objects.get()
    assert stored.answers() == tuple(1 + n % 4 for n in range(1, 10))
    assert stored.comment == "Petugas ramah"
    assert "sudah diisi" in client.get(url).content.decode()


def test_an_unknown_token_is_404_and_the_qr_code_is_an_svg(client, ticket):
    assert client.get("/survei/tidak-ada/").status_code == 404
    invitation = survey_invite(ticket=ticket)
    qr = client.get(reverse("surveys:qr", kwargs={"token": invitation.token}))
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in qr.content


@pytest.mark.parametrize(
    ("language", "title"), [("id", "Survei kepuasan"), ("en", "Satisfaction survey")]
)
def test_the_qr_code_is_a_standalone_svg_titled_in_the_readers_language(
    client, ticket, language, title
):
    from xml.etree import ElementTree

    invitation = survey_invite(ticket=ticket)
    client.cookies["django_language"] = language
    qr = client.get(reverse("surveys:qr", kwargs={"token": invitation.token}))
    svg = ElementTree.fromstring(qr.content)  # noqa: S314 - our own response, well-formed XML
    namespace = "{http://www.w3.org/2000/svg}"
    assert svg.tag == f"{namespace}svg"  # without xmlns an <img> or a browser shows nothing
    found = svg.find(f"{namespace}title")
    assert found is not None and found.text == title
    assert svg.find(f"{namespace}path") is not None


def test_thanks_for_a_survey_not_yet_answered_leads_back_to_the_survey(client, ticket):
    invitation = survey_invite(ticket=ticket)
    thanks = reverse("surveys:thanks", kwargs={"token": invitation.token})
    response = client.get(thanks)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:answer", kwargs={"token": invitation.token})
    survey_submit(invitation=invitation, answers=[3] * 9)
    page = client.get(thanks)
    assert page.status_code == 200 and "Terima kasih atas penilaian Anda" in page.content.decode()


def test_the_complaint_link_after_the_survey_already_names_the_office(client, ticket):
    """Thanks, or "already answered": the complaint form opens on the visited office, as from
    an expired link, instead of asking a tired applicant to find it among every office."""
    invitation = survey_invite(ticket=ticket)
    survey_submit(invitation=invitation, answers=[3] * 9)
    form = f'href="/pengaduan/?kantor={ticket.office.code}"'
    thanks = client.get(reverse("surveys:thanks", kwargs={"token": invitation.token}))
    assert form in thanks.content.decode()
    answered = client.get(reverse("surveys:answer", kwargs={"token": invitation.token}))
    assert "sudah diisi" in answered.content.decode() and form in answered.content.decode()
    chosen = client.get(f"/pengaduan/?kantor={ticket.office.code}").content.decode()
    assert f'<option value="{ticket.office.code}" selected>' in chosen


def test_the_api_takes_one_answer_per_invitation(client, ticket):
    invitation = survey_invite(ticket=ticket)
    url = f"/api/surveys/responses/{invitation.token}"
    assert (
        client.post(url, {"answers": [3] * 8}, content_type="application/json").status_code == 400
    )
    assert (
        client.post(url, {"answers": [3] * 9}, content_type="application/json").status_code == 201
    )
    assert (
        client.post(url, {"answers": [3] * 9}, content_type="application/json").status_code == 409
    )


def test_the_apis_refusals_speak_the_callers_language(client, ticket):
    invitation = survey_invite(ticket=ticket)
    url = f"/api/surveys/responses/{invitation.token}"

    def post(answers, language):
        return client.post(
            url,
            {"answers": answers},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )

    assert post([3] * 8, "en").json()["detail"] == "All nine questions must be answered."
    assert post([3] * 8, "id").json()["detail"] == "Semua sembilan pertanyaan wajib dijawab."
    assert post([3] * 8 + [5], "en").json()["detail"] == "Each answer is a value from 1 to 4."
    assert post([3] * 9, "en").status_code == 201
    refused = post([3] * 9, "en")
    assert refused.status_code == 409
    assert "already been answered" in refused.json()["detail"]


def test_the_api_refuses_a_comment_the_form_would_refuse_and_keeps_nothing(client, ticket):
    invitation = survey_invite(ticket=ticket)
    url = f"/api/surveys/responses/{invitation.token}"
    for comment, words in (
        ("x" * 2001, "terlalu panjang"),
        ("kursi\x00kurang", "karakter kendali"),
    ):
        refused = client.post(
            url, {"answers": [3] * 9, "comment": comment}, content_type="application/json"
        )
        assert refused.status_code == 422 and words in refused.json()["message"]
    # Nothing was kept: the one answer the invitation allows is still to be given.
    assert (
        client.post(url, {"answers": [3] * 9}, content_type="application/json").status_code == 201
    )


def test_the_ikm_api_refuses_a_period_that_ends_before_it_starts(client_for, head_of_office):
    refused = client_for(head_of_office).get(
        "/api/surveys/offices/ketapang/ikm?start=2026-03-31&end=2026-03-01"
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "Tanggal awal tidak boleh setelah tanggal akhir.",
        "code": "period",
    }


@pytest.mark.parametrize(
    ("language", "first_question", "best_cost_answer"),
    [
        ("id", "Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?", "Gratis"),
        ("en", "How well do the requirements fit the service?", "Free"),
    ],
)
def test_the_api_gives_the_questions_an_answer_is_made_of(
    client, ticket, language, first_question, best_cost_answer
):
    response = client.get("/api/surveys/questions", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    questions = response.json()
    assert [question["element"] for question in questions] == list(range(1, 10))
    assert questions[0]["question"] == first_question
    assert [answer["value"] for answer in questions[3]["answers"]] == [1, 2, 3, 4]
    assert questions[3]["answers"][3]["label"] == best_cost_answer
    # The values are what POST /responses/{token} takes, in this order.
    answers = [question["answers"][-1]["value"] for question in questions]
    token = survey_invite(ticket=ticket).token
    sent = client.post(
        f"/api/surveys/responses/{token}", {"answers": answers}, content_type="application/json"
    )
    assert sent.status_code == 201


@pytest.mark.parametrize("slip", [True, "4", 4.0])
def test_a_rating_that_is_not_a_number_is_refused_not_counted_in_the_index(client, ticket, slip):
    """`true` would otherwise enter the office's IKM as the rating 1 ("not appropriate")."""
    invitation = survey_invite(ticket=ticket)
    url = f"/api/surveys/responses/{invitation.token}"
    refused = client.post(url, {"answers": [slip] * 9}, content_type="application/json")
    assert refused.status_code == 422
    assert "answers.0 harus bilangan bulat" in refused.json()["message"]
    assert not SurveyResponse.objects.filter(invitation=invitation).exists()
    sent = client.post(url, {"answers": [4] * 9}, content_type="application/json")
    assert sent.status_code == 201


def test_an_unknown_survey_link_is_said_as_such(client, office):
    refused = client.post(
        "/api/surveys/responses/tidak-ada", {"answers": [4] * 9}, content_type="application/json"
    )
    assert refused.status_code == 404
    assert refused.json() == {
        "detail": "Tautan survei ini tidak dikenal. Buka tautan lengkap dari pesan yang Anda "
        "terima.",
        "code": "not_found",
    }


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("id", "Buka tautan lengkap dari pesan yang Anda terima."),
        ("en", "Open the whole link from the message you received."),
    ],
)
def test_a_survey_link_cut_short_says_to_open_the_whole_link(client, ticket, language, words):
    token = survey_invite(ticket=ticket).token
    client.cookies["django_language"] = language
    for url in (f"/survei/{token[:-4]}/", f"/survei/{token[:-4]}/terima-kasih/"):
        response = client.get(url)
        assert response.status_code == 404
        page = response.content.decode()
        assert words in page and reverse("notifications:status") in page


def test_a_refused_suggestion_is_said_at_its_field_not_as_an_unanswered_question(client, ticket):
    invitation = survey_invite(ticket=ticket)
    url = reverse("surveys:answer", kwargs={"token": invitation.token})
    answers = {f"u{n}": "4" for n in range(1, 10)}
    response = client.post(url, {**answers, "comment": "x" * 2001})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Masih ada pertanyaan yang belum dijawab." not in page
    assert 'id="id_comment_error"' in page and 'aria-describedby="id_comment_error"' in page
    assert page.count("checked") == 9  # the answers given are kept
    assert not SurveyResponse.objects.exists()
