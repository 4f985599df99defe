"""``python -m analysis.report [NN ...]``: re-execute the committed notebooks in place (``make notebooks``)."""
import sys

from .. import config
from .run import refresh_notebooks

for path in refresh_notebooks(only=sys.argv[1:] or None):
    print(f"executed {path.relative_to(config.ROOT)}")
