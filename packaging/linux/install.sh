#!/usr/bin/env bash
# Install a built bundle for the current user: the program folder, a menu entry with the icon, and the command
# line as 'cookie-inspector' on the PATH.
#
#   packaging/linux/install.sh [BUNDLE_DIR]          (default: dist/cookie-inspector, from packaging/build.sh)
#   PREFIX=/usr/local sudo -E packaging/linux/install.sh   for every user of the PC
#
# Installs into $PREFIX (default ~/.local): opt/cookie-inspector/, share/applications/cookie-inspector.desktop,
# share/icons/hicolor/256x256/apps/cookie-inspector.png and bin/cookie-inspector. Run again to update; remove those
# four paths to uninstall. The operator's settings, samples, models and log are elsewhere and are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=$(cd "${1:-$here/../../dist/cookie-inspector}" 2>/dev/null && pwd) || {
    echo "no bundle at ${1:-dist/cookie-inspector}: build it first with packaging/build.sh" >&2; exit 1; }
[ -x "$bundle/CookieInspector" ] || { echo "$bundle has no CookieInspector program: not a bundle" >&2; exit 1; }
prefix=${PREFIX:-$HOME/.local}
target=$prefix/opt/cookie-inspector
# copy next to the old install first, so a failed copy (a full disk) leaves the old one working
mkdir -p "$prefix/opt"
rm -rf "$target.new"
cp -a "$bundle" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
install -Dm644 "$target/_internal/resources/icons/cookie-inspector.png" \
    "$prefix/share/icons/hicolor/256x256/apps/cookie-inspector.png"
mkdir -p "$prefix/share/applications" "$prefix/bin"
sed "s|@EXEC@|\"$target/CookieInspector\"|" "$here/cookie-inspector.desktop" \
    > "$prefix/share/applications/cookie-inspector.desktop"
ln -sfn "$target/cookie-inspector-cli" "$prefix/bin/cookie-inspector"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
echo "installed $target; 'Cookie Inspector' is in the applications menu"
