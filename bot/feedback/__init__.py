"""Members teach labelwatch: the buttons on every alert, what they store, and the export.

``ids`` names the components (their custom ids carry the event or post they
speak for, so they work after a restart), ``components`` builds them as
Discord's JSON, ``access`` says who may press them, ``record`` stores a
verdict and closes what it rejects, ``text`` words the answers, and
``labels`` turns stored feedback into labelled posts for ``labelwatch train``.
"""
