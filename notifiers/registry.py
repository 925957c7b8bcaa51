"""The channel registry: a channel type name → (pydantic config model, factory).

The built-in channels register themselves when their module is imported; `notifiers.registry` imports them on
first use. Third-party channels register the same way, from a module named by an entry point in the group
`tallywatch.notifiers` (loaded on first use as well), or simply by being imported before the config is loaded:

    from notifiers.registry import register
    from notifiers.base import BaseNotifier, NotifierConfig

    class PagerConfig(NotifierConfig):
        type: Literal["pager"]
        number: str

    @register("pager", PagerConfig)
    class PagerNotifier(BaseNotifier):
        type = "pager"
        async def _send(self, messages, *, http): ...
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points
from typing import Any, TypeVar

from pydantic import BaseModel

from .base import Notifier

log = logging.getLogger(__name__)

Factory = Callable[[str, Any], Notifier]
F = TypeVar("F", bound=Callable[..., Any])

ENTRY_POINT_GROUP = "tallywatch.notifiers"
_BUILTIN_MODULES = ("console", "slack", "email", "webhook", "apprise")

_registry: dict[str, tuple[type[BaseModel], Callable[..., Any]]] = {}
_loaded = False


class UnknownChannelType(KeyError):
    """A notifier `type` nobody registered; the message lists the known types."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown notifier type"


def register(type_name: str, config_model: type[BaseModel]) -> Callable[[F], F]:
    """Register a channel: `factory(name, validated_config) -> Notifier` (a class works as a factory).

    Registering the same type twice with a different factory is an error; re-registering the same one
    (a module imported twice) is harmless.
    """

    def decorator(factory: F) -> F:
        existing = _registry.get(type_name)
        if existing is not None and existing[1] is not factory and existing[1].__qualname__ != factory.__qualname__:
            raise ValueError(f"notifier type {type_name!r} is already registered by {existing[1]!r}")
        _registry[type_name] = (config_model, factory)
        return factory

    return decorator


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in _BUILTIN_MODULES:
        importlib.import_module(f"{__package__}.{module}")
    try:
        eps = entry_points(group=ENTRY_POINT_GROUP)
    except Exception:  # pragma: no cover - broken metadata must not break alerting
        eps = ()  # type: ignore[assignment]
    for ep in eps:
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not take the built-in channels down
            log.warning("cannot load notifier plug-in %s: %s", ep.name, exc)


def channel_types() -> list[str]:
    """The registered channel type names, sorted."""
    _load()
    return sorted(_registry)


def config_model_for(type_name: str) -> type[BaseModel]:
    """The pydantic model that validates a channel's config; `UnknownChannelType` (a KeyError) if unknown."""
    _load()
    try:
        return _registry[type_name][0]
    except KeyError:
        known = ", ".join(sorted(_registry))
        raise UnknownChannelType(f"unknown notifier type {type_name!r} (known: {known})") from None


def build_notifier(name: str, config: Mapping[str, Any]) -> Notifier:
    """Validate `config` (which includes `type`) with the channel's model and build the notifier.

    A missing or unknown `type` raises `UnknownChannelType` (a KeyError); a bad config raises pydantic's
    ValidationError (inputs hidden, since they may be secrets) for the config loader to format.
    """
    type_name = config.get("type")
    if not isinstance(type_name, str) or not type_name:
        _load()
        known = ", ".join(sorted(_registry))
        raise UnknownChannelType(f"notifier {name!r} has no 'type' (one of: {known})")
    model = config_model_for(type_name)
    validated = model.model_validate(dict(config))
    factory = _registry[type_name][1]
    return factory(name, validated)
