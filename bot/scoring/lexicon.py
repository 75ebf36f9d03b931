"""How people write about restructuring events, as patterns per event type.

Each pattern carries a weight (how sure a match alone makes us) and an
optional requirement checked on its sentence, because many event words have
everyday senses: "cut" needs pay or workers near it, "paused" needs a project,
"shut down" needs a platform. Patterns run on lower-cased, quote-stripped text.
The patterns live in lexicon_people (layoffs, tier shifts), lexicon_hiring,
lexicon_work (pay, projects) and lexicon_company (clients, closures,
reorganisations); their order here breaks ties between equal hits.
"""

from __future__ import annotations

from bot.scoring.lexicon_company import company_patterns
from bot.scoring.lexicon_hiring import hiring_patterns
from bot.scoring.lexicon_people import layoff_patterns, tier_patterns
from bot.scoring.lexicon_work import pay_patterns, project_patterns
from bot.scoring.pattern import EventPattern

__all__ = ["EventPattern", "event_patterns"]


def event_patterns() -> tuple[EventPattern, ...]:
    """Built on call (no module-level mutable state); the scorer keeps one copy."""
    return (*layoff_patterns(), *pay_patterns(), *tier_patterns(), *project_patterns(),
            *hiring_patterns(), *company_patterns())
