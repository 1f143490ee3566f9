"""Typed errors the services raise; the CLI and the GUI turn them into one clear message."""


class FactcheckError(Exception):
    """Base of every error meant for the user: str(error) is the message to show."""


class ArticleImportError(FactcheckError):
    """An article file could not be read or decoded; nothing was imported."""


class InvalidSourceUrl(FactcheckError):
    """A source URL is not an http(s) address."""


class NotFound(FactcheckError):
    """An article, sentence or source id does not exist in the workspace."""


class WorkspaceError(FactcheckError):
    """The workspace file cannot be opened or written as asked."""


class WorkspaceEmptyFile(WorkspaceError):
    """The workspace file has 0 bytes: SQLite would silently treat it as a new database."""


class NotAWorkspace(WorkspaceError):
    """The file is not a Factcheck desk workspace (another file type or another database)."""


class WorkspaceDamaged(WorkspaceError):
    """The file is a workspace but fails SQLite's checks (truncated, corrupted)."""


class WorkspaceInUse(WorkspaceError):
    """Another running desk has the workspace open for writing."""


class EditRefused(FactcheckError):
    """An edit cannot be made (e.g. merging the last sentence with nothing)."""


class Cancelled(FactcheckError):
    """The reviewer cancelled a long job; nothing of it was kept."""
