; netliver Windows installer (NSIS 3, Unicode). Per-user: no admin rights, nothing outside
; the install folder, one Start-menu shortcut and the uninstall key in HKCU.
;
; Build (Linux, Debian package nsis):
;   makensis -V2 -DVERSION=0.1.0 -DSTAGE=/abs/path/to/stage \
;            -DOUTFILE=/abs/path/to/target/packages/netliver-0.1.0-setup.exe \
;            packaging/windows/netliver.nsi
;
; Defines given on the command line:
;   VERSION  required. Plain X.Y.Z (VIProductVersion needs four numbers; ".0" is appended).
;   STAGE    required. Folder holding exactly these files (names are fixed):
;              netliver.exe            the release binary (x86_64-pc-windows-gnu)
;              netliver.com            its console face (the netliver-console binary)
;              netliver.ico            from scripts/make-icons
;              README.md               installed as README.txt
;              LICENSE-MIT             installed as LICENSE-MIT.txt
;              LICENSE-APACHE          installed as LICENSE-APACHE.txt
;              OpenSans-COPYRIGHT.txt  the embedded fonts' licence
;              FALLBACK-FONTS.txt      the fallback fonts' licences
;            Use an absolute path: makensis changes into this script's folder first.
;   OUTFILE  optional. Default: netliver-VERSION-setup.exe next to this script.
;   PUBLISHER optional. Default below.
;
; Silent: "netliver-X.Y.Z-setup.exe /S" (add /D=C:\path as the LAST argument to change folder);
;         uninstall silently with "%LOCALAPPDATA%\Programs\netliver\uninstall.exe /S"
;         (this is also the registered QuietUninstallString).

; A 64-bit installer: the app is x86_64 only, and Wine's wine64 (no wine32) can run it.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "Give the version: -DVERSION=X.Y.Z"
!endif
!ifndef STAGE
  !error "Give the staging folder: -DSTAGE=/abs/path (see the header of this file)"
!endif
!ifndef OUTFILE
  !define OUTFILE "netliver-${VERSION}-setup.exe"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "netliver"
!endif

!define APP "netliver"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
; An upgrade goes into the folder of the previous install.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${STAGE}/netliver.ico"
!define MUI_UNICON "${STAGE}/netliver.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\netliver.exe"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The installer follows the Windows display language; English is the fallback.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Danish"

Section "netliver" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}/netliver.exe"
  File "${STAGE}/netliver.com"
  File "${STAGE}/netliver.ico"
  File "/oname=README.txt" "${STAGE}/README.md"
  File "/oname=LICENSE-MIT.txt" "${STAGE}/LICENSE-MIT"
  File "/oname=LICENSE-APACHE.txt" "${STAGE}/LICENSE-APACHE"
  File "${STAGE}/OpenSans-COPYRIGHT.txt"
  File "${STAGE}/FALLBACK-FONTS.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu (current user): one shortcut, no folder, with the icon.
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\netliver.exe" "" "$INSTDIR\netliver.ico" 0

  ; Apps & features entry (HKCU, so no admin rights are needed).
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\netliver.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0  ; KiB
SectionEnd

Section "Uninstall"
  ; Remove only what the installer wrote; the folder goes only if it is then empty.
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$INSTDIR\netliver.exe"
  Delete "$INSTDIR\netliver.com"
  Delete "$INSTDIR\netliver.ico"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\LICENSE-MIT.txt"
  Delete "$INSTDIR\LICENSE-APACHE.txt"
  Delete "$INSTDIR\OpenSans-COPYRIGHT.txt"
  Delete "$INSTDIR\FALLBACK-FONTS.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; The app's own settings (eframe storage in %APPDATA%\netliver) are left alone, as is
  ; every handout the user saved.
SectionEnd
