#!/usr/bin/env bash
# The package as a user gets it: packs ModelGen into a throw-away local folder feed, copies packaging/consumer/ (a
# console project outside the solution, with its own Directory.Build.props so nothing of the repository's leaks in)
# next to it, restores the package from that feed into an empty packages folder (so no cached copy can be used),
# builds it for net8.0 and net10.0, and runs it: XOR must be learned exactly. Prints one final line, PASS or FAIL.
#
#   packaging/consumer-test.sh            (about a minute; needs the .NET 10 SDK and the default NuGet feed)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/modelgen-consumer.XXXXXX")"
step="start"
finish() {
    local rc=$?
    rm -rf "$work"
    if [ "$rc" -eq 0 ]; then
        echo "consumer-test: PASS: ModelGen ${version:-?} from a local feed builds for net8.0 and net10.0 and learns XOR (4/4)"
    else
        echo "consumer-test: FAIL at '$step' (exit $rc)"
    fi
}
trap finish EXIT

step="read the version"
version="$(dotnet msbuild "$repo/src/ModelGen/ModelGen.csproj" -getProperty:Version)"

step="pack"
dotnet pack "$repo/src/ModelGen/ModelGen.csproj" -c Release -o "$work/feed"
package="$work/feed/ModelGen.$version.nupkg"
test -f "$package"

step="create the consumer"
cp -R "$repo/packaging/consumer" "$work/app"
# The default sources stay (the net8.0 reference pack comes from there); the local feed is added.
cat > "$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="modelgen-local" value="$work/feed" />
  </packageSources>
</configuration>
XML
export NUGET_PACKAGES="$work/packages"

step="restore"
dotnet restore "$work/app" -p:ModelGenVersion="$version"
# The package restored must be the one just packed, not a same-numbered one from another source.
# (NuGet stores the SHA-512 in base64; coreutils alone turn it into hex.)
expected="$(sha512sum "$package" | cut -d' ' -f1)"
actual="$(base64 -d "$NUGET_PACKAGES/modelgen/$version/modelgen.$version.nupkg.sha512" | od -An -v -tx1 | tr -d ' \n')"
if [ "$expected" != "$actual" ]; then
    echo "The restored ModelGen $version is not the package just packed: another feed has that version." >&2
    exit 1
fi

step="build"
dotnet build "$work/app" -c Release --no-restore -p:ModelGenVersion="$version"

step="run (net10.0)"
dotnet run --project "$work/app" -c Release -f net10.0 --no-build
