"""Drives `jiaodui lsp` over stdio and prints the server process's own resident memory
(VmRSS): after initialize, with a 10 MB document open, after hovers and documentSymbol
requests. The in-process `lsp_bench` counts its client too.

Usage: python3 scripts/lsp_server_rss.py target/release/jiaodui
"""
import json, os, subprocess, sys, threading, time
exe = sys.argv[1]
seed = open(os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'seed.txt'), encoding='utf-8').read()
parts = []; n = 0; size = 0
while size < 10 * 1024 * 1024:
    s = f"第{n}篇\n\n" + seed + "\n"; parts.append(s); size += len(s.encode()); n += 1
text = ''.join(parts)
p = subprocess.Popen([exe, 'lsp'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(m):
    b = json.dumps(m).encode(); p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(b) + b); p.stdin.flush()
msgs = []; cv = threading.Condition()
def reader():
    while True:
        h = b''
        while not h.endswith(b'\r\n\r\n'):
            c = p.stdout.read(1)
            if not c: return
            h += c
        ln = int([l for l in h.split(b'\r\n') if l.lower().startswith(b'content-length')][0].split(b':')[1])
        body = p.stdout.read(ln)
        m = json.loads(body)
        with cv: msgs.append(m); cv.notify_all()
threading.Thread(target=reader, daemon=True).start()
def wait(pred):
    with cv:
        while True:
            for m in msgs:
                if pred(m): msgs.remove(m); return m
            cv.wait()
def rss(): return [l for l in open(f'/proc/{p.pid}/status') if l.startswith('VmRSS')][0].split()[1]
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":None,"rootUri":None,"capabilities":{"textDocument":{"documentSymbol":{"hierarchicalDocumentSymbolSupport":True}}},"initializationOptions":{"debounceMs":0}}})
wait(lambda m: m.get('id')==1); send({"jsonrpc":"2.0","method":"initialized","params":{}})
time.sleep(1.5); print('after initialize', int(rss())//1024, 'MB')
uri='file:///bench/10MB.txt'
send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"plaintext","version":1,"text":text}}})
wait(lambda m: m.get('method')=='textDocument/publishDiagnostics'); time.sleep(3)
print('10 MB open', int(rss())//1024, 'MB')
lines = text.count('\n'); i = 10
for k in range(100):
    i += 1; send({"jsonrpc":"2.0","id":i,"method":"textDocument/hover","params":{"textDocument":{"uri":uri},"position":{"line":(k*7919)%lines,"character":(k*13)%40}}}); wait(lambda m, i=i: m.get('id')==i and 'method' not in m)
for k in range(50):
    i += 1; send({"jsonrpc":"2.0","id":i,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":uri}}}); wait(lambda m, i=i: m.get('id')==i and 'method' not in m)
print('after 100 hovers and 50 documentSymbol', int(rss())//1024, 'MB')
send({"jsonrpc":"2.0","id":9999,"method":"shutdown","params":None}); wait(lambda m: m.get('id')==9999); send({"jsonrpc":"2.0","method":"exit","params":None}); p.wait()
