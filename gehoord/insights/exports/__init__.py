"""Exports of responses and figures (CSV, XLSX, SPSS) and the PDF report, as background jobs."""
