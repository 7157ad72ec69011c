"""Name this machine for asv after its GPU and record it, without asv's interactive questions.

``python -m asv_bench.machine`` writes this machine's entry into ``~/.asv-machine.json`` (where
``asv run --machine NAME`` reads it) and prints NAME, ``<hostname>-<GPU model>``: several runners
share one results directory and one site, each with its own graphs. The GPU model is also stored
as the machine's ``gpu`` field, which asv copies into every result file; kernels/bench/compare.py
refuses to compare results of different GPUs.
"""

import re
import socket


def gpu_model() -> str:
    """The GPU model from the harness's ``machine_info()`` (``"cpu"`` where there is none)."""
    from kernels.bench.harness import machine_info

    return machine_info()["gpu"] or "cpu"


def machine_name(hostname: str, gpu: str) -> str:
    """``<hostname>-<gpu>`` with anything but letters, digits, '.', '_' and '-' turned into '-'."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", f"{hostname}-{gpu}").strip("-")


def write_machine_entry() -> str:
    """Record this machine in ``~/.asv-machine.json`` (asv's defaults plus ``gpu``); its name."""
    from asv.machine import Machine, MachineCollection

    gpu = gpu_model()
    info = Machine.get_defaults()
    info["gpu"] = gpu
    info["machine"] = machine_name(socket.gethostname(), gpu)
    MachineCollection.save(info["machine"], info)
    return info["machine"]


if __name__ == "__main__":
    print(write_machine_entry())
