; Inno Setup script: turns the PyInstaller folder (dist\zitour-planner, built on Windows by
; `python packaging\bundle.py --no-archive`) into a per-user installer that adds the Start-menu
; entry and opens .zitour files with the application on a double click.
;   iscc packaging\windows\zitour.iss      ->  dist\zitour-planner-0.1.0-setup.exe
; See docs/packaging.md ("Windows").

#define AppName "ZI Tour planner"
#define AppVersion "0.1.0"
#define Bundle "..\..\dist\zitour-planner"

[Setup]
AppId={{6C1B8F0E-5A57-4C8B-9E43-2F1D0B7A7E15}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ZI Tour
DefaultDirName={localappdata}\Programs\ZI Tour planner
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=zitour-planner-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppName}.exe"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppName}.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Registry]
; .zitour -> ZITour.Project -> "ZI Tour planner.exe" "%1" (what `zitour PATH` opens)
Root: HKCU; Subkey: "Software\Classes\.zitour"; ValueType: string; ValueData: "ZITour.Project"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\ZITour.Project"; ValueType: string; ValueData: "Projet ZI Tour"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\ZITour.Project\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppName}.exe,0"
Root: HKCU; Subkey: "Software\Classes\ZITour.Project\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppName}.exe"" ""%1"""

[Run]
Filename: "{app}\{#AppName}.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
