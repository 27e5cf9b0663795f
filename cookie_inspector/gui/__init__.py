"""The window: thin widgets that draw, and one controller that owns the live line and speaks in Qt signals."""
