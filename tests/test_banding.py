"""LSH band parameters without scipy: datasketch's choice, exact quadrature, no scipy import."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch.lsh import _optimal_param

from dedup.banding import _gauss_legendre, optimal_bands

from .conftest import loaded_after

THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 20)]


@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
def test_choice_equals_datasketch_over_a_grid(num_perm: int) -> None:
    """Every threshold 0.05, 0.10 … 0.95 gets the (bands, rows) datasketch's optimiser picks."""
    for threshold in THRESHOLDS:
        expected = _optimal_param(threshold, num_perm, 0.5, 0.5)
        assert optimal_bands(threshold, num_perm) == expected, threshold


def test_unequal_weights_follow_datasketch() -> None:
    """Weighing false negatives more picks datasketch's banding for those weights too."""
    for threshold in (0.3, 0.7):
        expected = _optimal_param(threshold, 128, 0.2, 0.8)
        chosen = optimal_bands(threshold, 128, false_positive_weight=0.2, false_negative_weight=0.8)
        assert chosen == expected


@pytest.mark.parametrize("count", [1, 2, 5, 65, 257])
def test_quadrature_integrates_polynomials_of_degree_below_2n_exactly(count: int) -> None:
    """∫ x^k over [-1, 1] is 2/(k+1) for even k and 0 for odd k, up to rounding."""
    nodes, weights = _gauss_legendre(count)
    assert np.all(np.abs(nodes) < 1) and abs(weights.sum() - 2.0) < 1e-12
    for power in range(2 * count):
        exact = 2.0 / (power + 1) if power % 2 == 0 else 0.0
        assert abs(float(weights @ nodes**power) - exact) < 1e-12


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.0, 128), (1.0, 128), (0.5, 0)])
def test_impossible_parameters_are_refused(threshold: float, num_perm: int) -> None:
    """A threshold outside (0, 1) or no permutations has no banding."""
    with pytest.raises(ValueError, match=r"threshold|num_perm"):
        optimal_bands(threshold, num_perm)


def test_band_parameters_load_neither_scipy_nor_datasketch() -> None:
    """Choosing a banding in a fresh interpreter imports neither scipy nor datasketch."""
    code = "from dedup.lsh import band_params\nband_params(threshold=0.05, num_perm=128)"
    assert loaded_after(code, "scipy", "datasketch") == []
