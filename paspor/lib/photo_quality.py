"""Automatic quality checks for passport photos (STANDARDS.md §9).

The rules come from ICAO Doc 9303 part 3 §3.9 and the ICAO portrait guidelines built on
ISO/IEC 19794-5: exactly one full-frontal face; head from chin to crown (the top of the skull,
ignoring any hair) 70–80 % of the image height; face centred horizontally; eye line between
50 % and 70 % of the height from the bottom; at least 90 pixels between the eye centres; a plain,
light, uniform background without shadows; no shadow on the face; even exposure; no blur.
Every number is a field of :class:`PhotoThresholds`, so headquarters can change a rule without
touching the code, and every check reports the measured value beside its limit so the officer
can judge borderline cases: the checks advise, the officer decides.

The module is deliberately pure Python + OpenCV + numpy (no Django) so that the capture station,
the web upload and batch re-checks share one implementation.

Face and eyes are found with the Haar cascades that ship inside ``opencv-python-headless``
(``haarcascade_frontalface_default.xml`` and ``haarcascade_eye.xml``); no model is downloaded at
run time. OpenCV 5 no longer ships the cascade classifier, hence the ``<5`` pin, and the YuNet
detector that it keeps needs a model file that the wheel does not contain.

Calibration (how the numbers in :class:`PhotoThresholds` were measured)
----------------------------------------------------------------------
The frontal-face cascade draws a square from about the eyebrows to just below the mouth, which is
smaller than chin-to-crown. The factors below were measured on a photographic face that ships
inside a PyPI package and needs no download, ``skimage.data.astronaut()`` (scikit-image,
512×512, NASA portrait of Eileen Collins):

* landmarks marked by hand on the original image: top of the hair at y = 15.5, bottom of the
  chin at y = 177.5, pupils at (203, 101) and (246, 103), hair over x = 155–300;
* the crown *ignoring hair*, as Doc 9303 requires, is hidden under the hair, so it is placed by
  the anthropometric rule that the eyes sit half-way between chin and crown: crown =
  eye line − (chin − eye line) = 26.5, a head of 151 px;
* the head was cut out of its backdrop, scaled to span 60 % and 75 % of canvases 252 to
  1007 px high (12 images, scale 1.0 to 4.0), pasted on white, saved as JPEG quality 95 and
  passed through this module's own detectors. Against the known landmarks:

  - chin-to-crown is 3.46 ± 0.01 pupil distances (3.51 from the hand-marked pupils):
    ``head_per_eye_distance``, used whenever both eyes are found;
  - chin-to-crown is 1.65 ± 0.06 face-box heights (1.56–1.75: the box jitters with scale):
    ``head_per_box``, used only when the eyes are not found;
  - in box units: crown 0.44 above the box top, top of the hair 0.56 above (at most 0.62; 0.70
    keeps hair out of the background strips), eye line 0.38 below the box top, pupil distance
    0.47 box widths, hair width 1.58 box widths (at most 1.68; 1.80 used).

One face is a thin sample: faces differ, and a different head shape moves the head-height value
by a few percent. Re-measure the factors on the office's own consenting sample photos when
possible; they are thresholds like the others.

Sharpness is the variance of the Laplacian of the face box resampled to 128 px wide (so that the
value does not depend on the camera's resolution), divided by the variance of the face itself
and multiplied by 100 (so that exposure and contrast do not change it). The Laplacian adds the
second differences across and down the image, and a motion blur flattens only those along its
own direction: a face smeared 21 px up and down kept 4.9 of its 10, as sharp as a steady face
by that sum. So each direction (across, down, both diagonals) is measured on its own and the
weakest counts, times four, which puts it on the Laplacian's scale (the two agree within about
10 % on a face sharp, or blurred evenly, in every direction). On the calibration face, pasted on
white at the size of a good photo (face box 250 px), it is about 9–10 when sharp (7.3 with the
head tilted 8°), and 5.2, 3.2, 2.5, 2.0 and 1.2 after a Gaussian blur of sigma 1, 1.5, 1.75, 2
and 2.5 px (0.4 to 1 % of the face width); darkening the photo to 30 % or veiling it moves it by
about 1. A straight motion blur across or down of 5, 7, 9 and 15 px (2 to 6 % of the face width)
measures 5.0, 2.8, 1.7 and 0.7; along a diagonal, where the same number of pixels is 1.4 times
as long a smear, 2.4, 1.3, 0.8 and 0.3. The default minimum of 2.5 rejects an even blur from
about 0.7 % of the face width on and a motion blur from about 3 %, both already visibly soft on
a print.

The head's tilt to the side is the slope of the line through the two eye centres. The
calibration portrait itself is tilted by about 3° (the hand-marked pupils: 2.7°), and rotating
it by a known angle moves the measure by that angle within 0.3°. The tilt is measured only when
both eyes are found; with the eyes hidden (glasses that the eye detector misses) the check is
left out of the report and the officer judges the pose.

Exposure is judged on the inner face in CIE L*. The calibration face has a mean of 70 and a
spread of 16; darkened to 30 % it measures 21 / 5.7, brightened by 1.6× 91 / 16, and under a
light veil that keeps a fifth of its contrast 70 / 3.1.

Shadows on the face are judged by the difference of mean L* between the left and the right half
of the face from the eyes down (split at the midpoint of the eyes; the forehead is left out
because a fringe may cover one side of it). The calibration portrait is lit a little from the
image's left and measures 7.9–8.9 pasted 330 to 2000 px high, with heads of 70–80 % and
centres up to 3 % off the middle; with the half on the right in a shadow that keeps 85 % or
80 % of the light it measures 17 and 20, and with the light falling off evenly to 70 % across
the face 16. On a face lit evenly at L* 70, a maximum of 12 fails one half in a shadow of about
a third less light (0.6 of an f-stop): the default, which passes the calibration face with room
for the differences between faces.

Shadows on the background are judged on the background strips: the typical lightness (median
L*) minus the lightness of the darkest 2 % of the strips' pixels that have the wall's own
colour (chroma within ``background_shadow_chroma`` of the median, so that a coloured object is
left to the plainness check: a shadow darkens the wall, it does not change its colour). A plain
white, grey or light-blue wall, with sensor noise, a fine texture or the fall-off of a lens
measures 0–3; a soft shadow of the head cast 60 px aside on a white wall measures 9 at 90 % of
the light and 14 at 85 %. The default maximum is 6. A shadow that stays close around the head
(inside the ellipse left out for hair) is not measured: the officer judges that one.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt
from cv2 import data as cv2_data
from cv2.typing import MatLike

from paspor.lib.filetypes import image_fits, image_size

__all__ = [
    "DEFAULT_THRESHOLDS",
    "CheckResult",
    "PhotoReport",
    "PhotoThresholds",
    "check_photo",
    "make_print_version",
    "make_thumbnail",
]

FloatArray = npt.NDArray[np.float32]
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class PhotoThresholds:
    """Limits for the automatic checks; the defaults are STANDARDS.md §9."""

    # ICAO Doc 9303 part 3 §3.9.1.3: chin-to-crown 70–80 % of the image height.
    head_min_pct: float = 70.0
    head_max_pct: float = 80.0
    # Face centre within ±5 % of the width from the middle.
    centre_tolerance_pct: float = 5.0
    # Eye line 50–70 % of the height, measured from the bottom edge.
    eye_line_min_pct: float = 50.0
    eye_line_max_pct: float = 70.0
    # ISO/IEC 19794-5 minimum; 120 px is the recommended value.
    eye_distance_min_px: float = 90.0
    # Full frontal: ISO/IEC 19794-5 allows the head to turn less than 5° from frontal in any
    # direction; a tilt to the side (roll) is the slope of the eye line, which ICAO asks to be
    # parallel to the top edge. Measured only when both eyes are found.
    head_tilt_max_deg: float = 5.0
    # Mean and spread of CIE L* (0–100) over the inner face (module docstring). The lower bound
    # leaves room for dark skin correctly exposed (L* around 30); below it the face is
    # under-exposed. A spread under 5 is a washed-out, veiled face.
    brightness_min: float = 25.0
    brightness_max: float = 85.0
    contrast_min: float = 5.0
    contrast_max: float = 35.0
    # Left–right difference of mean L* over the face from the eyes down (module docstring): a
    # shadow or light from one side.
    face_lighting_max: float = 12.0
    # 100 × variance of the Laplacian / variance of the face at 128 px wide (module docstring).
    sharpness_min: float = 2.5
    # Background strips: mean L* and RMS colour distance (CIE76 ΔE) from their mean colour.
    background_lightness_min: float = 70.0
    background_spread_max: float = 8.0
    # Shadow on the background: median L* minus the darkest 2 % of the wall-coloured pixels
    # (chroma, a*b* distance, within background_shadow_chroma of the median; module docstring).
    background_shadow_max: float = 6.0
    background_shadow_chroma: float = 6.0
    # Width of the side strips and height of the top strip, in % of the image side.
    background_strip_pct: float = 8.0
    # Faces smaller than this share of the shorter image side are not looked for.
    face_min_size_pct: float = 10.0
    # Chin-to-crown per eye-centre distance, used when both eyes are found (module docstring).
    head_per_eye_distance: float = 3.46
    # Face-box calibration (module docstring): in units of the detector box, used when the eyes
    # are not found, and to keep hair out of the background strips.
    head_per_box: float = 1.65
    crown_above_box: float = 0.44
    hair_above_box: float = 0.70
    eye_line_below_box: float = 0.38
    eye_distance_per_box: float = 0.47
    head_width_per_box: float = 1.80


DEFAULT_THRESHOLDS = PhotoThresholds()


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One measured rule, shown to the officer beside its limit."""

    code: str
    label_id: str
    label_en: str
    value: float | None
    limit: str
    passed: bool


