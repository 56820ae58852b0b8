"""A stub of the Anthropic Messages API on 127.0.0.1, for running the real Claude Code offline.

It records every request. To the first main-session request that offers the `Agent` tool it
answers with one `Agent` tool_use per agent in `spawn` (the client then starts each of those
subagents, whose own requests are recorded with the tools they were given); every other
request gets a short text answer that ends the turn.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # a batch spawn opens a connection per subagent at once


class StubAPI:
    def __init__(self, spawn: list[str] | None = None):
        self.spawn = list(spawn or [])
        self.requests: list[dict] = []
        self._spawned = False
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "StubAPI":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what the client asked --------------------------------------------------------

    def subagent_requests(self) -> list[dict]:
        return [r for r in self.requests if "cc_is_subagent=true" in system_text(r)]

    # --- answers ----------------------------------------------------------------------

    def _answer(self, body: dict) -> dict:
        tools = {t.get("name") for t in body.get("tools") or []}
        subagent = "cc_is_subagent=true" in system_text(body)
        with self._lock:
            self.requests.append(body)
            spawn_now = not subagent and "Agent" in tools and self.spawn and not self._spawned
            if spawn_now:
                self._spawned = True
        if spawn_now:
            content = [{"type": "tool_use", "id": f"toolu_{i:04d}", "name": "Agent",
                        "input": {"subagent_type": name, "description": f"run {name}",
                                  "prompt": "Say done."}}
                       for i, name in enumerate(self.spawn)]
            return {"content": content, "stop_reason": "tool_use"}
        return {"content": [{"type": "text", "text": "done"}], "stop_reason": "end_turn"}

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_HEAD(self) -> None:
                self.send_response(200)
                self.end_headers()

            def do_GET(self) -> None:
                self._json({})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    body = {}
                if "count_tokens" in self.path:
                    return self._json({"input_tokens": 1})
                if not self.path.startswith("/v1/messages"):
                    return self._json({})
                answer = stub._answer(body)
                message = {"id": "msg_stub", "type": "message", "role": "assistant",
                           "model": body.get("model", "claude-stub"), "content": answer["content"],
                           "stop_reason": answer["stop_reason"], "stop_sequence": None,
                           "usage": {"input_tokens": 1, "output_tokens": 1}}
                if body.get("stream"):
                    return self._stream(message)
                return self._json(message)

            def _json(self, data: dict) -> None:
                raw = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _stream(self, message: dict) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                self.end_headers()
                for event in sse_events(message):
                    self.wfile.write(event)
                self.wfile.flush()
                self.close_connection = True

        return Handler


def system_text(body: dict) -> str:
    system = body.get("system") or ""
    if isinstance(system, list):
        return "\n".join(b.get("text", "") for b in system if isinstance(b, dict))
    return str(system)


def sse_events(message: dict) -> list[bytes]:
    def ev(kind: str, data: dict) -> bytes:
        return f"event: {kind}\ndata: {json.dumps(data)}\n\n".encode()

    start = {**message, "content": [], "stop_reason": None}
    out = [ev("message_start", {"type": "message_start", "message": start})]
    for i, block in enumerate(message["content"]):
        if block["type"] == "text":
            out.append(ev("content_block_start", {"type": "content_block_start", "index": i,
                                                  "content_block": {"type": "text", "text": ""}}))
            out.append(ev("content_block_delta", {"type": "content_block_delta", "index": i,
                                                  "delta": {"type": "text_delta", "text": block["text"]}}))
        else:
            out.append(ev("content_block_start", {"type": "content_block_start", "index": i,
                                                  "content_block": {**block, "input": {}}}))
            out.append(ev("content_block_delta", {"type": "content_block_delta", "index": i,
                                                  "delta": {"type": "input_json_delta",
                                                            "partial_json": json.dumps(block["input"])}}))
        out.append(ev("content_block_stop", {"type": "content_block_stop", "index": i}))
    out.append(ev("message_delta", {"type": "message_delta",
                                    "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                                    "usage": {"output_tokens": 1}}))
    out.append(ev("message_stop", {"type": "message_stop"}))
    return out
