#!/usr/bin/env python3
"""Sign-in flood against a running `permanence serve`: 100 connections post
wrong passwords for the demo team manager to POST /sign-in as fast as they
can while one signed-in social worker (at another address) opens a child's
page in a loop. Prints that user's latency
(p50, p99, max), what the flood got back, and the server's peak memory.

    signin_flood.py PORT SERVER_PID SECONDS [--spread] [--connections=N]

--spread gives each flood request a random X-Forwarded-For address (the
server must trust 127.0.0.1 as its proxy), so the per-client limit never
engages and only the bounded pool of password checks stands in the way:
a flood from many addresses. Only 127.0.0.1 is contacted. Standard library only.
"""
import http.client
import random
import re
import sys
import threading
import time
import urllib.parse

PORT, PID, SECONDS = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
SPREAD = "--spread" in sys.argv
CONNECTIONS = next((int(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--connections=")), 100)


def request(conn, method, path, body=None, headers=None):
    headers = dict(headers or {})
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, r.getheaders(), data.decode("utf-8", "replace")


def cookie_of(headers, name):
    for k, v in headers:
        if k.lower() == "set-cookie" and v.startswith(name + "="):
            return v.split(";", 1)[0]
    return None


def sign_in_form(conn, extra):
    status, headers, body = request(conn, "GET", "/sign-in", headers=extra)
    csrf = cookie_of(headers, "permanence_csrf")
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    return csrf, token


def vm(field):
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return -1


def sign_in_worker():
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    # The worker's own desk (through the trusted proxy), not the flood's.
    desk = {"X-Forwarded-For": "192.0.2.10"}
    csrf, token = sign_in_form(conn, desk)
    body = urllib.parse.urlencode({"csrf_token": token, "username": "social-worker.demo",
                                   "password": "permanence-demo", "next": "/"})
    status, headers, _ = request(conn, "POST", "/sign-in", body, {"Cookie": csrf, **desk})
    assert status == 303, status
    session = cookie_of(headers, "permanence_session")
    _, _, page = request(conn, "GET", "/", headers={"Cookie": session})
    child = re.search(r'href="(/children/[^"/?]+)"', page).group(1)
    return session, child


stop = threading.Event()
counts = {}
lock = threading.Lock()


def flood(n):
    rnd = random.Random(n)
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    while not stop.is_set():
        extra = {}
        if SPREAD:
            extra["X-Forwarded-For"] = "10.%d.%d.%d" % (rnd.randrange(256), rnd.randrange(256), rnd.randrange(1, 255))
        try:
            csrf, token = sign_in_form(conn, extra)
            body = urllib.parse.urlencode({"csrf_token": token, "username": "team-manager.demo",
                                           "password": "not the password %d" % rnd.randrange(10**9), "next": "/"})
            status, _, _ = request(conn, "POST", "/sign-in", body, {"Cookie": csrf, **extra})
        except Exception as e:  # a dropped connection counts and reconnects
            status = type(e).__name__
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        with lock:
            counts[status] = counts.get(status, 0) + 1


def main():
    session, child = sign_in_worker()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for _ in range(20):  # warm up
        request(conn, "GET", child, headers={"Cookie": session})
    before = vm("VmRSS")
    threads = [threading.Thread(target=flood, args=(i,), daemon=True) for i in range(CONNECTIONS)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    latencies, statuses = [], {}
    end = time.monotonic() + SECONDS
    while time.monotonic() < end:
        t0 = time.perf_counter()
        status, _, _ = request(conn, "GET", child, headers={"Cookie": session})
        latencies.append((time.perf_counter() - t0) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        time.sleep(0.05)
    stop.set()
    peak = vm("VmHWM")
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))]
    print(f"flood: {CONNECTIONS} connections, {'spread over random client addresses' if SPREAD else 'one client address'}, {SECONDS:.0f} s")
    print(f"flood answers: {dict(sorted(counts.items(), key=str))} ({sum(counts.values()) / SECONDS:.0f} sign-in posts/s)")
    print(f"signed-in user GET {child.split('/')[1]}/ID: {len(latencies)} requests {statuses}; "
          f"p50 {pct(0.5):.1f} ms, p99 {pct(0.99):.1f} ms, max {latencies[-1]:.1f} ms")
    print(f"server memory: {before} MB before the flood, peak (VmHWM) {peak} MB")


main()
