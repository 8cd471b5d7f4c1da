"""Signed pickles (data.queries.signed): large values kept compressed where that saves
space, anything else as it was; what comes back equals what went in; a wrong signature
or a changed byte gives nothing; blobs sealed before compression still open."""

from __future__ import annotations

import hmac
import os
import pickle

import numpy as np
import pandas as pd
import pandas.testing as pdt

from data.queries import signed

KEY = signed.signing_key("test", "secret")


def test_a_large_frame_is_kept_compressed_and_comes_back_equal():
    frame = pd.DataFrame({"area_code": [f"E0{n % 300:07d}" for n in range(20_000)],
                          "value": np.round(np.linspace(0, 50, 20_000), 1)})
    blob = signed.seal(KEY, frame)
    plain = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    assert blob[signed.SIGNATURE_BYTES:].startswith(signed.COMPRESSED)
    assert len(blob) < len(plain) / 3
    pdt.assert_frame_equal(signed.unseal(KEY, blob), frame)


def test_small_or_incompressible_values_are_kept_as_they_were():
    for value in ({"small": 1}, os.urandom(50_000)):
        blob = signed.seal(KEY, value)
        assert blob[signed.SIGNATURE_BYTES:] == pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        assert signed.unseal(KEY, blob) == value


def test_a_wrong_key_or_a_changed_byte_gives_nothing_and_old_blobs_still_open():
    value = list(range(10_000))
    blob = signed.seal(KEY, value)
    assert signed.unseal(signed.signing_key("test", "another"), blob) is signed.MISSING
    changed = blob[:-1] + bytes([blob[-1] ^ 1])
    assert signed.unseal(KEY, changed) is signed.MISSING
    old = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)  # sealed before compression
    assert signed.unseal(KEY, hmac.digest(KEY, old, "sha256") + old) == value
