"""Facts of an article and where two articles' facts disagree: one flow, in one subpackage.

mentions (numbers, dates, clock times, counts of people by role, names) → typed facts with their
slot (what the value measures) → comparison of two articles (conflicts apart from omissions).
Every command that shows facts (`facts`, `diff`, `cluster`, `check`) reads them from here.
"""

from dedup.factcheck.extract import ArticleFacts, Fact, extract_facts

__all__ = ["ArticleFacts", "Fact", "extract_facts"]
