"""The multilayer perceptron: parameters, forward pass and backward pass."""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from .._validation import check_bool, check_choice, check_int, check_real
from ._activations import ACTIVATIONS, activate
from ._init import INITS, init_std
from ._linalg import frobenius, matmul
from ._losses import LOSSES, cross_entropy, mse

__all__ = ["MLP"]


class MLP:
    r"""A fully connected network in float64 NumPy, with its exact gradients.

    With widths :math:`d_0, \dots, d_L` (``sizes``), input
    :math:`h_0 = X` of shape :math:`(N, d_0)` and activation :math:`\phi`,
    hidden layer :math:`l = 1, \dots, L-1` computes

    .. math::

        z_l = h_{l-1} W_l + b_l, \qquad
        u_l = \begin{cases}
            \gamma_l \odot \dfrac{z_l - \mu_l}{\sqrt{\sigma_l^2 + \epsilon}} + \beta_l
                & \text{with batch normalisation}\\
            z_l & \text{without}\end{cases}, \qquad
        h_l = \phi(u_l) \;\; \bigl(+\, h_{l-1} \text{ if residual}\bigr)

    where :math:`\mu_l` and :math:`\sigma_l^2` are the mean and the (biased)
    variance of each column of :math:`z_l` over the batch (training-mode
    statistics, always; there are no running averages). The last layer is
    linear: the output (logits, or predictions) is
    :math:`o = h_{L-1} W_L + b_L`, with no normalisation and no activation.
    Each :math:`W_l` has shape :math:`(d_{l-1}, d_l)`.

    Parameters
    ----------
    sizes : sequence of int
        :math:`(d_0, d_1, \dots, d_L)`: input width, hidden widths, output
        width. At least two entries, each >= 1. ``(2, 64, 64, 2)`` has two
        hidden layers of 64 units and three weight matrices.
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}
        :math:`\phi` of every hidden layer.
    init : {"normal", "glorot", "he"}
        How the weights are drawn; see :func:`init_std` for the formulas.
        Biases and :math:`\beta` start at 0, :math:`\gamma` at 1.
    std : float, default 1.0
        Standard deviation of ``init="normal"`` (> 0).
    gain : float, default 1.0
        Factor on the standard deviation of every scheme (> 0).
    negative_slope : float, default 0.01
        Slope of ``leaky_relu`` for negative inputs (>= 0).
    batch_norm : bool, default False
        Normalise every hidden layer's :math:`z_l` over the batch, then scale
        by :math:`\gamma_l` and shift by :math:`\beta_l` (before the activation).
    residual : bool, default False
        Add :math:`h_{l-1}` to the output of every hidden layer whose input
        is a hidden layer (:math:`l = 2, \dots, L-1`). Needs at least two
        hidden layers, all of the same width.
    eps : float, default 1e-5
        :math:`\epsilon` > 0 of batch normalisation (PyTorch's default).
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` for the weights: the same seed
        gives the same network.

    Attributes
    ----------
    params : list of numpy.ndarray
        The parameters in the order W1, b1, (gamma1, beta1,) W2, b2, ...,
        WL, bL (gamma and beta only for hidden layers, only with
        ``batch_norm``). These arrays ARE the network's storage: writing
        into them (``net.params[0][...] = w``) changes the network.
    param_names : tuple of str
        ``("W1", "b1", "gamma1", "beta1", "W2", ...)``, in the order of ``params``.
    sizes : tuple of int
    n_layers : int
        :math:`L`, the number of weight matrices.
    n_params : int
        Total number of scalar parameters.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        For fewer than two sizes or a size below 1, an unknown ``activation``
        or ``init``, ``std``/``gain``/``eps`` <= 0, or ``residual=True``
        with fewer than two hidden layers or hidden layers of unequal width.

    Notes
    -----
    Operations that overflow (a deep network with large weights) are not
    stopped: the loss and gradients then contain ``inf`` or ``nan``, which
    :func:`train` reports as a divergence. Check with ``numpy.isfinite``.

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", Nature 323, 1986.
    .. [2] S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep
       Network Training by Reducing Internal Covariate Shift", ICML 2015,
       Algorithm 1 (the transform) and §3 (its gradients), arXiv:1502.03167.
    .. [3] K. He, X. Zhang, S. Ren and J. Sun, "Deep Residual Learning for
       Image Recognition", CVPR 2016, eq. 1 (the identity shortcut),
       arXiv:1512.03385.
    .. [4] PyTorch 2.13, ``torch.nn.functional.batch_norm`` with
       ``training=True`` (biased batch variance, ``eps=1e-5``).

    Examples
    --------
    >>> import numpy as np
    >>> from lrcourse.nn import MLP
    >>> net = MLP((2, 8, 8, 3), activation="tanh", init="glorot", batch_norm=True)
    >>> net.param_names
    ('W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3')
    >>> [p.shape for p in net.params][:2], net.n_params
    ([(2, 8), (8,)], 155)
    >>> loss, grads = net.loss_and_grads(np.zeros((4, 2)), np.array([0, 1, 2, 0]))
    >>> round(loss, 6)    # all logits 0: log 3
    1.098612
    """

    def __init__(
        self,
        sizes,
        *,
        activation,
        init,
        std=1.0,
        gain=1.0,
        negative_slope=0.01,
        batch_norm=False,
        residual=False,
        eps=1e-5,
        seed=0,
    ):
        self.sizes = _check_sizes(sizes)
        self.activation = check_choice("activation", activation, ACTIVATIONS)
        self.init = check_choice("init", init, INITS)
        self.std = check_real("std", std, gt=0)
        self.gain = check_real("gain", gain, gt=0)
        self.negative_slope = check_real("negative_slope", negative_slope, ge=0)
        self.batch_norm = check_bool("batch_norm", batch_norm)
        self.residual = check_bool("residual", residual)
        self.eps = check_real("eps", eps, gt=0)
        self.seed = check_int("seed", seed, ge=0)
        if self.residual:
            _check_residual(self.sizes)
        self.n_layers = len(self.sizes) - 1

        names, shapes = [], []
        for layer in range(1, self.n_layers + 1):
            d_in, d_out = self.sizes[layer - 1], self.sizes[layer]
            names += [f"W{layer}", f"b{layer}"]
            shapes += [(d_in, d_out), (d_out,)]
            if self.batch_norm and layer < self.n_layers:
                names += [f"gamma{layer}", f"beta{layer}"]
                shapes += [(d_out,), (d_out,)]
        self.param_names = tuple(names)
        self._shapes = tuple(shapes)
        self.n_params = int(sum(int(np.prod(s)) for s in shapes))
        self._flat = np.zeros(self.n_params)
        self.params = _views(self._flat, shapes)
        # Index in `params` of each layer's W (b follows; gamma, beta after b).
        self._w_index = tuple(i for i, n in enumerate(names) if n.startswith("W"))

        rng = np.random.default_rng(self.seed)
        for layer, i in enumerate(self._w_index, start=1):
            d_in, d_out = self.sizes[layer - 1], self.sizes[layer]
            s = init_std(self.init, d_in, d_out, std=self.std, gain=self.gain)
            self.params[i][...] = s * rng.standard_normal((d_in, d_out))
            if self.batch_norm and layer < self.n_layers:
                self.params[i + 2][...] = 1.0

    # -- public API ---------------------------------------------------------
    def forward(self, X):
        r"""The network's output :math:`o` for the inputs ``X``.

        Parameters
        ----------
        X : array_like, shape (N, sizes[0])
            Finite inputs, one row per example (N >= 2 with batch normalisation).

        Returns
        -------
        numpy.ndarray, shape (N, sizes[-1])
            The logits (classification) or the predictions (regression).

        Raises
        ------
        TypeError, ValueError
            If ``X`` is not a finite numeric array of that shape.
        """
        X = self._check_X(X)
        return self._forward(X)[0]

    def loss_and_grads(self, X, y, *, loss="cross_entropy"):
        r"""The loss on a batch and its gradient for every parameter.

        .. math::

            \text{cross\_entropy: } \mathcal L = -\frac1N \sum_n \log
                \operatorname{softmax}(o_n)_{y_n}, \qquad
            \text{mse: } \mathcal L = \frac{1}{N d_L} \sum_{n, j} (o_{nj} - y_{nj})^2

        The gradients come from backpropagation (the chain rule applied
        layer by layer from the output back to the input), in float64.

        Parameters
        ----------
        X : array_like, shape (N, sizes[0])
            Finite inputs (N >= 2 with batch normalisation).
        y : array_like
            For ``"cross_entropy"``: integer labels, shape ``(N,)``, each in
            ``0 .. sizes[-1] - 1``. For ``"mse"``: finite targets of shape
            ``(N, sizes[-1])`` (or ``(N,)`` when ``sizes[-1] == 1``).
        loss : {"cross_entropy", "mse"}, default "cross_entropy"

        Returns
        -------
        loss : float
        grads : list of numpy.ndarray
            :math:`\partial\mathcal L/\partial\theta` for each array of
            :attr:`params`, in the same order and shapes (new arrays).

        Raises
        ------
        TypeError, ValueError
            For inputs or labels of the wrong type, shape or range, or NaN/inf
            in them; for an unknown ``loss``.
        """
        loss = check_choice("loss", loss, LOSSES)
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0], loss)
        value, _, grads = self._loss_and_grads(X, y, loss)
        return value, grads

    def layer_grad_norms(self, grads):
        r"""The norm of each weight matrix's gradient, from the first layer to the last.

        .. math:: \left\| \frac{\partial\mathcal L}{\partial W_l} \right\|_F
            = \Bigl(\sum_{i,j} \Bigl(\frac{\partial \mathcal L}{\partial W_{l,ij}}\Bigr)^2\Bigr)^{1/2},
            \qquad l = 1, \dots, L

        In a network whose gradients vanish these fall towards the input
        (small :math:`l`); when they explode, they grow towards it.

        Parameters
        ----------
        grads : list of array_like
            Gradients in the order of :attr:`params` (from :meth:`loss_and_grads`).

        Returns
        -------
        numpy.ndarray, shape (n_layers,)

        Raises
        ------
        ValueError
            If ``grads`` does not have one array per parameter, shaped like it.
        """
        grads = self._check_grads(grads)
        return np.array([frobenius(grads[i]) for i in self._w_index])

    def accuracy(self, X, y):
        """Fraction of the rows of ``X`` whose largest logit is at the label ``y``.

        Raises
        ------
        TypeError, ValueError
            As :meth:`loss_and_grads` with ``loss="cross_entropy"``.
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0], "cross_entropy")
        return float(np.mean(np.argmax(self._forward(X)[0], axis=1) == y))

    def r2(self, X, y):
        r"""Coefficient of determination :math:`R^2 = 1 - \sum (o - y)^2 / \sum (y - \bar y)^2`.

        Computed over all outputs together; 1 is a perfect fit, 0 is no better
        than predicting the mean of ``y``.

        Raises
        ------
        TypeError, ValueError
            As :meth:`loss_and_grads` with ``loss="mse"``.
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0], "mse")
        r = self._forward(X)[0] - y
        return float(1.0 - np.sum(r * r) / np.sum((y - y.mean()) ** 2))

    def copy(self):
        """An independent network with the same settings and a copy of the parameters."""
        new = object.__new__(MLP)
        new.__dict__.update(self.__dict__)
        new._flat = self._flat.copy()
        new.params = _views(new._flat, self._shapes)
        return new

    def with_params(self, params):
        """A copy of this network whose parameters are ``params`` (copied).

        Raises
        ------
        TypeError, ValueError
            If ``params`` does not have one finite array per parameter, shaped
            like :attr:`params`.
        """
        values = self._check_grads(params, name="params")
        for v in values:
            if not np.all(np.isfinite(v)):
                raise ValueError("Argument `params` must be finite. Received: NaN or inf in it")
        new = self.copy()
        for p, v in zip(new.params, values, strict=True):
            p[...] = v
        return new

    def __repr__(self):
        extra = ""
        if self.init == "normal":
            extra += f", std={self.std!r}"
        if self.gain != 1.0:
            extra += f", gain={self.gain!r}"
        if self.activation == "leaky_relu":
            extra += f", negative_slope={self.negative_slope!r}"
        return (
            f"MLP({self.sizes}, activation={self.activation!r}, init={self.init!r}{extra}, "
            f"batch_norm={self.batch_norm}, residual={self.residual}, seed={self.seed})"
        )

    # -- forward and backward ----------------------------------------------
    def _loss_and_grads(self, X, y, loss):
        """Unchecked: the loss, the flat gradient and its views in the order of params."""
        out, caches = self._forward(X)
        with np.errstate(all="ignore"):
            value, d_out = (cross_entropy if loss == "cross_entropy" else mse)(out, y)
        flat = np.empty(self.n_params)
        return value, flat, self._backward(d_out, caches, flat)

    def _forward(self, X):
        p, L = self.params, self.n_layers
        h, caches = X, []
        with np.errstate(all="ignore"):
            for k, i in enumerate(self._w_index[:-1]):
                z = matmul(h, p[i]) + p[i + 1]
                if self.batch_norm:
                    zc = z - z.mean(axis=0)
                    inv = 1.0 / np.sqrt(np.mean(zc * zc, axis=0) + self.eps)
                    zh = zc * inv
                    u = zh * p[i + 2] + p[i + 3]
                else:
                    zh = inv = None
                    u = z
                a, da = activate(self.activation, u, self.negative_slope)
                caches.append((h, zh, inv, da))
                h = h + a if (self.residual and k > 0) else a
            i = self._w_index[L - 1]
            out = matmul(h, p[i]) + p[i + 1]
        caches.append(h)
        return out, caches

    def _backward(self, d_out, caches, flat):
        p = self.params
        g = _views(flat, self._shapes)
        with np.errstate(all="ignore"):
            i = self._w_index[-1]
            matmul(caches[-1].T, d_out, out=g[i])
            np.sum(d_out, axis=0, out=g[i + 1])
            dh = matmul(d_out, p[i].T)
            for k in range(self.n_layers - 2, -1, -1):
                i = self._w_index[k]
                h_in, zh, inv, da = caches[k]
                du = dh * da
                if self.batch_norm:
                    np.sum(du * zh, axis=0, out=g[i + 2])
                    np.sum(du, axis=0, out=g[i + 3])
                    dzh = du * p[i + 2]
                    dz = inv * (dzh - dzh.mean(axis=0) - zh * np.mean(dzh * zh, axis=0))
                else:
                    dz = du
                matmul(h_in.T, dz, out=g[i])
                np.sum(dz, axis=0, out=g[i + 1])
                if k > 0:
                    dh_in = matmul(dz, p[i].T)
                    dh = dh_in + dh if self.residual else dh_in
        return g

    # -- validation --------------------------------------------------------
    def _check_X(self, X):
        a = _numeric("X", X)
        d0 = self.sizes[0]
        if a.ndim != 2 or a.shape[1] != d0:
            raise ValueError(
                f"Argument `X` must have shape (N, {d0}): one row per example, {d0} = sizes[0] "
                f"columns. Received: X with shape {a.shape}"
            )
        n_min = 2 if self.batch_norm else 1
        if a.shape[0] < n_min:
            why = " (batch normalisation needs a batch to take statistics over)" if n_min > 1 else ""
            raise ValueError(
                f"Argument `X` must have at least {n_min} row{'s' if n_min > 1 else ''}{why}. "
                f"Received: X with shape {a.shape}"
            )
        _check_finite("X", a)
        return a

    def _check_y(self, y, n, loss):
        d_out = self.sizes[-1]
        if loss == "cross_entropy":
            a = np.asarray(y)
            if a.dtype.kind not in "iu":
                raise TypeError(
                    "Argument `y` must hold integer class labels for loss='cross_entropy'. "
                    f"Received: y with dtype {a.dtype}"
                )
            if a.shape != (n,):
                raise ValueError(
                    f"Argument `y` must have shape ({n},): one label per row of X. "
                    f"Received: y with shape {a.shape}"
                )
            bad = np.flatnonzero((a < 0) | (a >= d_out))
            if bad.size:
                raise ValueError(
                    f"Argument `y` must hold labels in 0 .. {d_out - 1} (the network has "
                    f"{d_out} outputs). Received: y[{bad[0]}]={a[bad[0]]}"
                )
            return a.astype(np.intp, copy=False)
        a = _numeric("y", y)
        if a.shape == (n,) and d_out == 1:
            a = a.reshape(n, 1)
        if a.shape != (n, d_out):
            alt = f" or ({n},)" if d_out == 1 else ""
            raise ValueError(
                f"Argument `y` must have shape ({n}, {d_out}){alt}: one target row per row of X, "
                f"{d_out} = sizes[-1] columns. Received: y with shape {a.shape}"
            )
        _check_finite("y", a)
        return a

    def _check_grads(self, grads, name="grads"):
        if isinstance(grads, str | bytes | np.ndarray) or not isinstance(grads, Sequence):
            raise TypeError(
                f"Argument `{name}` must be a list of arrays in the order of MLP.params. "
                f"Received: {name}={grads!r}"
            )
        if len(grads) != len(self._shapes):
            raise ValueError(
                f"Argument `{name}` must have one array per parameter ({len(self._shapes)}: "
                f"{', '.join(self.param_names)}). Received: {len(grads)} arrays"
            )
        out = []
        for k, (gk, shape) in enumerate(zip(grads, self._shapes, strict=True)):
            a = _numeric(f"{name}[{k}]", gk)
            if a.shape != shape:
                raise ValueError(
                    f"Argument `{name}` must have arrays shaped like MLP.params. Received: "
                    f"{name}[{k}] ({self.param_names[k]}) with shape {a.shape}, expected {shape}"
                )
            out.append(a)
        return out


