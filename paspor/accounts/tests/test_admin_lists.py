"""The administrator's lists of people and certifications speak the reader's language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from conftest import make_user
from paspor.accounts.models import Role
from paspor.offices.models import StationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("language", "office_filter", "national", "holder"),
    [("id", "Berdasarkan kantor", "nasional", "Pengguna"), ("en", "By office", "national", "User")],
)
def test_the_staff_and_certification_lists_name_their_columns_and_filters(
    admin_client, office, language, office_filter, national, holder
) -> None:
    make_user("petugas_loket", role=Role.INTAKE, office=office, stations=(StationType.INTAKE,))
    make_user("ditjen", role=Role.HQ)
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    people = admin_client.get("/admin/accounts/user/").content.decode()
    assert office_filter in _text(people)
    assert re.search(rf'assignments__office__isnull=True"[^>]*>\s*{national}\s*<', people)

    certificates = admin_client.get("/admin/accounts/certification/").content.decode()
    headers = re.findall(
        r'<th scope="col" class="[^"]*column-(\w+)[^"]*">(.*?)</th>', certificates, re.S
    )
    names = {column: _text(cell) for column, cell in headers}
    assert holder.lower() in names["holder"].lower()
    assert "petugas_loket" in certificates
