"""The scorer: decides whether a post reports a restructuring event at an
annotation platform, and which kind. Pure: no I/O, no clock, no database."""

from bot.scoring.magnitude import extract_magnitude
from bot.scoring.model import SCORER_VERSION, Decision, Magnitude
from bot.scoring.scorer import Scorer

__all__ = ["SCORER_VERSION", "Decision", "Magnitude", "Scorer", "extract_magnitude"]