@dataclass(frozen=True, slots=True)
class PhotoReport:
    """All checks of one photo; it passes only when every check passes."""

    checks: list[CheckResult]
    passed: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "passed", all(c.passed for c in self.checks) and bool(self.checks))


@dataclass(frozen=True, slots=True)
class _Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def centre_x(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True, slots=True)
class _Head:
    """Where the head is, in image pixels: the measures every position check is made of."""

    crown_y: float
    height: float
    centre_x: float
    eye_line_y: float
    eye_distance: float
    # Slope of the eye line in degrees, positive when the eye on the image's right is higher;
    # None when the eyes were not found (the box gives no slope).
    tilt_deg: float | None


@dataclass(frozen=True, slots=True)
class _Rule:
    code: str
    label_id: str
    label_en: str


_READABLE = _Rule(
    "readable", "Berkas bukan gambar yang dapat dibaca", "The file is not a readable image"
)
_FACE_COUNT = _Rule("face_count", "Tepat satu wajah menghadap depan", "Exactly one frontal face")
_HEAD_HEIGHT = _Rule(
    "head_height",
    "Tinggi kepala (dagu–ubun-ubun) terhadap tinggi foto",
    "Head height (chin to crown) of the image height",
)
_FACE_CENTRED = _Rule(
    "face_centred", "Wajah di tengah (geser dari tengah)", "Face centred (offset from the middle)"
)
_EYE_LINE = _Rule("eye_line", "Garis mata dari tepi bawah", "Eye line from the bottom edge")
_EYE_DISTANCE = _Rule("eye_distance", "Jarak antar pusat mata", "Distance between eye centres")
_HEAD_TILT = _Rule(
    "head_tilt",
    "Kepala tegak (kemiringan garis mata)",
    "Head upright (tilt of the eye line)",
)
_BRIGHTNESS = _Rule("brightness", "Kecerahan wajah (L*)", "Face brightness (L*)")
_CONTRAST = _Rule("contrast", "Kontras wajah (simpangan L*)", "Face contrast (L* spread)")
_FACE_LIGHTING = _Rule(
    "face_lighting",
    "Wajah tanpa bayangan (selisih L* kiri–kanan)",
    "No shadow on the face (left–right L* difference)",
)
_SHARPNESS = _Rule(
    "sharpness", "Ketajaman wajah (energi tepi relatif)", "Face sharpness (relative edge energy)"
)
_BACKGROUND_LIGHT = _Rule("background_light", "Latar belakang terang (L*)", "Light background (L*)")
_BACKGROUND_PLAIN = _Rule(
    "background_plain",
    "Latar belakang polos (sebaran warna ΔE)",
    "Plain background (colour spread ΔE)",
)
_BACKGROUND_SHADOW = _Rule(
    "background_shadow",
    "Latar belakang tanpa bayangan (penurunan L*)",
    "No shadow on the background (L* drop)",
)

