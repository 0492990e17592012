"""Encryption at rest for what the registration flow keeps in the session.

Django signs session data but does not encrypt it: anyone who can read the django_session table
(a backup, a support query) could decode the answers. Everything the flow stores is therefore a
Fernet token (AES-128-CBC with an HMAC, from the `cryptography` package) whose key is derived
from SECRET_KEY with HKDF. The first key encrypts; keys from SECRET_KEY_FALLBACKS still decrypt,
so rotating SECRET_KEY the Django way keeps flows in progress readable.
"""

import base64
import json
import time
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.encoding import force_bytes

HKDF_SALT = b"contact.registration.flow"
HKDF_INFO = b"session-encryption-v1"


def _fernet_key(secret):
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=HKDF_SALT, info=HKDF_INFO).derive(
        force_bytes(secret)
    )
    return Fernet(base64.urlsafe_b64encode(key))


@lru_cache(maxsize=4)
def _fernet(secrets):
    return MultiFernet([_fernet_key(secret) for secret in secrets])


def _current_fernet():
    # Keyed on the secrets themselves, so a changed setting (tests, rotation) takes effect.
    return _fernet((settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())))


def now():
    """Seconds since the epoch; one clock for sealing and age checks (tests move it)."""
    return time.time()


def seal(value):
    """`value` (anything JSON can hold) as an encrypted, authenticated text token."""
    data = json.dumps(value, separators=(",", ":")).encode()
    return _current_fernet().encrypt_at_time(data, int(now())).decode("ascii")


def unseal(token):
    """What `seal` stored, or None for anything else (tampered, another key, not a token)."""
    if not isinstance(token, str):
        return None
    try:
        data = _current_fernet().decrypt(token.encode("ascii"))
        return json.loads(data)
    except (InvalidToken, UnicodeError, ValueError):
        return None
