"""A throwaway S3-protocol server for the object storage tests: moto's standalone server
(`python -m moto.server`) on a free port of 127.0.0.1, which keeps its buckets in memory and
is gone when stopped. Without moto installed the tests skip, unless QALAM_REQUIRE_S3=1 (CI)
makes that a failure."""

import importlib.util
import os
import socket
import subprocess
import sys
import time

import pytest
import requests

KEYS = {"AWS_ACCESS_KEY_ID": "qalam-test", "AWS_SECRET_ACCESS_KEY": "qalam-test-secret"}


def public_read(bucket):
    """The bucket policy docs/scaling.md asks for: anyone may read an object, no one list."""
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/*",
    }
    return {"Version": "2012-10-17", "Statement": [statement]}


def free_port():
    """A port no one listens on. Its own, not conftest's: bench/media_s3.py starts the server
    before Django is set up."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class S3Server:
    def __init__(self):
        if importlib.util.find_spec("moto") is None:
            message = "moto's S3 server is not installed (requirements.lock has it)"
            if os.environ.get("QALAM_REQUIRE_S3") == "1":
                pytest.fail(message)
            pytest.skip(message)
        self.port, self.process = free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)]
        self.process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.url, timeout=1)
                return self
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise AssertionError("moto's S3 server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
