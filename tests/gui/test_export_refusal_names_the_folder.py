"""Export… → All articles: a report refused names the folder short on its line (the first
line names it whole), never by cutting words out of the reason."""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath, PureWindowsPath

import pytest

from factcheck_app.gui.dialogs.export import folder_said_short

CAME_INTO = (
    "factcheck-3-budget-vote.html came into {} during the export and was left as it was: "
    "export again to replace it."
)


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        # A USB stick's or a mapped network drive's root, and a newsroom share's own root:
        # a folder with no last part. "… came into  during the export" named no folder.
        (PureWindowsPath("E:/"), "E:\\"),
        (PureWindowsPath("//newsroom/reports"), "\\\\newsroom\\reports\\"),
        (PurePosixPath("/"), "/"),
        (PurePosixPath("/srv/news/reports-2026"), "reports-2026"),
        (PureWindowsPath("N:/Fact checks/reports-2026"), "reports-2026"),
    ],
)
def test_the_folder_a_report_came_into_is_named(folder: PurePath, said: str) -> None:
    assert folder_said_short(CAME_INTO.format(folder), folder) == CAME_INTO.format(said)


def test_a_folder_at_the_root_takes_no_letters_out_of_the_reason() -> None:
    """Every article exported into "/" (a kiosk's desk running as root): each "/" in
    the reason was taken for the folder, "Input/output error" said "Inputoutput"."""
    reason = "Cannot write /factcheck-3-budget-vote.pdf: Input/output error"
    said = folder_said_short(reason, PurePosixPath("/"))
    assert said == "Cannot write factcheck-3-budget-vote.pdf: Input/output error"


def test_only_the_folder_itself_is_taken_out_not_a_folder_named_alike() -> None:
    """A folder beside it whose name begins with the folder's (reports, reports-old):
    its path was cut to "reports-old/…", a folder nobody has."""
    folder = PurePosixPath("/srv/news/reports")
    reason = (
        "factcheck-3-budget-vote.html is a link to /srv/news/reports-old/factcheck-3.html, "
        "which is not there."
    )
    assert folder_said_short(reason, folder) == reason


@pytest.mark.parametrize(
    ("reason", "folder", "said"),
    [
        # The system's words on a write-protected stick, naming its root in quotes.
        ("[WinError 19] The media is write protected: 'E:\\'", PureWindowsPath("E:/"), "E:\\"),
        ("[Errno 30] Read-only file system: '/'", PurePosixPath("/"), "/"),
        ("No room left in \\\\newsroom\\reports\\.", PureWindowsPath("//newsroom/reports"), None),
    ],
    ids=["stick-in-quotes", "root-in-quotes", "share-before-a-stop"],
)
def test_a_root_named_before_a_quote_or_a_stop_is_said_not_taken_out(
    reason: str, folder: PurePath, said: str | None
) -> None:
    """A root ends in its separator, so "a file in it" took it out of the reason when a
    quote or a stop followed it, not a name: "The media is write protected: ''" named
    nothing. It is said whole, as a root is."""
    assert folder_said_short(reason, folder) == reason
    assert said is None or said in folder_said_short(reason, folder)


@pytest.mark.parametrize(
    ("reason", "folder", "said"),
    [
        (
            "[Errno 28] No space left on device: '/media/stick/reports/.budget.pdf'",
            PurePosixPath("/media/stick/reports"),
            "[Errno 28] No space left on device: '.budget.pdf'",
        ),
        (
            "[WinError 19] The media is write protected: 'E:\\.budget.pdf'",
            PureWindowsPath("E:/"),
            "[WinError 19] The media is write protected: '.budget.pdf'",
        ),
    ],
    ids=["folder", "root"],
)
def test_a_file_whose_name_starts_with_a_dot_is_said_by_its_name(
    reason: str, folder: PurePath, said: str
) -> None:
    """A name may start with a dot (a file saved as ".budget.pdf"): taken for a stop after
    the folder, the folder's whole path stayed on the line, the long path the line was
    made short to leave out."""
    assert folder_said_short(reason, folder) == said
