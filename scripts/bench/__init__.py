"""Helpers of ``scripts/benchmark.py`` and ``scripts/gen_corpus.py``.

Kept apart so each concern (lead photos, git history, whole-tree memory, the
Hugo peer) reads on its own; they only need the standard library, except
``photos`` (Pillow) and ``hugo`` (a ``hugo`` binary, found at run time).
"""
