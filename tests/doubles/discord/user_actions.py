"""``DiscordDouble``'s side of a Discord user: running slash commands, pressing
buttons, and the limits Discord holds the bot's answers to.

``DiscordDouble`` mixes this in; the attributes declared here are the parts it
builds in its constructor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .gateway import Gateway
from .interactions import InteractionDesk, InteractionHandle
from .invoke import InteractionBuilder
from .records import RecordedMessage
from .state import DiscordState


class UserActions:
    """What a member does to the bot through Discord, and Discord's limits on replies."""

    _state: DiscordState
    _desk: InteractionDesk
    _builder: InteractionBuilder
    _gateway: Gateway

    # -- playing a user -----------------------------------------------------------

    @property
    def upload_limit(self) -> int:
        """Largest file Discord accepts here (10 MiB: a server without boosts)."""
        return self._state.upload_limit

    @upload_limit.setter
    def upload_limit(self, value: int) -> None:
        self._state.upload_limit = value

    @property
    def ack_deadline(self) -> float | None:
        """Seconds a bot has to answer an interaction (None = no limit, default).
        Discord's is 3: set it to make a slow, non-deferring handler fail."""
        return self._desk.ack_deadline

    @ack_deadline.setter
    def ack_deadline(self, value: float | None) -> None:
        self._desk.ack_deadline = value

    def invoke(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        guild_id: int | None = None,
        channel_id: int | None = None,
        user_id: int | None = None,
        permissions: int | None = None,
        autocomplete: bool = False,
        focused: str | None = None,
        locale: str = "en-US",
        option_types: Mapping[str, int] | None = None,
    ) -> InteractionHandle:
        """Run slash command ``name`` ("signals recent" for subcommands) as a user.

        Option types come from the registered command; channel/role/user
        options take ids (or channel/role names) and get ``resolved`` data.
        ``autocomplete=True`` sends type 4 with ``focused`` (default: the
        last option) marked. ``permissions`` overrides the member's computed
        permissions. Raises LookupError/ValueError for what Discord would
        never send (unregistered command or option, missing required option).
        """
        payload = self._builder.base(
            4 if autocomplete else 2,
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
            permissions=permissions,
            locale=locale,
        )
        guild = self._state.guild(int(payload["guild_id"]))
        payload["data"] = self._builder.command_data(
            name,
            options or {},
            guild=guild,
            autocomplete=autocomplete,
            focused=focused,
            option_types=option_types or {},
            user_id=int(payload["member"]["user"]["id"]),
        )
        return self._push(payload)

    def press_button(
        self,
        message: RecordedMessage | int,
        custom_id: str,
        *,
        user_id: int | None = None,
        permissions: int | None = None,
        component_type: int = 2,
        values: list[str] | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """Click component ``custom_id`` on a message the bot sent (type 3).
        For select menus pass ``component_type=3`` and ``values``."""
        record = message if isinstance(message, RecordedMessage) else self._state.messages[message]
        if custom_id not in record.custom_ids():
            raise ValueError(
                f"message {record.id} has no component {custom_id!r}; has {record.custom_ids()}"
            )
        channel = self._state.channel(record.channel_id)
        payload = self._builder.base(
            3,
            guild_id=channel.guild_id,
            channel_id=channel.id,
            user_id=user_id,
            permissions=permissions,
            locale=locale,
        )
        payload["message"] = record.message
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        payload["data"] = data
        return self._push(payload)

    def _push(self, payload: dict[str, Any]) -> InteractionHandle:
        if not self._gateway.live_sessions():
            raise RuntimeError("no gateway session: start the client and wait for on_ready first")
        handle = self._desk.register(payload)
        self._gateway.dispatch("INTERACTION_CREATE", payload)
        return handle
