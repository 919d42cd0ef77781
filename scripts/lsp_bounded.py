"""Drives `jiaodui lsp` over stdio, as a stdlib client, on the seed page repeated to 10 MB, and
prints what issue 19 measures (docs/performance.md, "Bounded replies"):

  cursor    an empty-range codeAction at 20 places, from a client without
            codeAction.resolveSupport: time, reply size, server RSS before and after
  fixall    source.fixAll resolved on the 10 MB document: time, reply size, edits, the
            server's peak RSS (VmHWM); a hover on another document sent right after it and
            its latency; then a fix-all cancelled with $/cancelRequest
  close     100 documents of 100 KB opened and closed: server RSS after initialize, with them
            open, 10 s and 15 s after closing them all

Usage: python3 scripts/lsp_bounded.py target/release/jiaodui [cursor|fixall|close ...]
"""
import json, os, subprocess, sys, threading, time

exe = sys.argv[1]
which = sys.argv[2:] or ['cursor', 'fixall', 'close']
seed = open(os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'seed.txt'),
            encoding='utf-8').read()


def document(size):
    parts, n, total = [], 0, 0
    while total < size:
        s = f"第{n}篇\n\n" + seed + "\n"
        parts.append(s)
        total += len(s.encode())
        n += 1
    return ''.join(parts)


class Server:
    def __init__(self, caps):
        self.p = subprocess.Popen([exe, 'lsp'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.msgs, self.cv, self.sizes, self.arrived = [], threading.Condition(), {}, {}
        threading.Thread(target=self.reader, daemon=True).start()
        self.next = 0
        self.request('initialize', {"processId": None, "rootUri": None, "capabilities": caps,
                                    "initializationOptions": {"debounceMs": 0}})
        self.notify('initialized', {})

    def send(self, m):
        b = json.dumps(m, ensure_ascii=False).encode()
        self.p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(b) + b)
        self.p.stdin.flush()

    def reader(self):
        out = self.p.stdout
        while True:
            h = b''
            while not h.endswith(b'\r\n\r\n'):
                c = out.read(1)
                if not c:
                    return
                h += c
            ln = int([l for l in h.split(b'\r\n') if l.lower().startswith(b'content-length')][0]
                     .split(b':')[1])
            body = out.read(ln)
            m = json.loads(body)
            if 'method' in m and 'id' in m:  # a server request: answer it
                result = {"applied": True} if m['method'] == 'workspace/applyEdit' else None
                self.send({"jsonrpc": "2.0", "id": m['id'], "result": result})
            with self.cv:
                if 'id' in m and 'method' not in m:
                    self.sizes[m['id']] = ln
                    self.arrived[m['id']] = time.perf_counter()
                self.msgs.append(m)
                self.cv.notify_all()

    def wait(self, pred):
        with self.cv:
            while True:
                for m in self.msgs:
                    if pred(m):
                        self.msgs.remove(m)
                        return m
                self.cv.wait()

    def start(self, method, params):
        self.next += 1
        i = self.next
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        return i

    def response(self, i):
        return self.wait(lambda m: m.get('id') == i and 'method' not in m)

    def request(self, method, params):
        return self.response(self.start(method, params))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, uri, text):
        self.notify('textDocument/didOpen', {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})

    def published(self, uri, nonempty=True):
        return self.wait(lambda m: m.get('method') == 'textDocument/publishDiagnostics'
                         and m['params']['uri'] == uri
                         and (bool(m['params']['diagnostics']) == nonempty))

    def status(self, key):
        for l in open(f'/proc/{self.p.pid}/status'):
            if l.startswith(key):
                return int(l.split()[1]) // 1024
        return 0

    def close(self):
        self.request('shutdown', None)
        self.notify('exit', None)
        self.p.wait()


def cursor():
    text = document(10 << 20)
    s = Server({"textDocument": {"codeAction": {"codeActionLiteralSupport": {
        "codeActionKind": {"valueSet": ["quickfix", "source.fixAll"]}}}}})
    uri = 'file:///bench/10MB.txt'
    s.open(uri, text)
    s.published(uri)
    time.sleep(1)
    before = s.status('VmRSS')
    lines = text.count('\n')
    times, sizes = [], []
    for k in range(20):
        line = (k * 7919) % lines
        t = time.perf_counter()
        i = s.start('textDocument/codeAction', {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": line, "character": 3}, "end": {"line": line, "character": 3}},
            "context": {"diagnostics": []}})
        s.response(i)
        times.append((s.arrived[i] - t) * 1000)
        sizes.append(s.sizes[i])
    times.sort()
    print(f"cursor codeAction without resolve, 10 MB: p50 {times[10]:.1f} ms, max {times[-1]:.1f} ms; "
          f"reply max {max(sizes)/1024:.1f} KB; server RSS {before} -> {s.status('VmRSS')} MB "
          f"(peak {s.status('VmHWM')} MB)")
    s.close()