_FACE_CASCADE = "haarcascade_frontalface_default.xml"
_EYE_CASCADE = "haarcascade_eye.xml"
_CASCADES = threading.local()
# Detection runs on a copy no larger than this; a 24-megapixel capture gains nothing from more.
_DETECT_MAX_SIDE = 1024
_SHARPNESS_WIDTH = 128
# Second differences across, down and along both diagonals (a diagonal step is √2 long, hence
# the halving): the Laplacian's kernel is the first two added.
_SECOND_DIFFERENCES = tuple(
    np.array(kernel, dtype=np.float64) / scale
    for kernel, scale in (
        ([[0, 0, 0], [1, -2, 1], [0, 0, 0]], 1),
        ([[0, 1, 0], [0, -2, 0], [0, 1, 0]], 1),
        ([[1, 0, 0], [0, -2, 0], [0, 0, 1]], 2),
        ([[0, 0, 1], [0, -2, 0], [1, 0, 0]], 2),
    )
)
_MIN_BACKGROUND_PIXELS = 200
# The darkest share of the wall that counts as a shadow; smaller patches are noise or a speck.
_SHADOW_PERCENTILE = 2.0


def check_photo(
    image_bytes: bytes, thresholds: PhotoThresholds = DEFAULT_THRESHOLDS
) -> PhotoReport:
    """Run every §9 check on an uploaded or captured photo.

    Never raises on bad input: data that is not a readable image gives a report with one failed
    check. When there is not exactly one face, only the face-count check is reported, because
    every other measure is taken relative to the face.
    """
    image = _decode(image_bytes)
    if image is None:
        return PhotoReport(checks=[_unreadable_check()])
    faces = _detect_faces(image, thresholds)
    count_check = _face_count_check(len(faces))
    if len(faces) != 1:
        return PhotoReport(checks=[count_check])
    face = faces[0]
    head = _measure_head(image, face, thresholds)
    lab = _lab(image)  # once: exposure, lighting and background are all judged in L*a*b*
    return PhotoReport(
        checks=[
            count_check,
            *_geometry_checks(image, head, thresholds),
            *_exposure_checks(lab, face, thresholds),
            _lighting_check(lab, face, head, thresholds),
            _sharpness_check(image, face, thresholds),
            *_background_checks(lab, face, thresholds),
        ]
    )


