"""A small HTTP server on 127.0.0.1: routes map a path to a response or a behaviour.

It serves the bundled sample site for `baocao demo` (so `make run` walks the real
path — fetch, archive, parse, extract — with no internet), and the test suite's
faults (slow, truncated, reset, 5xx, 429) so the fetch code under test is the
code users run. Conditional requests get a 304 when the ETag matches.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    truncate: int | None = None  # send only this many bytes of the body, then close
    reset: bool = False  # close the connection without answering
    etag: bool = False  # send an ETag and answer If-None-Match with 304
    trickle: float = 0.0  # seconds between bytes of the body (a server that never quite ends)


Route = Response | Callable[[BaseHTTPRequestHandler], Response]


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (a crawler closing its keep-alive connection) is
        normal here, not worth a traceback; anything else still gets one."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalServer:
    def __init__(self, port: int = 0, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    resp = Response(404, b"not found", {"Content-Type": "text/plain"})
                else:
                    resp = route(self) if callable(route) else route
                if resp.delay:
                    time.sleep(resp.delay)
                if resp.reset:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                tag = f'"{hashlib.sha1(resp.body).hexdigest()[:16]}"' if resp.etag else None
                if tag and self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if tag:
                    resp = Response(resp.status, resp.body, {**resp.headers, "ETag": tag})
                body = resp.body if resp.truncate is None else resp.body[: resp.truncate]
                self.send_response(resp.status)
                headers = {"Content-Type": "text/html; charset=utf-8", **resp.headers}
                headers.setdefault("Content-Length", str(len(resp.body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    if resp.trickle:
                        for i in range(len(body)):
                            self.wfile.write(body[i : i + 1])
                            self.wfile.flush()
                            time.sleep(resp.trickle)
                    else:
                        self.wfile.write(body)
                    if resp.truncate is not None:
                        self.wfile.flush()
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    pass

        try:
            self.httpd = _Server((host, port), Handler)
        except OSError:  # the preferred port is taken: any free one will do
            self.httpd = _Server((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths_requested(self) -> list[str]:
        return [p for p, _ in self.requests]

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