def _views(flat, shapes):
    out, start = [], 0
    for s in shapes:
        size = int(np.prod(s))
        out.append(flat[start:start + size].reshape(s))
        start += size
    return out


def _numeric(name, value):
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"Argument `{name}` must be an array of numbers. Received: {name}={value!r}")
    try:
        a = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"Argument `{name}` must be an array of numbers. Received: {name}={value!r}"
        ) from None
    if a.dtype.kind not in "iuf":
        raise TypeError(
            f"Argument `{name}` must be an array of numbers. Received: {name} with dtype {a.dtype}"
        )
    return a.astype(np.float64, copy=False)


def _check_finite(name, a):
    bad = ~np.isfinite(a)
    if bad.any():
        where = np.argwhere(bad)[0]
        pos = ", ".join(str(int(i)) for i in where)
        raise ValueError(
            f"Argument `{name}` must be finite (no NaN or inf). Received: "
            f"{name}[{pos}]={float(a[tuple(where)])!r}"
        )


def _check_sizes(sizes):
    if isinstance(sizes, str | bytes) or not isinstance(sizes, Sequence | np.ndarray):
        raise TypeError(
            f"Argument `sizes` must be a list of layer widths such as (2, 64, 2). "
            f"Received: sizes={sizes!r}"
        )
    items = list(sizes)
    if len(items) < 2:
        raise ValueError(
            "Argument `sizes` must have at least 2 entries (input and output width). "
            f"Received: sizes={sizes!r}"
        )
    out = []
    for k, s in enumerate(items):
        if isinstance(s, bool | np.bool_) or not isinstance(s, numbers.Integral):
            raise TypeError(
                f"Argument `sizes` must be a list of integers. Received: sizes[{k}]={s!r}"
            )
        if s < 1:
            raise ValueError(
                f"Argument `sizes` must be a list of widths >= 1. Received: sizes[{k}]={s!r}"
            )
        out.append(int(s))
    return tuple(out)


def _check_residual(sizes):
    hidden = sizes[1:-1]
    if len(hidden) < 2:
        raise ValueError(
            "Argument `residual` needs at least two hidden layers: a residual connection adds "
            "a hidden layer's input, itself a hidden layer, to its output. "
            f"Received: residual=True with sizes={sizes}"
        )
    for k in range(2, len(sizes) - 1):
        if sizes[k] != sizes[k - 1]:
            raise ValueError(
                "Argument `residual` connects layers of equal width only: the layer from "
                f"sizes[{k - 1}]={sizes[k - 1]} to sizes[{k}]={sizes[k]} units cannot add its "
                f"input to its output. Received: residual=True with sizes={sizes}"
            )