def make_print_version(
    image_bytes: bytes,
    *,
    width: int = 413,
    height: int = 531,
    thresholds: PhotoThresholds = DEFAULT_THRESHOLDS,
) -> bytes:
    """Crop around the head to the 35×45 mm print (413×531 px is 300 dpi) as JPEG quality 95.

    The head is scaled to the middle of the allowed chin-to-crown band with a third of the spare
    height above the crown, which puts the eye line near 54 % from the bottom. Without exactly
    one face the centre of the photo is cropped, so the officer still gets a print to judge.
    Raises ``ValueError`` when the data is not a readable image.
    """
    image = _decode_or_raise(image_bytes)
    faces = _detect_faces(image, thresholds)
    if len(faces) == 1:
        head = _measure_head(image, faces[0], thresholds)
        x, y, w, h = _print_crop(head, width / height, thresholds)
    else:
        x, y, w, h = _centre_crop(image, width / height)
    crop = _crop_padded(image, x, y, w, h)
    return _encode_jpeg(_resize(crop, width, height), quality=95)


def make_thumbnail(image_bytes: bytes, *, size: int = 160) -> bytes:
    """Shrink a photo to fit a ``size``×``size`` square (aspect kept) as JPEG for lists.

    A photo already smaller is not enlarged. Raises ``ValueError`` when the data is not a
    readable image.
    """
    image = _decode_or_raise(image_bytes)
    img_h, img_w = image.shape[:2]
    scale = min(1.0, size / max(img_h, img_w))
    new_w, new_h = max(1, round(img_w * scale)), max(1, round(img_h * scale))
    return _encode_jpeg(_resize(image, new_w, new_h), quality=85)


# --- decoding and encoding ---------------------------------------------------------------


def _decode(image_bytes: bytes) -> MatLike | None:
    """Decode to 8-bit BGR (EXIF orientation applied), or None for anything unreadable.

    An image whose header claims more pixels than `filetypes.MAX_IMAGE_PIXELS` is not decoded
    at all: OpenCV would fill gigabytes for a small forged file."""
    size = image_size(image_bytes)
    if size is None or not image_fits(size):
        return None
    try:
        buffer = np.frombuffer(image_bytes, dtype=np.uint8)
        if buffer.size == 0:
            return None
        image = cv2.imdecode(buffer, cv2.IMREAD_COLOR)
    except (TypeError, ValueError, cv2.error):
        return None
    if image is None or image.size == 0:
        return None
    return image


def _decode_or_raise(image_bytes: bytes) -> MatLike:
    image = _decode(image_bytes)
    if image is None:
        raise ValueError("Berkas bukan gambar yang dapat dibaca")
    return image


def _encode_jpeg(image: MatLike, *, quality: int) -> bytes:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return encoded.tobytes()


