"""Build INTERACTION_CREATE payloads the way Discord's client-side does.

A test passes plain Python values (``{"platform": "mercor", "limit": 5}``);
the registered command schema decides each option's Discord type, so a
``channel`` option is sent as its id plus ``resolved.channels`` exactly like
Discord, and a test that names an option the bot never registered fails
loudly instead of silently testing nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .commands import SUBCOMMAND, SUBCOMMAND_GROUP, CommandRegistry, leaf_options
from .models import Guild, random_token
from .state import DiscordState

STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = 3, 4, 5, 6, 7, 8, 9, 10
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


def _infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    return STRING


class InteractionBuilder:
    def __init__(self, state: DiscordState, registry: CommandRegistry) -> None:
        self.state = state
        self.registry = registry
        self._default_users: dict[int, int] = {}

    # -- who, where -----------------------------------------------------------

    def default_user(self, guild: Guild) -> int:
        """A plain member ("tester") with only @everyone's permissions."""
        uid = self._default_users.get(guild.id)
        if uid is None:
            uid = self.state.add_member(guild.id, name="tester").user.id
            self._default_users[guild.id] = uid
        return uid

    def base(
        self,
        kind: int,
        *,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int | None,
        permissions: int | None,
        locale: str,
    ) -> dict[str, Any]:
        guild = self.state.guild(guild_id) if guild_id else self.state.default_guild()
        if channel_id is None:
            text = guild.text_channel_ids()
            if not text:
                raise LookupError(f"guild {guild.id} has no text channel to invoke in")
            channel_id = text[0]
        channel = guild.channels.get(channel_id)
        if channel is None:
            raise LookupError(f"channel {channel_id} is not in guild {guild.id}")
        uid = user_id or self.default_user(guild)
        member = guild.members.get(uid) or self.state.add_member(guild.id, uid)
        perms = guild.permissions_for(uid, channel_id) if permissions is None else permissions
        interaction_id = self.state.ids.next()
        channel_data = channel.payload()
        channel_data["permissions"] = str(perms)
        return {
            "id": str(interaction_id),
            "application_id": str(self.state.application_id),
            "type": kind,
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "channel_id": str(channel_id),
            "channel": channel_data,
            "member": member.payload(permissions=perms),
            "token": "aW50ZXJhY3Rpb246" + random_token(120),
            "version": 1,
            "app_permissions": str(guild.permissions_for(self.state.bot_user.id, channel_id)),
            "locale": locale,
            "guild_locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }

    # -- application commands ---------------------------------------------------

    def command_data(
        self,
        name: str,
        options: Mapping[str, Any],
        *,
        guild: Guild,
        autocomplete: bool,
        focused: str | None,
        option_types: Mapping[str, int],
        user_id: int,
    ) -> dict[str, Any]:
        root, *path = name.split()
        command = self.registry.find(root, guild.id)
        if command is None and self.registry.any_registered():
            known = self.registry.names()
            raise LookupError(
                f"/{root} is not registered for guild {guild.id}; registered: {known}"
            )
        schemas = leaf_options(command, path)
        resolved: dict[str, dict[str, Any]] = {}
        leaf = [
            self._option(oname, value, schemas, option_types, guild, resolved, user_id)
            for oname, value in options.items()
        ]
        if autocomplete:
            self._mark_focused(leaf, focused, schemas)
        elif schemas is not None:
            given = set(options)
            missing = [s["name"] for s in schemas if s.get("required") and s["name"] not in given]
            if missing:
                raise ValueError(f"/{name} needs required options {missing}")
        nested: list[dict[str, Any]] = leaf
        for depth, part in reversed(list(enumerate(path))):
            kind = SUBCOMMAND if depth == len(path) - 1 else SUBCOMMAND_GROUP
            nested = [{"type": kind, "name": part, "options": nested}]
        data: dict[str, Any] = {
            "id": command["id"] if command else str(self.state.ids.next()),
            "name": root,
            "type": 1,
            "options": nested,
        }
        if command and "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _option(
        self,
        name: str,
        value: Any,
        schemas: list[dict[str, Any]] | None,
        option_types: Mapping[str, int],
        guild: Guild,
        resolved: dict[str, dict[str, Any]],
        user_id: int,
    ) -> dict[str, Any]:
        if name in option_types:
            kind = option_types[name]
        elif schemas is not None:
            schema = next((s for s in schemas if s["name"] == name), None)
            if schema is None:
                raise ValueError(
                    f"option {name!r} is not registered; have {[s['name'] for s in schemas]}"
                )
            kind = int(schema["type"])
        else:
            kind = _infer_type(value)
        if kind == CHANNEL:
            value = self._resolve_channel(value, guild, resolved, user_id)
        elif kind == ROLE:
            value = self._resolve_role(value, guild, resolved)
        elif kind in (USER, MENTIONABLE):
            value = self._resolve_user(value, guild, resolved)
        return {"type": kind, "name": name, "value": value}

    def _mark_focused(
        self, leaf: list[dict[str, Any]], focused: str | None, schemas: list[dict[str, Any]] | None
    ) -> None:
        if not leaf:
            raise ValueError("an autocomplete interaction needs at least the focused option")
        target = focused or leaf[-1]["name"]
        option = next((o for o in leaf if o["name"] == target), None)
        if option is None:
            raise ValueError(f"focused option {target!r} is not among the options given")
        if schemas is not None:
            schema = next(s for s in schemas if s["name"] == target)
            if not schema.get("autocomplete"):
                raise ValueError(f"option {target!r} is not registered with autocomplete")
        option["focused"] = True
        # Discord sends what the user has typed so far, always as text.
        option["value"] = str(option["value"])

    def _resolve_channel(
        self, value: Any, guild: Guild, resolved: dict[str, dict[str, Any]], user_id: int
    ) -> str:
        cid = int(value) if str(value).isdigit() else guild.channel_id(str(value))
        channel = guild.channels.get(cid)
        if channel is not None:
            data = channel.payload()
            # Resolved channels carry the invoking member's permissions there.
            data["permissions"] = str(guild.permissions_for(user_id, cid))
            resolved.setdefault("channels", {})[str(cid)] = data
        return str(cid)

    def _resolve_role(self, value: Any, guild: Guild, resolved: dict[str, dict[str, Any]]) -> str:
        rid = int(value) if str(value).isdigit() else guild.role_id(str(value))
        role = guild.roles.get(rid)
        if role is not None:
            resolved.setdefault("roles", {})[str(rid)] = role.payload()
        return str(rid)

    def _resolve_user(self, value: Any, guild: Guild, resolved: dict[str, dict[str, Any]]) -> str:
        uid = int(value)
        role = guild.roles.get(uid)
        if role is not None:
            resolved.setdefault("roles", {})[str(uid)] = role.payload()
            return str(uid)
        user = self.state.add_user(uid)
        resolved.setdefault("users", {})[str(uid)] = user.payload()
        member = guild.members.get(uid)
        if member is not None:
            member_data = member.payload(permissions=guild.permissions_for(uid))
            member_data.pop("user")
            resolved.setdefault("members", {})[str(uid)] = member_data
        return str(uid)
