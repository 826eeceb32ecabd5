"""The automatic passport-photo checks (STANDARDS.md §9) on generated photos.

A Haar detector needs a real face, so every photo here is built from the NASA portrait that
scikit-image ships inside its wheel (``skimage.data.astronaut``, no download): the head is cut
out of its backdrop and pasted, scaled and placed, on a plain canvas. Each faulty photo changes
one thing from the good one and must fail exactly the check(s) that thing breaks.
"""

import functools
from dataclasses import replace

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")
skimage_data = pytest.importorskip("skimage.data")

from paspor.lib.photo_quality import (  # noqa: E402
    DEFAULT_THRESHOLDS,
    CheckResult,
    PhotoReport,
    check_photo,
    make_print_version,
    make_thumbnail,
)

ALL_CODES = [
    "face_count",
    "head_height",
    "face_centred",
    "eye_line",
    "eye_distance",
    "head_tilt",
    "brightness",
    "contrast",
    "face_lighting",
    "sharpness",
    "background_light",
    "background_plain",
    "background_shadow",
]

# Landmarks of the cut-out (rows 0–225, columns 100–350 of the 512×512 portrait), marked by hand:
# crown ignoring hair (the chin mirrored about the eye line), chin, eye line, pupils midpoint.
CROWN_Y, CHIN_Y, EYE_Y, CENTRE_X = 26.5, 177.5, 102.0, 124.5
WHITE = (255, 255, 255)
WIDTH, HEIGHT = 480, 531


@functools.cache
def _cutout() -> tuple[np.ndarray, np.ndarray]:
    """The head and collar with a mask that drops the grey studio backdrop.

    The backdrop is nearly colourless, while skin, hair and suit are not: pixels far from the
    backdrop's chroma are the subject; each row is then filled between its outermost subject
    pixels so the dark collar and turtleneck stay in.
    """
    portrait = cv2.cvtColor(skimage_data.astronaut(), cv2.COLOR_RGB2BGR)
    crop = portrait[0:225, 100:350]
    chroma = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.float32)[:, :, 1:]
    corners = np.concatenate([chroma[0:10].reshape(-1, 2), chroma[0:120, 0:12].reshape(-1, 2)])
    mask = (np.linalg.norm(chroma - corners.mean(axis=0), axis=2) > 7).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    mask = (labels == 1 + np.argmax(stats[1:, cv2.CC_STAT_AREA])).astype(np.uint8)
    for row in mask:
        filled = np.flatnonzero(row)
        if filled.size:
            row[filled[0] : filled[-1] + 1] = 1
    return crop, mask


def _portrait(
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    head: float = 0.75,
    centre: float = 0.5,
    eye_line: float = 57.0,
    canvas: np.ndarray | None = None,
) -> np.ndarray:
    """Paste the head so chin-to-crown is ``head`` of the height, its centre at ``centre`` of
    the width and its eye line ``eye_line`` % of the height above the bottom edge."""
    crop, mask = _cutout()
    scale = head * height / (CHIN_Y - CROWN_Y)
    crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    mask = cv2.resize(mask, (crop.shape[1], crop.shape[0]), interpolation=cv2.INTER_NEAREST)
    photo = np.full((height, width, 3), WHITE, np.uint8) if canvas is None else canvas.copy()
    top = round(height * (1 - eye_line / 100) - EYE_Y * scale)
    left = round(centre * width - CENTRE_X * scale)
    rows, cols = np.nonzero(mask)
    inside = (rows + top >= 0) & (rows + top < height) & (cols + left >= 0) & (cols + left < width)
    photo[rows[inside] + top, cols[inside] + left] = crop[rows[inside], cols[inside]]
    return photo


def _jpeg(image: np.ndarray) -> bytes:
    """Encoded as the capture station stores it: high-quality JPEG."""
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 95])
    assert ok
    return bytes(encoded)


def _decode(data: bytes) -> np.ndarray:
    return np.asarray(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR))


def _failed(report: PhotoReport) -> set[str]:
    return {check.code for check in report.checks if not check.passed}


def _check(report: PhotoReport, code: str) -> CheckResult:
    return next(check for check in report.checks if check.code == code)


@pytest.fixture(scope="module")
def good_photo() -> np.ndarray:
    return _portrait()