def _resize(image: MatLike, width: int, height: int) -> MatLike:
    # INTER_AREA avoids aliasing when shrinking; cubic keeps edges when enlarging.
    shrinking = width * height < image.shape[0] * image.shape[1]
    interpolation = cv2.INTER_AREA if shrinking else cv2.INTER_CUBIC
    return cv2.resize(image, (width, height), interpolation=interpolation)


# --- detection ---------------------------------------------------------------------------


def _cascade(name: str) -> cv2.CascadeClassifier:
    """Load a cascade once per thread; a broken installation fails loudly, not as "no face".

    One classifier per thread because OpenCV does not promise that ``detectMultiScale`` is safe
    to call on the same classifier from several threads of a threaded server at once.
    """
    loaded: dict[str, cv2.CascadeClassifier] = _CASCADES.__dict__.setdefault("loaded", {})
    if name not in loaded:
        if not hasattr(cv2, "CascadeClassifier"):
            raise RuntimeError("Photo checks need opencv-python-headless < 5 (Haar cascades).")
        classifier = cv2.CascadeClassifier(cv2_data.haarcascades + name)
        if classifier.empty():
            raise RuntimeError(f"OpenCV cascade {name} could not be loaded.")
        loaded[name] = classifier
    return loaded[name]


def _detect_faces(image: MatLike, thresholds: PhotoThresholds) -> list[_Box]:
    """Faces on the equalised copy (the calibrated boxes), else on the copy as it is.

    Equalising only the detector's copy keeps dark photos detectable, so that they fail the
    brightness check (which tells the officer why) rather than the face count. On a light wall
    that fills most of the frame, though, equalising crushes a small head into a few dark grey
    levels and the detector misses it (a head of 30–40 % of the height on white); the copy as it
    is still shows that face, which then fails the head-height check, not the face count.
    """
    gray, scale = _detection_gray(image)
    min_side = max(24, round(min(gray.shape[:2]) * thresholds.face_min_size_pct / 100))
    for copy in (cv2.equalizeHist(gray), gray):
        found = _cascade(_FACE_CASCADE).detectMultiScale(
            copy, scaleFactor=1.1, minNeighbors=6, minSize=(min_side, min_side)
        )
        if len(found):
            break
    boxes = [_Box(*(float(v) / scale for v in (x, y, w, h))) for x, y, w, h in found]
    return _drop_nested(boxes)


def _drop_nested(boxes: list[_Box]) -> list[_Box]:
    """Drop a box whose centre lies inside a larger one: hair texture or an eye region inside the
    face sometimes scores as a second face, while two real faces never overlap like that."""
    by_size = sorted(boxes, key=lambda b: b.w, reverse=True)
    kept: list[_Box] = []
    for box in by_size:
        cx, cy = box.centre_x, box.y + box.h / 2
        if not any(k.x <= cx <= k.x + k.w and k.y <= cy <= k.y + k.h for k in kept):
            kept.append(box)
    return kept


def _detection_gray(image: MatLike) -> tuple[MatLike, float]:
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    scale = min(1.0, _DETECT_MAX_SIDE / max(gray.shape[:2]))
    if scale < 1.0:
        size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    return gray, scale


def _measure_head(image: MatLike, face: _Box, thresholds: PhotoThresholds) -> _Head:
    """Locate the head from the eyes when both are found, else from the calibrated face box.

    The eye centres are found to within a pixel or two, while the face box jitters by several
    percent from one scale to the next (module docstring), so the eyes are preferred. The eye
    cascade misses eyes behind glasses or in shadow; the box estimate keeps the position checks
    meaningful then.
    """
    t = thresholds
    pair = _detect_eye_pair(image, face)
    if pair is None:
        height = t.head_per_box * face.h
        return _Head(
            crown_y=face.y - t.crown_above_box * face.h,
            height=height,
            centre_x=face.centre_x,
            eye_line_y=face.y + t.eye_line_below_box * face.h,
            eye_distance=t.eye_distance_per_box * face.w,
            tilt_deg=None,
        )
    (x1, y1), (x2, y2) = pair
    distance = math.hypot(x2 - x1, y2 - y1)
    height = t.head_per_eye_distance * distance
    eye_line_y = (y1 + y2) / 2
    # The eyes sit half-way between chin and crown.
    return _Head(
        crown_y=eye_line_y - height / 2,
        height=height,
        centre_x=(x1 + x2) / 2,
        eye_line_y=eye_line_y,
        eye_distance=distance,
        tilt_deg=math.degrees(math.atan2(y1 - y2, x2 - x1)),
    )


