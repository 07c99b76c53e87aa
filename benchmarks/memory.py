"""Peak resident memory of this process.

``ru_maxrss`` is inherited from the parent across fork and exec on Linux, so a
child of the harness would report the harness's own peak (the generator's,
say). ``VmHWM`` belongs to the process image and starts afresh at exec.
"""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
