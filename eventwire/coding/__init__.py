"""Triggers and dependency rules over a lexicon -> candidate events (the lexicon is data).

`eventwire.coding.coder.Coder` codes one parsed document; the modules beside it are its steps.
"""