def fixall():
    text = document(10 << 20)
    s = Server({"textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]},
                                                 "dataSupport": True}}})
    uri, small = 'file:///bench/10MB.txt', 'file:///bench/small.txt'
    s.open(uri, text)
    s.open(small, "手機(jī)版\n")
    s.published(uri)
    s.published(small)
    time.sleep(1)
    before = s.status('VmRSS')
    actions = s.request('textDocument/codeAction', {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})['result']
    action = actions[0]
    t = time.perf_counter()
    i = s.start('codeAction/resolve', action)
    time.sleep(0.05)
    th = time.perf_counter()
    h = s.start('textDocument/hover', {"textDocument": {"uri": small},
                                       "position": {"line": 0, "character": 2}})
    s.response(h)
    hover_ms = (s.arrived[h] - th) * 1000
    r = s.response(i)
    fix_ms = (s.arrived[i] - t) * 1000
    edits = r['result']['edit']['changes'][uri]
    order = 'before' if s.arrived[h] < s.arrived[i] else 'AFTER'
    print(f"fix-all (resolve), 10 MB: {fix_ms:.0f} ms, reply {s.sizes[i]/1e6:.1f} MB, "
          f"{len(edits)} edits; server RSS {before} MB, peak {s.status('VmHWM')} MB; "
          f"hover on another document sent 50 ms in: {hover_ms:.1f} ms, answered {order} the fix-all")
    t = time.perf_counter()
    i = s.start('codeAction/resolve', action)
    time.sleep(0.05)
    s.notify('$/cancelRequest', {"id": i})
    r = s.response(i)
    print(f"fix-all cancelled 50 ms in: answered {r.get('error', {}).get('code')} "
          f"after {(s.arrived[i] - t) * 1000:.0f} ms")
    # The server is free again at once: a hover on the big document.
    t = time.perf_counter()
    h = s.start('textDocument/hover', {"textDocument": {"uri": uri},
                                       "position": {"line": 5, "character": 2}})
    s.response(h)
    print(f"hover on the 10 MB document right after the cancel: {(s.arrived[h] - t) * 1000:.1f} ms")
    s.close()


def close():
    s = Server({})
    time.sleep(2)
    initialized = s.status('VmRSS')
    # What stays loaded for the server's lifetime once used (character tables, segmenter,
    # CC-CEDICT for hovers): one small document opened, hovered and closed.
    s.open('file:///bench/warm.txt', seed)
    s.published('file:///bench/warm.txt')
    s.request('textDocument/hover', {"textDocument": {"uri": 'file:///bench/warm.txt'},
                                     "position": {"line": 5, "character": 2}})
    s.notify('textDocument/didClose', {"textDocument": {"uri": 'file:///bench/warm.txt'}})
    s.published('file:///bench/warm.txt', nonempty=False)
    time.sleep(2)
    warm = s.status('VmRSS')
    base = document(100 * 1024)
    uris = [f'file:///bench/{k}.txt' for k in range(100)]
    for k, u in enumerate(uris):
        s.open(u, f"第{k}號\n\n" + base)
    for u in uris:
        s.published(u)
    hover = s.request('textDocument/hover', {"textDocument": {"uri": uris[0]},
                                             "position": {"line": 5, "character": 2}})
    time.sleep(1)
    opened = s.status('VmRSS')
    for u in uris:
        s.notify('textDocument/didClose', {"textDocument": {"uri": u}})
    for u in uris:
        s.published(u, nonempty=False)
    time.sleep(10)
    after10 = s.status('VmRSS')
    # The server trims again once its idle blocking threads (10 s keep-alive) have ended.
    time.sleep(5)
    print(f"100 x 100 KB: server RSS after initialize {initialized} MB, after one small document "
          f"opened, hovered and closed {warm} MB, all open {opened} MB, "
          f"10 s after closing all {after10} MB, 15 s after {s.status('VmRSS')} MB")
    s.close()


for w in which:
    {'cursor': cursor, 'fixall': fixall, 'close': close}[w]()
