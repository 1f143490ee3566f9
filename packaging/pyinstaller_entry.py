"""Entry script of the frozen app (PyInstaller needs a file; the console script is a function)."""

import sys

from factcheck_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
