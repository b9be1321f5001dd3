"""What ``twoway serve`` is told: where to listen, the access token, the store, the limits.

No web framework is imported here, so the CLI can check its options before loading FastAPI.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from twoway.errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_UPLOAD_MB = 50.0
MIN_TOKEN_LENGTH = 16


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach: 127.0.0.0/8, ::1 or ``localhost``.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """The web app's settings (``twoway serve`` options).

    ``token``: required when ``host`` is not a loopback address (every request must then carry
    it); optional otherwise. ``db``: the store's URL, as ``--db`` (``None``: ``$TWOWAY_DB`` or
    the data folder). ``upload_ttl_s``: how long an upload waits for "who are you?" before it
    is deleted. ``upload_root``: where the private upload folder is made (default: the system
    temporary folder).
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    db: str | None = None
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    upload_ttl_s: float = 3600.0
    upload_root: Path | None = None

    @property
    def needs_token(self) -> bool:
        """Anything but loopback is reachable from other machines: it needs the token."""
        return not is_loopback(self.host)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    def check(self) -> None:
        """``UsageError`` for settings that would be unsafe or cannot work."""
        if self.needs_token and not self.token:
            raise UsageError(
                f"listening on {self.host} makes twoway reachable from other machines: "
                "give --token TOKEN (or leave it out of the command line to have one generated)"
            )
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            raise UsageError(f"--token must be at least {MIN_TOKEN_LENGTH} characters long")
        if not 0 < self.max_upload_mb <= 4096:
            raise UsageError(f"--max-upload-mb takes 0 to 4096; got {self.max_upload_mb:g}")
        if not 0 <= self.port <= 65535:
            raise UsageError(f"--port takes 0 to 65535; got {self.port}")
