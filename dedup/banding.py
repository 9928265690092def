"""LSH band parameters: datasketch's optimiser, without scipy.

datasketch's `MinHashLSH` picks (bands, rows) by minimising the sum of the false-positive and
false-negative probabilities at a Jaccard threshold, each integrated with scipy's `quad`.
Importing scipy costs about a second at the start of a command, so the same search is done
here: the integrands are polynomials in the similarity of degree `bands × rows` ≤ `num_perm`,
which Gauss–Legendre quadrature with `num_perm // 2 + 1` nodes integrates exactly. A test keeps
the choice equal to datasketch's over a grid of thresholds and permutation counts.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]


def optimal_bands(
    threshold: float,
    num_perm: int,
    *,
    false_positive_weight: float = 0.5,
    false_negative_weight: float = 0.5,
) -> tuple[int, int]:
    """(bands, rows), `bands × rows ≤ num_perm`, minimising the weighted sum of the
    probabilities of a false positive (similarity below `threshold` made a candidate) and of
    a false negative (similarity above it missed); the first minimum in (bands, rows) order
    wins a tie, as in datasketch."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"LSH threshold must be in (0, 1), got {threshold}")
    if num_perm < 1:
        raise ValueError(f"num_perm must be positive, got {num_perm}")
    pairs = np.array(
        [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)],
        dtype=np.float64,
    )
    bands, rows = pairs[:, :1], pairs[:, 1:]
    nodes, weights = _gauss_legendre(num_perm // 2 + 1)
    below = _integral(bands, rows, nodes, weights, start=0.0, end=threshold)
    above = _integral(bands, rows, nodes, weights, start=threshold, end=1.0)
    # P(candidate | s) = 1 - (1 - s^r)^b: false positives below the threshold, false negatives
    # (one minus it) above.
    false_positive = below
    false_negative = (1.0 - threshold) - above
    error = false_positive * false_positive_weight + false_negative * false_negative_weight
    best = int(np.argmin(error))
    return int(pairs[best, 0]), int(pairs[best, 1])


def _integral(bands: F64, rows: F64, nodes: F64, weights: F64, *, start: float, end: float) -> F64:
    """∫ 1 - (1 - s^rows)^bands ds from `start` to `end`, for each (bands, rows) row."""
    half = (end - start) / 2.0
    s = start + half * (nodes[None, :] + 1.0)
    values = 1.0 - (1.0 - s**rows) ** bands
    integral: F64 = half * (values @ weights)
    return integral


def _gauss_legendre(count: int) -> tuple[F64, F64]:
    """Nodes and weights of `count`-point Gauss–Legendre quadrature on [-1, 1].

    Newton's method on the Legendre polynomial from the usual first guesses; numpy's `leggauss`
    gives the same to rounding but loads LAPACK for an eigenvalue problem (0.1 s at start-up).
    """
    index = np.arange(1, count + 1, dtype=np.float64)
    nodes = np.cos(np.pi * (index - 0.25) / (count + 0.5))
    for _ in range(100):
        value, slope = _legendre(count, nodes)
        step = value / slope
        nodes = nodes - step
        if np.max(np.abs(step)) < 1e-15:
            break
    _, slope = _legendre(count, nodes)
    weights = 2.0 / ((1.0 - nodes**2) * slope**2)
    return nodes, weights


def _legendre(degree: int, x: F64) -> tuple[F64, F64]:
    """P_degree(x) and its derivative, by the three-term recurrence."""
    previous, current = np.ones_like(x), x.copy()
    for n in range(2, degree + 1):
        previous, current = current, ((2 * n - 1) * x * current - (n - 1) * previous) / n
    slope = degree * (x * current - previous) / (x**2 - 1.0)
    return current, slope
