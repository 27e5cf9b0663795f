"""Allows ``python -m cookie_inspector``."""

import sys

from cookie_inspector.cli import main

sys.exit(main())
