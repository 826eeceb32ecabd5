"""The API's documentation page works without the internet: Swagger UI comes from the site."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_api_docs_page_loads_only_the_sites_own_files():
    page = Client().get("/api/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui.css" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no CDN, no other host


def test_collectstatic_finds_the_swagger_files():
    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(name), name
