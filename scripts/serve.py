"""`make run`: the development server and the task worker in the foreground of one command.
Ctrl-C stops both; so does either of them ending (a worker that died must not go unnoticed)."""

import subprocess
import sys
import time


def main(address: str) -> int:
    processes = [
        subprocess.Popen([sys.executable, "manage.py", "runserver", address]),
        subprocess.Popen([sys.executable, "manage.py", "procrastinate", "worker"]),
    ]
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return max(process.returncode or 0 for process in processes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
