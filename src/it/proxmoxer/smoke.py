#!/usr/bin/python3
"""python3-proxmoxer against the PVE simulator: nodes, VMs, create, task wait, config read, delete.

Environment: PVE_HOST (127.0.0.1:PORT), PVE_NODE, PVE_TOKEN_ID (user@realm!name), PVE_TOKEN_SECRET,
PVE_VMID, REQUESTS_CA_BUNDLE (the simulator's certificate). Exits non-zero on the first mismatch.
"""
import os
import sys
import time

from proxmoxer import ProxmoxAPI


def wait(api, node, upid, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = api.nodes(node).tasks(upid).status.get()
        if status["status"] == "stopped":
            return status
        time.sleep(0.2)
    raise SystemExit("task %s did not stop in %ss" % (upid, timeout))


def main():
    host = os.environ["PVE_HOST"]
    node = os.environ["PVE_NODE"]
    vmid = int(os.environ.get("PVE_VMID", "4242"))
    user, token_name = os.environ["PVE_TOKEN_ID"].split("!", 1)
    api = ProxmoxAPI(host, user=user, token_name=token_name, token_value=os.environ["PVE_TOKEN_SECRET"],
                     verify_ssl=True)

    nodes = sorted(n["node"] for n in api.nodes.get())
    assert node in nodes, nodes
    print("nodes:", ",".join(nodes))
    before = [vm["vmid"] for vm in api.nodes(node).qemu.get()]
    assert vmid not in before, before
    nextid = api.cluster.nextid.get()
    assert isinstance(nextid, str), repr(nextid)

    upid = api.nodes(node).qemu.create(vmid=vmid, name="proxmoxer-it", memory=1024, cores=1,
                                       net0="virtio,bridge=vmbr0", scsi0="vm-disks:4")
    assert upid.startswith("UPID:%s:" % node), upid
    status = wait(api, node, upid)
    assert status["exitstatus"] == "OK", status
    print("created:", upid)

    config = api.nodes(node).qemu(vmid).config.get()
    assert config["name"] == "proxmoxer-it", config
    assert config["net0"].startswith("virtio=BC:24:11:"), config["net0"]
    assert config["scsi0"].startswith("vm-disks:vm-%d-disk-0" % vmid), config["scsi0"]
    assert config["memory"] == "1024", config["memory"]

    vms = {vm["vmid"]: vm for vm in api.cluster.resources.get(type="vm")}
    assert vms[vmid]["status"] == "stopped", vms[vmid]

    upid = api.nodes(node).qemu(vmid).status.start.post()
    assert wait(api, node, upid)["exitstatus"] == "OK"
    assert api.nodes(node).qemu(vmid).status.current.get()["status"] == "running"
    upid = api.nodes(node).qemu(vmid).status.stop.post()
    assert wait(api, node, upid)["exitstatus"] == "OK"

    upid = api.nodes(node).qemu(vmid).delete(purge=1)
    assert wait(api, node, upid)["exitstatus"] == "OK"
    after = [vm["vmid"] for vm in api.nodes(node).qemu.get()]
    assert vmid not in after, after
    print("proxmoxer smoke OK")


if __name__ == "__main__":
    main()
