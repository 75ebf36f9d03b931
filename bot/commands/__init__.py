"""What the slash commands decide, without Discord.

Option parsing and validation, autocomplete choices, period and page
arithmetic and the source-health listing live here as plain functions, so
they are tested directly and the cogs only translate between Discord and
them. Nothing here imports discord.py objects or touches the database.
"""
