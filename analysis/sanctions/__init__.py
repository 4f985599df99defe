"""Who sanctions whom (being split into one module per concern).

Temporary: everything still lives in legacy.py.
"""
from .legacy import *  # noqa: F401,F403
from .legacy import COLUMNS, CONSOLIDATED_COLUMNS, STATUSES, STATUS_COLOURS  # noqa: F401
