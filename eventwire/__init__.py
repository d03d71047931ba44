"""eventwire: news text to political event data (PLOVER/CAMEO), offline and explainable.

Start with :func:`eventwire.pipeline.code_documents`, which names every stage in order.
"""

import logging

from eventwire.records import Actor, Document, Event, EventDate, Evidence, Location

__version__ = "0.1.0"
__all__ = ["Actor", "Document", "Event", "EventDate", "Evidence", "Location", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
