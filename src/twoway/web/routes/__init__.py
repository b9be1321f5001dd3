"""One module per area of the app, each with its ``router``."""
