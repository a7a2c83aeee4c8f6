# `stage NAME CMD...`: runs CMD (a command or a shell function) as a named stage of a long run, so a
# setup that takes minutes says what it is doing: "[stage] NAME ..." when it starts, "[stage] NAME: 1m12s"
# (or "failed after ...") when it ends, on stderr (callers parse some scripts' stdout). Returns CMD's status.
# Stages inside stages are indented. With STAGE_TIMES_FILE set (npm test sets it), each stage appends
# "start<TAB>depth<TAB>name<TAB>seconds<TAB>status" there; scripts/summarize-tests.js prints them in one line.
# Source it; bash only.

stage_duration() {
	local s=$1
	if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

stage() {
	local name=$1 depth=${STAGE_DEPTH:-0} start=$SECONDS started status took indent
	shift
	started=$(date +%s%N)
	indent=$(printf '%*s' $((depth * 2)) '')
	echo "[stage] $indent$name ..." >&2
	export STAGE_DEPTH=$((depth + 1))
	"$@"
	status=$?
	export STAGE_DEPTH=$depth
	took=$((SECONDS - start))
	if [ $status -eq 0 ]; then
		echo "[stage] $indent$name: $(stage_duration $took)" >&2
	else
		echo "[stage] $indent$name: failed (exit $status) after $(stage_duration $took)" >&2
	fi
	if [ -n "${STAGE_TIMES_FILE:-}" ]; then
		printf '%s\t%s\t%s\t%s\t%s\n' "$started" "$depth" "$name" "$took" "$status" >>"$STAGE_TIMES_FILE"
	fi
	return $status
}
