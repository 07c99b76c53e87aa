"""itroad: IT inventory, renewals, contracts and roadmaps in the terminal."""

__version__ = "0.1.0"
