"""The queue rules in the admin are named by their office, not by a row number ("1")."""

import html

import pytest
from django.urls import reverse

from paspor.queueing.models import QueuePolicy

pytestmark = pytest.mark.django_db


def test_an_offices_queue_rules_are_named_by_the_office(client_for, admin_user, office):
    policy = QueuePolicy.objects.create(office=office)
    client = client_for(admin_user)
    page = html.unescape(
        client.get(reverse("admin:queueing_queuepolicy_change", args=[policy.pk])).content.decode()
    )
    assert f"<h2>{office.name}</h2>" in page
    assert f"<title>{office.name} |" in page
