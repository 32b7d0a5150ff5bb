namespace HookGuard.Core.Packaging;

/// <summary>
/// The PEP 508 environment markers of one interpreter
/// (https://peps.python.org/pep-0508/#environment-markers).
/// </summary>
public sealed record MarkerEnvironment(
    string PythonVersion,          // "3.11"
    string PythonFullVersion,      // "3.11.7"
    string OsName,                 // "posix" | "nt"
    string SysPlatform,            // "linux" | "win32" | "darwin"
    string PlatformSystem,         // "Linux" | "Windows" | "Darwin"
    string PlatformMachine,        // "x86_64"
    string PlatformRelease,
    string PlatformVersion,
    string PlatformPythonImplementation, // "CPython"
    string ImplementationName,     // "cpython"
    string ImplementationVersion)  // "3.11.7"
{
    /// <summary>Looks a marker variable up by its PEP 508 name; <see langword="null"/> if unknown.</summary>
    public string? this[string variable] => variable switch
    {
        "python_version" => PythonVersion,
        "python_full_version" => PythonFullVersion,
        "os_name" => OsName,
        "sys_platform" => SysPlatform,
        "platform_system" => PlatformSystem,
        "platform_machine" => PlatformMachine,
        "platform_release" => PlatformRelease,
        "platform_version" => PlatformVersion,
        "platform_python_implementation" => PlatformPythonImplementation,
        "implementation_name" => ImplementationName,
        "implementation_version" => ImplementationVersion,
        _ => null,
    };
}
