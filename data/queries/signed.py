"""Cached values as signed pickles, for the caches kept outside the process.

Redis entries (`shared_cache`) and precomputed rows (`precomputed`) are read back by other
processes; a value is unpickled only when its HMAC-SHA256 signature, made with a key
derived from the deployment's secret, is right, so whoever can write to Redis or to the
store without the secret cannot make a server run code.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import pickle
from collections.abc import Hashable
from typing import Any

log = logging.getLogger(__name__)
MISSING = object()
SIGNATURE_BYTES = 32


def signing_key(purpose: str, secret: str) -> bytes:
    """A key for one use (`purpose`) of the deployment's secret."""
    return hashlib.sha256(f"{purpose} {secret}".encode()).digest()


def version_hash(version: tuple) -> str:
    """A data version (data.queries.cache.data_version) as 64 hex digits."""
    return hashlib.sha256(repr(version).encode()).hexdigest()


def key_hash(key: Hashable) -> str:
    """A cache key (query name and arguments) as 64 hex digits."""
    return hashlib.sha256(repr(key).encode()).hexdigest()


def seal(signing: bytes, value: Any) -> bytes | None:
    """`value` pickled behind its signature; None when it cannot be pickled."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        log.debug("not kept outside the process (cannot pickle): %s", error)
        return None
    return hmac.digest(signing, payload, "sha256") + payload


def unseal(signing: bytes, blob: bytes | None) -> Any:
    """The value `seal` made, or MISSING when there is none or its signature is wrong."""
    if blob is None or len(blob) < SIGNATURE_BYTES:
        return MISSING
    signature, payload = blob[:SIGNATURE_BYTES], blob[SIGNATURE_BYTES:]
    if not hmac.compare_digest(signature, hmac.digest(signing, payload, "sha256")):
        log.warning("cached value with a bad signature ignored")
        return MISSING
    return pickle.loads(payload)  # signed by a process holding the secret key
