"""A scripted HTTP server on 127.0.0.1 for the paging and polling tests, and a package
generated with both runtime modules (`_paging.py`, `_polling.py`)."""

from __future__ import annotations

import importlib
import json
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from generator.errors import Warnings
from generator.ir.options import BuildOptions
from generator.output import write
from generator.pipeline import Job, generate_plan

Answer = tuple[int, dict[str, str], Any]  # status, headers, JSON body (None: no body)


@dataclass
class Seen:
    method: str
    path: str  # with the query
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    """Answers each `METHOD /path?query` with the next of its scripted answers (the
    last one repeats); `{port}` in headers and string bodies is this server's port."""

    port: int = 0
    routes: dict[str, list[Answer | Callable[[Seen], Answer]]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def route(self, key: str, *answers: Answer | Callable[[Seen], Answer]) -> None:
        self.routes[key] = list(answers)

    def paths(self) -> list[str]:
        return [f"{s.method} {s.path}" for s in self.seen]

    def answer(self, seen: Seen) -> Answer:
        self.seen.append(seen)
        queue = self.routes.get(f"{seen.method} {seen.path}") or self.routes.get(f"{seen.method} {seen.path.split('?')[0]}")
        if not queue:
            return 404, {}, {"error": {"code": "NoRoute", "message": seen.path}}
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        return answer(seen) if callable(answer) else answer


def _fill(value: Any, port: int) -> Any:
    if isinstance(value, str):
        return value.replace("{port}", str(port))
    if isinstance(value, dict):
        return {k: _fill(v, port) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, port) for v in value]
    return value


def serve() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
            status, headers, body = state.answer(seen)
            data = b"" if body is None else json.dumps(_fill(body, state.port)).encode()
            self.send_response(status)
            for name, value in _fill(headers, state.port).items():
                self.send_header(name, value)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = _any

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


ITEM = {"type": "object", "properties": {"id": {"type": "string"}}}
ERROR = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
}
SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Pages and polls", "version": "2024-01-01"},
    "host": "example.com",
    "schemes": ["https"],
    "paths": {
        "/items": {
            "get": {
                "operationId": "Items_List",
                "parameters": [{"name": "api-version", "in": "query", "required": True, "type": "string"}],
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": "#/definitions/Page"}},
                    "default": {"description": "error", "schema": {"$ref": "#/definitions/CloudError"}},
                },
                "x-ms-pageable": {"nextLinkName": "nextLink"},
            },
        },
        "/items/{id}": {
            "put": {
                "operationId": "Items_Create",
                "parameters": [{"name": "id", "in": "path", "required": True, "type": "string"}],
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": "#/definitions/Item"}},
                    "201": {"description": "created", "schema": {"$ref": "#/definitions/Item"}},
                    "default": {"description": "error", "schema": {"$ref": "#/definitions/CloudError"}},
                },
                "x-ms-long-running-operation": True,
            },
        },
    },
    "definitions": {
        "Page": {
            "type": "object",
            "properties": {"value": {"type": "array", "items": {"$ref": "#/definitions/Item"}}, "nextLink": {"type": "string"}},
        },
        "Item": ITEM,
        "CloudError": ERROR,
    },
}


def generated_package(folder: Path, name: str, spec: dict[str, Any] = SPEC) -> ModuleType:
    """Generate `spec` as package `name` into `folder` and import it."""
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    plan = generate_plan(Job(specs=(path,), options=BuildOptions(package_name=name)), Warnings())
    write(plan, folder / "out")
    sys.path.insert(0, str(folder / "out" / "python"))
    try:
        package = importlib.import_module(name)
        for module in ("_paging", "_polling", "_pipeline", "models"):
            if (folder / "out" / "python" / name / f"{module}.py").exists():
                importlib.import_module(f"{name}.{module}")
        return package
    finally:
        sys.path.pop(0)
