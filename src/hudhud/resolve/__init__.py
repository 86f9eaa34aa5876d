"""resolve stage: group document-level actors into global actors."""

from hudhud.resolve.group import DocActor, GlobalActor, group
from hudhud.resolve.key import name_key
from hudhud.resolve.resolver import resolve

__all__ = ["DocActor", "GlobalActor", "group", "name_key", "resolve"]
