"""Trigger vocabulary, one module per event family, kept as data (regular expressions as text)."""
