"""The cross-platform index: events counted per week and parent, breadth, convergence.

``../spec/events.md`` defines it. The modules: ``settings`` (the ``[index]``
config table), ``breadth`` (pure arithmetic over counted events), ``report``
(the index as of a day, read from storage), ``crossings`` (recording
convergence crossings once), ``charts`` (PNG rendering off the event loop).
"""
