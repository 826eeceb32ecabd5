"""Fingerprint scanners behind one interface; the simulator stands in until a driver is fitted.

A real scanner's driver (vendor SDK) is wrapped in a class with the same `capture` method and
named in PASPOR_FINGERPRINT_DEVICE. Quality is NFIQ-like: 1 excellent … 5 unusable (NIST
Fingerprint Image Quality 1 uses the same scale).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Protocol

import cv2
import numpy as np

from paspor.cases.conf import fingerprint_device


@dataclass(frozen=True)
class FingerprintCapture:
    png: bytes
    quality: int  # 1 (best) – 5
    device: str


class FingerprintScanner(Protocol):
    name: str

    def capture(self, *, finger: str, subject: str, attempt: int) -> FingerprintCapture: ...


class SimulatedFingerprintScanner:
    """Draws a ridge pattern (oriented sine waves around a core) and scores its clarity.

    Deterministic per subject, finger and attempt, so tests and demos repeat; about one capture
    in sixteen comes out smudged (quality 4), as at a real counter, and a second attempt is clean.
    """

    name = "simulator"
    size = 256

    def capture(self, *, finger: str, subject: str, attempt: int) -> FingerprintCapture:
        seed = int.from_bytes(hashlib.sha256(f"{subject}:{finger}:{attempt}".encode()).digest()[:4])
        rng = np.random.default_rng(seed)
        smudged = attempt == 1 and seed % 16 == 0
        image = self._ridges(rng, noise=0.6 if smudged else 0.15)
        ok, encoded = cv2.imencode(".png", image)
        if not ok:
            raise RuntimeError("PNG encoding failed")
        return FingerprintCapture(
            png=encoded.tobytes(), quality=self._quality(image), device=self.name
        )

    def _ridges(self, rng: np.random.Generator, *, noise: float) -> np.ndarray:
        n = self.size
        y, x = np.mgrid[0:n, 0:n].astype(np.float32)
        cx, cy = n / 2 + rng.uniform(-20, 20), n / 2 + rng.uniform(-20, 20)
        radius = np.hypot(x - cx, y - cy)
        angle = np.arctan2(y - cy, x - cx)
        period = rng.uniform(7.0, 9.0)
        phase = 2 * math.pi * radius / period + 1.5 * np.sin(angle * 2 + rng.uniform(0, math.pi))
        ridges = 0.5 + 0.5 * np.sin(phase)
        ridges += rng.normal(0, noise, (n, n)).astype(np.float32)
        mask = ((x - n / 2) / (n * 0.38)) ** 2 + ((y - n / 2) / (n * 0.47)) ** 2 <= 1
        image = np.where(mask, 255 - np.clip(ridges, 0, 1) * 200, 255)
        return image.astype(np.uint8)

    @staticmethod
    def _quality(image: np.ndarray) -> int:
        """Ridge clarity: the share of the variance that survives a light blur (noise does not), 1–5.

        Calibrated on the simulator: clean captures score 0.54–0.65, smudged ones 0.25–0.3.
        """
        centre = image[64:192, 64:192].astype(np.float32)
        smooth = cv2.GaussianBlur(centre, (0, 0), 0.8)
        clarity = float(np.var(smooth) / (np.var(centre) + 1e-6))
        for quality, minimum in ((1, 0.5), (2, 0.42), (3, 0.33), (4, 0.22)):
            if clarity >= minimum:
                return quality
        return 5


@cache
def _load(path: str) -> FingerprintScanner:
    module_name, _, class_name = path.rpartition(".")
    scanner: FingerprintScanner = getattr(import_module(module_name), class_name)()
    return scanner


def fingerprint_scanner() -> FingerprintScanner:
    return _load(fingerprint_device())
