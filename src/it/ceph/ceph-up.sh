#!/usr/bin/env bash
# ceph-up.sh — bootstrap a throwaway single-host Ceph (Pacific 16.2.15, Debian 12 packages)
# bound to 127.0.0.1 only, without systemd, cephx on: 1 mon + 1 mgr + OSDS OSDs (memstore),
# and the mgr "dashboard" REST API on plain HTTP.
#
# Usage: ceph-up.sh [DIR]        DIR must not exist or be empty (default: mktemp -d)
# Env:   OSDS (1)                number of OSDs; default pool size = min(OSDS, 3)
#        MON_V2_PORT (3300) MON_V1_PORT (6789) DASH_PORT (8080)
#        OBJECTSTORE (memstore)  or bluestore (on a sparse file per OSD)
#        OSD_BYTES (4 GiB)       capacity of each OSD (memstore: RAM it may use, allocated lazily)
#        DASH_USER (admin) DASH_PASS (generated)
# Output: DIR/ceph.conf, DIR/keyring, DIR/env (source it: CEPH_CONF, CEPH_API_URL, user, password) and
#         DIR/dashboard.properties (the same for Java: url, user, password, ceph_conf, bootstrap_seconds);
#         the dashboard speaks plain HTTP on 127.0.0.1, so there is no CA or fingerprint to hand over
# Stop:   ceph-down.sh DIR
# Needs:  apt-get install --no-install-recommends ceph-mon ceph-mgr ceph-osd ceph-mgr-dashboard ceph-common
set -euo pipefail

DIR=${1:-$(mktemp -d /tmp/ceph.XXXXXX)}
OSDS=${OSDS:-1}
MON_V2_PORT=${MON_V2_PORT:-3300}
MON_V1_PORT=${MON_V1_PORT:-6789}
DASH_PORT=${DASH_PORT:-8080}
OBJECTSTORE=${OBJECTSTORE:-memstore}
OSD_BYTES=${OSD_BYTES:-4294967296}
DASH_USER=${DASH_USER:-admin}
DASH_PASS=${DASH_PASS:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')Aa1!}   # must pass the pwd policy
# mgr modules that are never loaded: saves ~2 s of start-up and ~130 MiB of mgr RSS. ('restful' cannot
# load next to 'dashboard' on Debian 12 anyway: PyO3 error.) Set to "" to load them all.
MGR_DISABLED_MODULES=${MGR_DISABLED_MODULES-alerts,diskprediction_local,influx,insights,iostat,localpool,mirroring,osd_perf_query,osd_support,prometheus,restful,selftest,snap_schedule,stats,telegraf,test_orchestrator,zabbix}
IP=127.0.0.1
POOL_SIZE=$(( OSDS < 3 ? OSDS : 3 ))

T0=$EPOCHREALTIME
ts() { awk -v a="$T0" -v b="$EPOCHREALTIME" -v m="$*" 'BEGIN{printf "[%6.2fs] %s\n", b-a, m}'; }
# wait_until TIMEOUT_S CMD...: retry CMD every 0.5 s until it succeeds or the timeout passes
wait_until() {
  local end=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || { echo "timed out waiting for: $*" >&2; return 1; }
    sleep 0.5
  done
}

# fail fast if a port is taken (a 2nd mon on the same port only gives up after ~10 s, and the
# ceph CLI would then talk to the other cluster's mon)
for port in $MON_V2_PORT $MON_V1_PORT $DASH_PORT; do
  if (exec 3<>/dev/tcp/$IP/$port) 2>/dev/null; then echo "port $IP:$port is in use" >&2; exit 1; fi
done

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
trap 'echo "ceph-up.sh failed at line $LINENO; logs: $DIR/log; clean up with: ceph-down.sh $DIR" >&2' ERR
if [ -n "$(ls -A "$DIR")" ]; then echo "$DIR is not empty" >&2; exit 1; fi
mkdir -p "$DIR"/{run,log,crash,mon.a,mgr.x}
CONF=$DIR/ceph.conf
KEYRING=$DIR/keyring
export CEPH_CONF=$CONF                       # used by the ceph CLI below
ceph() { /usr/bin/ceph --connect-timeout 10 "$@"; }

FSID=$(uuidgen)

# ---- ceph.conf ---------------------------------------------------------------
# The escaped \$cluster, \$name, \$id below are Ceph meta-variables: Ceph expands them, not bash.
cat > "$CONF" <<EOF
[global]
fsid = $FSID
mon host = [v2:$IP:$MON_V2_PORT,v1:$IP:$MON_V1_PORT]
public addr = $IP
cluster addr = $IP
ms bind ipv6 = false

auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
keyring = $KEYRING

# keep every file inside DIR (defaults are /var/run/ceph, /var/log/ceph, /var/lib/ceph)
run dir = $DIR/run
admin socket = $DIR/run/\$cluster-\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
crash dir = $DIR/crash
mon cluster log file = $DIR/log/cluster.log

# tiny cluster: allow size-1 pools, no warnings about it
osd pool default size = $POOL_SIZE
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
mon allow pool delete = true
# keep pg_num exactly as requested (the autoscaler would change it behind the test's back)
osd pool default pg autoscale mode = off
# the CI disk may be fuller than 70 %
mon data avail warn = 2
mon data avail crit = 1
mgr initial modules = dashboard
# daemons report stats to the mgr every 1 s instead of 5 s: PG states, usage and health
# reach the REST API sooner
mgr stats period = 1

[mon]
mon data = $DIR/mon.\$id
# commit osdmap changes after 0.1 s instead of 1 s: pool create ~0.2 s instead of ~1-2 s
paxos propose interval = 0.1

[mgr]
mgr data = $DIR/mgr.\$id
mgr disabled modules = $MGR_DISABLED_MODULES

[osd]
osd data = $DIR/osd.\$id
osd objectstore = $OBJECTSTORE
memstore device bytes = $OSD_BYTES
bluestore block path = $DIR/osd.\$id/block.file
bluestore block create = true
bluestore block size = $OSD_BYTES
osd memory target = 939524096
EOF

# ---- keys ---------------------------------------------------------------------
# Every key in this keyring is imported into the mon's auth db by `ceph-mon --mkfs`.
ceph-authtool --create-keyring --gen-key -n mon. --cap mon 'allow *' "$KEYRING" >/dev/null
ceph-authtool --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' \
  --cap mds 'allow *' --cap mgr 'allow *' "$KEYRING" >/dev/null
ceph-authtool --gen-key -n mgr.x --cap mon 'allow profile mgr' --cap osd 'allow *' \
  --cap mds 'allow *' "$KEYRING" >/dev/null

# ---- mon ----------------------------------------------------------------------
monmaptool --create --clobber --fsid "$FSID" \
  --addv a "[v2:$IP:$MON_V2_PORT,v1:$IP:$MON_V1_PORT]" "$DIR/monmap" >/dev/null
ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$KEYRING"
ceph-mon -c "$CONF" -i a                    # forks into the background, writes run/mon.a.pid
ts "mon started"
wait_until 60 ceph mon stat
ts "mon answers"

# mgr module options live in the mon's config db. The mon does not know them before a mgr has
# announced its modules, hence --force. Set before the mgr starts, so the dashboard starts right.
ceph config set mgr mgr/dashboard/ssl false --force
ceph config set mgr mgr/dashboard/server_addr $IP --force
ceph config set mgr mgr/dashboard/server_port "$DASH_PORT" --force

# ---- mgr ----------------------------------------------------------------------
ceph-mgr -c "$CONF" -i x
ts "mgr started"

# ---- osds ---------------------------------------------------------------------
for i in $(seq 0 $((OSDS - 1))); do
  mkdir -p "$DIR/osd.$i"
  uuid=$(uuidgen)
  key=$(ceph-authtool --gen-print-key)
  printf '{"cephx_secret": "%s"}' "$key" > "$DIR/osd.$i/new.json"
  ceph osd new "$uuid" "$i" -i "$DIR/osd.$i/new.json" >/dev/null   # registers osd.N and its key
  rm "$DIR/osd.$i/new.json"
  printf '[osd.%s]\n\tkey = %s\n' "$i" "$key" >> "$KEYRING"
  ceph-osd -c "$CONF" -i "$i" --mkfs --osd-uuid "$uuid" >"$DIR/log/osd.$i.mkfs.out" 2>&1
  ceph-osd -c "$CONF" -i "$i" 2>>"$DIR/log/osd.$i.start.out"
done
ts "$OSDS osd(s) started"
osds_up() { ceph osd stat -f json | grep -q "\"num_up_osds\":$OSDS,"; }
wait_until 120 osds_up
ts "$OSDS osd(s) up"

# ---- dashboard REST API -------------------------------------------------------
URL=http://$IP:$DASH_PORT
# an unauthenticated GET answers 401 once the dashboard's HTTP server is up
dash_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/health/minimal")" = 401 ]; }
wait_until 120 dash_up
ts "dashboard listening"
printf '%s' "$DASH_PASS" > "$DIR/dash.pass"
chmod 600 "$DIR/dash.pass"
wait_until 60 ceph dashboard ac-user-create "$DASH_USER" -i "$DIR/dash.pass" administrator
ts "dashboard user created"

