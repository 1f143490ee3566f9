"""Replaces PyInstaller's QtGui hook to leave out Qt plugins a desktop desk never loads.

Filtering here, before PyInstaller scans the plugins' own dependencies, also keeps out what
only those plugins link to (the GTK 3 theme alone drags in cairo, pango, atk, gdk-pixbuf).
Left out: kiosk/framebuffer platforms (eglfs, linuxfb, vnc, minimal, vkkhrdisplay) with their
EGL device integrations, and the GTK 3 platform theme (Qt then uses Fusion with the system
palette; the XDG desktop portal theme stays, for native file dialogs under Flatpak/portals).
"""

import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_QT_PLUGINS = re.compile(
    r"plugins[/\\](?:platforms[/\\]libq(?:eglfs|linuxfb|minimalegl|minimal|vnc|vkkhrdisplay)\."
    r"|egldeviceintegrations[/\\]|platformthemes[/\\]libqgtk3\.)"
)

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if not UNUSED_QT_PLUGINS.search(entry[0])]
