"""The collector's signature at the handover: a small PNG claiming a gigapixel is refused on its
header, before its ink is counted (decoding it took 8 s and 2 GB per submit)."""

import pytest

from paspor.issuance.services.handover import (
    HandoverRefused,
    _check_signature,
    signature_ink_pixels,
)
from paspor.issuance.tests.conftest import signature_png
from paspor.lib.tests.test_image_limits import bomb_png, no_decoding  # noqa: F401


def test_a_signature_claiming_a_gigapixel_is_refused_without_decoding(no_decoding):  # noqa: F811
    with pytest.raises(HandoverRefused, match="Gambar terlalu besar") as refused:
        _check_signature(bomb_png())
    assert refused.value.codes == ["signature_too_large"]
    assert signature_ink_pixels(bomb_png()) == 0


def test_a_signature_of_a_normal_size_still_counts_its_ink():
    _check_signature(signature_png())
    assert signature_ink_pixels(signature_png()) > 0
