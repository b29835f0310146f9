#!/usr/bin/env python3
"""Writes N Stripe-style events signed now with SECRET, one per line: '<Stripe-Signature>\t<body>' (bench/webhooks_in.sh)."""
import hashlib, hmac, json, sys, time, uuid

n, secret, out = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
t = int(time.time())
run = uuid.uuid4().hex[:8]
with open(out, "w") as f:
    for i in range(n):
        body = json.dumps({"id": f"evt_{run}_{i}", "type": "bench.event", "created": t,
                           "data": {"object": {"id": f"sub_{i % 1000}", "object": "subscription", "status": "active"}}},
                          separators=(",", ":"))
        sig = hmac.new(secret, f"{t}.{body}".encode(), hashlib.sha256).hexdigest()
        f.write(f"t={t},v1={sig}\t{body}\n")
