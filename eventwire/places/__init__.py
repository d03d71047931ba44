"""Places: the offline gazetteer and the location of each event.

    from eventwire.places import Gazetteer, locate_event
    gaz = Gazetteer.load()
    gaz.lookup("Tripoli", ["LBN"])              # Tripoli, Lebanon
    locate_event(sent, trigger, gaz, actor_countries=["LBY"])
"""

from eventwire.places.gazetteer import Gazetteer, Place, normalise
from eventwire.places.locate import find_mentions, locate_event

__all__ = ["Gazetteer", "Place", "find_mentions", "locate_event", "normalise"]
