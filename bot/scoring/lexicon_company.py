"""Patterns for events at company level: a client lost, a platform or programme closed,
a reorganisation."""

from __future__ import annotations

from bot.scoring.pattern import EventPattern, pat
from bot.scoring.vocab import (
    W,
)


def company_patterns() -> tuple[EventPattern, ...]:
    """A client lost, a platform or programme closed, a reorganisation."""
    return (
        # --- client_loss ----------------------------------------------------
        pat("client_loss", 1.0,
           (("contract", "deal", "relationship", "partnership", "ties", "engagement", "business"),
            ("end", "termi", "cance", "pull", "scal", "cut", "renew", "drop", "walk", "exit")),
           r"\b(?:end(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|cancel(?:s|led|ed|"
           r"ling)?|pull(?:s|ed|ing)? (?:out of|the plug on)?|scal(?:e|es|ed|ing) back|cut(?:s|"
           r"ting)?"
           r" (?:ties|back)|not renew(?:ing)?|won't renew|didn't renew|drop(?:s|ped|ping)?|"
           r"walk(?:s|ed)? away from|exit(?:s|ed|ing)?|cut(?:s|"
           r"ting)?)\s+(?:\w+\s+){0,3}?(?:contracts?|deals?|"
           r"relationships?|partnerships?|ties|engagements?|business)\b"
           rf"(?!\s+(?:with|for)\s+(?:[\w,+~-]+\s+){{0,4}}?{W}\b)", "client"),
        pat("client_loss", 1.0,
           (("=lost", "=lose", "=loses", "=losing"),
            ("client", "custo", "contr", "accou", "=lab", "=labs")),
           r"\b(?:lost|los(?:es|ing)|lose)\s+(?:its|their|a|the|one of its|"
           r"our|two|three|several|another|a major|a big|a key|its biggest|its largest)?\s*"
           r"(?:\w+\s+){0,3}?(?:clients?|customers?|contracts?|accounts?|labs?)\b", "client"),
        pat("client_loss", 0.9,
           (("shift", "mov", "move", "switc", "pull", "pulls", "pulle"), ("=from",)),
           r"\b(?:shift(?:s|ed|ing)?|mov(?:e|es|ed|ing)|switch(?:es|ed|ing)?|pull(?:s|ed|ing)?)\s+"
           r"(?:\w+\s+){0,4}?(?:work|business|spending|data|contracts?|projects?)\s+(?:away\s+)?"
           r"from\b", "client"),
        pat("client_loss", 0.9,
           (("=work", "=business", "=spending", "=project", "=projects"), ("=with",),
            ("end", "wind", "wound", "scal", "pull", "cut", "halt", "reduc", "lower", "slash",
             "trim", "stop")),
           r"\b(?:end(?:s|ed|ing)?|wind(?:s|ing)? down|wound down|"
           r"scal(?:e|es|ed|ing) back|pull(?:s|ed|ing)?|cut(?:s|ting)?|halt(?:s|ed|ing)?|"
           r"reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|"
           r"stop(?:s|ped|ping)?)\s+(?:its |their |all )?(?:\w+ ){0,2}?(?:work|business|spending|"
           r"projects?) with\b", "client"),
        pat("client_loss", 1.0,
           (("client", "customer"), ("=pulled", "=walked", "=left", "=ended", "=terminated",
                                     "=cancelled", "=canceled", "=backed", "=scaled", "=cut",
                                     "=dropped")),
           r"\b(?:clients?|customers?)\b[^.!?\n]{0,40}?\b(?:pulled out|"
           r"pulled the plug|walked away|left|ended|terminated|cancell?ed|backed out|scaled back|"
           r"cut ties|dropped)\b"),
        pat("client_loss", 0.9,
           (("dial", "scal", "=cut", "=cuts", "=cutting", "pull", "rein", "=trim", "=trims",
             "=trimmed", "slash", "reduc", "lower"), ("^spending", "=spend", "=orders", "=volume",
                                                      "=budget", "=budgets")),
           r"\b(?:dial(?:s|ed|ing)? back|scal(?:e|es|ed|ing) back|cut(?:s|ting)? back|"
           r"pull(?:s|ed|ing)? back|rein(?:s|ed|ing)? in|trim(?:s|med|ming)?|slash(?:es|ed|ing)?|"
           r"reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?)\s+(?:its |their |the )?(?:\w+ ){0,3}?"
           r"(?:spending|spend|orders|volume|budgets?)\b(?! (?:on|for) (?:marketing|ads|"
           r"advertising|hiring|travel))", "client"),
        pat("client_loss", 0.9,
           (("=ties",), ("cut",)),
           rf"\bcut(?:s|ting)? ties with\b(?! (?:[\w,+~-]+ ){{0,4}}?{W}\b)", "client"),
        pat("client_loss", 0.9,
           (("=pull", "=pulls", "=pulled", "=pulling", "=step", "=steps", "=stepped",
             "=backs", "=backed", "=backing", "=walks", "=walked"), ("=back", "=away", "=out"),
            ("=from",)),
           r"\b(?:pull(?:s|ed|ing)?|step(?:s|ped|ping)?|back(?:s|ed|ing)?|walk(?:s|ed|ing)?) "
           r"(?:back|away|out) from\b", "client"),
        # --- shutdown -------------------------------------------------------
        pat("shutdown", 1.0,
           [("shut", "^discontinu", "sunse"), (("clos",), ("=down", "=good", "=doors", "=shop")),
            (("=going",), ("=business",)), (("ceas",), ("operat",)),
            (("wind",), ("=down",)),
            (("end", "drop", "scrap", "kill", "axe", "shut", "close", "retir"),
             ("=fellowship", "=programme", "=program", "=platform", "=network", "=service",
              "=marketplace", "=portal", "=app", "=division", "=unit", "=arm", "=operations",
              "=crowd"))],
           r"\b(?:shut(?:s|ting)? down|shuttered|shuttering|"
           r"clos(?:e|es|ed|ing) (?:down|for good|its doors|shop)|going out of business|"
           r"ceas(?:e|es|ed|ing) (?:operations|operating)|discontinu(?:e|es|ed|ing)|"
           r"sunset(?:s|ting|ted)?|wind(?:s|ing)? down (?:its|the) "
           r"(?:\w+ ){0,3}(?:platform|business|service|network|programme|program|fellowship|"
           r"operations|app|marketplace)|(?:end|drop|scrap|kill|axe|shut|close|retire)(?:s|ed|ped|"
           r"ping|ing|d)? (?:its |the |their |our )?(?:\w+ ){0,3}"
           r"(?:fellowship|programme|program|platform|network|service|marketplace|portal|app|"
           r"division|unit|arm|operations|crowd))\b",
           "platformish"),
        pat("shutdown", 0.9,
           (("=platform", "=portal", "=site", "=programme", "=program", "=fellowship", "=network",
             "=service", "=marketplace", "=app", "=business", "=brand", "=company"),
            ("=close", "=closes", "=closing", "=shut", "=shutting", "=over", "=discontinued",
             "=away", "=end", "=ends", "=retired", "=sunset")),
           r"\b(?:platform|portal|site|programme|program|fellowship|network|"
           r"service|marketplace|app|business|brand|company)\b[^.!?\n]{0,40}?\b(?:clos(?:e|es|ing)|"
           r"shut(?:ting)? down|is over|discontinued|going away|will end|ends|(?:is|was|has been|"
           r"will be|being) (?:retired|sunset))\b", "platformish"),
        pat("shutdown", 0.9,
           [(("exit", "pull", "leav", "withd"), ("=countries", "=markets", "=regions")),
            (("stop", "ceas"), ("=operating",))],
           r"\b(?:exit(?:s|ed|ing)?|pull(?:s|ed|ing)? out of|leav(?:es|ing)|withdr(?:aws?|awn|ew|"
           r"awing) from) (?:\w+ ){0,2}(?:countries|markets|regions)\b|"
           r"\b(?:stop(?:s|ped|ping)?|ceas(?:e|es|ed|ing)) operating\b", "platformish"),
        pat("shutdown", 0.9,
           [(("=no",), ("=longer",), ("=operating", "=operates", "=available", "=active", "=open")),
            (("clos", "shut", "delet"), ("=accounts",)),
            (("=all", "=every"), ("=account", "=accounts"), ("=closed", "=shut", "=deleted")),
            (("clos", "shut", "pull"), ("=country", "=region", "=market"))],
           r"\bno longer (?:operating|operates|available|active|open) in\b|"
           r"\b(?:clos(?:e|es|ed|ing)|shut(?:ting)? down|delet(?:e|es|ed|ing)) "
           r"(?:all |every |the )?(?:\w+ )?accounts\b|\b(?:all|every) (?:\w+ )?accounts? "
           r"(?:\w+ ){0,2}?(?:will be|are being|being|were|get|got|to be) "
           r"(?:closed|shut down|deleted)\b|"
           r"\b(?:clos|shut|pull)\w* (?:out of |down )?(?:my|our|the|whole|entire) "
           r"(?:country|region|market)\b", "platformish"),
        pat("shutdown", 0.8,
           [("=closing", "=shutting", "=ending"), (("=will",), ("=close",))],
           r"\b(?:is|are|will be) (?:closing|shutting|ending)\b|\bwill close\b",
           "platform"),
        # --- restructuring --------------------------------------------------
        pat("restructuring", 1.0,
           ("restructur", "organi", "reorg", "overhaul", "shake"),
           r"\b(?:restructur(?:e|es|ed|ing)|re-?organi[sz](?:e|es|ed|ing|"
           r"ation)|reorg|overhaul(?:s|ed|ing)?|shake-?up)\b"),
        pat("restructuring", 0.8,
           ("merg", "split", "into separate", "into smaller", "into new", "talent pools",
           "pod structure", "consolidat"),
           r"\bmerg(?:e|es|ed|ing) (?:\w+ ){0,6}?(?:programmes|programs|teams|"
           r"divisions|units|platforms|into one)\b|\bmerged into\b|\bsplit(?:s|ting)? into "
           r"(?:two|three|\w+) (?:divisions|units|companies)|\binto (?:separate|smaller|new) "
           r"(?:divisions|units|teams|groups|pods)|\b(?:new|standing) (?:talent pools|pod "
           r"structure)|\bconsolidat(?:e|es|ed|ing) (?:its|the|all) (?:\w+ )?(?:teams|programmes|"
           r"operations|business)"),
        pat("restructuring", 0.8,
           [(("=sorted", "=sorting", "=sort", "=split", "=splitting", "=divided", "=dividing",
              "=grouped", "=grouping", "=placed", "=placing", "=assigned", "=assigning"),
             ("=into",), ("=tiers", "=levels", "=bands", "=pools", "=pods", "=squads")),
            (("=new",), ("=tier", "=level", "=pod", "=squad", "=band"), ("=system", "=structure"))],
           r"\b(?:sort(?:ed|ing)?|split(?:ting)?|divid(?:ed|ing)|group(?:ed|ing)|plac(?:ed|ing)|"
           r"assign(?:ed|ing)) (?:\w+ ){0,3}?into (?:[\w/&,-]+ ){0,3}?(?:tiers|levels|bands|pools|"
           r"pods|squads)\b|\bnew (?:tier|level|pod|squad|band) (?:system|structure)\b"),
    )
