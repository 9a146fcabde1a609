"""Fit the confidence models: L2-regularised logistic regression by Newton's method, in pure Python.

A few hundred facts and a dozen features: Newton converges in a handful of steps, in milliseconds, and
gives the same coefficients on every run (no random start, no dependency beyond the standard library).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One fact: its features, whether the gold has it, and its weight in the fit."""

    features: Mapping[str, float]
    right: bool
    weight: float = 1.0


def fit_logistic(rows: Sequence[Row], names: Sequence[str], *, l2: float = 1.0,
                 steps: int = 50) -> dict[str, float]:
    """Coefficients ("bias" plus one per feature name) maximising the weighted, penalised likelihood.

    The intercept is not penalised, so with no usable feature the model predicts the weighted base rate.
    """
    names = list(names)
    dim = len(names) + 1
    xs = [[1.0, *(float(r.features.get(n, 0.0)) for n in names)] for r in rows]
    ys = [1.0 if r.right else 0.0 for r in rows]
    ws = [r.weight for r in rows]
    beta = [0.0] * dim
    for _ in range(steps):
        grad = [0.0] * dim
        hess = [[0.0] * dim for _ in range(dim)]
        for x, y, w in zip(xs, ys, ws, strict=True):
            z = sum(b * v for b, v in zip(beta, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = w * (y - p), w * p * (1.0 - p)
            for i in range(dim):
                grad[i] += g * x[i]
                if x[i]:
                    for j in range(i, dim):
                        hess[i][j] += h * x[i] * x[j]
        for i in range(dim):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(1, dim):
            grad[i] -= l2 * beta[i]
            hess[i][i] += l2
        hess[0][0] += 1e-9
        delta = _solve(hess, grad)
        beta = [b + d for b, d in zip(beta, delta, strict=True)]
        if max(abs(d) for d in delta) < 1e-8:
            break
    return {"bias": beta[0], **dict(zip(names, beta[1:], strict=True))}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the penalised Hessian is positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x
