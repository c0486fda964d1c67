"""Exports of responses and figures (CSV, XLSX, SPSS) and the PDF report, as background jobs.

`insights.service.request_export` (`requests`) queues a job; the worker calls `run(job_id)`.
"""

from .jobs import run

__all__ = ["run"]
