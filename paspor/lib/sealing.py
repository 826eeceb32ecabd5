"""Personal data sealed at rest: identity numbers and case files (UU 27/2022 on data protection).

One key ring, from `PASPOR_DATA_KEYS` ("id:key,id:key", newest first; each key 32 random
bytes in URL-safe base64, made with `manage.py data_keys_new`). From each master key two
sub-keys are derived with HKDF, so one secret per version serves both uses:

- **Identity numbers** (NIK and the like) are sealed with AES-SIV (RFC 5297), which is
  deterministic: the same number under the same key gives the same token. Its synthetic IV is a
  keyed CMAC of the number, so the token itself is the keyed hash that look-ups and the
  database's unique constraints compare — without the key, neither the number nor a guess at it
  can be checked against the table. The cost, known and accepted: equal numbers show as equal.
- **Files** (scans, photos, fingerprints) are sealed with Fernet (AES-CBC + HMAC, random IV),
  which needs no look-up.

Rotation: put a new key first, run `manage.py data_keys_rotate` (re-seals every row and file
with the newest key), then drop the old key. While both are in the ring, reads and look-ups try
every key, newest first (docs/security.md).
"""

from __future__ import annotations

import base64
import binascii
import functools
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from paspor.lib.env import ConfigError

PREFIX = "s"  # every sealed identity number looks like "s<key id>:<token>"
FILE_MAGIC = b"PSPR1"  # sealed files start with this, so a file written before sealing still reads


class SealError(ValueError):
    """A token no key in the ring opens: a wrong or missing key, or damaged data."""


@dataclass(frozen=True)
class DataKey:
    key_id: str
    siv: AESSIV
    fernet: Fernet


def _derive(master: bytes, purpose: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=purpose).derive(master)


def parse_key_ring(text: str) -> tuple[DataKey, ...]:
    """Reads "id:key,id:key" (newest first); a malformed entry stops start-up, naming it."""
    ring = []
    for entry in filter(None, (part.strip() for part in text.split(","))):
        key_id, sep, encoded = entry.partition(":")
        if not sep or not key_id.isalnum():
            raise ConfigError(f"PASPOR_DATA_KEYS: '{key_id}…' must read id:key (id letters/digits)")
        try:
            master = base64.urlsafe_b64decode(encoded.encode())
        except (binascii.Error, ValueError) as exc:
            raise ConfigError(f"PASPOR_DATA_KEYS: key {key_id} is not base64") from exc
        if len(master) != 32:
            raise ConfigError(f"PASPOR_DATA_KEYS: key {key_id} must be 32 bytes")
        ring.append(
            DataKey(
                key_id=key_id,
                siv=AESSIV(_derive(master, b"paspor identity numbers", 64)),
                fernet=Fernet(base64.urlsafe_b64encode(_derive(master, b"paspor files", 32))),
            )
        )
    if not ring:
        raise ConfigError("PASPOR_DATA_KEYS: at least one key is required")
    if len({key.key_id for key in ring}) != len(ring):
        raise ConfigError("PASPOR_DATA_KEYS: key ids must be different")
    return tuple(ring)


@functools.cache
def _ring_for(text: str) -> tuple[DataKey, ...]:
    return parse_key_ring(text)


def key_ring() -> tuple[DataKey, ...]:
    """The configured ring (read on use, so a test can swap keys with override_settings)."""
    return _ring_for(settings.PASPOR_DATA_KEYS)


def new_key_text(key_id: str) -> str:
    """A fresh "id:key" entry for the ring."""
    return f"{key_id}:{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}"


def _seal_with(key: DataKey, value: str, context: bytes) -> str:
    token = key.siv.encrypt(value.encode(), [context])
    return f"{PREFIX}{key.key_id}:{base64.urlsafe_b64encode(token).decode().rstrip('=')}"


def seal(value: str, context: str) -> str:
    """The newest key's token for value; "" stays "" (an empty optional field)."""
    if value == "":
        return ""
    return _seal_with(key_ring()[0], value, context.encode())


def seal_all_keys(value: str, context: str) -> list[str]:
    """Every key's token for value: what a look-up compares while a rotation is under way."""
    if value == "":
        return [""]
    return [_seal_with(key, value, context.encode()) for key in key_ring()]


def is_sealed(stored: str) -> bool:
    head, sep, _ = stored.partition(":")
    return bool(sep) and head.startswith(PREFIX) and head[1:].isalnum()


def unseal(stored: str, context: str) -> str:
    """The value behind a token. A value stored before sealing (no prefix) is returned as is."""
    if not is_sealed(stored):
        return stored
    head, _, body = stored.partition(":")
    key = next((k for k in key_ring() if k.key_id == head[len(PREFIX) :]), None)
    if key is None:
        raise SealError(f"no key '{head[len(PREFIX) :]}' in PASPOR_DATA_KEYS")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        return key.siv.decrypt(raw, [context.encode()]).decode()
    except (InvalidTag, binascii.Error, ValueError) as exc:
        raise SealError("sealed value does not open with its key") from exc


def sealed_key_id(stored: str) -> str | None:
    return stored.partition(":")[0][len(PREFIX) :] if is_sealed(stored) else None


def _files() -> MultiFernet:
    return MultiFernet([key.fernet for key in key_ring()])


def seal_bytes(data: bytes) -> bytes:
    return FILE_MAGIC + _files().encrypt(data)


def unseal_bytes(data: bytes) -> bytes:
    """Opens a sealed file with any key in the ring; a file from before sealing reads as is."""
    if not data.startswith(FILE_MAGIC):
        return data
    try:
        return _files().decrypt(data[len(FILE_MAGIC) :])
    except InvalidToken as exc:
        raise SealError("sealed file does not open with any key in PASPOR_DATA_KEYS") from exc


def reseal_bytes(data: bytes) -> bytes:
    """The same file sealed with the newest key (rotation)."""
    if not data.startswith(FILE_MAGIC):
        return seal_bytes(data)
    return FILE_MAGIC + _files().rotate(data[len(FILE_MAGIC) :])
