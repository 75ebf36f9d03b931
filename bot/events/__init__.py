"""Grouping signal posts into events (``../shared/spec/events.md``).

- ``features``: what a report says and who reported it, read once per post;
- ``sources``: community, press or company, and copies that are not new sources;
- ``names`` and ``text``: project names, figures, key terms, fingerprints, links;
- ``matching``: the evidence for a report joining an event, with its reason;
- ``record``: an event revised from its kept features as reports arrive;
- ``grouping``: placing a page of posts inside the transaction that stores them;
- ``replay`` and ``rebuild``: the pipeline over a file, and regrouping what is stored;
- ``settings``: the ``[events]`` section of the config file.

Importing this package imports nothing else, so the config reader can use
``settings`` without loading the rest.
"""
