#!/usr/bin/python3
# Written by plumbery's local provider. cloud-init's four boot stages (init-local, init, modules:config,
# modules:final), run by cloud-init's own code, in order, in this one process: each stage as a process of its own
# would import cloud-init again (about half a second of CPU each). Status, logs and results are cloud-init's
# usual ones (cloud-init status, /var/log/cloud-init.log, /run/cloud-init/result.json).
import os
import sys

os.environ.setdefault("TZ", ":/etc/localtime")
from cloudinit.cmd import main  # noqa: E402

failed = False
for stage in (["init", "--local"], ["init"], ["modules", "--mode=config"], ["modules", "--mode=final"]):
    failed = bool(main.main(["cloud-init"] + stage)) or failed
sys.exit(1 if failed else 0)
