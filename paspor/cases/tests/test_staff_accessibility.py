"""The staff pages as a screen reader meets a refused form: the field the refusal is about is
marked invalid and names, in aria-describedby, the element that says why; a group of radios
names its mistake on the group. The browser-side checks (axe, focus, keyboard) are in
test_staff_accessibility_browser.py."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from paspor.cases.tests.conftest import open_case
from paspor.cases.tests.test_suspension import lost_case_awaiting

pytestmark = pytest.mark.django_db

VOID = {"input", "img", "br", "hr", "meta", "link", "source", "wbr", "col", "area", "base"}


class _Page(HTMLParser):
    """Each element's attributes, and the text inside each element that has an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.elements.append((tag, found))
        if tag in VOID:
            return
        self._open.append(found.get("id"))
        if found.get("id"):
            self.text.setdefault(found["id"], "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for element_id in filter(None, self._open):
            self.text[element_id] += data


def parsed(body: str) -> _Page:
    page = _Page()
    page.feed(body)
    return page


def described(body: str, **attributes: str) -> tuple[dict[str, str], str]:
    """The one element with these attributes, and the text its aria-describedby names (every
    id it names must be on the page)."""
    page = parsed(body)
    matches = [
        attrs
        for _tag, attrs in page.elements
        if all(attrs.get(key.rstrip("_")) == value for key, value in attributes.items())
    ]
    assert len(matches) == 1, (attributes, matches)
    ids = matches[0].get("aria-describedby", "").split()
    missing = [i for i in ids if i not in page.text]
    assert not missing, f"aria-describedby names ids not on the page: {missing}"
    return matches[0], " ".join(" ".join(page.text[i].split()) for i in ids)


def invalid_and_says(body: str, message: str, **attributes: str) -> bool:
    attrs, said = described(body, **attributes)
    return attrs.get("aria-invalid") == "true" and message in said


def _step(case, action: str) -> str:
    return reverse("cases:step", args=[case.office.code, case.code, action])


def test_a_refused_old_passport_number_is_said_at_the_number(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    response = client_for(intake_officer).post(
        _step(case, "paspor-lama"), {"passport-number": "!!!"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert invalid_and_says(
        body,
        "Nomor paspor lama: huruf dan angka, paling banyak 9.",
        name="passport-number",
    )


def test_a_refused_old_passport_mrz_is_said_at_its_first_line(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    response = client_for(intake_officer).post(
        _step(case, "paspor-lama"),
        {"passport-mrz_line1": "P<IDNX" + "<" * 38, "passport-mrz_line2": "1" * 44},
    )
    assert response.status_code == 400
    assert invalid_and_says(response.content.decode(), "MRZ tidak sah", name="passport-mrz_line1")


def test_an_interview_without_a_recommendation_names_the_mistake_on_the_group(
    at_interview, biometrics_officer, client_for
):
    form = {
        "interview-purpose": "tourism",
        "interview-destination": "Jepang",
        "interview-trip_paid_by": "self",
    }
    response = client_for(biometrics_officer).post(_step(at_interview, "wawancara"), form)
    assert response.status_code == 400
    body = response.content.decode()
    assert described(body, class_="recommendation")[1] == "Bidang ini tidak boleh kosong."
    # Unrefused, the group names nothing.
    page = client_for(biometrics_officer).get(
        reverse("cases:detail", args=[at_interview.office.code, at_interview.code])
    )
    assert described(page.content.decode(), class_="recommendation")[1] == ""


@pytest.mark.parametrize(
    ("decision", "months", "message"),
    [
        ("reject", "25", "Lama penangguhan 6 sampai 24 bulan."),
        ("approve", "6", "Penangguhan penerbitan hanya bersama penolakan permohonan."),
    ],
)
def test_a_refused_suspension_is_said_at_its_months(
    office, intake_officer, biometrics_officer, supervisor, client_for, decision, months, message
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    response = client_for(supervisor).post(
        _step(case, "putusan"),
        {
            "decision-decision": decision,
            "decision-reason": "Kelalaian",
            "decision-suspend_months": months,
        },
    )
    assert response.status_code in (400, 409)
    assert invalid_and_says(response.content.decode(), message, name="decision-suspend_months")
