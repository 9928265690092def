"""dedup: find multi-source news coverage of the same event and show where the reports differ."""

__version__ = "0.1.0"
