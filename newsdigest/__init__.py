"""newsdigest: turn every outlet's version of the day's stories into one trustworthy static digest."""

__version__ = "0.1.0"
