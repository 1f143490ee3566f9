"""A USB stick for tests: a folder on a small ext4 file system of its own, which can be
pulled out and plugged back in (as root only, which CI is)."""

from __future__ import annotations

import fcntl
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

# EXT4_IOC_SHUTDOWN with EXT4_GOING_FLAGS_NOLOGFLUSH: every read and write of the file
# system fails from then on with an I/O error, as when a USB stick is pulled out.
_EXT4_IOC_SHUTDOWN = 0x8004587D
_NOLOGFLUSH = (2).to_bytes(4, "little")


class UsbStick:
    """A folder on a small ext4 file system of its own (a loop device), which can be
    pulled out (every read and write of it fails with an I/O error from then on) and
    plugged back in (mounted again at the same place, as a desktop does)."""

    def __init__(self, image: Path, folder: Path) -> None:
        self.image, self.folder = image, folder
        self.devices: list[str] = []

    def plug_in(self) -> bool:
        """Mounted through a loop device of its own each time, as a stick plugged in again
        is a new device: `mount -o loop` would take the pulled one's again."""
        attached = subprocess.run(
            ["losetup", "--find", "--show", str(self.image)], capture_output=True, text=True
        )
        if attached.returncode != 0:
            return False
        self.devices.append(attached.stdout.strip())
        return subprocess.run(["mount", self.devices[-1], str(self.folder)]).returncode == 0

    def pull(self) -> None:
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.ioctl(fd, _EXT4_IOC_SHUTDOWN, _NOLOGFLUSH)
        finally:
            os.close(fd)

    def unmounted(self) -> None:
        """What a desktop does once the stick is gone: its mount is detached (lazily: a
        program still holds files of it), so its folder and files are no longer found
        by name. `plug_in` mounts it again."""
        subprocess.run(["umount", "-l", str(self.folder)], check=True)

    def plug_back(self) -> None:
        """The pulled stick mounted again (the old mount lives on, dead, while a program
        still holds a file of it)."""
        subprocess.run(["umount", "-l", str(self.folder)], check=True)
        assert self.plug_in()


def usb_stick_in(tmp_path: Path) -> Iterator[UsbStick]:
    """A folder on a USB stick (see UsbStick); as root only, which CI is."""
    if os.geteuid() != 0:
        pytest.skip("mounting a loop device needs root (CI runs as root)")
    stick = UsbStick(tmp_path / "stick.img", tmp_path / "stick")
    stick.folder.mkdir()
    with stick.image.open("wb") as file:
        file.truncate(16 * 1024 * 1024)
    made = subprocess.run(["mkfs.ext4", "-q", "-F", str(stick.image)], check=False)
    if made.returncode != 0 or not stick.plug_in():
        pytest.skip("no ext4 on a loop device here")
    try:
        yield stick
    finally:
        subprocess.run(["umount", "-l", str(stick.folder)], check=False)
        for device in stick.devices:  # once its last file is closed, if still in use
            subprocess.run(["losetup", "--detach", device], check=False, capture_output=True)
