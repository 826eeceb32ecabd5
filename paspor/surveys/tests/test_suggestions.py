"""The respondents' suggestions: free text from anyone with a survey link, read by the head of
office on the report page and in the workbook."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from paspor.offices.models import Office
from paspor.surveys.exports import ikm_report_xlsx
from paspor.surveys.models import SurveyResponse
from paspor.surveys.selectors import COMMENTS_SHOWN, ikm_report
from paspor.surveys.services import survey_invite, survey_submit
from paspor.surveys.tests.test_ikm_report import DAY, store

pytestmark = pytest.mark.django_db
REPORT = "/survei/kantor/ketapang/ikm/"
PERIOD = {"dari": DAY.isoformat(), "sampai": DAY.isoformat()}


def workbook_of(client, **query):
    response = client.get(REPORT.replace("/ikm/", "/ikm.xlsx"), {**PERIOD, **query})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_a_suggestion_written_as_a_formula_stays_text_in_the_workbook(
    client_for, head_of_office, office, intake_officer
):
    store(office, intake_officer, [[3] * 9])
    formula = '=HYPERLINK("https://contoh.example/","Klik di sini")'
    SurveyResponse.objects.update(comment=formula)
    cell = workbook_of(client_for(head_of_office))["Saran"]["A2"]
    assert cell.value == formula and cell.data_type == "s"  # not "f": Excel shows it as typed


def test_an_office_named_like_a_formula_stays_text_in_the_workbook(
    client_for, head_of_office, office
):
    """The office's name heads the summary as typed by an administrator, never as a formula."""
    formula = '=HYPERLINK("http://x.example/","klik")'
    Office.objects.filter(pk=office.pk).update(name=formula)
    response = client_for(head_of_office).get(REPORT.replace("/ikm/", "/ikm.xlsx"), PERIOD)
    cell = load_workbook(io.BytesIO(response.content))["IKM"]["B2"]
    assert (cell.value, cell.data_type) == (formula, "s")
    summary_xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>HYPERLINK" not in summary_xml  # the sheet's own sums stay formulas


def test_a_control_character_pasted_into_a_suggestion_is_dropped_and_cannot_break_the_workbook(
    client, client_for, head_of_office, office, intake_officer
):
    from paspor.notifications.tests.factories import make_case

    invitation = survey_invite(case=make_case(office, intake_officer))
    answers = {f"u{n}": "3" for n in range(1, 10)}
    sent = client.post(
        f"/survei/{invitation.token}/", {**answers, "comment": "Kursi\x0bkurang\r\nbanyak\x01"}
    )
    assert sent.status_code == 302
    assert SurveyResponse.objects.get().comment == "Kursikurang\nbanyak"
    # One stored before the survey dropped them must not break the head's download either.
    SurveyResponse.objects.update(answered_on=DAY, comment="Antrean\x01 lama")
    assert workbook_of(client_for(head_of_office))["Saran"]["A2"].value == "Antrean lama"


def test_the_workbook_holds_every_suggestion_and_the_page_says_it_shows_the_latest(
    client_for, head_of_office, office, intake_officer
):
    total = COMMENTS_SHOWN + 2
    store(office, intake_officer, [[3] * 9] * total)
    for number, response in enumerate(SurveyResponse.objects.order_by("pk"), start=1):
        response.comment = f"Saran {number}"
        response.save(update_fields=["comment"])
    client = client_for(head_of_office)
    page = client.get(REPORT, PERIOD).content.decode()
    assert page.count("<li>Saran ") == COMMENTS_SHOWN
    assert f"{COMMENTS_SHOWN} saran terbaru dari {total}; semuanya ada di XLSX." in page
    sheet = workbook_of(client)["Saran"]
    written = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(written) == sorted(f"Saran {n}" for n in range(1, total + 1))


def test_a_period_with_few_suggestions_shows_them_all_without_a_note(
    client_for, head_of_office, office, intake_officer
):
    store(office, intake_officer, [[3] * 9])
    SurveyResponse.objects.update(comment="Parkir sempit")
    report = ikm_report(office=office, start=DAY, end=DAY)
    assert (report.comments, report.comment_count, report.comments_cut) == (
        ["Parkir sempit"],
        1,
        False,
    )
    page = client_for(head_of_office).get(REPORT, PERIOD).content.decode()
    assert "Parkir sempit" in page and "saran terbaru dari" not in page
    data = ikm_report_xlsx(report, [])
    assert load_workbook(io.BytesIO(data))["Saran"]["A2"].value == "Parkir sempit"


def test_the_service_stores_a_suggestion_without_invisible_characters(office, intake_officer):
    from paspor.notifications.tests.factories import make_case

    invitation = survey_invite(case=make_case(office, intake_officer))
    stored = survey_submit(invitation=invitation, answers=[4] * 9, comment="  Ramah\x1b\tcepat\r ")
    assert stored.comment == "Ramah\tcepat"
