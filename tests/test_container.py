"""The Dockerfile and compose file, checked for structure since no Docker engine runs here.

Each check is one that would break a real deployment: the image's command,
its user, the port the health check and the metrics share, the environment
names the code reads, the mounted config, and the order compose starts
things in.
"""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import load_settings

REPO = Path(__file__).resolve().parents[1]


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile as stages of (INSTRUCTION, arguments), continuations joined."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n", " ", text)
    stages: list[list[tuple[str, str]]] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        if word.upper() == "FROM":
            stages.append([])
        stages[-1].append((word.upper(), rest.strip()))
    return stages


def last(stage: list[tuple[str, str]], instruction: str) -> str:
    values = [rest for word, rest in stage if word == instruction]
    assert values, f"the final stage has no {instruction}"
    return values[-1]


def image_env(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in stage:
        if word == "ENV":
            for item in shlex.split(rest):
                key, _, value = item.partition("=")
                env[key] = value
    return env


def compose() -> dict[str, Any]:
    data = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ``${VAR}``, ``${VAR:-default}`` and ``${VAR:?error}``."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3) or ""
        if name in env and env[name] != "":
            return env[name]
        if op == ":?":
            raise AssertionError(f"compose requires {name}: {arg}")
        return arg if op == ":-" else ""

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", one, value)


def test_the_image_is_small_multi_stage_and_runs_as_a_user() -> None:
    stages = dockerfile_stages()
    assert len(stages) >= 2, "build in one stage, run in another"
    final = stages[-1]
    assert final[0][1].endswith("-slim"), "the runtime stage starts from a slim image"
    assert any(w == "COPY" and rest.startswith("--from=") for w, rest in final)
    user = last(final, "USER")
    assert user not in ("root", "0") and not user.startswith("0:")
    created = [rest for w, rest in final if w == "RUN" and "useradd" in rest]
    assert created and created[0].split()[-1] == user
    uid = re.search(r"--uid (\d+)", created[0])
    assert uid is not None and int(uid.group(1)) >= 1000
    # Nothing runs as root after the switch.
    assert [w for w, _ in final[[w for w, _ in final].index("USER"):]
            if w in ("RUN",)] == []


def test_the_default_command_runs_the_service() -> None:
    final = dockerfile_stages()[-1]
    assert json.loads(last(final, "CMD")) == ["labelwatch", "run"]
    assert not any(w == "ENTRYPOINT" for w, _ in final)
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["labelwatch"] == "bot.cli:main"


def test_every_package_is_copied_into_the_build() -> None:
    build = dockerfile_stages()[0]
    copied = {part for w, rest in build if w == "COPY" for part in rest.split()[:-1]}
    packages = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"]["find"]["include"]
    for pattern in packages:
        assert pattern.rstrip("*") in copied, f"{pattern} is installed but not copied"
    for path in copied:
        assert (REPO / path).exists(), f"COPY {path}: no such file"
    ignored = (REPO / ".dockerignore").read_text().split()
    assert not set(copied) & set(ignored)
    assert {".venv", ".git", "config.toml", "*.db"} <= set(ignored)


def test_port_health_check_and_metrics_agree() -> None:
    final = dockerfile_stages()[-1]
    port = int(last(final, "EXPOSE"))
    check = last(final, "HEALTHCHECK")
    assert "--start-period=" in check and "CMD" in check
    assert f"http://127.0.0.1:{port}/healthz" in check
    env = image_env(final)
    settings = load_settings(None, env=env)
    assert settings.metrics.enabled and settings.metrics.port == port
    assert settings.metrics.host == "0.0.0.0"  # reachable from outside the container
    ports = compose()["services"]["labelwatch"]["ports"]
    assert any(str(p).endswith(f":{port}") for p in ports)


SECRETS = {"POSTGRES_PASSWORD": "pw1234", "DISCORD_TOKEN": "token-xyz",
           "REDDIT_CLIENT_ID": "rid", "REDDIT_CLIENT_SECRET": "rsecret"}


def service_env(name: str, host_env: dict[str, str]) -> dict[str, str]:
    raw = compose()["services"][name].get("environment", {})
    return {k: interpolate(str(v), host_env) for k, v in raw.items()}


def test_compose_hands_the_service_the_environment_it_reads() -> None:
    final = dockerfile_stages()[-1]
    env = {**image_env(final), **service_env("labelwatch", SECRETS)}
    config = REPO / "deploy" / "config.toml"
    settings = load_settings(config, env=env)
    assert settings.database.url == \
        "postgresql+asyncpg://labelwatch:pw1234@postgres:5432/labelwatch"
    assert settings.discord.token is not None and settings.discord.token.value == "token-xyz"
    assert settings.reddit.has_credentials
    # Every variable compose sets is one labelwatch reads (or the image's own).
    read = {"LABELWATCH_DATABASE_URL", "DISCORD_TOKEN", "REDDIT_CLIENT_ID",
            "REDDIT_CLIENT_SECRET"}
    assert set(service_env("labelwatch", SECRETS)) == read
    code = "\n".join(p.read_text() for p in (REPO / "bot").glob("config*.py"))
    for name in read | {"LABELWATCH_METRICS_LISTEN"}:
        assert f'"{name}"' in code, f"{name} is set but nothing reads it"
    # Without the optional secrets the service still starts (headless, public feeds).
    bare = load_settings(config, env={**image_env(final), **service_env(
        "labelwatch", {"POSTGRES_PASSWORD": "pw1234"})})
    assert bare.discord.token is None and not bare.reddit.has_credentials
    with pytest.raises(AssertionError, match="POSTGRES_PASSWORD"):
        service_env("labelwatch", {})


def test_compose_upgrades_the_schema_before_it_starts() -> None:
    services = compose()["services"]
    assert set(services) == {"postgres", "migrate", "labelwatch"}
    pg = services["postgres"]
    assert pg["image"].startswith("postgres:") and "pg_isready" in " ".join(
        pg["healthcheck"]["test"])
    assert services["migrate"]["command"] == ["labelwatch", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    app = services["labelwatch"]
    assert app["command"] == ["labelwatch", "run"]
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert app["restart"] == "unless-stopped"
    target = image_env(dockerfile_stages()[-1])["LABELWATCH_CONFIG"]
    for name in ("migrate", "labelwatch"):
        source, mounted, mode = interpolate(services[name]["volumes"][0], {}).split(":")
        assert (mounted, mode) == (target, "ro"), "the config is mounted read-only"
        assert (REPO / source).is_file()
        assert services[name]["build"] == "."
