"""Who may give feedback: members with Manage Server, or with the role the config names.

Feedback retrains the scorer and can close an event for the whole server, so it is
not open to every member; the role lets a server trust its regulars without
giving them its settings.
"""

from __future__ import annotations

from collections.abc import Iterable


def _who(feedback_role: str | None) -> str:
    return "the Manage Server permission" + (f" or the {feedback_role} role"
                                             if feedback_role else "")


def refusal(feedback_role: str | None) -> str:
    """The ephemeral answer to a member who may not give feedback."""
    return (f"Only members with {_who(feedback_role)} can give labelwatch feedback on alerts; "
            "nothing was recorded.")


def restore_refusal(feedback_role: str | None) -> str:
    """The answer to a member who may not undo the server's "not a signal"."""
    return (f"Only members with {_who(feedback_role)} can undo this server's feedback on an "
            "event; nothing was changed.")


def may_give_feedback(
    manage_guild: bool, role_names: Iterable[str], feedback_role: str | None,
) -> bool:
    """True for Manage Server, or a role named exactly ``feedback_role`` (case-insensitive)."""
    if manage_guild:
        return True
    if not feedback_role:
        return False
    wanted = feedback_role.casefold()
    return any(name.casefold() == wanted for name in role_names)
