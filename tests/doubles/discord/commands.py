"""Registered application commands, global and per guild.

Kept separately from the rest of the state because the interaction builder
reads the registered schemas to type a test's plain option values the way
Discord would (a ``channel`` option becomes type 7 with resolved data).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .models import Snowflakes
from .validation import check_command

SUBCOMMAND = 1
SUBCOMMAND_GROUP = 2


@dataclass
class CommandSync:
    """One bulk overwrite (``tree.sync()``): where, and the payload as sent."""

    guild_id: int | None
    payload: list[dict[str, Any]]


@dataclass
class CommandRegistry:
    application_id: int
    ids: Snowflakes
    # guild id (None = global) -> command id -> stored command object
    scopes: dict[int | None, dict[int, dict[str, Any]]] = field(default_factory=dict)
    syncs: list[CommandSync] = field(default_factory=list)

    def in_scope(self, guild_id: int | None) -> list[dict[str, Any]]:
        return list(self.scopes.get(guild_id, {}).values())

    def overwrite(
        self, guild_id: int | None, payload: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """PUT semantics: replace the scope, keeping ids of commands whose
        (name, type) survive, as Discord does."""
        for index, command in enumerate(payload):
            check_command(index, command)
        self.syncs.append(CommandSync(guild_id, payload))
        previous = {(c["name"], c.get("type", 1)): c for c in self.in_scope(guild_id)}
        scope: dict[int, dict[str, Any]] = {}
        for command in payload:
            old = previous.get((command["name"], command.get("type", 1)))
            stored = self._store(guild_id, command, int(old["id"]) if old else None)
            scope[int(stored["id"])] = stored
        self.scopes[guild_id] = scope
        return list(scope.values())

    def upsert(self, guild_id: int | None, command: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """POST semantics: create or replace by (name, type); True when created."""
        check_command(0, command)
        scope = self.scopes.setdefault(guild_id, {})
        for cid, old in scope.items():
            if (old["name"], old.get("type", 1)) == (command["name"], command.get("type", 1)):
                scope[cid] = self._store(guild_id, command, cid)
                return scope[cid], False
        stored = self._store(guild_id, command, None)
        scope[int(stored["id"])] = stored
        return stored, True

    def get(self, guild_id: int | None, command_id: int) -> dict[str, Any] | None:
        return self.scopes.get(guild_id, {}).get(command_id)

    def edit(
        self, guild_id: int | None, command_id: int, changes: dict[str, Any]
    ) -> dict[str, Any] | None:
        current = self.get(guild_id, command_id)
        if current is None:
            return None
        merged = {**current, **changes}
        self.scopes[guild_id][command_id] = self._store(guild_id, merged, command_id)
        return self.scopes[guild_id][command_id]

    def delete(self, guild_id: int | None, command_id: int) -> bool:
        return self.scopes.get(guild_id, {}).pop(command_id, None) is not None

    def find(self, name: str, guild_id: int | None, kind: int = 1) -> dict[str, Any] | None:
        """The command a user in ``guild_id`` would invoke: guild scope first."""
        for scope in (guild_id, None) if guild_id is not None else (None,):
            for command in self.scopes.get(scope, {}).values():
                if command["name"] == name and command.get("type", 1) == kind:
                    return command
        return None

    def any_registered(self) -> bool:
        return any(self.scopes.values())

    def names(self) -> list[str]:
        return sorted({c["name"] for scope in self.scopes.values() for c in scope.values()})

    def _store(
        self, guild_id: int | None, command: dict[str, Any], cid: int | None
    ) -> dict[str, Any]:
        stored = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            **command,
            "id": str(cid or self.ids.next()),
            "application_id": str(self.application_id),
            "version": str(self.ids.next()),
        }
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        else:
            stored.pop("guild_id", None)
        return stored


def leaf_options(
    command: dict[str, Any] | None, path: Iterable[str]
) -> list[dict[str, Any]] | None:
    """The option schemas of the subcommand at ``path`` (None when unknown)."""
    if command is None:
        return None
    options: list[dict[str, Any]] = command.get("options") or []
    for name in path:
        match = next(
            (
                o
                for o in options
                if o["name"] == name and o.get("type") in (SUBCOMMAND, SUBCOMMAND_GROUP)
            ),
            None,
        )
        if match is None:
            raise LookupError(f"{command['name']} has no subcommand {name!r}")
        options = match.get("options") or []
    return options
