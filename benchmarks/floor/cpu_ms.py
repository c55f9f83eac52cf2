"""
CPU milliseconds used so far (utime + stime from /proc/<pid>/stat) by pgbench, the PostgreSQL backends connected to
the database named in argv[1], and the server's long-lived writers (WAL writer, checkpointer, background writer),
which do the commits' and checkpoints' work. Backends of other databases are left out: on a shared machine they come
and go, and a process that ends takes its CPU time out of any sum over all postgres processes.
"""
import os
import sys

database = sys.argv[1]
writers = ("walwriter", "checkpointer", "background writer")
total = 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            title = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        continue  # the process ended between listing and reading
    name = stat[stat.index("(") + 1:stat.rindex(")")]
    # Autovacuum workers are left out too: they end within the run, taking their time with them.
    backend = f" {database} " in title and "autovacuum" not in title
    ours = name == "pgbench" or (name == "postgres" and (backend or title.rstrip().endswith(writers)))
    if ours:
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])
print(total * 1000 // os.sysconf("SC_CLK_TCK"))
