"""Dialogs, one module per area."""