def test_good_photo_passes_every_check(good_photo: np.ndarray) -> None:
    report = check_photo(_jpeg(good_photo))
    assert [check.code for check in report.checks] == ALL_CODES
    assert _failed(report) == set()
    assert report.passed


def test_every_check_shows_its_value_beside_its_limit(good_photo: np.ndarray) -> None:
    report = check_photo(_jpeg(good_photo))
    for check in report.checks:
        assert check.label_id and check.label_en and check.limit
        assert isinstance(check.value, float)
    assert _check(report, "head_height").limit == "70–80 %"
    assert _check(report, "face_centred").limit == "±5 %"
    assert _check(report, "eye_line").limit == "50–70 %"
    assert _check(report, "eye_distance").limit == "≥ 90 px"


def test_good_photo_measures_where_it_was_built(good_photo: np.ndarray) -> None:
    report = check_photo(_jpeg(good_photo))
    assert _check(report, "head_height").value == pytest.approx(75, abs=2)
    assert _check(report, "face_centred").value == pytest.approx(0, abs=1)
    assert _check(report, "eye_line").value == pytest.approx(57, abs=1)


@pytest.mark.parametrize(
    "data",
    [b"", b"not an image at all", b"\xff\xd8\xff\xe0" + b"\x00" * 64, bytes(range(256)) * 8],
    ids=["empty", "text", "truncated-jpeg", "noise"],
)
def test_unreadable_file_gives_one_failed_check(data: bytes) -> None:
    report = check_photo(data)
    assert len(report.checks) == 1
    assert report.checks[0].label_id == "Berkas bukan gambar yang dapat dibaca"
    assert report.checks[0].value is None
    assert not report.passed


