"""Actors: the knowledge base of who is who, and the resolver from noun phrases to Actors.

    kb = KnowledgeBase.load()
    doc = ActorResolver(kb).for_document(date(2020, 1, 8))
    doc.resolve("Italian Prime Minister Giuseppe Conte")   # Actor(country="ITA", sector="GOV", ...)
"""

from eventwire.actors.importer import install_actor_file, read_petrarch
from eventwire.actors.kb import ActorState, KnowledgeBase, Lookup, default_user_dir, state_on
from eventwire.actors.resolver import ActorResolver, DocumentActors
from eventwire.actors.schema import SECTORS, TYPES, ActorEntry, Role, RoleNoun

__all__ = [
    "SECTORS", "TYPES", "ActorEntry", "ActorResolver", "ActorState", "DocumentActors",
    "KnowledgeBase", "Lookup", "Role", "RoleNoun", "default_user_dir", "install_actor_file",
    "read_petrarch", "state_on",
]
