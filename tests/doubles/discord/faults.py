"""Injected REST failures: server errors, rate limits, an outage.

Each rule answers the next ``n`` matching requests and then disappears, so a
test says exactly how many failures it wants and can assert the client
recovered (the request after them reaches the real handler).
"""

from __future__ import annotations

import fnmatch
import time
from dataclasses import dataclass
from typing import Any

DOWN_MODES = ("disconnect", "502")


@dataclass
class FaultRule:
    """Answer ``remaining`` matching requests with ``status``.

    ``method`` (e.g. ``"POST"``) and ``path`` (a glob like
    ``"/channels/*/messages"``, or a plain prefix like ``"/channels/"``)
    narrow the rule; ``None`` matches everything.
    """

    status: int
    remaining: int
    method: str | None = None
    path: str | None = None
    retry_after: float = 0.0
    global_: bool = False
    message: str | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.path is None:
            return True
        pattern = self.path if any(c in self.path for c in "*?[") else self.path + "*"
        return fnmatch.fnmatchcase(path, pattern)

    @property
    def label(self) -> str:
        return "rate_limited" if self.status == 429 else f"fail_{self.status}"

    def body(self) -> dict[str, Any]:
        if self.status == 429:
            return {
                "message": self.message or "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": self.global_,
                "code": 0,
            }
        return {"message": self.message or f"{self.status}: injected failure", "code": 0}

    def headers(self) -> dict[str, str]:
        """Rate-limit headers as Discord sends them with a 429.

        ``Via`` matters: discord.py treats a 429 without it as a Cloudflare
        ban and raises instead of retrying.
        """
        if self.status != 429:
            return {}
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(max(1, int(self.retry_after + 0.999))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + self.retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
            "X-RateLimit-Bucket": "double-bucket",
            "X-RateLimit-Scope": "global" if self.global_ else "user",
        }
        if self.global_:
            headers["X-RateLimit-Global"] = "true"
        return headers


class Faults:
    """The active fault rules plus the outage switch."""

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []
        self.down = False
        self.down_mode = "disconnect"
        self.slow: list[FaultRule] = []

    def latency(self, method: str, path: str) -> float:
        """Seconds a matching request waits after it was handled, before it is answered."""
        return max((r.retry_after for r in self.slow if r.matches(method, path)), default=0.0)

    def add(self, rule: FaultRule) -> FaultRule:
        if rule.remaining < 1:
            raise ValueError("a fault must apply to at least one request")
        self.rules.append(rule)
        return rule

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first rule matching this request, consuming one use of it."""
        for rule in self.rules:
            if rule.matches(method, path):
                rule.remaining -= 1
                if rule.remaining == 0:
                    self.rules.remove(rule)
                return rule
        return None

    def set_down(self, down: bool, mode: str = "disconnect") -> None:
        if mode not in DOWN_MODES:
            raise ValueError(f"mode must be one of {DOWN_MODES}, not {mode!r}")
        self.down = down
        self.down_mode = mode

    def clear(self) -> None:
        self.rules.clear()
        self.slow.clear()
        self.down = False
