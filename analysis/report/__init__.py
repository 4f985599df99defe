"""HTML reports: notebooks executed on a corpus, interactive tables, and the evidence page.

* :mod:`.run` executes the numbered notebooks (papermill, one kernel each, two at a time)
  and exports them with the self-contained ``report`` template; it also re-executes the
  committed notebooks in place (``make notebooks``, ``python -m analysis.report NN``).
* :mod:`.tables` shows a DataFrame as a complete interactive table (itables, offline),
  each doc id linked to its evidence.
* :mod:`.evidence` writes ``articles.html``: every article's original text with every
  extracted fact highlighted, reached from any table row at its offsets.
* :mod:`.pages` writes ``index.html`` and the data dictionary page.
* :mod:`.text` escapes untrusted text (:func:`esc`, :func:`md`).
"""
from .run import (KERNEL, NOTEBOOK_PATTERN, OutputError, RunAbandoned, WorkerDied, build_reports, execute_notebook,
                  notebooks, refresh_notebooks, to_html)
from .pages import write_index
from .tables import first_evidence, show
from .text import esc, inline_markdown, md

__all__ = ["KERNEL", "NOTEBOOK_PATTERN", "OutputError", "RunAbandoned", "WorkerDied", "build_reports", "esc",
           "execute_notebook", "first_evidence", "inline_markdown", "md", "notebooks", "refresh_notebooks", "show",
           "to_html", "write_index"]
