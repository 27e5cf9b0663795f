"""The bundle's program: the Cookie Inspector command line, which opens the window when given no command."""

import multiprocessing
import os
import sys

from cookie_inspector.cli import main

if __name__ == "__main__":
    # A frozen program must say so before anything could start a child process (Windows starts children by
    # running this very program again).
    multiprocessing.freeze_support()
    # The window's program on Windows has no console, so Python gives it no standard streams; a message printed
    # there (a command run by a shortcut with arguments, say) must not end the program.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the program
    sys.exit(main())
