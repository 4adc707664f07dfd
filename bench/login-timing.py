#!/usr/bin/env python3
"""Login time for an existing account (wrong password) against an unknown account.

usage: bench/login-timing.py BASE_URL [ROUNDS=40]

Signs up timing@example.org (201, or 409 if it exists), then alternates failed logins for it and
for unknown accounts and prints the median and p90 of each. Run the hub with limits high enough
for the rounds, e.g. --daqhub.auth.attempts-per-address=1000 --daqhub.auth.attempts-per-account=1000.
"""
import json
import statistics
import sys
import time
import urllib.error
import urllib.request

base = sys.argv[1].rstrip("/")
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 40


def post(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        status = urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, (time.perf_counter() - started) * 1000


print("sign-up", post("/signup", {"email": "timing@example.org", "password": "timing-pass-1"})[0])
known, unknown = [], []
for i in range(rounds):
    status, ms = post("/login", {"email": "timing@example.org", "password": "wrong-%d" % i})
    assert status in (401, 403), status
    known.append(ms)
    status, ms = post("/login", {"email": "nobody-%d@example.org" % i, "password": "wrong-%d" % i})
    assert status == 401, status
    unknown.append(ms)
for name, times in (("existing account", known), ("unknown account", unknown)):
    times = times[5:]  # warm-up
    print("%-17s median %6.1f ms  p90 %6.1f ms" % (name, statistics.median(times),
                                                   statistics.quantiles(times, n=10)[8]))
