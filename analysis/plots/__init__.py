"""Every figure the notebooks show, one module per notebook; each function takes tables and returns a Figure.

Open ``corpus.py`` (notebook 00), ``entities.py`` (01), ``overlap.py`` (02), ``claims.py`` (03) or
``sanctions.py`` (04). Functions return a matplotlib Figure, or ``None`` when there is nothing to draw.
"""
