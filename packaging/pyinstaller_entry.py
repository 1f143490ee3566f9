"""Entry script of the frozen app (PyInstaller needs a file; the console script is a function)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Web pages, Word files and PDFs are read in a worker process (services/isolation.py)
    # started with multiprocessing's "spawn" method: in the frozen app that is this
    # executable again, with multiprocessing's own arguments (and likewise its resource
    # tracker). freeze_support() recognises them, runs the worker and exits, before
    # anything takes them for file names and opens a window. PyInstaller's runtime hook
    # makes it do so on Linux and macOS too, not only on Windows.
    multiprocessing.freeze_support()

    from factcheck_app.__main__ import main

    sys.exit(main())
