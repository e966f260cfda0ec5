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

The same reference text gives each pair of languages its unrelated band
(:func:`language_pair_bands`), against which a pair given alone is measured (``compare``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from checker.records import Baseline
from checker.rules import language as languages

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class LanguageSpace:
    """Where each language sits for the run's embedder, from shipped reference text only.

    ``means``: the mean reference vector of every language with reference text, and of the
    unknown language (``""``: the mean of the known languages' means). ``band``: how similar
    two *centred* reference sentences on different topics are, any two languages pooled: the
    unrelated band of the space story grouping scores articles in. Both come from every
    known language, never from the run's own, so adding an article in another language
    cannot move a story's scale."""

    means: dict[str, np.ndarray]
    band: Baseline


def language_space(embed: Embed) -> LanguageSpace:
    """Every known language's mean and the centred unrelated band, one embedding pass over
    the reference text."""
    known = [c for c in languages.known_codes() if languages.get(c).reference]
    texts = [(c, i, t) for c in known for i, t in enumerate(languages.get(c).reference)]
    if not texts:
        return LanguageSpace({}, Baseline(0.0, 0.0))
    vectors = embed([t for _, _, t in texts])
    codes = [c for c, _, _ in texts]
    means = {
        code: vectors[[k for k, c in enumerate(codes) if c == code]].mean(axis=0)
        for code in known
    }
    means[languages.UNKNOWN] = np.mean(list(means.values()), axis=0)
    centred = centre(vectors, codes, means)
    topics = np.array([i for _, i, _ in texts])
    unrelated = (topics[:, None] != topics[None, :]) & np.triu(
        np.ones((len(texts), len(texts)), dtype=bool), k=1
    )
    values = (centred @ centred.T)[unrelated]
    return LanguageSpace(means, Baseline(float(values.mean()), float(values.std())))


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


def language_pair_bands(embed: Embed, codes: Sequence[str]) -> dict[tuple[str, str], Baseline]:
    """The embedder's unrelated band for each pair of languages in ``codes`` that both have
    reference text: cosines of reference sentences on different topics, one in each language.

    One band for all languages misjudges every pair: with the offline E5 stand-in unrelated
    German–English sentences sit at 0.757 and unrelated Spanish ones at 0.836, 3.5 σ apart, so
    a German–English account of one event given alone reads as chance and two Spanish
    sentences on one topic as one statement. Keys are sorted code pairs (``language_pair``)."""
    wanted = sorted({languages.normalise(c) for c in codes} & {
        c for c in languages.known_codes() if languages.get(c).reference
    })
    if not wanted:
        return {}
    texts = [(c, i, t) for c in wanted for i, t in enumerate(languages.get(c).reference)]
    vectors = embed([t for _, _, t in texts])
    rows = {c: [k for k, (code, _, _) in enumerate(texts) if code == c] for c in wanted}
    bands: dict[tuple[str, str], Baseline] = {}
    for n, x in enumerate(wanted):
        for y in wanted[n:]:
            sims = vectors[rows[x]] @ vectors[rows[y]].T
            topic_x = np.array([texts[k][1] for k in rows[x]])
            topic_y = np.array([texts[k][1] for k in rows[y]])
            unrelated = topic_x[:, None] != topic_y[None, :]
            if x == y:  # each pair of sentences once
                unrelated &= np.triu(np.ones_like(unrelated, dtype=bool), k=1)
            values = sims[unrelated]
            if len(values) > 1 and float(values.std()) > 0:
                bands[(x, y)] = Baseline(float(values.mean()), float(values.std()))
    return bands


def language_pair(a: str, b: str) -> tuple[str, str]:
    """The key of two languages' band: normalised codes, sorted."""
    x, y = sorted((languages.normalise(a), languages.normalise(b)))
    return (x, y)


def band_of(
    bands: Mapping[tuple[str, str], Baseline], a: str, b: str, default: Baseline
) -> Baseline:
    """Where unrelated sentences of languages ``a`` and ``b`` sit, on ``default``'s scale:
    the pair's own mean with ``default``'s spread (the embedder's band over mixed reference
    sentences, which thresholds in σ are tuned on), so only the language offset is removed;
    ``default`` itself for a language without reference text."""
    own = bands.get(language_pair(a, b))
    return Baseline(own.mean, default.std) if own is not None else default
