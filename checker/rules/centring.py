"""Per-language centring of sentence vectors, so every language gets a fair chance in pairing.

Multilingual embedders place each language in its own region: with the offline E5 stand-in,
raw cosines sit in 0.785 ± 0.028 with a different offset per language, so a claim's nearest
neighbours are mostly claims in its own language and a German claim's best English match
sits lower in a story's baseline than a mediocre German one. Subtracting the language's mean
vector removes that offset and leaves what the sentences say.

The means come from *reference text* shipped with each language (``data/lang/<code>/
reference.txt``: the same everyday topics in every language), embedded by the run's own
embedder, never from the input: estimated from the story itself, a mean absorbs the story's
topic and removes exactly what the claims share. A claim in a language without reference
text is centred on the mean of all languages' means (the shared part of every language).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from checker.rules import language as languages

Embed = Callable[[list[str]], np.ndarray]


def language_means(embed: Embed, codes: Sequence[str]) -> dict[str, np.ndarray]:
    """Mean reference vector of each language in ``codes`` that has reference text, and of
    the unknown language (``""``: the mean of every known language's mean)."""
    wanted = {languages.normalise(c) for c in codes}
    known = [c for c in languages.known_codes() if languages.get(c).reference]
    texts = [(c, t) for c in known for t in languages.get(c).reference]
    if not texts:
        return {}
    vectors = embed([t for _, t in texts])
    means = {
        code: vectors[[i for i, (c, _) in enumerate(texts) if c == code]].mean(axis=0)
        for code in known
    }
    means[languages.UNKNOWN] = np.mean(list(means.values()), axis=0)
    return {c: m for c, m in means.items() if c in wanted or c == languages.UNKNOWN}


def centre(
    vectors: np.ndarray, codes: Sequence[str], means: dict[str, np.ndarray]
) -> np.ndarray:
    """Each row minus its language's mean, back to unit length (cosine = dot product).

    Rows in a language without a mean take the unknown language's; without any means (no
    reference text at all) the vectors are returned as they are.
    """
    if not means or not len(vectors):
        return vectors
    fallback = means[languages.UNKNOWN]
    shift = np.stack([means.get(languages.normalise(c), fallback) for c in codes])
    centred = vectors.astype(np.float32) - shift.astype(np.float32)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.where(norms > 0, norms, 1.0)

