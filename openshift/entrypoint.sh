#!/bin/sh
# Starts the hub in its container. JAVA_OPTS is honoured (OpenShift's usual variable; anything given
# there wins over the defaults below). The JVM's limits follow the container's memory:
#   heap          DAQHUB_HEAP_PERCENT of the container's memory (default 40)
#   direct memory DAQHUB_DIRECT_PERCENT (default 30): the detectors' frame pools and stream queues
#                 (docs/detector.md, sizing); the image buffers live in /dev/shm, a memory-backed emptyDir that
#                 the container's memory limit counts too, so leave room for them.
# DAQHUB_DRY_RUN=1 prints the command instead of running it (tests).
set -eu

cgroup_limit() {
  # cgroup v2, then v1; "max" or a huge number means no limit
  for f in "${DAQHUB_CGROUP_MEMORY_FILE:-/sys/fs/cgroup/memory.max}" /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$f" ]; then
      v=$(cat "$f")
      case "$v" in
        max|'') return 1 ;;
      esac
      if [ "$v" -lt 1099511627776 ]; then
        echo "$v"
        return 0
      fi
      return 1
    fi
  done
  return 1
}

opts="-XX:MaxGCPauseMillis=20"
if limit=$(cgroup_limit); then
  heap_mb=$(( limit / 1048576 * ${DAQHUB_HEAP_PERCENT:-40} / 100 ))
  direct_mb=$(( limit / 1048576 * ${DAQHUB_DIRECT_PERCENT:-30} / 100 ))
  opts="$opts -Xmx${heap_mb}m -XX:MaxDirectMemorySize=${direct_mb}m"
else
  opts="$opts -XX:MaxRAMPercentage=40"
fi

# JAVA_OPTS last: a flag given there overrides the computed one (the JVM takes the last).
set -- java $opts ${JAVA_OPTS:-} -jar /deployments/daq-hub.jar "$@"
if [ "${DAQHUB_DRY_RUN:-}" = 1 ]; then
  echo "$@"
  exit 0
fi
exec "$@"
