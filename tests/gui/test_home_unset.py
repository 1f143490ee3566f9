"""A session with no HOME (started by `env -i`, a service or a kiosk's launcher): the
desk kept its workspace in the account's home folder, as the system names it, while Qt
put the window's settings under "/" (/.config), where a reviewer cannot write: the
layout and where she stopped were lost at every start, the welcome shown each time.
The settings now go into the same home folder as the workspace."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SETTINGS_FILE = """
from factcheck_app import config
from factcheck_app.gui import settings
from factcheck_app.gui.app import make_application
make_application()
print(settings.settings().fileName())
print(config.default_workspace_path())
"""

try:
    ACCOUNT_HOME = pwd.getpwuid(os.getuid()).pw_dir
except KeyError:  # an account the system does not list: Python and Qt both take "/"
    ACCOUNT_HOME = "/"


@pytest.mark.skipif(ACCOUNT_HOME in ("", "/"), reason="the account's home is / already")
def test_with_no_home_set_the_settings_go_where_the_workspace_goes(tmp_path: Path) -> None:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "FACTCHECK_DATA_DIR")
    }
    # fontconfig's cache, not the real home's (the home is the account's real one here)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO_ROOT),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        FACTCHECK_LOG_DIR=str(tmp_path / "log"),
    )
    done = subprocess.run(
        [sys.executable, "-c", SETTINGS_FILE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # nothing is written: the settings file is only named
    assert done.returncode == 0, done.stderr[-2000:]
    settings_file, workspace = done.stdout.splitlines()[-2:]
    home = ACCOUNT_HOME.rstrip("/") + "/"
    assert workspace.startswith(home)
    assert settings_file.startswith(home + ".config/"), settings_file
