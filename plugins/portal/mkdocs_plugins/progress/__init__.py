"""``portal/progress``: shows how far a build has got (``build.py build`` adds it; see :mod:`portal.progress`)."""
