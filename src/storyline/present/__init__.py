"""Presentation of filled stories: the self-contained HTML / JSON report."""
