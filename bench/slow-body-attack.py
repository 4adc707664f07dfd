#!/usr/bin/env python3
"""Slow request bodies against a running hub, and how its health endpoint answers meanwhile.

usage: bench/slow-body-attack.py PORT [CONNECTIONS=250] [PATH=/publish] [CHECKS=6]

Opens CONNECTIONS connections that each POST a 1,000-byte body to PATH, sending one byte a second
after the headers, then times GET /actuator/health once a second (10 s timeout), CHECKS times.
A hub that reads bodies on its request threads stops answering once the slow bodies hold them all.
"""
import socket
import sys
import threading
import time
import urllib.request

port = int(sys.argv[1])
connections = int(sys.argv[2]) if len(sys.argv) > 2 else 250
path = sys.argv[3] if len(sys.argv) > 3 else "/publish"
checks = int(sys.argv[4]) if len(sys.argv) > 4 else 6

sockets = []
for _ in range(connections):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Content-Length: 1000\r\n\r\n{" % path).encode())
    sockets.append(s)

stop = threading.Event()


def dribble():
    while not stop.is_set():
        for s in sockets:
            try:
                s.send(b" ")
            except OSError:
                pass  # answered and closed by the hub
        stop.wait(1)


threading.Thread(target=dribble, daemon=True).start()
for _ in range(checks):
    started = time.time()
    try:
        status = urllib.request.urlopen("http://127.0.0.1:%d/actuator/health" % port, timeout=10).status
    except Exception as e:  # noqa: BLE001 - any failure is the answer
        status = type(e).__name__
    print("health %s after %.2f s" % (status, time.time() - started), flush=True)
    stop.wait(1)
stop.set()
