#!/usr/bin/python3
"""Cross-validated factor-analysis dimensionality with scikit-learn, to time against
`bcikit manifold fit DATA.npy --dims auto` over the same candidate dimensions.

Usage: fa_cv_sklearn.py DATA.npy [max_dims=20] [folds=5] [seed=0] [tol=1e-2]
Candidates are d = 1..max_dims (capped at units - 1), as bcikit's --max-dims. Each candidate is
fitted on every training fold and scored by scikit-learn's own score() (mean log-likelihood per
held-out sample); the best mean over folds is refitted on all samples, as bcikit does.
Prints one JSON line: seconds (the whole search and refit), the picked d, the per-candidate mean
held-out log-likelihoods. Run with Debian's /usr/bin/python3 (python3-sklearn); pin threads for
a fair comparison: OPENBLAS_NUM_THREADS=2 (or 1) fa_cv_sklearn.py ...
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.decomposition import FactorAnalysis
from sklearn.model_selection import KFold

path = sys.argv[1]
max_dims = int(sys.argv[2]) if len(sys.argv) > 2 else 20
folds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
tol = float(sys.argv[5]) if len(sys.argv) > 5 else 1e-2
x = np.load(path)
candidates = list(range(1, min(max_dims, x.shape[1] - 1) + 1))
t0 = time.perf_counter()
scores = np.zeros((len(candidates), folds))
for f, (train, test) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(x)):
    for c, d in enumerate(candidates):
        fa = FactorAnalysis(n_components=d, tol=tol, max_iter=100000).fit(x[train])
        scores[c, f] = fa.score(x[test])
mean = scores.mean(axis=1)
best = candidates[int(np.argmax(mean))]
FactorAnalysis(n_components=best, tol=tol, max_iter=100000).fit(x)
seconds = time.perf_counter() - t0
print(json.dumps({
    "library": f"scikit-learn {sklearn.__version__}",
    "seconds": seconds,
    "picked_dims": best,
    "candidates": candidates,
    "mean_heldout_loglik": [float(v) for v in mean],
    "folds": folds,
    "tol": tol,
}))
