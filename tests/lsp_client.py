#!/usr/bin/env python3
"""A small Language Server Protocol client for tests/t_editor.sh: drives yaml-language-server
(the server behind VS Code's YAML extension) the way an editor does and prints what it answers.

usage: lsp_client.py SERVER FILE ACTION [ARGS]
  complete LINE COL TEXT   insert TEXT as a new line before 0-based LINE, ask for completion at
                           (LINE, COL); prints one completion label per line
  hover KEY                hover over the first top-level or nested key KEY; prints the text
  diagnose OLD NEW         replace the first OLD in the file by NEW; prints each diagnostic as
                           "line:col: message" (0-based line)
The document is FILE's text (never written back); the server reads the schema the file's
yaml-language-server modeline names, as an editor's server does. Exits 2 when the server does
not answer in time."""
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.parse

TIMEOUT = 60


class Server:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.inbox = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.inbox.put(json.loads(out.read(length)))

    def send(self, msg):
        msg["jsonrpc"] = "2.0"
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)["result"]

    def wait(self, match):
        """The next message MATCH accepts; answers the server's own requests meanwhile."""
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            try:
                m = self.inbox.get(timeout=1)
            except queue.Empty:
                continue
            if m is None:
                sys.exit("yaml-language-server exited")
            if "method" in m and "id" in m:  # a request from the server
                result = None
                if m["method"] == "workspace/configuration":
                    result = [SETTINGS.get(i.get("section", ""), None) for i in m["params"]["items"]]
                self.send({"id": m["id"], "result": result})
                continue
            if match(m):
                return m
        print("no answer from yaml-language-server in %d s" % TIMEOUT, file=sys.stderr)
        sys.exit(2)

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


SETTINGS = {
    "yaml": {"validate": True, "hover": True, "completion": True, "schemas": {},
             "schemaStore": {"enable": False}, "format": {"enable": False}},
    "[yaml]": {}, "editor": {"tabSize": 2}, "files": {}, "http": {},
}


def start(server, path, text):
    s = Server([server, "--stdio"])
    folder = os.path.dirname(path)
    s.request("initialize", {
        "processId": os.getpid(), "rootUri": None,
        "workspaceFolders": [{"uri": "file://" + urllib.parse.quote(folder), "name": "w"}],
        "capabilities": {
            "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
            "textDocument": {
                "completion": {"completionItem": {"snippetSupport": True,
                                                  "documentationFormat": ["markdown", "plaintext"]}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {}}},
    })
    s.notify("initialized", {})
    s.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
    uri = "file://" + urllib.parse.quote(path)
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                       "version": 1, "text": text}})
    return s, uri


def diagnostics(s, uri):
    """The diagnostics the server publishes for URI once it has checked it with the schema."""
    m = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
               and m["params"]["uri"] == uri)
    return m["params"]["diagnostics"]


def main():
    server, path, action = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if action == "diagnose":
        text = "\n".join(lines).replace(sys.argv[4], sys.argv[5], 1)
        s, uri = start(server, path, text)
        for d in diagnostics(s, uri):
            print("%d:%d: %s" % (d["range"]["start"]["line"], d["range"]["start"]["character"],
                                 d["message"].replace("\n", " ")))
    elif action == "complete":
        line, col = int(sys.argv[4]), int(sys.argv[5])
        lines.insert(line, sys.argv[6])
        s, uri = start(server, path, "\n".join(lines))
        diagnostics(s, uri)  # wait until the schema is in use
        r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                   "position": {"line": line, "character": col}})
        items = r["items"] if isinstance(r, dict) else (r or [])
        for it in items:
            print(it["label"])
    elif action == "hover":
        key = sys.argv[4]
        s, uri = start(server, path, "\n".join(lines))
        diagnostics(s, uri)
        n = next(i for i, l in enumerate(lines) if l.lstrip().startswith(key + ":"))
        col = len(lines[n]) - len(lines[n].lstrip()) + 1
        r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                              "position": {"line": n, "character": col}})
        c = (r or {}).get("contents", "")
        print(c.get("value", "") if isinstance(c, dict) else json.dumps(c, ensure_ascii=False))
    else:
        sys.exit("unknown action " + action)
    s.close()


if __name__ == "__main__":
    main()
