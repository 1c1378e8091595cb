"""What the ecosystem checks share about the services they start on 127.0.0.1: a free port,
and stopping a service by its own process id (never by name)."""

import socket
import subprocess


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process, name, timeout=15):
    """Ends `process` (SIGTERM, then SIGKILL after `timeout` seconds) and says so."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    print(f"  stopped {name} (pid {process.pid})", flush=True)
