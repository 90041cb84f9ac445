"""The client's figures, measured once against a fresh fake on loopback.

  python3 bench.py [calls]

1. A late-bound property get (messenger.MyStatus) through the client
   against a bare http.client POST of the same bytes to the same server on
   a kept-alive connection: mean time per call in short interleaved
   rounds; the ratio is the median of the rounds' ratios.
2. Event delivery: from the server's send (the event's "time", stamped when
   the sim raises it) to the handler method running inside pump() on the
   pumping thread, while another thread changes the status through the
   control API; p50/p99/max.
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim"))

import fakemessenger  # noqa: E402
from fakemessenger import _events  # noqa: E402
from tests import server as srv  # noqa: E402


DRIVER = """
import http.client, json, sys, time
url, world, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = url.split("//")[1].split(":")
conn = http.client.HTTPConnection(host, int(port))
for i in range(n):
    body = json.dumps({"status": "MISTATUS_BUSY" if i % 2 else "MISTATUS_AWAY"}).encode()
    conn.request("POST", "/v1/control/status", body, {"Content-Type": "application/json", "Fakemessenger-World": world})
    conn.getresponse().read()
    time.sleep(0.001)
"""


def server_time(stamp):
    # RFC 3339 with up to nanoseconds, UTC: keep microseconds for datetime.
    import datetime
    head, _, frac = stamp.rstrip("Z").partition(".")
    dt = datetime.datetime.strptime(head, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return dt.timestamp() + (float("0." + frac) if frac else 0.0)


def property_get(server, calls):
    m = fakemessenger.Dispatch("Communicator.UIAutomation", url=server.url)
    m.MyStatus  # type information fetched once, connection open
    body = json.dumps({"object": m._oleobj_.id, "kind": "propget", "args": [], "member": "MyStatus"}).encode()
    host, port = server.url.split("//")[1].split(":")
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    # http.client sends the headers and the body in two writes; the client
    # sets TCP_NODELAY so Nagle does not hold the second. The baseline is
    # measured both ways, and the ratio taken against the faster.
    plain = http.client.HTTPConnection(host, int(port))
    nodelay = http.client.HTTPConnection(host, int(port))
    nodelay.connect()
    nodelay.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def bare(conn):
        conn.request("POST", "/v1/invoke", body, headers)
        r = conn.getresponse()
        r.read()

    bare(plain)
    bare(nodelay)
    # Short rounds, the three kinds interleaved, so that load from other
    # processes on the machine falls on all of them alike.
    rows = []
    per = 100
    for _ in range(max(1, calls // per)):
        t0 = time.perf_counter()
        for _ in range(per):
            m.MyStatus
        t1 = time.perf_counter()
        for _ in range(per):
            bare(nodelay)
        t2 = time.perf_counter()
        for _ in range(per):
            bare(plain)
        t3 = time.perf_counter()
        rows.append(((t1 - t0) / per, (t2 - t1) / per, (t3 - t2) / per))
    plain.close()
    nodelay.close()
    med = lambda i: statistics.median(r[i] for r in rows) * 1e6  # noqa: E731
    ratio = statistics.median(r[0] / min(r[1], r[2]) for r in rows)
    return med(0), med(1), med(2), ratio


def event_latency(server, events):
    world = server.new_world()
    lat, wire = [], []

    class Handler:
        def OnMyStatusChange(self, hr, status):
            doc = _events._delivering.doc
            sent = server_time(doc["time"])
            lat.append(time.time() - sent)
            wire.append(doc["_received"] - sent)

    h = fakemessenger.DispatchWithEvents("Communicator.UIAutomation", Handler, url=server.url, world=world)

    # The driver is another process, so it does not share this one's GIL
    # with the stream reader and the pumping thread.
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, server.url, world, str(events)])
    deadline = time.time() + 60
    while len(lat) < events and time.time() < deadline:
        fakemessenger.pump(1.0)
    driver.wait()
    del h
    lat.sort()
    wire.sort()
    q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))] * 1e3  # noqa: E731
    return len(lat), q(lat, 0.50), q(lat, 0.99), lat[-1] * 1e3, q(wire, 0.99)


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    server = srv.Server()
    try:
        c, bn, bp, r = property_get(server, calls)
        print("property get (MyStatus): client %.0f us; bare http.client %.0f us with TCP_NODELAY, %.0f us without;"
              " ratio to the faster %.2fx (median of %d interleaved rounds of 100)" % (c, bn, bp, r, calls // 100))
        n, p50, p99, mx, wp99 = event_latency(server, calls)
        print("event delivery (OnMyStatusChange, send to handler in pump): %d events, p50 %.2f ms, p99 %.2f ms, max %.2f ms"
              " (p99 of send to arrival at the stream reader: %.2f ms)" % (n, p50, p99, mx, wp99))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