def _detect_eye_pair(image: MatLike, face: _Box) -> tuple[Point, Point] | None:
    gray, scale = _detection_gray(image)
    # Eyes lie in the upper part of the box; searching only there keeps nostrils and the mouth
    # out of the candidates.
    top = max(0, round((face.y + 0.15 * face.h) * scale))
    left = max(0, round(face.x * scale))
    bottom, right = round((face.y + 0.6 * face.h) * scale), round((face.x + face.w) * scale)
    region = gray[top:bottom, left:right]
    if region.size == 0:
        return None
    smallest, largest = max(8, round(face.w * scale / 10)), round(face.w * scale / 2.5)
    found = _cascade(_EYE_CASCADE).detectMultiScale(
        region,
        scaleFactor=1.05,
        minNeighbors=5,
        minSize=(smallest, smallest),
        maxSize=(largest, largest),
    )
    centres = []
    for ex, ey, ew, eh in found:
        px, py = _pupil(region[ey : ey + eh, ex : ex + ew])
        centres.append(((left + ex + px) / scale, (top + ey + py) / scale))
    return _best_eye_pair(centres, face)


def _pupil(eye: MatLike) -> Point:
    """Centre of the darkest part of an eye box: the iris and pupil.

    The cascade's box is coarse and drifts by a few pixels with blur and scale; the dark centroid
    stays within a pixel of the hand-marked pupil. Only the middle of the box is searched, so
    eyebrows and the corners of glasses frames do not pull the centre.
    """
    height, width = eye.shape[:2]
    y0, x0 = height // 4, width // 6
    band = cv2.GaussianBlur(eye[y0 : height - y0, x0 : width - x0].astype(np.float32), (0, 0), 1)
    if band.size == 0:
        return width / 2, height / 2
    rows, cols = np.nonzero(band <= np.percentile(band, 8))
    return x0 + float(cols.mean()), y0 + float(rows.mean())


def _best_eye_pair(centres: Sequence[Point], face: _Box) -> tuple[Point, Point] | None:
    """Pick one eye on each side of the face centre, as level and as typically spaced as can be."""
    left_side = [c for c in centres if c[0] < face.centre_x]
    right_side = [c for c in centres if c[0] >= face.centre_x]
    pairs = [(a, b) for a in left_side for b in right_side]
    plausible = [p for p in pairs if 0.25 * face.w <= p[1][0] - p[0][0] <= 0.75 * face.w]
    expected = 0.47 * face.w
    if not plausible:
        return None
    return min(plausible, key=lambda p: abs(p[1][1] - p[0][1]) + abs(p[1][0] - p[0][0] - expected))


# --- checks ------------------------------------------------------------------------------


def _unreadable_check() -> CheckResult:
    return _result(_READABLE, None, "berkas gambar / image file", passed=False)


def _face_count_check(count: int) -> CheckResult:
    return _result(_FACE_COUNT, float(count), "= 1", passed=count == 1)


def _geometry_checks(image: MatLike, head: _Head, thresholds: PhotoThresholds) -> list[CheckResult]:
    img_h, img_w = image.shape[:2]
    t = thresholds
    offset_pct = 100 * (head.centre_x - img_w / 2) / img_w
    tolerance = t.centre_tolerance_pct
    checks = [
        _in_range(_HEAD_HEIGHT, 100 * head.height / img_h, t.head_min_pct, t.head_max_pct, "%"),
        _result(
            _FACE_CENTRED,
            offset_pct,
            f"±{tolerance:g} %",
            passed=abs(_shown(offset_pct)) <= tolerance,
        ),
        _in_range(
            _EYE_LINE,
            100 * (img_h - head.eye_line_y) / img_h,
            t.eye_line_min_pct,
            t.eye_line_max_pct,
            "%",
        ),
        _at_least(_EYE_DISTANCE, head.eye_distance, t.eye_distance_min_px, "px"),
    ]
    if head.tilt_deg is not None:
        checks.append(
            _result(
                _HEAD_TILT,
                head.tilt_deg,
                f"±{t.head_tilt_max_deg:g}°",
                passed=abs(_shown(head.tilt_deg)) <= t.head_tilt_max_deg,
            )
        )
    return checks


def _exposure_checks(lab: FloatArray, face: _Box, thresholds: PhotoThresholds) -> list[CheckResult]:
    # The inner face (without hair and box margins) is what exposure is judged on.
    x0, x1 = face.x + 0.15 * face.w, face.x + 0.85 * face.w
    y0, y1 = face.y + 0.10 * face.h, face.y + 0.90 * face.h
    lightness = lab[round(y0) : round(y1), round(x0) : round(x1), 0]
    t = thresholds
    return [
        _in_range(_BRIGHTNESS, float(lightness.mean()), t.brightness_min, t.brightness_max),
        _in_range(_CONTRAST, float(lightness.std()), t.contrast_min, t.contrast_max),
    ]


