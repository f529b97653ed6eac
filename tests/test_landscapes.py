"""Landscapes: exact derivatives (checked by finite differences), grid shapes, minimisers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lrcourse import landscapes as L

FACTORIES = {
    "rippled_bowl": L.rippled_bowl,
    "quadratic": lambda: L.quadratic(condition_number=50.0, angle=0.3),
    "quadratic3": lambda: L.quadratic(condition_number=10.0, dim=3),
    "rosenbrock": L.rosenbrock,
    "noisy_quadratic": lambda: L.noisy_quadratic(noise=0.5, seed=3),
    "saddle": L.saddle,
    "cliff": L.cliff,
}


def _central(fn, x, h):
    """Central differences of fn along each coordinate of the points x (..., d)."""
    d = x.shape[-1]
    cols = []
    for j in range(d):
        e = np.zeros(d)
        e[j] = h
        cols.append((fn(x + e) - fn(x - e)) / (2 * h))
    return np.stack(cols, axis=-1)


@pytest.mark.parametrize("name", FACTORIES)
@settings(max_examples=25, deadline=None)
@given(u=st.lists(st.floats(0.05, 0.95), min_size=3, max_size=3))
def test_derivatives_match_finite_differences(name, u):
    land = FACTORIES[name]()
    lo = np.array([w[0] for w in land.window])
    hi = np.array([w[1] for w in land.window])
    x = lo + (hi - lo) * np.array(u[: land.dim])
    scale = max(1.0, float(np.max(np.abs(land.grad(x)))))
    g_fd = _central(land.f, x, 1e-5)
    np.testing.assert_allclose(land.grad(x), g_fd, atol=1e-6 * scale * 10)
    hscale = max(1.0, float(np.max(np.abs(land.hess(x)))))
    h_fd = _central(land.grad, x, 1e-5)
    np.testing.assert_allclose(land.hess(x), h_fd, atol=1e-5 * hscale)


@pytest.mark.parametrize("name", FACTORIES)
def test_grid_evaluation_shapes(name):
    land = FACTORIES[name]()
    pts = np.zeros((4, 5, land.dim)) + 0.1
    assert land.f(pts).shape == (4, 5)
    assert land.grad(pts).shape == (4, 5, land.dim)
    assert land.hess(pts).shape == (4, 5, land.dim, land.dim)
    grid = land.grid(11)
    if land.dim == 1:
        assert grid.shape == (11, 1)
        assert land.f(grid).shape == (11,)
    elif land.dim == 2:
        assert grid.shape == (11, 11, 2)
        assert land.f(grid).shape == (11, 11)
    # Vectorised evaluation equals point-by-point evaluation (to rounding:
    # einsum may sum in a different order on a grid).
    flat = pts.reshape(-1, land.dim)
    np.testing.assert_allclose(
        land.f(pts).reshape(-1), np.array([land.f(p) for p in flat]), rtol=1e-14
    )


@pytest.mark.parametrize("name", FACTORIES)
def test_minimisers_are_stationary_minima(name):
    land = FACTORIES[name]()
    for p in land.minimisers:
        assert np.max(np.abs(land.grad(p))) < 1e-9
        assert np.all(np.linalg.eigvalsh(land.hess(p)) > 0)
    for p in land.local_maxima:
        assert np.all(np.linalg.eigvalsh(land.hess(p)) < 0)
    for p in land.saddle_points:
        ev = np.linalg.eigvalsh(land.hess(p))
        assert ev.min() < 0 < ev.max()


def test_rippled_bowl_global_minimiser_is_lowest_point_of_window():
    land = L.rippled_bowl()
    xs = np.linspace(-20, 20, 400_001)[:, None]
    assert land.f(land.minimisers[0]) <= land.f(xs).min() + 1e-12
    assert land.window == ((-20.0, 20.0),)
    assert land.ylim == (-2.0, 10.0)


def test_rippled_bowl_stationary_points_alternate():
    land = L.rippled_bowl()
    pts = np.sort(np.concatenate([land.local_minima[:, 0], land.local_maxima[:, 0]]))
    kinds = [1 if p in land.local_minima[:, 0] else -1 for p in pts]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))


def test_rippled_bowl_fast_gradient_equals_vectorised():
    land = L.rippled_bowl()
    g = land.gradient_oracle()
    xs = np.linspace(-20, 20, 1001)
    fast = np.array([g(np.array([v]))[0] for v in xs])
    np.testing.assert_array_equal(fast, land.grad(xs[:, None])[:, 0])


def test_quadratic_condition_number():
    q = L.quadratic(condition_number=100.0, dim=3)
    ev = np.linalg.eigvalsh(q.hess(np.zeros(3)))
    assert ev.max() / ev.min() == pytest.approx(100.0)


def test_noisy_quadratic_is_reproducible_and_seeded():
    land = L.noisy_quadratic(noise=1.0, seed=7)
    a, b = land.gradient_oracle(), land.gradient_oracle()
    x = np.array([1.0, 2.0])
    ga = [a(x) for _ in range(3)]
    gb = [b(x) for _ in range(3)]
    np.testing.assert_array_equal(ga, gb)
    assert not np.array_equal(ga[0], ga[1])
    other = L.noisy_quadratic(noise=1.0, seed=8).gradient_oracle()
    assert not np.array_equal(other(x), ga[0])
    np.testing.assert_array_equal(land.grad(x), L.quadratic().grad(x))


def test_landscapes_are_immutable():
    land = L.rippled_bowl()
    with pytest.raises(AttributeError, match="immutable"):
        land.dim = 2
    with pytest.raises(ValueError, match="read-only"):
        land.minimisers[0, 0] = 1.0


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda: L.quadratic(condition_number=0.5), ValueError,
         r"`condition_number` must be >= 1"),
        (lambda: L.quadratic(dim=0), ValueError, r"`dim` must be >= 1"),
        (lambda: L.quadratic(dim=3, angle=0.1), ValueError, r"`angle` must be 0 unless dim=2"),
        (lambda: L.quadratic(dim=1, condition_number=2.0), ValueError,
         r"`condition_number` must be 1 when dim=1"),
        (lambda: L.noisy_quadratic(noise=-1.0), ValueError, r"`noise` must be >= 0"),
        (lambda: L.noisy_quadratic(seed=1.5), TypeError, r"`seed` must be an integer"),
        (lambda: L.rosenbrock(b=0.0), ValueError, r"`b` must be > 0"),
        (lambda: L.cliff(height=-1.0), ValueError, r"`height` must be > 0"),
        (lambda: L.cliff(steepness="x"), TypeError, r"`steepness` must be a real number"),
        (lambda: L.rippled_bowl().f(np.zeros((3, 2))), ValueError,
         r"`x` must have shape \(\.\.\., 1\)"),
        (lambda: L.rosenbrock().grad([1.0]), ValueError, r"`x` must have shape \(\.\.\., 2\)"),
        (lambda: L.saddle().hess("a"), TypeError, r"`x` must be an array of points"),
        (lambda: L.rippled_bowl().grid(1), ValueError, r"`n` must be >= 2"),
    ],
)
def test_bad_arguments_raise(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
