"""The lifecycle every test HTTP server shares: a threaded server on loopback, served from a daemon thread.

    class MyServer(LoopbackServer):
        def _handler(self) -> type[BaseHTTPRequestHandler]:
            ...                                       # the server's own routes

    with MyServer() as server:                        # a free port, a background thread
        server.url("/page")                           # http://127.0.0.1:PORT/page

Standard library only, so scripts can use the servers outside pytest.
"""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

__all__ = ["LoopbackServer", "QuietHTTPServer"]


class QuietHTTPServer(ThreadingHTTPServer):
    """A threaded test server that does not print a traceback when a client hangs up mid-request.

    Tests kill daemons and cancel requests on purpose; the resulting resets are expected, not errors.
    """

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class LoopbackServer:
    """Owns one `server_class` on `host`, serving `_handler()` in a daemon thread; subclasses give the handler.

    The port is free the first time (port 0) and kept afterwards, so `start` after `stop` listens on it again.
    """

    server_class: type[ThreadingHTTPServer] = QuietHTTPServer

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class; it usually closes over `self` to reach the server's routes."""
        raise NotImplementedError

    def start(self) -> Self:
        """Listen and serve in a background thread (no-op when already serving)."""
        if self._server is not None:
            return self
        self._server = self.server_class((self.host, self._port), self._handler())
        self._port = self._server.server_address[1]
        # A short poll keeps shutdown() quick: tests start and stop servers by the hundred.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (connections to the port are then refused)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def running(self) -> bool:
        """Whether the server currently accepts connections."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The port listened on (kept after `stop`)."""
        assert self._port, "the server was never started"
        return self._port

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this server: `server.url("/report")`."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
