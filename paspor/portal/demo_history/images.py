"""The history's pictures: drawn passport photos and signatures."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

# The look of a drawn portrait (BGR): skin, hair, clothes and head-scarf colours.
SKINS = ((150, 180, 215), (125, 155, 195), (105, 135, 175), (90, 118, 158), (160, 188, 222))
HAIRS = ((28, 28, 32), (20, 22, 30), (40, 45, 60), (55, 60, 70))
CLOTHES = ((90, 60, 40), (40, 40, 120), (60, 100, 40), (120, 120, 120), (30, 30, 30))
SCARVES = ((120, 60, 40), (60, 40, 110), (150, 140, 130), (70, 110, 60), (40, 40, 40))


def portrait(look: int, *, female: bool, width: int = 520, height: int = 440) -> bytes:
    """A drawn passport photo (JPEG) that passes the automatic checks (STANDARDS.md §9):
    frontal face on a light plain background, head about 75 % of the height, eyes level."""
    rng = np.random.default_rng(look)

    def pick(colours: tuple[tuple[int, int, int], ...]) -> tuple[float, ...]:
        return tuple(float(v) for v in colours[int(rng.integers(len(colours)))])

    skin, hair = pick(SKINS), pick(HAIRS)
    image = np.full((height, width, 3), 244, np.float32)
    head = height * rng.uniform(0.73, 0.77)
    eye_y = height * rng.uniform(0.41, 0.44)
    cx = width / 2 + width * rng.uniform(-0.015, 0.015)
    fw, fh = head * rng.uniform(0.34, 0.37), head * 0.5
    cy, crown, d = eye_y + head * 0.02, eye_y - head / 2, head / 3.46

    def shade(colour: tuple[float, ...], factor: float) -> tuple[float, ...]:
        return tuple(v * factor for v in colour)

    def oval(x: float, y: float, a: float, b: float, colour: Any, start: int = 0) -> None:
        cv2.ellipse(image, (int(x), int(y)), (int(a), int(b)), 0, start, 360, colour, -1)

    oval(width / 2, height + head * 0.1, fw * 2.2, head * 0.32, pick(CLOTHES))
    neck = (int(cx - fw * 0.45), int(eye_y + head * 0.44)), (int(cx + fw * 0.45), height)
    cv2.rectangle(image, *neck, shade(skin, 0.9), -1)
    if female and rng.random() < 0.5:  # a head scarf, allowed for religious reasons
        scarf = pick(SCARVES)
        oval(cx, cy - head * 0.03, fw * 1.22, fh * 1.12, scarf)
        oval(width / 2, height + head * 0.05, fw * 1.9, head * 0.3, scarf)
        oval(cx, cy + head * 0.02, fw * 0.98, fh * 0.97, skin)
    else:
        oval(cx, cy - head * 0.06, fw * 1.05, fh * 0.98, hair, 180)
        if female:
            top, bottom = int(cy - head * 0.06), int(cy + head * 0.28)
            cv2.rectangle(
                image, (int(cx - fw * 1.05), top), (int(cx + fw * 1.05), bottom), hair, -1
            )
        oval(cx, cy, fw, fh, skin)
        oval(cx, crown + head * 0.12, fw * 0.95, head * 0.1, hair, 180)
    for side in (-1, 1):
        ex = cx + side * d / 2
        oval(ex, eye_y - d * 0.28, d * 0.28, d * 0.06, (40, 45, 55), 180)
        oval(ex, eye_y, d * 0.3, d * 0.16, shade(skin, 0.75))
        oval(ex, eye_y, d * 0.2, d * 0.09, (235, 235, 235))
        cv2.circle(image, (int(ex), int(eye_y)), int(d * 0.08), (40, 30, 25), -1)
        cv2.circle(image, (int(ex), int(eye_y)), int(d * 0.035), (5, 5, 5), -1)
    oval(cx, eye_y + d * 0.55, d * 0.18, d * 0.08, shade(skin, 0.7))
    oval(cx, eye_y + d * 0.95, d * 0.3, d * 0.07, (90, 90, 160) if female else shade(skin, 0.6))
    blurred = cv2.GaussianBlur(image, (0, 0), 3 * height / 800)  # a lens, not a drawing
    pixels = np.clip(blurred + rng.normal(0, 2.0, image.shape), 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, 92])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(encoded.tobytes())


def signature_png(name: str) -> bytes:
    """A signature as the pad sends it: the name in a handwriting-like stroke."""
    image = np.full((140, 480), 255, np.uint8)
    cv2.putText(image, name.split()[0], (30, 95), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.2, 0, 3)
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise RuntimeError("PNG encoding failed")
    return bytes(encoded.tobytes())
