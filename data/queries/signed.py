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
import zlib
from collections.abc import Hashable
from typing import Any

log = logging.getLogger(__name__)
MISSING = object()
SIGNATURE_BYTES = 32
# Query results (pickled frames) and page answers, kept for every area after a load, are
# most of the store's precomputed rows and of Redis' memory; zlib's fastest level takes a
# DataFrame's pickle to a third or less for about a millisecond per 100 kB. A pickle always
# starts with its protocol byte (0x80), never with this mark.
COMPRESS_FROM = 4096
COMPRESSED = b"zlib:"


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
    """`value` pickled (compressed from `COMPRESS_FROM` bytes, where that saves a tenth or
    more) behind its signature; None when it cannot be pickled."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        log.debug("not kept outside the process (cannot pickle): %s", error)
        return None
    if len(payload) >= COMPRESS_FROM:
        packed = COMPRESSED + zlib.compress(payload, 1)
        if len(packed) < 0.9 * len(payload):
            payload = packed
    return hmac.digest(signing, payload, "sha256") + payload


def unseal(signing: bytes, blob: bytes | None) -> Any:
    """The value `seal` made, or MISSING when there is none or its signature is wrong."""
    if blob is None or len(blob) < SIGNATURE_BYTES:
        return MISSING
    signature, payload = blob[:SIGNATURE_BYTES], blob[SIGNATURE_BYTES:]
    if not hmac.compare_digest(signature, hmac.digest(signing, payload, "sha256")):
        log.warning("cached value with a bad signature ignored")
        return MISSING
    if payload.startswith(COMPRESSED):
        payload = zlib.decompress(payload[len(COMPRESSED):])
    return pickle.loads(payload)  # signed by a process holding the secret key
