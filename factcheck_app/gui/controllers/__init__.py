"""What the desk window does, one behaviour per module; `MainWindow` builds and composes them.

- `imports.py`: importing files, folders and the clipboard; progress and Cancel
- `workspace.py`: open, switch, recent, back up, restore, check; other programs' saves
- `suggestions.py`: the assist's suggestions, computed a few ms at a time
- `edits.py`: the edit slots (tag, verdict, sources, merge, split, undo) and their echo
- `navigation.py`: moving through the sentences and the sentence filter
- `search.py`: search and earlier verdicts
- `articles.py`: export and properties of the open article
- `layout.py`: window geometry and splitters, kept between sessions
- `guards.py`: the checks every edit makes first
"""
