"""The version, as a constant: reading package metadata costs start-up time."""

__version__ = "0.1.0"