cat > "$DIR/env" <<EOF
export CEPH_CONF=$CONF
export CEPH_API_URL=$URL
export CEPH_API_USER=$DASH_USER
export CEPH_API_PASSWORD='$DASH_PASS'
export CEPH_DIR=$DIR
EOF
(umask 077 && cat > "$DIR/dashboard.properties" <<EOF
url=$URL
user=$DASH_USER
password=$DASH_PASS
ceph_conf=$CONF
EOF
)
TOKEN=$(curl -fsS -X POST "$URL/api/auth" -H 'Accept: application/vnd.ceph.api.v1.0+json' \
  -H 'Content-Type: application/json' \
  -d "{\"username\":\"$DASH_USER\",\"password\":\"$DASH_PASS\"}" | sed -E 's/.*"token": *"([^"]+)".*/\1/')
curl -fsS "$URL/api/health/minimal" -H 'Accept: application/vnd.ceph.api.v1.0+json' \
  -H "Authorization: Bearer $TOKEN" -o /dev/null
ts "REST API answers with a JWT"
# all PGs active+clean ("N pgs: N active+clean; ...") and HEALTH_OK
pgs_clean() { ceph pg stat | grep -qE '^([0-9]+) pgs: \1 active\+clean;'; }
health_ok() { ceph health | grep -q HEALTH_OK; }
wait_until 60 pgs_clean || ceph pg stat
wait_until 60 health_ok || ceph health detail
ts "$(ceph health), $(ceph pg stat | cut -d';' -f1)"
# the bootstrap time for the test report: from nothing to HEALTH_OK with every PG active+clean
BOOT=$(awk -v a="$T0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f", b-a}')
echo "bootstrap_seconds=$BOOT" >> "$DIR/dashboard.properties"
echo "ceph-up.sh: cluster ready in ${BOOT}s"
echo "CEPH_DIR=$DIR"