def _landscape() -> np.ndarray:
    sky = np.linspace(255, 170, HEIGHT // 2, dtype=np.float32)[:, None] * np.ones(WIDTH)
    photo = np.zeros((HEIGHT, WIDTH, 3), np.uint8)
    photo[: HEIGHT // 2] = np.stack([sky, sky * 0.85, sky * 0.6], axis=2).astype(np.uint8)
    photo[HEIGHT // 2 :] = (40, 140, 60)
    cv2.circle(photo, (360, 90), 40, (120, 230, 255), -1)
    return photo


@pytest.mark.parametrize(
    "photo",
    [np.full((HEIGHT, WIDTH, 3), WHITE, np.uint8), _landscape()],
    ids=["plain-white", "landscape"],
)
def test_photo_without_a_face_fails_the_face_count(photo: np.ndarray) -> None:
    report = check_photo(_jpeg(photo))
    assert [check.code for check in report.checks] == ["face_count"]
    assert report.checks[0].value == 0
    assert not report.passed


def test_two_people_fail_the_face_count(good_photo: np.ndarray) -> None:
    report = check_photo(_jpeg(np.hstack([good_photo, good_photo])))
    assert _failed(report) == {"face_count"}
    assert report.checks[0].value == 2


def test_blurred_photo_fails_sharpness_only(good_photo: np.ndarray) -> None:
    blurred = cv2.GaussianBlur(good_photo, (0, 0), 2.5)
    assert _failed(check_photo(_jpeg(blurred))) == {"sharpness"}


def _smeared(photo: np.ndarray, length: int, direction: str) -> np.ndarray:
    """A straight motion blur `length` px long, across, down or along the diagonal."""
    if direction == "diagonal":
        kernel = np.eye(length, dtype=np.float32)
    else:
        kernel = np.zeros((length, length), np.float32)
        if direction == "across":
            kernel[length // 2, :] = 1
        else:
            kernel[:, length // 2] = 1
    smeared = cv2.filter2D(photo, -1, kernel / kernel.sum(), borderType=cv2.BORDER_REPLICATE)
    return np.asarray(smeared)


@pytest.mark.parametrize("direction", ["across", "down", "diagonal"])
def test_motion_blur_fails_sharpness_in_every_direction(
    good_photo: np.ndarray, direction: str
) -> None:
    # 11 px is about 4 % of the face's width; the plain Laplacian, which adds the directions,
    # measured the smear across at the limit and the smear down as sharp.
    report = check_photo(_jpeg(_smeared(good_photo, 11, direction)))
    assert _failed(report) == {"sharpness"}


def test_under_exposed_photo_fails_brightness_and_background(good_photo: np.ndarray) -> None:
    dark = (good_photo.astype(np.float32) * 0.3).astype(np.uint8)
    report = check_photo(_jpeg(dark))
    # A darkened camera frame darkens the wall too; the face is still found and still sharp.
    assert _failed(report) == {"brightness", "background_light"}


def test_over_exposed_photo_fails_brightness_only(good_photo: np.ndarray) -> None:
    bright = np.clip(good_photo.astype(np.float32) * 1.6, 0, 255).astype(np.uint8)
    assert _failed(check_photo(_jpeg(bright))) == {"brightness"}


def test_washed_out_photo_fails_contrast_only(good_photo: np.ndarray) -> None:
    veiled = (good_photo.astype(np.float32) * 0.2 + 170 * 0.8).astype(np.uint8)
    assert _failed(check_photo(_jpeg(veiled))) == {"contrast"}


def test_off_centre_face_fails_centring_only() -> None:
    report = check_photo(_jpeg(_portrait(centre=0.42)))
    assert _failed(report) == {"face_centred"}
    assert _check(report, "face_centred").value == pytest.approx(-8, abs=1)


def test_head_too_small_fails_head_height_only() -> None:
    # A taller canvas keeps 90 px between the eyes, so only the proportion is wrong.
    report = check_photo(_jpeg(_portrait(width=720, height=800, head=0.55)))
    assert _failed(report) == {"head_height"}
    assert _check(report, "head_height").value == pytest.approx(55, abs=2)


def test_head_too_big_fails_head_height_only() -> None:
    report = check_photo(_jpeg(_portrait(width=600, head=0.86)))
    assert _failed(report) == {"head_height"}


def test_a_small_head_on_a_white_wall_is_one_face_too_small() -> None:
    # Equalising a frame that is mostly white wall crushes a small head into a few dark grey
    # levels; the head must still be found, and fail the check that says why.
    report = check_photo(_jpeg(_portrait(width=720, height=800, head=0.4)))
    assert _failed(report) == {"head_height"}
    assert _check(report, "head_height").value == pytest.approx(40, abs=2)


# The portrait's own eye line: the eye on the image's right is about 3° lower (pupils marked by
# hand: 2.7°). Turning the photo counter-clockwise raises that eye.
OWN_TILT = -2.7
CENTRE_X_PX, EYE_Y_PX = WIDTH * 0.5, HEIGHT * (1 - 0.57)  # where _portrait() puts the eyes


def _turned(photo: np.ndarray, degrees: float) -> np.ndarray:
    """Turned counter-clockwise by `degrees` about the midpoint of the eyes, on white."""
    turn = cv2.getRotationMatrix2D((CENTRE_X_PX, EYE_Y_PX), degrees, 1.0)
    return np.asarray(cv2.warpAffine(photo, turn, (WIDTH, HEIGHT), borderValue=WHITE))


@pytest.mark.parametrize(
    ("turn", "passed"), [(3, True), (-1, True), (12, False), (-6, False)], ids=str
)
def test_a_head_tilted_to_the_side_fails_head_tilt_only(
    good_photo: np.ndarray, turn: float, passed: bool
) -> None:
    report = check_photo(_jpeg(_turned(good_photo, turn)))
    tilt = _check(report, "head_tilt")
    assert tilt.value == pytest.approx(OWN_TILT + turn, abs=1)
    assert tilt.limit == "±5°"
    assert _failed(report) == (set() if passed else {"head_tilt"})


def test_without_the_eyes_the_tilt_is_left_to_the_officer() -> None:
    # Dark lenses hide the eyes from the eye detector: the head is then placed by the face box
    # and its tilt is not measured, so the check is not reported rather than passed.
    photo = _portrait()
    scale = 0.75 * HEIGHT / (CHIN_Y - CROWN_Y)
    for side in (-1, 1):
        centre = (round(CENTRE_X_PX + side * 21.5 * scale), round(EYE_Y_PX))
        axes = (round(14 * scale), round(10 * scale))
        cv2.ellipse(photo, centre, axes, 0, 0, 360, (20, 20, 20), -1)
    report = check_photo(_jpeg(photo))
    assert _check(report, "face_count").passed
    assert "head_tilt" not in {check.code for check in report.checks}
    assert "eye_line" in {check.code for check in report.checks}


def test_eye_line_too_low_fails_eye_line_only() -> None:
    assert _failed(check_photo(_jpeg(_portrait(eye_line=45)))) == {"eye_line"}


def test_low_resolution_photo_fails_eye_distance_only() -> None:
    report = check_photo(_jpeg(_portrait(width=300, height=330)))
    assert _failed(report) == {"eye_distance"}
    assert (_check(report, "eye_distance").value or 0) < 90


def test_dark_background_fails_background_lightness_only() -> None:
    grey_wall = np.full((HEIGHT, WIDTH, 3), 90, np.uint8)
    assert _failed(check_photo(_jpeg(_portrait(canvas=grey_wall)))) == {"background_light"}


def test_cluttered_background_fails_plainness_only() -> None:
    rng = np.random.default_rng(9303)
    room = np.full((HEIGHT, WIDTH, 3), 235, np.uint8)
    for _ in range(60):
        x, y = (int(v) for v in rng.integers(0, [WIDTH, HEIGHT]))
        colour = tuple(int(c) for c in rng.integers(90, 256, size=3))
        cv2.rectangle(room, (x, y), (x + 40, y + 25), colour, -1)
    report = check_photo(_jpeg(_portrait(canvas=room)))
    assert _failed(report) == {"background_plain"}


def _subject_mask(photo: np.ndarray) -> np.ndarray:
    """Where the pasted head is on a white canvas."""
    return (photo.min(axis=2) < 250).astype(np.float32)


def test_shadow_on_one_side_of_the_face_fails_face_lighting_only(good_photo: np.ndarray) -> None:
    # The half of the face on the right keeps 80 % of the light; the wall is untouched.
    light = np.where(np.arange(WIDTH) > WIDTH / 2, 0.8, 1.0).astype(np.float32)
    light = cv2.GaussianBlur(np.repeat(light[None, :], HEIGHT, axis=0), (0, 0), 6)
    light = 1 - (1 - light) * _subject_mask(good_photo)
    shaded = np.clip(good_photo * light[:, :, None], 0, 255).astype(np.uint8)
    report = check_photo(_jpeg(shaded))
    assert _failed(report) == {"face_lighting"}
    assert (_check(report, "face_lighting").value or 0) > 12
    assert _check(report, "face_lighting").limit == "≤ 12"


def test_shadow_cast_on_the_background_fails_background_shadow_only(good_photo: np.ndarray) -> None:
    # The head's shadow, soft, 60 px aside and 20 px down, keeping 85 % of the light.
    mask = _subject_mask(good_photo)
    shift = np.array([[1, 0, 60], [0, 1, 20]], dtype=np.float32)
    shadow = cv2.warpAffine(mask, shift, (WIDTH, HEIGHT))
    shadow = cv2.GaussianBlur(shadow, (0, 0), 8)
    wall = np.repeat((255 * (1 - 0.15 * shadow)).astype(np.uint8)[:, :, None], 3, axis=2)
    report = check_photo(_jpeg(_portrait(canvas=wall)))
    assert _failed(report) == {"background_shadow"}
    assert (_check(report, "background_shadow").value or 0) > 6


@pytest.mark.parametrize(
    ("photo", "code", "passed"),
    [
        # ±5 % of the width: the face's centre 4 % and 6 % off the middle.
        ({"centre": 0.46}, "face_centred", True),
        ({"centre": 0.54}, "face_centred", True),
        ({"centre": 0.44}, "face_centred", False),
        ({"centre": 0.56}, "face_centred", False),
        # 70–80 % of the height, chin to crown.
        ({"width": 700, "height": 800, "head": 0.68}, "head_height", False),
        ({"width": 700, "height": 800, "head": 0.72}, "head_height", True),
        ({"width": 700, "height": 800, "head": 0.78}, "head_height", True),
        ({"width": 700, "height": 800, "head": 0.82}, "head_height", False),
        # 50–70 % of the height from the bottom.
        ({"head": 0.72, "eye_line": 48}, "eye_line", False),
        ({"head": 0.72, "eye_line": 52}, "eye_line", True),
        ({"head": 0.72, "eye_line": 68}, "eye_line", True),
        ({"head": 0.72, "eye_line": 72}, "eye_line", False),
        # At least 90 px between the eye centres: about 89 and 91 px.
        ({"width": 369, "height": 410}, "eye_distance", False),
        ({"width": 378, "height": 420}, "eye_distance", True),
    ],
)
def test_each_position_rule_holds_just_inside_and_fails_just_outside(
    photo: dict[str, float], code: str, passed: bool
) -> None:
    report = check_photo(_jpeg(_portrait(**photo)))  # type: ignore[arg-type]
    assert _check(report, code).passed is passed
    assert _failed(report) == (set() if passed else {code})


def test_a_value_shown_equal_to_its_limit_passes(good_photo: np.ndarray) -> None:
    # Limits are inclusive, and the officer reads the rounded value: set every limit to the
    # value the report shows and every check must still pass.
    shown = {c.code: c.value or 0.0 for c in check_photo(_jpeg(good_photo)).checks}
    at_limits = replace(
        DEFAULT_THRESHOLDS,
        head_min_pct=shown["head_height"],
        centre_tolerance_pct=abs(shown["face_centred"]),
        eye_line_max_pct=shown["eye_line"],
        eye_distance_min_px=shown["eye_distance"],
        head_tilt_max_deg=abs(shown["head_tilt"]),
        brightness_max=shown["brightness"],
        contrast_min=shown["contrast"],
        face_lighting_max=shown["face_lighting"],
        sharpness_min=shown["sharpness"],
        background_lightness_min=shown["background_light"],
    )
    report = check_photo(_jpeg(good_photo), at_limits)
    assert _failed(report) == set(), [(c.code, c.value, c.limit) for c in report.checks]


def test_large_capture_is_measured_in_its_own_pixels() -> None:
    report = check_photo(_jpeg(_portrait(width=1800, height=2000)))
    assert report.passed
    assert (_check(report, "eye_distance").value or 0) > 400


def test_thresholds_are_configurable(good_photo: np.ndarray) -> None:
    strict = replace(DEFAULT_THRESHOLDS, eye_distance_min_px=150, head_tilt_max_deg=2)
    report = check_photo(_jpeg(good_photo), strict)
    assert _failed(report) == {"eye_distance", "head_tilt"}
    assert _check(report, "eye_distance").limit == "≥ 150 px"
    assert _check(report, "head_tilt").limit == "±2°"


def test_report_passes_only_when_every_check_passes() -> None:
    ok = CheckResult("a", "a", "a", 1.0, "≥ 1", True)
    failed = CheckResult("b", "b", "b", 0.0, "≥ 1", False)
    assert PhotoReport(checks=[ok]).passed
    assert not PhotoReport(checks=[ok, failed]).passed
    assert not PhotoReport(checks=[]).passed


def test_print_version_is_35_by_45_and_passes_the_checks(good_photo: np.ndarray) -> None:
    printed = make_print_version(_jpeg(good_photo))
    assert printed[:3] == b"\xff\xd8\xff"
    assert _decode(printed).shape == (531, 413, 3)
    report = check_photo(printed)
    assert report.passed, [c for c in report.checks if not c.passed]
    assert _check(report, "head_height").value == pytest.approx(75, abs=2)


def test_print_version_frames_an_off_centre_small_head() -> None:
    loose = _portrait(width=900, height=900, head=0.5, centre=0.35)
    report = check_photo(make_print_version(_jpeg(loose)))
    assert report.passed, [c for c in report.checks if not c.passed]


def test_print_version_without_a_face_is_a_centre_crop() -> None:
    printed = make_print_version(_jpeg(_landscape()), width=350, height=450)
    assert _decode(printed).shape == (450, 350, 3)


def test_print_version_refuses_unreadable_data() -> None:
    with pytest.raises(ValueError):
        make_print_version(b"not an image")


def test_thumbnail_fits_the_square_and_keeps_the_aspect(good_photo: np.ndarray) -> None:
    thumbnail = _decode(make_thumbnail(_jpeg(good_photo)))
    assert thumbnail.shape == (160, round(160 * WIDTH / HEIGHT), 3)
    assert _decode(make_thumbnail(_jpeg(good_photo), size=64)).shape[0] == 64


def test_thumbnail_does_not_enlarge_a_small_photo() -> None:
    small = np.full((80, 100, 3), 200, np.uint8)
    assert _decode(make_thumbnail(_jpeg(small))).shape == (80, 100, 3)


def test_thumbnail_refuses_unreadable_data() -> None:
    with pytest.raises(ValueError):
        make_thumbnail(b"")
