"""The bundle's program: the Cookie Inspector command line, which opens the window when given no command."""

import sys

from cookie_inspector.cli import main

if __name__ == "__main__":
    sys.exit(main())
