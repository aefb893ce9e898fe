#!/bin/sh
# Generates the spoken prompts of one language from prompts/<lang>.tsv (id<TAB>text) with espeak-ng, then sox:
# trimmed of leading/trailing silence, normalised to -3 dBFS, a 100 ms tail, 8 kHz mono signed 16-bit WAV.
# Output: src/main/resources/postbox/prompts/<lang>/<id>.wav and prompts.tsv (the index PromptLibrary loads).
# The WAVs are committed, so a fresh machine needs no TTS; re-run this after editing the .tsv.
#
# usage: prompts/make-prompts.sh [lang]     (default en; needs espeak-ng and sox)
set -eu

lang=${1:-en}
here=$(cd "$(dirname "$0")" && pwd)
table="$here/$lang.tsv"
out="$here/../src/main/resources/postbox/prompts/$lang"
voice=${POSTBOX_VOICE:-en-us+f3}
speed=${POSTBOX_SPEED:-150}

command -v espeak-ng >/dev/null || { echo "make-prompts: espeak-ng is not installed" >&2; exit 1; }
command -v sox >/dev/null || { echo "make-prompts: sox is not installed" >&2; exit 1; }
[ -f "$table" ] || { echo "make-prompts: no table $table" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/*.wav "$out/prompts.tsv"

grep -v '^#' "$table" | grep -v '^[[:space:]]*$' > "$tmp/index.tsv"
count=0
while IFS="$(printf '\t')" read -r id text; do
    case "$id" in
        *[!a-z0-9-]*|'') echo "make-prompts: bad id '$id' (use a-z, 0-9, -)" >&2; exit 1 ;;
    esac
    espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
    # -R: repeatable (same bytes on every run); silence trims both ends (reverse trick), norm to -3 dBFS
    sox -R "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$out/$id.wav" \
        silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse norm -3 pad 0 0.1
    count=$((count + 1))
done < "$tmp/index.tsv"
cp "$tmp/index.tsv" "$out/prompts.tsv"
echo "make-prompts: $count prompts written to $out"
