# Shell functions that scripts/run-tests and scripts/dev-site share (sourced, not run).
#
# The sourcing script sets, before calling any of them:
#   REPO             this checkout
#   BENCH            the bench (resolve_bench sets it from $FRAPPE_BENCH, else ~/frappe-bench)
#   BENCH_LOG        where `quiet` writes the output of the commands it runs
#   SCRIPT_NAME      the prefix of the script's messages, e.g. run-tests
#   DB_ROOT_PASSWORD MariaDB's root password (a development or CI machine's, never a production secret)

say() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*" >&2; }

# Run a command quietly; show its output only when it fails.
quiet() {
	if ! "$@" >>"$BENCH_LOG" 2>&1; then
		say "failed: $*"
		tail -n 40 "$BENCH_LOG" >&2
		return 1
	fi
}

# The bench at $FRAPPE_BENCH, else ~/frappe-bench, resolved once (it may be reached through a
# symlink): Frappe compares resolved paths, e.g. its translation extractors name files relative to
# the real bench folder.
resolve_bench() {
	BENCH="${FRAPPE_BENCH:-$HOME/frappe-bench}"
	if [ -d "$BENCH" ]; then
		BENCH="$(cd "$BENCH" && pwd -P)"
	fi
	APP_LINK="$BENCH/apps/slup_crm"
}

is_bench() { [ -x "$BENCH/env/bin/python" ] && [ -d "$BENCH/apps/frappe" ]; }

start_mariadb() {
	if mysqladmin ping >/dev/null 2>&1 || mysqladmin -uroot -p"$DB_ROOT_PASSWORD" ping >/dev/null 2>&1; then
		return
	fi
	if ! command -v mariadbd >/dev/null 2>&1 && ! command -v mysqld >/dev/null 2>&1; then
		say "MariaDB is not installed"; return 1
	fi
	say "starting MariaDB"
	service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || (mysqld_safe >/dev/null 2>&1 &)
	for _ in $(seq 1 60); do
		mysqladmin ping >/dev/null 2>&1 && return
		mysqladmin -uroot -p"$DB_ROOT_PASSWORD" ping >/dev/null 2>&1 && return
		sleep 1
	done
	say "MariaDB did not start"; return 1
}

ensure_root_password() {
	# Frappe connects as root with a password; a fresh Debian MariaDB only knows unix_socket.
	if mysql -uroot -p"$DB_ROOT_PASSWORD" -e "SELECT 1" >/dev/null 2>&1; then
		return
	fi
	say "enabling password authentication for MariaDB's root user"
	mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD') OR unix_socket; FLUSH PRIVILEGES;"
}

start_redis() {
	if [ ! -f "$BENCH/config/redis_cache.conf" ]; then
		(cd "$BENCH" && quiet bench setup redis)
	fi
	local conf port
	for conf in "$BENCH"/config/redis_cache.conf "$BENCH"/config/redis_queue.conf; do
		port="$(awk '$1 == "port" {print $2}' "$conf")"
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			say "starting Redis on port $port"
			redis-server "$conf" --daemonize yes >/dev/null
			for _ in $(seq 1 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
		fi
	done
}

# Point the bench's apps/slup_crm (a symlink, or missing) at this checkout and list the app in
# sites/apps.txt. The caller deals with a folder of its own there first.
link_app() {
	if [ ! -e "$APP_LINK" ] || [ -L "$APP_LINK" ]; then
		ln -sfn "$REPO" "$APP_LINK"
	fi
	grep -qx "slup_crm" "$BENCH/sites/apps.txt" || printf '\nslup_crm\n' >>"$BENCH/sites/apps.txt"
	sed -i '/^$/d' "$BENCH/sites/apps.txt"
}

# Install the app (editable, from the bench's app folder) into the bench's virtualenv, with the
# extra packages given, unless it is there already: install_app_package "MODULES" [PIP_SPEC...],
# MODULES being the space-separated modules whose import shows the extras are installed.
# setuptools is kept below 81 (which removes pkg_resources), as the test harness always pinned it.
install_app_package() {
	local py="$BENCH/env/bin/python" modules="$1"
	shift
	if ! (cd / && "$py" - "$APP_LINK" $modules <<'PY' >/dev/null 2>&1
import importlib, os, sys
import slup_crm, stdnum  # noqa: F401
for module in sys.argv[2:]:
    importlib.import_module(module)
assert os.path.dirname(os.path.dirname(slup_crm.__file__)) == sys.argv[1]
PY
	); then
		say "installing slup_crm${1:+ and $*} into the bench's virtualenv"
		quiet "$py" -m pip install -q --disable-pip-version-check -e "$APP_LINK" 'setuptools<81' "$@"
	fi
	# pip writes the resolved checkout path into the .pth; keep it on the bench's app folder so
	# that the bench follows the link (and stays usable when this checkout goes away).
	local pth
	pth="$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/slup_crm.pth"
	if [ -f "$pth" ] && [ "$(cat "$pth")" != "$APP_LINK" ]; then
		printf '%s\n' "$APP_LINK" >"$pth"
	fi
}

# The app's assets (when missing) and its Swedish catalogue, compiled from this checkout's .po.
build_app_assets() {
	if [ ! -e "$BENCH/sites/assets/slup_crm" ]; then
		(cd "$BENCH" && quiet bench build --app slup_crm)
	fi
	(cd "$BENCH" && quiet bench compile-po-to-mo --app slup_crm --force)
}

# Make the site when it does not exist (Administrator's password: admin); sets SITE_MADE to 1 when
# it made it now, else 0.
make_site() {
	SITE_MADE=0
	if [ ! -f "$BENCH/sites/$1/site_config.json" ]; then
		say "creating the site $1"
		(cd "$BENCH" && quiet bench new-site "$1" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin)
		SITE_MADE=1
	fi
}

# Install slup_crm into the site unless it is installed; sets APP_INSTALLED to 1 when it installed
# it now, else 0.
install_app_on_site() {
	APP_INSTALLED=0
	local apps
	# Read the list whole first: under pipefail, `bench ... | grep -q` fails when grep stops reading early.
	apps="$(cd "$BENCH" && bench --site "$1" list-apps 2>/dev/null || true)"
	if ! grep -q "^slup_crm" <<<"$apps"; then
		say "installing slup_crm into $1"
		(cd "$BENCH" && quiet bench --site "$1" install-app slup_crm)
		APP_INSTALLED=1
	fi
}