def _lighting_check(
    lab: FloatArray, face: _Box, head: _Head, thresholds: PhotoThresholds
) -> CheckResult:
    """One half of the face darker than the other: a shadow, or light from one side."""
    lightness = lab[:, :, 0]
    rows = _slice(face.y + 0.30 * face.h, 0.60 * face.h, lightness.shape[0])
    inner_left, inner_right = face.x + 0.15 * face.w, face.x + 0.85 * face.w
    # The eye midpoint splits the face; it lies inside the box (_best_eye_pair), and a box
    # estimate puts it at the box centre.
    middle = min(max(head.centre_x, inner_left + 1), inner_right - 1)
    width = lightness.shape[1]
    left = lightness[rows, _slice(inner_left, middle - inner_left, width)]
    right = lightness[rows, _slice(middle, inner_right - middle, width)]
    value = abs(float(left.mean()) - float(right.mean())) if left.size and right.size else 0.0
    return _at_most(_FACE_LIGHTING, value, thresholds.face_lighting_max)


def _sharpness_check(image: MatLike, face: _Box, thresholds: PhotoThresholds) -> CheckResult:
    """The Laplacian's variance taken in its weakest direction (module docstring).

    The Laplacian is the sum of the second differences across and down the image; a motion blur
    flattens only those along its own direction, which the sum averages away. Each direction is
    measured on its own, and the weakest, times four, is on the Laplacian's scale: equal to it
    within about 10 % for a face sharp or blurred evenly in every direction.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    region = gray[_slice(face.y, face.h, gray.shape[0]), _slice(face.x, face.w, gray.shape[1])]
    side = max(1, round(_SHARPNESS_WIDTH * region.shape[0] / max(1, region.shape[1])))
    normalised = _resize(region, _SHARPNESS_WIDTH, side).astype(np.float64)
    # Dividing by the face's own variance keeps exposure and contrast out of the measure: a dark
    # photo is not a blurred one.
    spread = float(normalised.var())
    if spread <= 0:
        return _at_least(_SHARPNESS, 0.0, thresholds.sharpness_min)
    # The outermost pixels are left out: there the kernel reaches past the face into a mirror.
    weakest = min(
        float(cv2.filter2D(normalised, cv2.CV_64F, kernel)[1:-1, 1:-1].var())
        for kernel in _SECOND_DIFFERENCES
    )
    return _at_least(_SHARPNESS, 400 * weakest / spread, thresholds.sharpness_min)


def _background_checks(
    lab: FloatArray, face: _Box, thresholds: PhotoThresholds
) -> list[CheckResult]:
    samples = _background_samples(lab, face, thresholds)
    if samples.shape[0] < _MIN_BACKGROUND_PIXELS:
        # The head fills the frame: there is no background to judge.
        return [
            _result(rule, None, "terlihat / visible", passed=False)
            for rule in (_BACKGROUND_LIGHT, _BACKGROUND_PLAIN, _BACKGROUND_SHADOW)
        ]
    mean = samples.mean(axis=0)
    spread = float(np.sqrt(((samples - mean) ** 2).sum(axis=1).mean()))
    t = thresholds
    return [
        _at_least(_BACKGROUND_LIGHT, float(mean[0]), t.background_lightness_min),
        _at_most(_BACKGROUND_PLAIN, spread, t.background_spread_max),
        _at_most(_BACKGROUND_SHADOW, _shadow_depth(samples, t), t.background_shadow_max),
    ]


def _shadow_depth(samples: FloatArray, thresholds: PhotoThresholds) -> float:
    """How much darker than the wall's typical lightness its darkest patches are (module
    docstring). Only pixels of the wall's own colour count: a shadow darkens, it does not tint."""
    median = np.median(samples, axis=0)
    chroma = np.hypot(samples[:, 1] - median[1], samples[:, 2] - median[2])
    wall = samples[chroma <= thresholds.background_shadow_chroma, 0]
    if wall.size == 0:
        return 0.0
    return max(0.0, float(median[0] - np.percentile(wall, _SHADOW_PERCENTILE)))


