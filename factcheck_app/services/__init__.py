"""Use cases over the workspace, shared by the GUI and the CLI. No Qt here."""
