"""Spikes: many individual reports of one kind in one community on one day.

``baseline`` holds a day's count against the community's robust past (pure),
``events`` turns a spike into an event or folds it into an open one (pure),
``watch`` runs both inside the pipeline's transaction, ``settings`` reads the
``[spikes]`` config table. ``../spec/events.md`` ("Spikes") defines them.
"""