def _background_samples(lab: FloatArray, face: _Box, thresholds: PhotoThresholds) -> FloatArray:
    """Lab pixels of the border strips, minus an ellipse around the head with its hair.

    The side strips stop half-way down the face box, at the nose, because collars and shoulders
    can reach the sides from the chin down. The ellipse runs from the estimated top of the hair
    to the chin and is as wide as the hair, so the top corners beside a round head are still
    sampled when hair reaches the sides.
    """
    img_h, img_w = lab.shape[:2]
    t = thresholds
    strip_w, strip_h = t.background_strip_pct / 100 * img_w, t.background_strip_pct / 100 * img_h
    rows, cols = np.ogrid[:img_h, :img_w]
    in_sides = ((cols < strip_w) | (cols >= img_w - strip_w)) & (rows < face.y + face.h / 2)
    in_strips = in_sides | (rows < strip_h)
    hair_top = face.y - t.hair_above_box * face.h
    chin = face.y + (t.head_per_box - t.crown_above_box) * face.h
    half_w, half_h = t.head_width_per_box * face.w / 2, (chin - hair_top) / 2
    in_head = ((cols - face.centre_x) / half_w) ** 2 + (
        (rows - (hair_top + half_h)) / half_h
    ) ** 2 <= 1
    blurred = cv2.GaussianBlur(lab, (5, 5), 0)  # sensor noise is not a pattern
    return np.asarray(blurred[in_strips & ~in_head], dtype=np.float32)


def _lab(image: MatLike) -> FloatArray:
    """CIE L*a*b* with L* in 0–100, the scale used by every lightness threshold."""
    lab = cv2.cvtColor(image.astype(np.float32) / 255.0, cv2.COLOR_BGR2LAB)
    return np.asarray(lab, dtype=np.float32)


def _slice(start: float, length: float, limit: int) -> slice:
    return slice(max(0, round(start)), min(limit, round(start + length)))


# --- result builders ---------------------------------------------------------------------


def _result(rule: _Rule, value: float | None, limit: str, *, passed: bool) -> CheckResult:
    return CheckResult(
        code=rule.code,
        label_id=rule.label_id,
        label_en=rule.label_en,
        value=None if value is None else _shown(value),
        limit=limit,
        passed=bool(passed),
    )


def _shown(value: float) -> float:
    """The value as the officer reads it; each rule is decided on it, so that a value shown as
    equal to its limit never fails (limits are inclusive)."""
    return round(float(value), 1)


def _in_range(rule: _Rule, value: float, low: float, high: float, unit: str = "") -> CheckResult:
    shown = _shown(value)
    return _result(rule, shown, _with_unit(f"{low:g}–{high:g}", unit), passed=low <= shown <= high)


def _at_least(rule: _Rule, value: float, low: float, unit: str = "") -> CheckResult:
    return _result(rule, value, _with_unit(f"≥ {low:g}", unit), passed=_shown(value) >= low)


def _at_most(rule: _Rule, value: float, high: float, unit: str = "") -> CheckResult:
    return _result(rule, value, _with_unit(f"≤ {high:g}", unit), passed=_shown(value) <= high)


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}" if unit else text


# --- print crop --------------------------------------------------------------------------


def _print_crop(
    head: _Head, aspect: float, thresholds: PhotoThresholds
) -> tuple[int, int, int, int]:
    t = thresholds
    crop_h = head.height / ((t.head_min_pct + t.head_max_pct) / 200)
    crop_w = crop_h * aspect
    top = head.crown_y - (crop_h - head.height) / 3
    left = head.centre_x - crop_w / 2
    return round(left), round(top), round(crop_w), round(crop_h)


def _centre_crop(image: MatLike, aspect: float) -> tuple[int, int, int, int]:
    img_h, img_w = image.shape[:2]
    crop_w = min(img_w, img_h * aspect)
    crop_h = crop_w / aspect
    return round((img_w - crop_w) / 2), round((img_h - crop_h) / 2), round(crop_w), round(crop_h)


def _crop_padded(image: MatLike, x: int, y: int, w: int, h: int) -> MatLike:
    """Crop, repeating the edge pixels where the crop runs past the photo (plain backgrounds)."""
    img_h, img_w = image.shape[:2]
    pad_top, pad_left = max(0, -y), max(0, -x)
    pad_bottom, pad_right = max(0, y + h - img_h), max(0, x + w - img_w)
    inner = image[max(0, y) : min(img_h, y + h), max(0, x) : min(img_w, x + w)]
    if inner.size == 0:
        return _crop_padded(image, *_centre_crop(image, w / max(1, h)))
    return cv2.copyMakeBorder(inner, pad_top, pad_bottom, pad_left, pad_right, cv2.BORDER_REPLICATE)
