"""Every query the application runs, each a function that takes a session."""
