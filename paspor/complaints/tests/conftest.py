import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Attachments that open: a file only starting like a PDF or an image is refused as damaged.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image(ext: str = ".png", width: int = 32, height: int = 24) -> bytes:
    import cv2
    import numpy as np

    ok, encoded = cv2.imencode(ext, np.full((height, width, 3), 180, np.uint8))
    assert ok
    return encoded.tobytes()
