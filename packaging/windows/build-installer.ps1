<#
.SYNOPSIS
  Build dist\factcheck-desk-<version>-setup.exe on Windows (PyInstaller is no cross-compiler).

.DESCRIPTION
  Run from any folder on a 64-bit Windows machine with Python 3.11 (python.org or the `py`
  launcher) and NSIS 3 (makensis on PATH or in Program Files):

      powershell -ExecutionPolicy Bypass -File packaging\windows\build-installer.ps1

  Steps: build venv (build\packaging\venv, versions from packaging\constraints.txt), icons
  (packaging\render_icons.py), PyInstaller bundle (packaging\factcheck-desk.spec), a
  self-check of the bundle (--version, --smoke offscreen), then makensis on
  packaging\windows\factcheck-desk.nsi. Same recipe as the .deb, so the three platforms ship
  the same bundle. .github\workflows\installers.yml runs it on a hosted Windows runner.

.PARAMETER Python
  Path of the python.exe for the build venv (default: `py -3.11` if the launcher exists,
  else `python` on PATH).
#>
param(
  [string]$Python = ""
)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path (Join-Path $PSScriptRoot "..\.."))

function Say([string]$Message) { Write-Host "==> $Message" -ForegroundColor Cyan }
function Run([string]$Exe, [string[]]$Arguments) {
  & $Exe @Arguments
  if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

$started = Get-Date
$venv = "build\packaging\venv"
$venvPython = Join-Path $venv "Scripts\python.exe"
$icons = "build\packaging\icons"
$bundle = "dist\pyinstaller\factcheck-desk"

if (-not (Test-Path $venvPython)) {
  Say "Creating the build virtualenv in $venv"
  if ($Python) { Run $Python @("-m", "venv", $venv) }
  elseif (Get-Command py -ErrorAction SilentlyContinue) { Run "py" @("-3.11", "-m", "venv", $venv) }
  else { Run "python" @("-m", "venv", $venv) }
}
Say "Installing PyInstaller and the app"
Run $venvPython @("-m", "pip", "install", "-q", "--disable-pip-version-check",
  "-c", "packaging\constraints.txt", "pyinstaller", "setuptools", ".")
Run $venvPython @("-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
  "--force-reinstall", "--no-build-isolation", ".")
$version = (& $venvPython -c "import importlib.metadata as m; print(m.version('factcheck-app'))").Trim()
$numbers = @([regex]::Matches(($version -split '\+')[0], '\d+') | ForEach-Object { $_.Value } | Select-Object -First 4)
while ($numbers.Count -lt 4) { $numbers += "0" }
$quad = $numbers -join "."

Say "Rendering icons"
$env:QT_QPA_PLATFORM = "offscreen"
if (Test-Path $icons) { Remove-Item -Recurse -Force $icons }
Run $venvPython @("packaging\render_icons.py", $icons)

Say "Freezing with PyInstaller"
if (Test-Path $bundle) { Remove-Item -Recurse -Force $bundle }
$env:FACTCHECK_ICON_DIR = (Resolve-Path $icons).Path
Run $venvPython @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
  "--distpath", "dist\pyinstaller", "--workpath", "build\pyinstaller",
  "packaging\factcheck-desk.spec")

Say "Self-check of the bundle"
$cli = Join-Path $bundle "factcheck-app-cli.exe"
$said = (& $cli --version).Trim()
if ($said -ne "factcheck-app $version") { throw "bundle says '$said', expected $version" }
$data = Join-Path ([System.IO.Path]::GetTempPath()) ("factcheck-smoke-" + [guid]::NewGuid())
$env:FACTCHECK_DATA_DIR = $data
Run $cli @("--smoke")
Remove-Item Env:FACTCHECK_DATA_DIR
Remove-Item -Recurse -Force $data

Say "Building the installer with NSIS"
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue)
if ($makensis) { $makensis = $makensis.Source }
else {
  $makensis = @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe") |
    Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $makensis) { throw "makensis not found: install NSIS 3 (e.g. choco install nsis)" }
$out = "dist\factcheck-desk-$version-setup.exe"
Run $makensis @("/V2", "/DVERSION=$version", "/DVERSION_QUAD=$quad",
  "/DPAYLOAD=$((Resolve-Path $bundle).Path)",
  "/DICON=$((Resolve-Path "$icons\factcheck-desk.ico").Path)",
  "/DOUTFILE=$((Get-Location).Path)\$out",
  "packaging\windows\factcheck-desk.nsi")

$size = (Get-Item $out).Length / 1MB
Say ("Done in {0:N0} s: $out ({1:N1} MiB)" -f ((Get-Date) - $started).TotalSeconds, $size)
