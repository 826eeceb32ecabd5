import pytest

from conftest import make_user
from paspor.accounts.models import Role
from paspor.issuance.demo import seed_issuance_demo
from paspor.issuance.models import Booklet, BookletKind
from paspor.issuance.selectors import available_booklets


@pytest.mark.django_db
def test_demo_stock_is_seeded_once(office):
    make_user("cetak", role=Role.PRINT_QC, office=office)
    seed_issuance_demo(office)
    seed_issuance_demo(office)
    assert available_booklets(office, BookletKind.ELECTRONIC) == 200
    assert Booklet.objects.count() == 300
