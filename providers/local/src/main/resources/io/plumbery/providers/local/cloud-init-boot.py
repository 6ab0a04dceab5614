#!/usr/bin/python3
# Written by plumbery's local provider. cloud-init's four boot stages (init-local, init, modules:config,
# modules:final), run by cloud-init's own code, in order, in this one process: each stage as a process of its own
# would import cloud-init again (about half a second of CPU each). Status, logs and results are cloud-init's
# usual ones (cloud-init status, /var/log/cloud-init.log, /run/cloud-init/result.json).
import os
import sys

os.environ.setdefault("TZ", ":/etc/localtime")
from cloudinit.cmd import main  # noqa: E402

# each stage sends its output through a tee of its own (output: in cloud.cfg) by replacing this process's
# standard output and error: give every stage the ones the unit started with, so nothing goes through two tees
console = (os.dup(1), os.dup(2))
failed = False
for stage in (["init", "--local"], ["init"], ["modules", "--mode=config"], ["modules", "--mode=final"]):
    failed = bool(main.main(["cloud-init"] + stage)) or failed
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(console[0], 1)
    os.dup2(console[1], 2)
sys.exit(1 if failed else 0)
