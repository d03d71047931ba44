"""Triggers and dependency rules over a lexicon -> candidate events (the lexicon is data)."""

from eventwire.coding.coder import Coder

__all__ = ["Coder"]
