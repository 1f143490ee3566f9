"""Factcheck desk: an offline fact-checking desk for newsrooms."""

import logging

# The one place the version is written; pyproject.toml reads it from here.
__version__ = "0.1.0"

# Records go to the log file once factcheck_app.logs.setup() ran (the window and the CLI
# do); before that, and in library use, they must not spill onto stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
