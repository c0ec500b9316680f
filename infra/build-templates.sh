#!/bin/sh
# Compiles the templates that hooks deploy with the pinned Bicep CLI (BicepCliVersion in
# Directory.Packages.props), so the committed ARM JSON is exactly what the offline checks build.
# Run it after changing eventgrid-subscription.bicep; tests/ServerlessIR.Infra.Tests fails while the JSON is stale.
set -eu
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
version=$(sed -n 's:.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*:\1:p' "$root/Directory.Packages.props")
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$bicep" ]; then
  # The Infra test project downloads the CLI as a NuGet package on restore.
  dotnet restore "$root/tests/ServerlessIR.Infra.Tests" >/dev/null
fi
chmod +x "$bicep"
"$bicep" build "$root/infra/eventgrid-subscription.bicep" --outfile "$root/infra/eventgrid-subscription.json"
echo "infra/eventgrid-subscription.json built with Bicep $version."
