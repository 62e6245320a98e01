"""MinHash signatures of texts, to find syndicated copies and near-duplicates.

A text's shingles are its overlapping runs of :data:`SHINGLE` lower-cased words; a
signature is the minimum of :data:`PERMUTATIONS` multiply-shift hashes over them, and
the fraction of equal positions in two signatures estimates the Jaccard similarity of
the two shingle sets. Signatures are cut into :data:`BANDS` bands whose hashes are
stored, so candidates are found by equal bands (LSH): with 32 bands of 4 rows a pair at
similarity 0.5 shares a band 87% of the time, a pair at 0.8 almost always.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

__all__ = ["BANDS", "PERMUTATIONS", "SHINGLE", "signature", "similarity"]

SHINGLE = 4
PERMUTATIONS = 128
BANDS = 32
_ROWS = PERMUTATIONS // BANDS
_rng = np.random.default_rng(20260122)  # fixed: signatures must agree across runs and processes
_A = _rng.integers(1, 2**63 - 1, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63 - 1, size=PERMUTATIONS, dtype=np.uint64)
# odd 64-bit constants (golden-ratio and xxHash primes) that mix word and row hashes
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)
_WORD = re.compile(r"\w+")
_CACHE: dict[str, int] = {}
_CACHE_MAX = 500_000


def _word_hashes(text: str) -> np.ndarray:
    words = _WORD.findall(text.lower())
    if len(_CACHE) > _CACHE_MAX:
        _CACHE.clear()
    cache = _CACHE
    for w in set(words).difference(cache):
        cache[w] = zlib.crc32(w.encode("utf-8"))
    return np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))


def _shingles(text: str) -> np.ndarray:
    """Hashes of the text's distinct word 4-grams (64-bit, from per-word CRC32s)."""
    words = _word_hashes(text)
    n = len(words) - SHINGLE + 1
    if n <= 0:
        n, words = (1, np.pad(words, (0, SHINGLE - len(words)))) if len(words) else (0, words)
    if n == 0:
        return words
    grams = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        grams ^= words[k : k + n] * _MIX[k]
    return np.unique(grams)


def signature(text: str) -> tuple[bytes, tuple[int, ...]]:
    """A text's MinHash signature (bytes) and its band hashes (signed 63-bit ints)."""
    hashes = _shingles(text)
    if hashes.size == 0:
        sig = np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    else:
        grid = np.multiply.outer(_A, hashes)  # wraps modulo 2**64, as multiply-shift hashing wants
        grid += _B[:, None]
        grid >>= np.uint64(32)
        sig = grid.min(axis=1).astype(np.uint32)
    rows = sig.astype(np.uint64).reshape(BANDS, _ROWS) * _MIX[:_ROWS]
    bands = np.bitwise_xor.reduce(rows, axis=1) >> np.uint64(1)  # fits a signed 64-bit column
    return sig.tobytes(), tuple(int(b) for b in bands)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures."""
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    if x.shape != y.shape:
        return 0.0
    return float(np.count_nonzero(x == y)) / float(x.size)
