"""Renderers: one module per output format; each turns a report into text."""
